"""Everything held about one shopper: export it as JSON, or forget it everywhere.

Where a user's data lives (docs/privacy-and-safety.md: profiles are personal data):

- the build's `profiles_*.parquet` (RFM row, affinities) and `topn.npz` (history row, factors);
- `svd.npz` (the user's bias and factor vector);
- the build's input files (ratings, events), recorded by path in the manifest: the next
  training reads them, so they are rewritten without the user's rows;
- `ART/logs/chat.jsonl` when the chat log is on (lines under the user's keyed pseudonym).

Carts and dialogue state are not persisted: they live in the server's memory and expire with
the session. Item-side model weights (SVD item factors, EASE item-item weights) were learned
with the user's data among everyone's and are not per-user: the next build, from the
rewritten inputs, no longer learns from them.

How `forget` stays crash-safe: under the artifact lock it copies the current build into a
staging dir, removes the user there, writes the rewritten inputs and chat log as temporary
files beside their targets, and only then publishes: the input and log files by `os.replace`,
then the new build through `artifacts.commit_build` (the manifest swap, with fresh sha256s).
An exception or kill while staging leaves everything as it was; `forget` is idempotent, so
running it again completes a forget interrupted while publishing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gzip
import json
import math
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from assistant.chatlog import LOG_DIR, LOG_FILE, ChatLog
from assistant.shopdata.artifacts import (
    ArtifactError,
    Manifest,
    artifact_lock,
    commit_build,
    fsync_build,
    hash_build,
    read_manifest,
    sha256_file,
    verify_files,
)
from assistant.shopdata.atomic import fsync_dir
from recsys.cf import MODEL_FILE, SVDRecommender
from recsys.profiles import ProfileStore
from retrieval.catalog import as_text, read_table

INPUT_ROLES = ("ratings", "events")


def _state_store(art_dir: Path, state: str | None):
    """The live-state database (`--state URL`, $SHOPASSIST_STATE, or ART/state.db when that file exists);
    None when there is none (no server ever ran with these artifacts): nothing to export or forget there."""
    from assistant.livestate.db import ENV_URL, STATE_FILE, open_state, state_url
    from assistant.livestate.store import StateStore

    if not state and not os.environ.get(ENV_URL) and not (art_dir / STATE_FILE).exists():
        return None
    return StateStore(open_state(state_url(art_dir, state)))


def _input_rows(path: Path, user_id: str) -> tuple[pd.DataFrame, pd.Series]:
    """The input table and a mask of the user's rows (ids compared as the loaders see them)."""
    table = read_table(path)
    return table, as_text(table["user_id"]) == user_id


def _chat_log(art_dir: Path) -> ChatLog | None:
    """The chat log if one was ever written (a ChatLog creates the pseudonym key; don't, for nothing)."""
    return ChatLog(art_dir) if (art_dir / LOG_DIR / LOG_FILE).exists() else None


def _plain(value: Any) -> Any:
    """JSON-safe: NaN -> None, numpy scalars and arrays -> Python, timestamps -> ISO strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist"):
        return _plain(value.tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def export_user(art_dir: str | Path, user_id: str, state: str | None = None) -> dict[str, Any]:
    """Everything the artifacts, the build's inputs, the chat log and the live-state database (sessions
    with their carts, orders, events) hold about `user_id`, JSON-ready."""
    art_dir = Path(art_dir)
    manifest = read_manifest(art_dir)
    directory = verify_files(art_dir, manifest)
    profiles = ProfileStore.load(directory)
    profile = profiles.get(user_id)
    topn = profiles.topn
    out: dict[str, Any] = {"user_id": user_id, "artifacts": str(art_dir), "build_id": manifest.build_id,
                           "profile": dataclasses.asdict(profile) if profile else None}
    if topn is not None and topn.knows_user(user_id):
        row = topn.users.position(user_id)
        out["topn"] = {"present": True, "model": topn.kind,
                       "interacted_products": [str(topn.items.ids[c]) for c in topn.history[row].indices]}
    else:
        out["topn"] = {"present": False}
    svd = SVDRecommender.load(directory) if (directory / MODEL_FILE).exists() else None
    if svd is not None and svd.knows_user(user_id):
        out["cf"] = {"present": True, "bias": svd.user_bias[user_id], "factors": svd.user_factors[user_id]}
    else:
        out["cf"] = {"present": False}
    out["inputs"] = {}
    for role in INPUT_ROLES:
        if role in manifest.inputs and Path(manifest.inputs[role]["path"]).exists():
            table, mine = _input_rows(Path(manifest.inputs[role]["path"]), user_id)
            out["inputs"][role] = table[mine.to_numpy()].to_dict(orient="records")
    log = _chat_log(art_dir)
    out["chat_log"] = log.export(user_id) if log else []
    store = _state_store(art_dir, state)
    out["live_state"] = store.export_user(user_id) if store is not None else {"sessions": [], "orders": [],
                                                                              "events": []}
    return _plain(out)


def _stage(target: Path, write: Callable[[Path], None], staged: list[tuple[Path, Path]]) -> None:
    """Write a temporary file beside `target` (same filesystem, so publishing is one rename)."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".forget")
    os.close(fd)
    staged.append((Path(name), target))
    write(Path(name))
    with open(name, "rb+") as fh:
        os.fsync(fh.fileno())
    os.chmod(name, target.stat().st_mode & 0o7777)


def _write_table(table: pd.DataFrame, path: Path, like: Path) -> None:
    name = like.name.lower()
    if name.endswith(".parquet"):
        table.to_parquet(path, index=False)
    elif name.endswith((".csv", ".csv.gz")):
        table.to_csv(path, index=False, compression="gzip" if name.endswith(".gz") else None)
    else:
        text = "".join(json.dumps(_plain(r), ensure_ascii=False) + "\n" for r in table.to_dict(orient="records"))
        data = text.encode("utf-8")
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)


def _stage_inputs(manifest: Manifest, user_id: str, staged: list[tuple[Path, Path]],
                  removed: dict[str, int]) -> dict[str, dict[str, Any]]:
    """Stage the input files without the user's rows; returns the manifest's new `inputs`."""
    inputs = {role: dict(entry) for role, entry in manifest.inputs.items()}
    for role in INPUT_ROLES:
        entry = inputs.get(role)
        if entry is None or not Path(entry["path"]).exists():
            continue
        path = Path(entry["path"])
        table, mine = _input_rows(path, user_id)
        removed[role] = int(mine.sum())
        if removed[role]:
            kept = table[~mine.to_numpy()]
            _stage(path, lambda tmp, t=kept, p=path: _write_table(t, tmp, p), staged)
            entry["sha256"] = sha256_file(staged[-1][0])
            entry["rows"] = max(int(entry.get("rows", 0)) - removed[role], 0)
    return inputs


def _forget_in_build(directory: Path, user_id: str, removed: dict[str, int]) -> None:
    profiles = ProfileStore.load(directory)
    removed["profile"] = int(user_id in profiles.user_ids())
    removed["topn"] = int(profiles.topn is not None and profiles.topn.knows_user(user_id))
    profiles.forget(user_id)
    profiles.save(directory)
    if (directory / MODEL_FILE).exists():
        svd = SVDRecommender.load(directory)
        removed["cf"] = int(svd.knows_user(user_id))
        svd.forget_user(user_id)
        svd.save(directory)


class SharedInputsError(ArtifactError):
    """The artifacts folder is a copy of another: forgetting here would rewrite the other's input files."""


def missing_inputs(art_dir: str | Path) -> list[str]:
    """Input files the build recorded that are gone (moved or deleted): a forget cannot clean them."""
    manifest = read_manifest(art_dir)
    return [entry["path"] for role, entry in sorted(manifest.inputs.items())
            if role in INPUT_ROLES and not Path(entry["path"]).exists()]


def forget_user(art_dir: str | Path, user_id: str, shared_inputs_ok: bool = False,
                state: str | None = None) -> dict[str, int]:
    """Remove `user_id` from the artifacts, the build's inputs, the chat log and the live-state database
    (sessions, carts, orders, events); counts per place.

    `inputs_missing` counts input files the build recorded that no longer exist: the user's rows in
    their moved copies were not removed (the CLI says so and exits non-zero).

    Raises:
        ArtifactError: no (valid) artifacts, or a build or another forget holds the lock.
        SharedInputsError: the folder is a copy of another artifacts folder (its build recorded that
            one), so their input files are shared; `shared_inputs_ok` forgets anyway.
    """
    art_dir = Path(art_dir)
    with artifact_lock(art_dir):
        manifest = read_manifest(art_dir)
        home = manifest.stats.get("artifacts_dir")
        if home and Path(home) != art_dir.resolve() and Path(home).exists() and not shared_inputs_ok:
            raise SharedInputsError(
                f"{art_dir} is a copy of {home} (its build was made there): both use the same input files, "
                f"so forgetting here would change {home}'s inputs behind its back. Run the forget on {home}, "
                "or pass --shared-inputs-ok to forget in both places' inputs anyway")
        directory = verify_files(art_dir, manifest)
        build_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        staging = art_dir / f".staging-{build_id}"
        staged: list[tuple[Path, Path]] = []
        removed: dict[str, int] = {}
        try:
            shutil.copytree(directory, staging)
            _forget_in_build(staging, user_id, removed)
            inputs = _stage_inputs(manifest, user_id, staged, removed)
            removed["inputs_missing"] = len(missing_inputs(art_dir))
            log = _chat_log(art_dir)
            if log is not None:
                text, removed["chat_log"] = log.without(user_id)
                if removed["chat_log"]:
                    _stage(log.path, lambda tmp: tmp.write_text(text, encoding="utf-8"), staged)
            fsync_build(staging)
            new = dataclasses.replace(
                manifest, build_id=build_id, created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                inputs=inputs, files=hash_build(staging),
                stats={**manifest.stats, "forgets": int(manifest.stats.get("forgets", 0)) + 1})
            _publish(staged)
        except BaseException:
            for tmp, _ in staged:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        commit_build(art_dir, staging, new)
        store = _state_store(art_dir, state)
        if store is not None:
            removed.update({f"live_{table}": n for table, n in store.forget_user(user_id).items()})
    return removed


def _publish(staged: list[tuple[Path, Path]]) -> None:
    """Rename the staged files over their targets (each rename is atomic), then flush the dirs."""
    for tmp, target in staged:
        os.replace(tmp, target)
    for directory in {target.parent for _, target in staged}:
        fsync_dir(directory)
