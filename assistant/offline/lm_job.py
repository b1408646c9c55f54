"""The fine-tune a build is waiting for, as a job: `shopassist finish-lm` (what `serve` runs in the background).

Why a job apart from `build`: on a fresh machine `make demo` must answer within a minute, and the
fine-tune takes ~5 minutes (plus ~1.5 the first time, compiling kernels). `build --if-stale` publishes
the build without the LM and records it as pending; `serve` answers with the rule parser and runs
this job in a separate process (torch training would otherwise hold the server's GIL). The job:

1. reads the shop the build was made from (its recorded input files, which must be unchanged);
2. compiles the fine-tune's kernels once per machine (`prepare-lm`; skipped when the fine-tune is cached);
3. fine-tunes, or reuses the cached fine-tune for these inputs (`assistant/training/cache.py`);
4. publishes a copy of the current build with `lm.json`, under the artifact lock, atomically, like
   `update-products`: a server on these artifacts follows it without a restart (`ui/reload.py`).

Where it is goes to a status file (`ART/lm-job/status.json`, atomic writes at most once a second):
`state` ("training", "done", "failed"), `stage`, `detail`, `progress` (0-1), `eta_s`, `reason`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from assistant.config import AppConfig, AssistantConfig
from assistant.shopdata.artifacts import (
    ArtifactError,
    artifact_lock,
    commit_build,
    fsync_build,
    hash_build,
    read_manifest,
    sha256_file,
    verify_files,
)
from assistant.shopdata.atomic import atomic_write_text
from assistant.training.progress import Progress, listening
from retrieval.types import UsageError, UserError

JOB_DIR = "lm-job"
STATUS_FILE = "status.json"
LOG_FILE = "output.log"
# The stages in order, for the estimate of what is left; "preparing kernels" happens once per machine.
STAGES = ("loading the shop", "preparing kernels", "training the intent prior", "generating dialogues",
          "loading the base model", "fine-tuning", "scoring", "saving", "publishing")


class FineTuneRejected(UserError, RuntimeError):
    """The fine-tune finished but scored below the held-out bar, so the build keeps the rule parser."""


def job_paths(art_dir: str | Path) -> tuple[Path, Path]:
    """(status file, output log) of the background fine-tune for these artifacts."""
    folder = Path(art_dir) / JOB_DIR
    return folder / STATUS_FILE, folder / LOG_FILE


def read_status(path: str | Path) -> dict[str, Any] | None:
    """The status a job last wrote; None when there is none (yet) or it cannot be read."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def expected_seconds(cfg: AssistantConfig, prepared: bool) -> dict[str, float]:
    """Rough seconds per stage on the 2-core machine (the estimate is replaced by measured step rates
    once the fine-tune runs; its time guard bounds it)."""
    return {"loading the shop": 5.0, "preparing kernels": 0.0 if prepared else 90.0,
            "training the intent prior": 15.0 if cfg.lm_intent_prior != "none" else 0.0,
            "generating dialogues": 5.0, "loading the base model": 5.0, "fine-tuning": cfg.lm_max_train_seconds,
            "scoring": 0.5 * cfg.lm_eval_messages, "saving": 5.0, "publishing": 5.0}


class StatusWriter:
    """Turns progress reports into the status file: stage, detail, share done and seconds left.

    Share done = elapsed / (elapsed + left), where left is the current stage's remainder plus the
    expected seconds of the stages after it; in the fine-tune the remainder comes from its step rate,
    capped by its time guard.
    """

    def __init__(self, path: str | Path, expected: dict[str, float], min_interval_s: float = 1.0,
                 clock: Callable[[], float] = time.monotonic):
        self.path = Path(path)
        self.expected = expected
        self.min_interval_s = min_interval_s
        self.clock = clock
        self.started = clock()
        self.stage_started = self.started
        self.stage = ""
        self._written = -1e9
        self._progress: Progress | None = None
        self._finished = False
        self._lock = threading.Lock()
        self.last: dict[str, Any] = {}

    def __call__(self, progress: Progress) -> None:
        with self._lock:
            now = self.clock()
            changed = progress.stage != self.stage
            if changed:
                self.stage, self.stage_started = progress.stage, now
            self._progress = progress
            if changed or now - self._written >= self.min_interval_s:
                self._emit(progress, now)

    def refresh(self) -> None:
        """Write the estimate again as time passes (a stage without steps, such as compiling, reports once)."""
        with self._lock:
            now = self.clock()
            if self._progress is not None and not self._finished and now - self._written >= self.min_interval_s:
                self._emit(self._progress, now)

    def _emit(self, progress: Progress, now: float) -> None:
        left = self._left(progress, now)
        elapsed = now - self.started
        self._write({"state": "training", "stage": progress.stage, "detail": _detail(progress),
                     "progress": round(min(0.99, elapsed / max(elapsed + left, 1e-9)), 3),
                     "eta_s": round(left), "elapsed_s": round(elapsed)})

    def _left(self, progress: Progress, now: float) -> float:
        stage = progress.stage
        later = STAGES[STAGES.index(stage) + 1:] if stage in STAGES else ()
        after = sum(self.expected.get(s, 0.0) for s in later)
        in_stage = now - self.stage_started
        if progress.done and progress.total and progress.elapsed_s:
            rate_left = (progress.total - progress.done) * progress.elapsed_s / progress.done
            guard_left = (progress.budget_s - progress.elapsed_s) if progress.budget_s else rate_left
            current = max(0.0, min(rate_left, guard_left))
        else:
            current = max(1.0, self.expected.get(stage, 5.0) - in_stage)
        return current + after

    def done(self, result: dict[str, Any]) -> None:
        with self._lock:
            self._finished = True
            self._write({"state": "done", "stage": "done", "detail": "", "progress": 1.0, "eta_s": 0,
                         "elapsed_s": round(self.clock() - self.started), **result})

    def failed(self, reason: str) -> None:
        with self._lock:
            self._finished = True
            self._write({**self.last, "state": "failed", "reason": reason, "eta_s": None})

    def _write(self, status: dict[str, Any]) -> None:
        self.last = status
        self._written = self.clock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.path, json.dumps({**status, "pid": os.getpid(), "updated": time.time()}))


def _detail(progress: Progress) -> str:
    parts = []
    if progress.total:
        parts.append(f"{progress.done or 0}/{progress.total} steps")
    if progress.budget_s and progress.elapsed_s:
        parts.append(f"{progress.elapsed_s:.0f}/{progress.budget_s:.0f} s of the time guard")
    if progress.note:
        parts.append(progress.note)
    return ", ".join(parts)


def one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:300]}" if text else type(exc).__name__


@contextlib.contextmanager
def _job_lock(art_dir: Path) -> Iterator[None]:
    """One fine-tune per artifacts folder: a second job (a second server) waits, then finds the LM there."""
    folder = art_dir / JOB_DIR
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def finish_lm(art_dir: str | Path, cfg: AppConfig, log: Callable[[str], None] = print,
              status_path: str | Path | None = None) -> dict[str, Any]:
    """Fine-tune (or reuse) the LM the build in `art_dir` lacks and publish the build with it.

    Returns {"build_id", "model", "already"}; `already` when the build had a usable LM. Writes the
    status file as it goes, "failed" with a one-line reason before an error propagates.
    """
    from assistant.lm.load import lm_missing

    art_dir = Path(art_dir)
    ac = cfg.assistant
    if "lm" not in (ac.parser, ac.writer):
        raise UsageError("this config uses no language model (parser 'rules', writer 'template'): nothing to train")
    with _job_lock(art_dir):
        status = StatusWriter(status_path or job_paths(art_dir)[0], expected_seconds(ac, _kernels_ready(ac)))
        stop = threading.Event()
        threading.Thread(target=_refresh_until, args=(status, stop), name="lm-job-status", daemon=True).start()
        try:
            status(Progress("loading the shop"))
            if lm_missing(art_dir, ac) is None:
                result = {"build_id": read_manifest(art_dir).build_id, "model": "", "already": True}
                log("the build already has its fine-tuned LM: nothing to do")
            else:
                with listening(status):
                    result = _finish(art_dir, cfg, status, log)
        except BaseException as exc:
            stop.set()
            status.failed(one_line(exc))
            raise
        stop.set()
        status.done(result)
    return result


def _refresh_until(status: StatusWriter, stop: threading.Event) -> None:
    while not stop.wait(1.0):
        status.refresh()


def _kernels_ready(cfg: AssistantConfig) -> bool:
    """Whether the compiled kernels are likely cached (for the time estimate only)."""
    from assistant.lm.model import cache_root

    if not (cfg.lm_compile_train and cfg.lm_lora_rank):
        return True
    return any((cache_root(cfg.lm_cache_dir) / "torch-compile").glob("ready-*.json"))


def _finish(art_dir: Path, cfg: AppConfig, status: StatusWriter, log: Callable[[str], None]) -> dict[str, Any]:
    from assistant.shopdata.load import input_files, load_shop
    from assistant.training.cache import cached_model, ensure_finetuned
    from assistant.training.prepare import prepare_finetune

    manifest = read_manifest(art_dir)
    data_dir = Path(manifest.inputs["products"]["path"]).parent
    recorded = {role: entry["sha256"] for role, entry in manifest.inputs.items()}
    if {role: sha256_file(path) for role, path in input_files(data_dir).items()} != recorded:
        raise ArtifactError(f"the data in {data_dir} changed since the build; rebuild with: "
                            f"shopassist build --data {data_dir} --out {art_dir}")
    shop = load_shop(data_dir, (cfg.recsys.rating_min, cfg.recsys.rating_max))
    if cached_model(shop.catalog, shop.events, cfg.assistant) is not None:  # reuse and publish: seconds
        status.expected = {stage: 5.0 if stage == "publishing" else 0.0 for stage in STAGES}
    else:
        prepared = prepare_finetune(cfg.assistant, log)
        if prepared.get("compiled") and not prepared.get("already"):
            log(f"compiled the fine-tune's kernels in {prepared.get('seconds')} s (once per machine)")
    model_dir, meta = ensure_finetuned(shop.catalog, shop.events, cfg.assistant, log)
    intent = (meta.get("heldout") or {}).get("intent_accuracy")
    if intent is not None and intent < cfg.assistant.lm_min_heldout_intent:
        # A time-guarded fine-tune on a busy machine can stop after a few steps; the rules answer better.
        raise FineTuneRejected(f"the fine-tune scored {intent:.1%} on held-out messages, below the "
                               f"{cfg.assistant.lm_min_heldout_intent:.0%} bar (assistant.lm_min_heldout_intent): "
                               "the rule parser keeps answering; `shopassist train-lm --force` retrains it")
    status(Progress("publishing"))
    build_id = publish_with_lm(art_dir, model_dir, meta, cfg.assistant)
    log(f"published build {build_id} with the fine-tuned LM {model_dir}")
    return {"build_id": build_id, "model": str(model_dir), "already": False}


def publish_with_lm(art_dir: str | Path, model_dir: str | Path, meta: dict[str, Any],
                    assistant_cfg: AssistantConfig | None = None) -> str:
    """Publish a copy of the current build with `lm.json` naming `model_dir`; returns the new build id.

    Under the artifact lock (waiting for a build or `forget` in progress), so it copies whatever build
    is current then. The manifest's `[assistant]` config becomes `assistant_cfg` when given, so a
    `build --if-stale` with that config finds the build up to date."""
    from assistant.training.cache import write_pointer

    art_dir = Path(art_dir)
    with artifact_lock(art_dir, blocking=True):
        manifest = read_manifest(art_dir)
        directory = verify_files(art_dir, manifest)
        now = dt.datetime.now(dt.UTC)
        build_id = now.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        staging = art_dir / f".staging-{build_id}"
        try:
            shutil.copytree(directory, staging)
            pointer = write_pointer(staging, Path(model_dir), meta)
            fsync_build(staging)
            config = dict(manifest.config)
            if assistant_cfg is not None:
                config["assistant"] = dataclasses.asdict(assistant_cfg)
            new = dataclasses.replace(
                manifest, build_id=build_id, created=now.isoformat(timespec="seconds"), config=config,
                files=hash_build(staging),
                stats={**manifest.stats, "lm": pointer})
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        commit_build(art_dir, staging, new)
    return build_id
