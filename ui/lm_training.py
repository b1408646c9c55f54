"""The fine-tune a server runs in the background while it answers with the rules.

Why: on a fresh machine the fine-tuned LM is ~5 minutes away (plus ~1.5 compiling kernels once),
and `make demo` must answer at once. `shopassist serve` on a build without its LM starts
`shopassist finish-lm` in a child process (torch training would hold this process's GIL), shows
its progress on the terminal and in `/api/health`, and when the job has published the build with
the LM, loads it outside the turn lock and switches to it (no restart). A failed job leaves the
rules answering; health says "failed" with a one-line reason, the log says where the output is.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, Literal

from assistant.offline.lm_job import job_paths, read_status
from assistant.progress_bar import bars_on

log = logging.getLogger("shopassist.ui")

BAR_WIDTH = 20


class BackgroundFineTune:
    """A `finish-lm` child process and what it reports.

    `state`: "training" (running), "loading" (published; the server is loading the model), "ready"
    (the server answers with the LM), "failed" (`reason`; the output is in `log_path`).

    Args:
        command: the child's command line (a test may pass a fake job).
        status_path: the status file the job writes (`assistant.offline.lm_job.StatusWriter`).
        log_path: where the child's stdout and stderr go.
        env: the child's environment (None: this one; `for_build` lets its threads spin like `build`'s).
        poll_s: how often the status file and the child are checked.
        out: where the progress line goes; "stdout": this process's stdout when the job is made (the serve
            process's terminal); None: nowhere.
        load_timeout_s: how long the server may take to load the published build before "failed".
    """

    def __init__(self, command: Sequence[str], status_path: str | Path, log_path: str | Path,
                 env: dict[str, str] | None = None, poll_s: float = 1.0,
                 out: IO[str] | None | Literal["stdout"] = "stdout", load_timeout_s: float = 300.0):
        self.command = list(command)
        self.status_path = Path(status_path)
        self.log_path = Path(log_path)
        self.env = env
        self.poll_s = poll_s
        out = sys.stdout if out == "stdout" else out  # the stdout of now, not of when this module was imported
        self.out = out
        self.load_timeout_s = load_timeout_s
        self.state = "training"
        self.reason = ""
        self._status: dict[str, Any] = {"stage": "starting", "detail": "", "progress": 0.0, "eta_s": None}
        self._proc: subprocess.Popen | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._started_wall = 0.0
        self._loading_since = 0.0
        self._printed: tuple[str, int] | None = None
        self._printed_at = 0.0
        # a line redrawn in place on a terminal; plain lines now and then with --quiet, in CI and in logs
        self._tty = out is not None and bars_on(out)

    @classmethod
    def for_build(cls, art_dir: str | Path, preset: str, config_file: str | None = None,
                  out: IO[str] | None | Literal["stdout"] = "stdout") -> BackgroundFineTune:
        """`shopassist --preset P [--config F] finish-lm --artifacts ART` with this interpreter."""
        status_path, log_path = job_paths(art_dir)
        command = [sys.executable, "-m", "ui.cli.main", "--preset", preset,
                   *(["--config", str(config_file)] if config_file else []),
                   "finish-lm", "--artifacts", str(art_dir), "--status", str(status_path)]
        # The job owns the CPU like `build` (spinning OpenMP threads: ~1/5 more steps; ui/cli/main.py);
        # this process set PASSIVE for itself when it imported `assistant`.
        env = {**os.environ, "OMP_WAIT_POLICY": "ACTIVE", "PYTHONUNBUFFERED": "1"}
        return cls(command, status_path, log_path, env=env, out=out)

    # -- running --------------------------------------------------------------------------------

    def start(self, adopt: Callable[[], bool]) -> None:
        """Start the child and the thread that follows it; `adopt()` loads the published build and
        returns True once the server answers with the LM (`ChatService.follow_build_now`)."""
        self._adopt = adopt
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._started_wall = time.time()
        with open(self.log_path, "w", encoding="utf-8") as output:
            self._proc = subprocess.Popen(self.command, stdout=output, stderr=subprocess.STDOUT,
                                          stdin=subprocess.DEVNULL, env=self.env)
        self._say(f"language model: fine-tuning in the background (output: {self.log_path}); the rule parser "
                  "answers until it is ready", line=True)
        self._thread = threading.Thread(target=self._follow, name="shopassist-lm-job", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop following; end the child if it still runs (its model is written atomically, so a
        stopped fine-tune leaves nothing half-written: the next `serve` starts it again)."""
        self._stop.set()
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def wait(self, timeout_s: float) -> str:
        """Block until the state is "ready" or "failed" (or the timeout); returns the state. For tests."""
        deadline = time.monotonic() + timeout_s
        while self.state not in ("ready", "failed") and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.state

    def _follow(self) -> None:
        while not self._stop.is_set():
            try:
                self._tick()
            except Exception:  # the follower must not die silently: say so, keep the rules answering
                log.exception("following the background fine-tune failed")
                self._fail("following the background fine-tune failed (see the server log)")
            if self.state in ("ready", "failed"):
                return
            self._stop.wait(self.poll_s)

    def _tick(self) -> None:
        if self.state == "training":
            status = read_status(self.status_path)
            if status and status.get("updated", 0) >= self._started_wall - 1:  # not an earlier run's file
                with self._lock:
                    self._status = status
            code = self._proc.poll() if self._proc is not None else None
            if code is None:
                self._show()
                return
            status = read_status(self.status_path) or {}
            if code == 0 and status.get("state") == "done":
                with self._lock:
                    self.state, self._loading_since = "loading", time.monotonic()
                    self._status = {**status, "stage": "loading the model", "progress": 1.0, "eta_s": 0}
                self._show()
            else:
                reason = status.get("reason") if status.get("state") == "failed" else None
                self._fail(reason or f"the fine-tune process exited with status {code}{self._last_line()}")
                return
        if self.state == "loading":
            if self._adopt():
                with self._lock:
                    self.state = "ready"
                self._say("language model: ready; answers now come from the fine-tuned LM", line=True)
            elif time.monotonic() - self._loading_since > self.load_timeout_s:
                self._fail("the build with the fine-tuned LM could not be loaded (see the server log)")

    def _fail(self, reason: str) -> None:
        with self._lock:
            self.state, self.reason = "failed", reason
        self._say(f"language model: the background fine-tune failed ({reason}); the rule parser keeps answering. "
                  f"Full output: {self.log_path}", line=True)
        log.error("background fine-tune failed: %s; full output in %s", reason, self.log_path)

    def _last_line(self) -> str:
        try:
            lines = [x for x in self.log_path.read_text(encoding="utf-8", errors="replace").splitlines() if x.strip()]
        except OSError:
            return ""
        return f": {lines[-1].strip()[:200]}" if lines else ""

    # -- what it reports --------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """For /api/health: state, stage, detail, progress (0-1), eta_s; reason and log when failed."""
        with self._lock:
            status, state = dict(self._status), self.state
        out = {"state": "training" if state == "loading" else state, "stage": status.get("stage", ""),
               "detail": status.get("detail", ""), "progress": status.get("progress"),
               "eta_s": status.get("eta_s")}
        if state == "ready":
            out.update(stage="done", detail="", progress=1.0, eta_s=0)
        if state == "failed":
            out.update(reason=self.reason, log=str(self.log_path), eta_s=None)
        return out

    def line(self) -> str:
        """The terminal progress line: stage, detail, bar, share, time left."""
        snap = self.snapshot()
        share = snap.get("progress") or 0.0
        filled = round(share * BAR_WIDTH)
        detail = f" ({snap['detail']})" if snap.get("detail") else ""
        eta = snap.get("eta_s")
        left = f" · about {_duration(eta)} left" if eta else ""
        return (f"language model: {snap['stage']}{detail} [{'#' * filled}{'-' * (BAR_WIDTH - filled)}] "
                f"{share:.0%}{left}")

    def _show(self) -> None:
        """On a terminal, one line redrawn each second; in a log file, a line per stage and per 10%."""
        if self.out is None:
            return
        text = self.line()
        if self._tty:
            self._say("\r" + text.ljust(110)[:160], line=False)
            return
        snap = self.snapshot()
        key = (snap["stage"], int((snap.get("progress") or 0) * 10))
        if key != self._printed or time.monotonic() - self._printed_at > 60:
            self._printed, self._printed_at = key, time.monotonic()
            self._say(text, line=True)

    def _say(self, text: str, line: bool) -> None:
        if self.out is None:
            return
        if line and self._tty:  # over the progress line being redrawn
            text = "\r" + text.ljust(110)
        try:
            self.out.write(text + ("\n" if line else ""))
            self.out.flush()
        except (OSError, ValueError):  # a closed terminal must not stop the fine-tune's follower
            pass


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"
