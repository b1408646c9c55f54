"""Where a fine-tune is, for whoever listens: the background job `shopassist serve` runs reports it.

Why a listener and not a parameter: the stages happen four calls deep (job -> cache -> train_lm ->
finetune), and only the background job wants them; `report` costs nothing when nobody listens.
`assistant/offline/lm_job.py` turns the reports into the status file the server reads.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """One report: the stage, and for the fine-tune its steps and time against the time guard."""

    stage: str
    done: int | None = None       # steps done (fine-tuning)
    total: int | None = None      # steps planned
    elapsed_s: float | None = None  # seconds of this stage's time-guarded part so far
    budget_s: float | None = None   # the time guard for that part
    note: str = ""                # e.g. "compiling the blocks"


_listeners: list[Callable[[Progress], None]] = []
_quiet = [0]


def report(stage: str, done: int | None = None, total: int | None = None, elapsed_s: float | None = None,
           budget_s: float | None = None, note: str = "") -> None:
    if not _listeners or _quiet[0]:
        return
    progress = Progress(stage, done, total, elapsed_s, budget_s, note)
    for listener in list(_listeners):
        listener(progress)


@contextlib.contextmanager
def listening(listener: Callable[[Progress], None]) -> Iterator[None]:
    """Call `listener` with every report made inside the block (in this process)."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Drop the reports made inside (prepare-lm's two compiling steps are not the fine-tune's)."""
    _quiet[0] += 1
    try:
        yield
    finally:
        _quiet[0] -= 1
