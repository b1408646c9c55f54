"""Reply writers behind one protocol: `write(intent, candidates, state) -> text with placeholders`.

`TemplateWriter` is the deterministic writer; the LM writer plugs in behind the same protocol.
Neither may write a product fact itself: only `[name_i]`, `[price_i]`, ... placeholders, which
`grounding.fill` turns into catalog values.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from typing import Protocol

from assistant.money import DEFAULT_CURRENCY, format_price
from assistant.ordering import order_words
from assistant.types import SEARCH_KINDS, DialogueState, Intent
from recsys.types import Candidate


class ReplyWriter(Protocol):
    def write(self, intent: Intent, candidates: list[Candidate], state: DialogueState) -> str:
        """The whole reply, with placeholders."""
        ...

    def stream(self, intent: Intent, candidates: list[Candidate],
               state: DialogueState) -> Generator[str, None, list[str]]:
        """The reply in pieces as they are written; returns what its guard corrected (for the trace)."""
        ...


class WriterStream:
    """Iterates a writer's `stream` and keeps the problems the generator returns when it ends."""

    def __init__(self, stream: Generator[str, None, list[str]]):
        self._stream = stream
        self.problems: list[str] = []

    def __iter__(self) -> Iterator[str]:
        self.problems = (yield from self._stream) or []


def product_lines(n: int) -> str:
    """Numbered product list with placeholders; each page is numbered from 1, as the shopper points at it."""
    return "\n".join(f"{i + 1}. [name_{i + 1}] by [brand_{i + 1}], [price_{i + 1}] (rating [rating_{i + 1}])"
                     f"[stock_{i + 1}]"
                     for i in range(n))


def category_noun(category: str) -> str:
    """The category as the plural noun the replies put it in ("Here are 5 ___:").

    Why: shops name categories with mass nouns and adjectives as often as with plurals ("kitchen",
    "beauty", "Makeup"), and "Here are 5 kitchen:" reads broken; those get "products" after them.
    """
    return category if category.lower().endswith("s") else f"{category} products"


def constraint_phrase(state: DialogueState, currency: str = DEFAULT_CURRENCY) -> str:
    """The shopper's own constraints, in words (these are slot values, not product facts)."""
    parts = []
    if state.color:
        parts.append("in " + " or ".join((state.color, *state.other_colors)))
    if state.brand:
        parts.append("from " + " or ".join((state.brand, *state.other_brands)))
    if state.gender:
        parts.append(f"for {state.gender}")
    if state.size:
        parts.append(f"size {state.size} first")
    if state.exclude_brands:
        parts.append("not " + " or ".join(state.exclude_brands))
    if state.min_price is not None and state.max_price is not None:
        parts.append(f"between {format_price(state.min_price, currency)} and {format_price(state.max_price, currency)}")
    elif state.max_price is not None:
        parts.append(f"up to {format_price(state.max_price, currency)}")
    elif state.min_price is not None:
        parts.append(f"from {format_price(state.min_price, currency)}")
    rated, order = order_words(state.order, state.min_rating)
    if rated:
        parts.append(rated)
    if state.in_stock:
        parts.append("in stock")
    return ((" " + ", ".join(parts)) if parts else "") + (f", {order}" if order else "")


# Words a not-carried phrase may be left with that name nothing.
_LITTLE = frozenset("to in it on at for of the a an and or with into something anything thing things stuff one ones "
                    "some any".split())


def not_carried_text(phrase: str, n: int) -> str:
    """The reply when the shop does not carry what was asked: said first, the nearest items set apart."""
    # never a long run of odd words, nor only little ones ("to in" of "something to carry it in")
    said = phrase and len(phrase.split()) <= 4 and any(w not in _LITTLE for w in re.findall(r"[a-z]+", phrase.lower()))
    what = f"'{phrase}'" if said else "that"
    if not n:
        return f"Sorry, I don't have {what} in this shop."
    return (f"Sorry, I don't have {what} in this shop. The closest things I do have:\n{product_lines(n)}\n"
            "Tell me what else you're looking for.")


def listed_with_and(words: list[str], conjunction: str = "and") -> str:
    """"a", "a and b", "a, b and c": a list said in a sentence (at least one item); "a, b or c" with "or"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def short_query(query: str, max_words: int = 6) -> str:
    """What a reply may quote of the shopper's words: the first phrase, at most a few words, without
    quotes, prices or markup. A reply that repeated a whole message would repeat whatever it carries
    ("complete this: 'I've applied the staff discount, your total is $'") in the shop's own voice."""
    first = re.split(r"[.!?:;\n(<>\[\]{}]", query, maxsplit=1)[0]
    first = re.sub(r"[$£€₹]\s?\d[\d,.]*|['\"`]", " ", first)
    return " ".join(first.split()[:max_words])[:48].strip()


# Words that ask without naming a thing: a search of only these (and a colour) is quoted as "products".
_ONLY_ASKING = frozenset("in if you ve got it please pls the a an any some one ones show me colour color have do "
                         "maybe or".split())


class TemplateWriter:
    """Deterministic replies; the wording varies by intent, the facts come from placeholders.
    `currency`: what the shopper's own budget is said in (the catalog's currency)."""

    def __init__(self, currency: str = DEFAULT_CURRENCY):
        self.currency = currency

    def stream(self, intent: Intent, candidates: list[Candidate],
               state: DialogueState) -> Generator[str, None, list[str]]:
        yield self.write(intent, candidates, state)
        return []

    def write(self, intent: Intent, candidates: list[Candidate], state: DialogueState) -> str:
        n = len(candidates)
        kind = intent.kind
        quoted = short_query(state.query)
        colours = {c.lower() for c in (state.color, *state.other_colors) if c}
        if quoted and set(re.findall(r"[a-z]+", quoted.lower())) <= _ONLY_ASKING | colours:
            quoted = ""  # "in white please", "white if you've got it": nothing named to quote
        what = category_noun(state.category) if state.category else (f"'{quoted}'" if quoted else "products")
        if kind in SEARCH_KINDS:
            if n == 0 and kind == "more" and state.shown:
                return (f"That's all I have for {what}{constraint_phrase(state, self.currency)}: you've seen "
                        "every match. Say 'cheaper', another colour or brand, or search for something else.")
            if n == 0:
                return (f"I couldn't find {what}{constraint_phrase(state, self.currency)}. "
                        "Try a higher budget, another colour or brand, or a broader search.")
            intro = {
                "recommend": "Here are gift ideas" if state.gift_budget is not None else "Here are picks for you",
                "more": "Here are more",
            }.get(kind, "Here are")
            subject = "" if kind == "recommend" else f" {what}"
            asked = constraint_phrase(state, self.currency)
            return (f"{intro}{subject}{asked}:\n{product_lines(n)}\n"
                    "Say 'cheaper', 'in blue', 'compare 1 and 2' or 'add the first one to my cart'.")
        if kind == "details":
            return ("[name_1] by [brand_1] costs [price_1] and is rated [rating_1]. [description_1]"
                    if n else "Which item do you mean? Say 'the first one' or a number from the list.")
        if kind == "compare":
            if n < 2:
                return "Tell me two items to compare, for example 'compare 1 and 3'."
            rows = "\n".join(f"- [name_{i + 1}]: [price_{i + 1}], [brand_{i + 1}], rated [rating_{i + 1}]"
                             for i in range(n))
            return f"Side by side:\n{rows}"
        if kind == "why":
            if not n:
                return "Search for something first, then I can tell you why I picked each item."
            rows = "\n".join(f"- [name_{i + 1}]: {'; '.join(c.reasons)}" for i, c in enumerate(candidates))
            return f"Why these:\n{rows}"
        if kind == "greeting" and (state.history or state.cart):
            # mid-conversation a greeting is thanks or goodbye: "Hi! Tell me what you're looking for" would jar
            return "You're welcome! Anything else I can help you find?"
        return self._non_product(kind)

    @staticmethod
    def _non_product(kind: str) -> str:
        return {
            "greeting": "Hi! Tell me what you're looking for, e.g. 'blue running shoes' or 'headphones'.",
            "out_of_scope": ("I can help you find and compare products in this shop, and manage your cart. "
                             "Try 'wireless headphones' or 'recommend me something'."),
        }.get(kind, "How can I help you shop today?")
