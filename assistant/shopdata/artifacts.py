"""The artifact directory: a manifest that points at one complete build.

Layout::

    ART/manifest.json      written last, atomically (temp file + os.replace)
    ART/build-<id>/        catalog, FAISS index, SVD model, profiles of that build
    ART/.lock              held while a build or a `forget` writes

Why this shape: a build writes a new `build-<id>/` beside the old one and only then swaps the
manifest, so a build killed midway leaves the previous manifest pointing at the previous,
complete build. Each file's sha256 is recorded, so corruption is detected on load with a
message naming the file and the command that rebuilds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.shopdata.atomic import atomic_write_text
from retrieval.types import UserError

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
# Files older builds hold that this version never reads, and what they are: such a build is rebuilt.
RETIRED_FILES = {"svd.pkl": "an SVD model saved with pickle by an older shopassist (builds now save svd.npz; "
                            "a pickle is never loaded, since loading one runs code from the file)"}


class ArtifactError(UserError, RuntimeError):
    """A missing, corrupt or incompatible artifact; the message says how to rebuild."""


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def build_files(directory: Path) -> list[Path]:
    """Every file of a build directory, sub-folders included (a Milvus Lite folder), sorted."""
    return sorted(p for p in Path(directory).rglob("*") if p.is_file())


def hash_build(directory: Path) -> dict[str, str]:
    """The manifest's `files`: each file's path relative to the build directory -> its sha256."""
    directory = Path(directory)
    return {p.relative_to(directory).as_posix(): sha256_file(p) for p in build_files(directory)}


def fsync_build(directory: Path) -> None:
    """Flush every file of a staged build to disk before it is published."""
    for path in build_files(directory):
        with open(path, "rb") as fh:
            os.fsync(fh.fileno())


@contextlib.contextmanager
def artifact_lock(art_dir: str | Path, blocking: bool = False) -> Iterator[None]:
    """Exclusive lock so two builds (or a build and a forget) never interleave their writes."""
    art_dir = Path(art_dir)
    art_dir.mkdir(parents=True, exist_ok=True)
    with open(art_dir / ".lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError as exc:
            raise ArtifactError(f"{art_dir} is locked by another build or forget; wait for it to finish") from exc
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Manifest:
    build_id: str
    created: str
    inputs: dict[str, dict[str, Any]]     # role -> {"path", "sha256", "rows"}
    config: dict[str, Any]
    versions: dict[str, str]
    files: dict[str, str]                 # file name in the build dir -> sha256
    stats: dict[str, Any]

    def to_json(self) -> str:
        return json.dumps({"format_version": FORMAT_VERSION, **self.__dict__}, indent=2, sort_keys=True)


def rebuild_hint(art_dir: Path) -> str:
    return f"rebuild with: shopassist build --data DATA_DIR --out {art_dir}"


def read_manifest(art_dir: str | Path) -> Manifest:
    art_dir = Path(art_dir)
    path = art_dir / MANIFEST
    if not path.exists():
        raise ArtifactError(f"no artifacts at {art_dir} ({MANIFEST} missing); {rebuild_hint(art_dir)}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.pop("format_version") != FORMAT_VERSION:
            raise ArtifactError(f"{path} has an unsupported format version; {rebuild_hint(art_dir)}")
        return Manifest(**data)
    except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ArtifactError(f"{path} is corrupt ({exc}); {rebuild_hint(art_dir)}") from exc


def build_dir(art_dir: str | Path, manifest: Manifest) -> Path:
    return Path(art_dir) / f"build-{manifest.build_id}"


def verify_files(art_dir: str | Path, manifest: Manifest) -> Path:
    """Check every file of the build exists, matches its recorded hash and is in a format this version
    reads (not one of `RETIRED_FILES`); return the build dir."""
    art_dir = Path(art_dir)
    directory = build_dir(art_dir, manifest)
    for name, digest in manifest.files.items():
        path = directory / name
        if name in RETIRED_FILES:
            raise ArtifactError(f"artifact {path} is {RETIRED_FILES[name]}; {rebuild_hint(art_dir)}")
        if not path.exists():
            raise ArtifactError(f"artifact {path} is missing; {rebuild_hint(art_dir)}")
        if sha256_file(path) != digest:
            raise ArtifactError(f"artifact {path} is corrupt (checksum mismatch); {rebuild_hint(art_dir)}")
    return directory


def commit_build(art_dir: Path, staging: Path, manifest: Manifest) -> None:
    """Publish a fully written staging dir: rename it into place, then swap the manifest."""
    final = build_dir(art_dir, manifest)
    staging.rename(final)
    atomic_write_text(art_dir / MANIFEST, manifest.to_json())
    remove_stale_builds(art_dir, keep=final.name)


def remove_stale_builds(art_dir: Path, keep: str) -> None:
    """Delete builds the manifest no longer points at (older ones and killed half-builds)."""
    for path in art_dir.iterdir():
        if path.is_dir() and path.name.startswith(("build-", ".staging-")) and path.name != keep:
            shutil.rmtree(path, ignore_errors=True)
