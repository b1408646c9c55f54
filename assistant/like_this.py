"""Requests for items like one shown: "more like the second one", "anything like it in navy?", "show me similar
jackets to that one".

Why: read as a question about the item ("more like the second one" -> details of it) or as a narrowing of the
list ("anything like it in navy?" -> the list in navy, other kinds included), such a request shows the item
again or loses what it was. Here the item is found (a position, "it" after one was picked or looked at, or a
brand or model named) and the request becomes a search of its own kind: its aisle and the words of its title
that say what it is ("Watertight II Rain Jacket" of "Columbia Watertight II Rain Jacket (Black)"), without the
item itself, keeping the budget asked for so far; "but cheaper" is cheaper than that item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant import rules
from assistant.earlier_lists import named, recalled
from assistant.types import DialogueState, Product
from assistant.vocab import CatalogVocab, words

# "more like the second one", "anything similar to the fossil", "similar jackets to that one", "others like it"
_LIKE = re.compile(
    r"\b(?:(?:more|something|anything|any|others?|ones?|stuff|things?|some|alternatives?)\s+(?:[a-z]+\s+)?"
    r"(?:like|similar\s+to)|similar\s+(?:[a-z]+\s+)?to|(?:alternatives?|options?)\s+to)\s+(?P<ref>[^,.?!;]{1,40})|"
    r"\b(?:anything|something|any|ones?|others?)\s+similar\b(?!\s+to\b)(?P<it>)",  # "anything similar but cheaper?"
    re.I)
_PRONOUN = re.compile(r"^(?:it|that|this|that one|this one)\b", re.I)
_THE_LIST = re.compile(r"^(?:them|those|these|the ones)\b", re.I)  # "more like these": more of the list
_POSITION = re.compile(r"^(?:the\s+)?(?:first|second|third|fourth|fifth|last|\d(?:st|nd|rd|th)|number\s+\d|#\s?\d)\b",
                       re.I)
# What a title says after its name: colour, size ("- Black", ", Size XL", "(Navy)").
_TITLE_TAIL = re.compile(r"\s*(?:[-,(]\s+|\().*$")


@dataclass(frozen=True)
class LikeThis:
    """The item a request asks for more like, and the words that say what it is."""

    product: Product
    words: str


def like_this(message: str, state: DialogueState, vocab: CatalogVocab, shown: list[Product],
              product_of) -> LikeThis | None:
    """The item a "more like this one" request points at, else None (no such request, or no one item meant)."""
    found = _LIKE.search(message)
    if not found:
        return None
    ref = "it" if found["it"] is not None else found["ref"].strip()
    item: Product | None = None
    if _THE_LIST.match(ref):
        return None
    if _POSITION.match(ref):
        places = [len(shown) + 1 + p if p < 0 else p for p in rules.parse_references(ref, allow_bare_numbers=False)]
        item = shown[places[0] - 1] if places and 0 < places[0] <= len(shown) else None
    elif _PRONOUN.match(ref):
        before = [len(shown) + 1 + p if p < 0 else p for p in
                  rules.parse_references(message[:found.start()], allow_bare_numbers=False)]
        if before and 0 < before[0] <= len(shown):  # "i like the second one, anything like it in navy?"
            item = shown[before[0] - 1]
        elif state.focus:
            item = product_of(state.focus)
        elif len(shown) == 1:
            item = shown[0]
    elif re.match(r"the\s", ref, re.I):  # "similar to the fossil", "like the watertight" (not "like green")
        said = named(ref, vocab)
        pick = recalled(said, state, product_of) if said.brands or said.models or said.prices else None
        item = pick.product if pick is not None else None
    return None if item is None else LikeThis(item, kind_words(item, vocab))


def kind_words(product: Product, vocab: CatalogVocab) -> str:
    """What the item is, in its title's words: its name less the brand, colour and size."""
    name = _TITLE_TAIL.sub("", product.title)
    brand = set(words(product.brand))
    kept = [w for w in name.split() if w.casefold() not in brand and w.casefold() not in vocab.colors]
    return " ".join(kept) or product.category
