"""pytest collection of scripted dialogues: every YAML file under tests/dialogues/ is a test file,
each dialogue in it one test item, and a failure reads as the runner's reasons.

Why a plugin and not one parametrised test: a dialogue is addressable on its own
(`pytest "tests/dialogues/cart.yaml::add the second one"`), marked `slow`/`xfail` from its file,
and reported under its file and line. The demo shop is generated and built with the `tiny` preset
once per test session (hashing encoder: ~10 s on 2 cores) into a temporary folder; a dialogue
that overrides retrieval settings gets its own build there.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest

DIALOGUES_DIR = Path(__file__).resolve().parent / "dialogues"
_RUNNER = pytest.StashKey[object]()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix in (".yaml", ".yml") and DIALOGUES_DIR in file_path.resolve().parents:
        return DialogueFile.from_parent(parent, path=file_path)
    return None


class DialogueFile(pytest.File):
    def collect(self):
        from assistant.scripted.loader import DialogueFileError, load_dialogues

        try:
            loaded = load_dialogues(self.path)
        except DialogueFileError as exc:
            raise self.CollectError(str(exc)) from None
        for item in loaded:
            test = DialogueItem.from_parent(self, name=item.dialogue.name, loaded=item)
            if item.dialogue.is_slow:
                test.add_marker(pytest.mark.slow)
            if item.dialogue.xfail:
                test.add_marker(pytest.mark.xfail(reason=item.dialogue.xfail, strict=False))
            yield test


class DialogueFailed(Exception):
    """Carries the runner's result so `repr_failure` can show reasons and the transcript."""


class DialogueItem(pytest.Item):
    def __init__(self, *, loaded, **kwargs):
        super().__init__(**kwargs)
        self.loaded = loaded

    def runtest(self) -> None:
        result = dialogue_runner(self.config).run(self.loaded)
        if result.failures:
            raise DialogueFailed(result)

    def repr_failure(self, excinfo, style=None):
        if not isinstance(excinfo.value, DialogueFailed):
            return super().repr_failure(excinfo)
        result = excinfo.value.args[0]
        transcript = [f"  [{t.number}] {t.message!r} -> {t.intent}, {', '.join(t.product_ids) or 'no products'}"
                      for t in result.turns]
        return "\n".join([f"dialogue '{result.name}' ({self.loaded.path.name}:{self.loaded.line}) failed:",
                          *(f"  {reason}" for reason in result.failures), "transcript:", *transcript])

    def reportinfo(self):
        return self.path, self.loaded.line - 1, f"dialogue: {self.name}"


def dialogue_runner(config: pytest.Config):
    """The session's runner over the demo shop (tiny preset), created on first use."""
    runner = config.stash.get(_RUNNER, None)
    if runner is None:
        from assistant.config import build_config
        from assistant.scripted.runner import DialogueRunner
        from assistant.scripted.shop import ShopSource, ensure_demo_data

        root = Path(tempfile.mkdtemp(prefix="shopassist-dialogues-"))
        config.add_cleanup(lambda: shutil.rmtree(root, ignore_errors=True))
        started = time.perf_counter()
        data = ensure_demo_data(root / "demo")
        shop = ShopSource(build_config("tiny"), root / "builds", data=data)
        runner = DialogueRunner(shop)
        runner.assistant_for({})  # build the base shop now, so its time is not charged to one dialogue's checks
        config.stash[_RUNNER] = runner
        config.stash[_BUILD_SECONDS] = time.perf_counter() - started
    return runner


_BUILD_SECONDS = pytest.StashKey[float]()


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    seconds = config.stash.get(_BUILD_SECONDS, None)
    if seconds is not None:
        terminalreporter.write_line(f"dialogues: demo shop generated and built (tiny preset) in {seconds:.1f} s")
