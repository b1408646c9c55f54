"""The turn loop: `Assistant.respond(session, message) -> Reply`.

Everything the UI, the HTTP API, the CLI and the dialogue runner do goes through `respond`.
One turn: parse -> validate (fallback recorded in the trace) -> update state -> retrieve ->
rerank -> write (placeholders) -> fill from the catalog.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

from assistant.cart import cart_turn
from assistant.config import AppConfig
from assistant.engine import Engine
from assistant.grounding import fill
from assistant.parser import IntentParser, RuleParser
from assistant.reply import ReplyWriter, TemplateWriter
from assistant.state import apply_intent, filters_of, search_text
from assistant.types import DialogueState, Intent, Reply
from assistant.validate import validate_intent
from recsys.types import Candidate

_SEARCH_KINDS = ("search", "refine", "more", "recommend")


class Assistant:
    """One loaded shop. Sessions are plain `DialogueState` objects owned by the caller."""

    def __init__(self, engine: Engine, parser: IntentParser | None = None, writer: ReplyWriter | None = None):
        self.engine = engine
        self.config = engine.config
        self.parser = parser or RuleParser(engine.vocab)
        self.writer = writer or TemplateWriter()

    @classmethod
    def load(cls, art_dir: str | Path, config: AppConfig | None = None) -> Assistant:
        return cls(Engine.load(art_dir, config))

    def new_session(self, user_id: str | None = None, personalize: bool = True) -> DialogueState:
        return DialogueState(user_id=user_id, personalize=personalize)

    def respond(self, session: DialogueState, message: str) -> Reply:
        timings: dict[str, float] = {}
        trace: dict = {}

        @contextmanager
        def timed(stage: str):
            start = time.perf_counter()
            yield
            timings[stage] = round((time.perf_counter() - start) * 1000, 2)

        message = self._clean(message, trace)
        with timed("parse"):
            intent = self._parse(message, session, trace)
        candidates, draft = self._act(intent, session, timed, trace)
        with timed("reply"):
            if draft is None:
                draft = self.writer.write(intent, candidates, session)
            text, problems = fill(draft, [c.product for c in candidates])
        if problems:
            trace["grounding"] = problems
        session.history.append((message, text))
        return Reply(text=text, products=tuple(candidates), intent=intent, trace=trace, timings_ms=timings)

    def _clean(self, message: str, trace: dict) -> str:
        """Drop control characters and cap the length (the cap is recorded)."""
        cleaned = "".join(ch for ch in message if ch.isprintable() or ch in " \t")
        limit = self.config.assistant.max_message_chars
        if len(cleaned) > limit:
            trace["truncated"] = f"message cut from {len(cleaned)} to {limit} characters"
            cleaned = cleaned[:limit]
        return cleaned.strip()

    def _parse(self, message: str, session: DialogueState, trace: dict) -> Intent:
        try:
            raw = self.parser.parse(message, session)
        except Exception as exc:  # the one place a parser failure becomes a recorded fallback
            trace["parser_error"] = f"{type(exc).__name__}: {exc}"
            raw = RuleParser(self.engine.vocab).parse(message, session)
        intent, problems = validate_intent(raw, self.engine.vocab, session)
        if problems:
            trace["validation"] = problems
        trace["intent"] = {"kind": intent.kind, **intent.slots()}
        return intent

    def _act(self, intent: Intent, session: DialogueState, timed,
             trace: dict) -> tuple[list[Candidate], str | None]:
        """Do what the intent asks; returns the products of the reply and, for cart turns, its text.

        Cart confirmations are templated by `cart_turn`, never generated: they report a transaction.
        """
        if intent.kind in _SEARCH_KINDS:
            return self._search(intent, session, timed, trace), None
        shown = self._referenced(intent, session)
        if intent.kind in ("add_to_cart", "remove_from_cart", "view_cart"):
            return cart_turn(intent, session, shown, self.engine.index)
        if intent.kind == "why":
            return (shown or self._shown_candidates(session)), None
        if intent.kind in ("details", "compare"):
            return shown, None
        return [], None

    def _search(self, intent: Intent, session: DialogueState, timed, trace: dict) -> list[Candidate]:
        apply_intent(session, intent, self.config.assistant)
        filters = filters_of(session)
        page = self.config.assistant.page_size
        want = session.offset + page
        with timed("retrieve"):
            if intent.kind == "recommend" and not session.query:
                hits = self.engine.recommend_hits(session.user_id if session.personalize else None, filters,
                                                  self.config.retrieval.candidates)
            else:
                hits = self.engine.retrieve(search_text(session), filters,
                                            max(self.config.retrieval.candidates, want))
        with timed("rerank"):
            terms = tuple(t for t in (session.category, session.brand, session.color) if t)
            ranked = self.engine.rank(hits, session.user_id, session.personalize, want, terms)
        shown = ranked[session.offset:want]
        session.shown = [c.product.product_id for c in shown]
        session.shown_prices = [c.product.price for c in shown]
        session.last_candidates = {c.product.product_id: c for c in shown}
        trace["filters"] = filters.to_dict()
        trace["retrieved"] = len(hits)
        return shown

    def _shown_candidates(self, session: DialogueState) -> list[Candidate]:
        return [session.last_candidates[pid] for pid in session.shown if pid in session.last_candidates]

    def _referenced(self, intent: Intent, session: DialogueState) -> list[Candidate]:
        """Candidates for the (already validated) 1-based references of the intent."""
        shown = self._shown_candidates(session)
        return [shown[r - 1] for r in intent.references if 0 < r <= len(shown)]
