from __future__ import annotations

from pathlib import Path

import pytest

from tests.dialogue_plugin import pytest_collect_file, pytest_terminal_summary  # noqa: F401  (hooks: tests/dialogues/*.yaml)
from tests.shopfixtures import write_shop

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BROWSER_DIR = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(items) -> None:
    """Every test under tests/browser is a `browser` test (`make test-fast` deselects them)."""
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def tiny_config():
    from assistant.config import build_config

    return build_config("tiny")


@pytest.fixture(scope="session")
def tiny_shop(tmp_path_factory) -> Path:
    return write_shop(tmp_path_factory.mktemp("shop"))


@pytest.fixture(scope="session")
def tiny_artifacts(tmp_path_factory, tiny_shop, tiny_config) -> Path:
    from assistant.offline.build import build_artifacts

    out = tmp_path_factory.mktemp("art")
    build_artifacts(tiny_shop, out, tiny_config, log=lambda _msg: None)
    return out


@pytest.fixture(scope="session")
def assistant(tiny_artifacts, tiny_config):
    """One loaded tiny shop for the whole run: an `Assistant` keeps no per-conversation state (each
    test makes its own sessions), and no test changes it, so loading it once is safe and quicker."""
    from assistant.loop import Assistant

    return Assistant.load(tiny_artifacts, tiny_config)


@pytest.fixture(scope="module")
def demo_assistant(request):
    """The generated demo shop (tiny preset, rule parser), built once per run by the dialogue runner, which keeps
    one assistant per configuration: the shopper-wording tests ask of the demo catalog's own products."""
    from tests.dialogue_plugin import dialogue_runner

    return dialogue_runner(request.config).assistant_for({})


@pytest.fixture()
def say(demo_assistant):
    """One conversation with the demo shop: `say("...")` answers a message; `say.session` is its state."""
    session = demo_assistant.new_session()

    def _say(message: str):
        return demo_assistant.respond(session, message)

    _say.session = session
    _say.assistant = demo_assistant
    return _say
