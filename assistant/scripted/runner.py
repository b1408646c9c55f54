"""Run dialogues against the assistant: a fresh session per dialogue, one loaded Assistant per config.

Why share Assistants: loading is the slow part and `respond` keeps all conversation state in the
session, so dialogues with the same config can share one; a dialogue with config overrides gets
its own `Assistant.load` with the overridden config (and, for retrieval overrides, its own build).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.scripted.checks import Observed, check_turn
from assistant.scripted.format import DemoShopSpec
from assistant.scripted.loader import LoadedDialogue
from assistant.scripted.shop import ShopSource


@dataclass(frozen=True)
class TurnResult:
    number: int  # 1-based
    message: str
    intent: str
    product_ids: tuple[str, ...]
    reply_text: str
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class DialogueResult:
    source: LoadedDialogue
    turns: tuple[TurnResult, ...]
    seconds: float
    error: str | None = None  # the dialogue could not run (e.g. its config cannot be built)

    @property
    def name(self) -> str:
        return self.source.dialogue.name

    @property
    def failures(self) -> list[str]:
        """Readable reasons, each prefixed with its turn ("turn 2: product P00042 price 95.00 > max_price 80")."""
        out = [f"error: {self.error}"] if self.error else []
        for turn in self.turns:
            said = turn.message if len(turn.message) <= 60 else turn.message[:57] + "..."
            out += [f"turn {turn.number} ({said!r}): {reason}" for reason in turn.failures]
        return out

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def status(self) -> str:
        """pass, fail, xfail (a known bug still fails), xpass (a known bug no longer fails) or error."""
        if self.error:
            return "error"
        if self.source.dialogue.xfail:
            return "xpass" if self.passed else "xfail"
        return "pass" if self.passed else "fail"

    @property
    def counts_as_failure(self) -> bool:
        return self.status in ("fail", "error")


@dataclass
class DialogueRunner:
    """Runs loaded dialogues; `run` never raises for an assistant or expectation problem."""

    shop: ShopSource
    _assistants: dict[str, object] = field(default_factory=dict)

    def assistant_for(self, overrides: dict, demo_shop: DemoShopSpec | None = None):
        from assistant.loop import Assistant

        key = json.dumps([overrides, demo_shop.model_dump() if demo_shop else None], sort_keys=True)
        if key not in self._assistants:
            config = self.shop.config_for(overrides)
            self._assistants[key] = Assistant.load(self.shop.artifacts_for(config, demo_shop), config)
        return self._assistants[key]

    def run(self, loaded: LoadedDialogue) -> DialogueResult:
        started = time.perf_counter()
        dialogue = loaded.dialogue
        try:
            assistant = self.assistant_for(dialogue.config, dialogue.demo_shop)
        except (ValueError, FileNotFoundError, RuntimeError) as exc:
            return DialogueResult(loaded, (), time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
        session = assistant.new_session(dialogue.user_id, personalize=dialogue.personalize)
        history: list[Observed] = []
        results: list[TurnResult] = []
        for number, turn in enumerate(dialogue.turns, 1):
            if turn.new_session is not None:
                session = assistant.new_session(turn.new_session.user_id, personalize=turn.new_session.personalize)
            try:
                reply = assistant.respond(session, turn.message)
            except Exception as exc:  # a crash is a failed turn with its reason, and the dialogue stops
                results.append(TurnResult(number, turn.message, "-", (), "", (f"respond raised {exc!r}",)))
                break
            observed = Observed(reply, tuple(c.product.product_id for c in reply.products), dict(session.cart))
            try:
                failures = check_turn(turn.expect, observed, history)
            except ValueError as exc:  # e.g. "turn 1 item 4" when turn 1 showed 3 products
                failures = [str(exc)]
            history.append(observed)
            results.append(TurnResult(number, turn.message, reply.intent.kind, observed.product_ids,
                                      reply.text, tuple(failures)))
        return DialogueResult(loaded, tuple(results), time.perf_counter() - started)

    def run_all(self, dialogues: list[LoadedDialogue]) -> list[DialogueResult]:
        return [self.run(d) for d in dialogues]


def relative(path: Path) -> str:
    """The path relative to the working directory when it lies below it (shorter report lines)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
