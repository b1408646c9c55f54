"""Progress bars for the waits a user sits through, shown only where someone is watching.

Why one module: every bar follows the same rule (stderr is a terminal, `--quiet` was not given, the
`CI` variable is not set, so logs stay clean) and counts what will really happen: a loop with a
known length counts its items, a wait of unknown length shows the time spent and claims no total,
and a loop a time guard may cut short counts seconds towards whichever end comes first.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

QUIET_ENV = "SHOPASSIST_QUIET"  # set by `shopassist --quiet`; child processes inherit it


def bars_on(stream: IO[str] | None = None) -> bool:
    """Whether bars are drawn: on a terminal, unless told to be quiet or running in CI."""
    stream = sys.stderr if stream is None else stream
    if os.environ.get(QUIET_ENV) or os.environ.get("CI"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def bar(iterable: Iterable | None = None, total: float | None = None, desc: str = "", unit: str = "it",
        file: IO[str] | None = None, bar_format: str | None = None) -> Any:
    """A tqdm bar on stderr, off where `bars_on` says so; it disappears once done."""
    from tqdm.auto import tqdm

    stream = sys.stderr if file is None else file
    return tqdm(iterable, total=total, desc=desc, unit=unit, file=stream, leave=False, dynamic_ncols=True,
                bar_format=bar_format, disable=not bars_on(stream))


@contextlib.contextmanager
def waiting(desc: str, every_s: float = 0.5, file: IO[str] | None = None) -> Iterator[None]:
    """A line showing the seconds spent on a wait whose length is not known (compiling, a grid search),
    redrawn every `every_s` seconds by a helper thread until the block ends."""
    line = bar(total=None, desc=desc, file=file, bar_format="{desc}: {elapsed}")
    if line.disable:
        yield
        return
    done = threading.Event()

    def tick() -> None:
        while not done.wait(every_s):
            line.refresh()

    ticker = threading.Thread(target=tick, name="shopassist-waiting", daemon=True)
    ticker.start()
    try:
        yield
    finally:
        done.set()
        ticker.join()
        line.close()


@contextlib.contextmanager
def counting(desc: str, total: int | None, unit: str = "fit",
             file: IO[str] | None = None) -> Iterator[Callable[[int], None]]:
    """A bar of `total` counted steps, yielding the tick(n) that advances it; with no total, a `waiting` line
    (the steps happen where they cannot be counted, e.g. in worker processes)."""
    if total is None:
        with waiting(desc, file=file):
            yield lambda _n: None
        return
    line = bar(total=total, desc=desc, unit=unit, file=file)
    try:
        yield line.update
    finally:
        line.close()


class TimeGuardBar:
    """A bar for a loop of `steps` that a time guard of `budget_s` seconds may stop first.

    It counts seconds, not steps: its total is the sooner of the guard and the time the planned steps
    take at the pace so far, so it fills to the end either way and its ETA is the real one. The steps
    done show beside it.
    """

    FORMAT = "{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total:.0f} s [{elapsed}<{remaining}{postfix}]"

    def __init__(self, desc: str, steps: int, budget_s: float, file: IO[str] | None = None,
                 clock: Callable[[], float] = time.perf_counter):
        self.steps, self.budget_s, self._clock = steps, budget_s, clock
        self._started = clock()
        self.bar = bar(total=max(1.0, budget_s), desc=desc, unit="s", file=file, bar_format=self.FORMAT)

    def step(self, done: int, **postfix: Any) -> None:
        """After `done` steps: move to the time spent, and re-estimate where the loop will end."""
        elapsed = self._clock() - self._started
        projected = elapsed / max(done, 1) * self.steps
        self.bar.total = max(1.0, min(self.budget_s, projected))
        self.bar.n = min(elapsed, self.bar.total)
        self.bar.set_postfix(step=f"{done}/{self.steps}", **postfix, refresh=False)
        self.bar.refresh()

    def close(self) -> None:
        """The loop ended (all steps, or the guard): the bar is full, at the time it took."""
        self.bar.total = self.bar.n = max(1.0, self._clock() - self._started)
        self.bar.refresh()
        self.bar.close()
