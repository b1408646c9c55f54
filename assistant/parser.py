"""Intent parsers behind one protocol: `read(message, state) -> Parsed` (and `parse` for the intent alone).

`RuleParser` is the deterministic parser (regular expressions + catalog vocabulary). The LM
parser plugs in behind the same protocol; what it saw on the way (its raw output, the intent
classifier's pick) comes back in `Parsed`, which the turn loop copies into the trace.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from assistant import rules
from assistant.crosslingual import has_non_latin_letters
from assistant.types import DialogueState, Intent
from assistant.vocab import CatalogVocab, find_longest, words

_STOP = frozenset(
    "a an the i me my im i'm want need looking for find show some any please can you get with and or of "
    "in on to under below over above than less more cheap cheaper price priced dollars bucks usd "
    "something good nice best new buy one ones it them that this these those is are do does have has "
    "what which who how much".split()
)


@dataclass(frozen=True)
class Parsed:
    """A parser's reading of one message: the intent, which parser read it, and what it saw on the way."""

    intent: Intent
    parser: str                              # "rules" or "lm"
    lm_output: str | None = None             # the LM's raw decode
    prior: dict[str, Any] | None = None      # the intent classifier's own pick


class ParseError(ValueError):
    """A parser could not read the message; `output`/`prior` keep what it saw for the trace (the rules answer)."""

    output: str | None = None
    prior: dict[str, Any] | None = None


class IntentParser(Protocol):
    def read(self, message: str, state: DialogueState) -> Parsed:
        """Turn one shopper message, in the context of the dialogue so far, into an Intent (with its trace)."""
        ...

    def parse(self, message: str, state: DialogueState) -> Intent:
        """`read(...).intent`."""
        ...


class RuleParser:
    """Deterministic parser over the catalog's vocabulary; the fallback for the LM parser too."""

    def __init__(self, vocab: CatalogVocab, category_matcher: Callable[[str], str | None] | None = None):
        """`category_matcher` names the category of a message the catalog's words cannot read
        (another language); set when the index is multilingual (`assistant.crosslingual`)."""
        self.vocab = vocab
        self.category_matcher = category_matcher

    def read(self, message: str, state: DialogueState) -> Parsed:
        return Parsed(self.parse(message, state), "rules")

    def parse(self, message: str, state: DialogueState) -> Intent:
        text = " ".join(message.split())
        kind = self._dialogue_act(text, state)
        if kind is not None:
            return Intent(kind, references=self._references(text, kind))
        return self._product_intent(text, state)

    def _references(self, text: str, kind: str) -> tuple[int, ...]:
        bare = kind in ("compare", "details", "add_to_cart", "remove_from_cart", "why")
        return rules.parse_references(text, allow_bare_numbers=bare)

    def _dialogue_act(self, text: str, state: DialogueState) -> str | None:
        """Intents that are about the conversation, not about which products to find."""
        if not text or rules.GREETING.match(text):
            return "greeting"
        if rules.CART_WORD.search(text) or rules.VIEW_CART.search(text):
            if rules.REMOVE_CART.search(text):
                return "remove_from_cart"
            if rules.ADD_CART.search(text) or re.search(r"\bto (my |the )?(cart|basket)", text, re.I):
                return "add_to_cart"
            return "view_cart"
        has_ref = bool(rules.parse_references(text, allow_bare_numbers=False))
        if rules.ADD_CART.search(text) and (has_ref or re.search(r"\b(it|that one|this one)\b", text, re.I)):
            return "add_to_cart"
        if rules.COMPARE.search(text):
            return "compare"
        if rules.WHY.search(text):
            return "why"
        if rules.MORE.match(text):
            return "more"
        if has_ref and (rules.DETAILS.search(text) or re.fullmatch(r"(the\s+)?\w+(\s+one)?\s*\??", text, re.I)):
            return "details"
        return None

    def _product_intent(self, text: str, state: DialogueState) -> Intent:
        categories = find_longest(text, self.vocab.categories)
        excluded = rules.excluded_brands(text, self.vocab.brands)
        brands = [b for _, _, b in self.vocab.brand_spans(text) if b not in excluded]
        colors = self.vocab.mentioned_colors(text)
        min_price, max_price = rules.parse_prices(text)
        cheaper = bool(rules.CHEAPER.search(text) or rules.CHEAPER_ZH.search(text))
        category = categories[0][2] if categories else None
        if category is None and self.category_matcher is not None and has_non_latin_letters(text):
            category = self.category_matcher(text)
            categories = [(0, 0, category)] if category else []
        slots = dict(
            category=category,
            brand=brands[0] if brands else None,
            exclude_brand=excluded[0] if excluded else None,
            color=colors[0] if colors else None,
            min_price=min_price, max_price=max_price, cheaper=cheaper,
        )
        content = [w for w in words(text) if w not in _STOP and not w.isdigit()]
        known = [w for w in content if w in self.vocab.title_words]
        if rules.RECOMMEND.search(text) and not categories and not known:
            return Intent("recommend", **slots)
        if categories or (known and not self._only_slot_words(text, slots)):
            return Intent("search", query=self._query_text(text), **slots)
        if any(v not in (None, False) for v in slots.values()):
            return Intent("refine" if state.query or state.category else "search",
                          query=self._query_text(text), **slots)
        if rules.RECOMMEND.search(text):
            return Intent("recommend")
        return Intent("out_of_scope", query=text)

    def _only_slot_words(self, text: str, slots: dict) -> bool:
        """True when every content word is a brand/colour name: a refinement, not a new search."""
        slot_words = set()
        for value in (slots["brand"], slots["color"], slots["exclude_brand"]):
            if value:
                slot_words.update(words(value))
        content = [w for w in words(text) if w not in _STOP and not w.isdigit()
                   and w not in {"not", "no", "except", "without", "other", "but", "only", "just", "k"}]
        return all(w in slot_words for w in content)

    @staticmethod
    def _query_text(text: str) -> str:
        """The message without price phrases: what the embedding search should look for."""
        return rules.strip_prices(text)
