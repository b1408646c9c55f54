"""Specs a shopper asks about that no listing of the aisle states: "laptop with 16gb ram", "how much ram does it
have", "what year is it", "does it have 5g".

Why: the catalog's listings give a price, brand, rating, colour, size and a short description. A spec none of
them states was read as something else ("16gb" matched the 16-inch laptops) or the question fell through to the
shop's generic help. The honest answer says the listings do not state it, and a search goes on without it, saying
so. A spec that some listing of the aisle does state ("256GB" in phone titles, "OLED", "touchscreen" in laptop
descriptions) is left to the search and to the item's own facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from retrieval.types import Product


@dataclass(frozen=True)
class Spec:
    label: str             # how the reply names it: "the RAM"
    asked: re.Pattern      # words that ask for or about it
    stated: re.Pattern     # words in a title or description that state it
    phrase: re.Pattern     # the words of a search that ask for an amount of it ("16gb ram", "rtx 4060")


def _spec(label: str, asked: str, stated: str, phrase: str) -> Spec:
    return Spec(label, re.compile(asked, re.I), re.compile(stated, re.I), re.compile(phrase, re.I))


_AMOUNT = r"(?:\d+(?:\.\d+)?\s?(?:gb|tb|gigs?|ghz|hz|mp|megapixels?)\s+(?:of\s+)?)"
SPECS: tuple[Spec, ...] = (
    _spec("RAM", r"\bram\b|\bmemory\b(?!\s+foam)", r"\bram\b|\bmemory\b(?!\s+foam)",
          rf"(?:(?:at least|min(?:imum)?|with)\s+)?{_AMOUNT}?(?:ram|memory)\b|\b\d+\s?gb\s+(?=ram\b)"),
    _spec("processor", r"\b(?:processor|cpu|intel|amd|ryzen|core\s+i[3579]|snapdragon|ghz)\b",
          r"\b(?:processor|cpu|intel|amd|ryzen|core\s+i[3579]|snapdragon|ghz)\b",
          r"\b(?:an?\s+)?(?:intel|amd|ryzen|snapdragon|core\s+i[3579])(?:\s+\w*\d\w*)?(?:\s+(?:processor|cpu|chip))?\b|"
          r"\b(?:a\s+)?(?:good|fast|decent|strong)\s+(?:processor|cpu)\b|\b\d+(?:\.\d+)?\s?ghz\b"),
    _spec("graphics card", r"\b(?:gpu|graphics(?:\s+card)?|rtx|gtx|geforce|nvidia|radeon)\b",
          r"\b(?:gpu|graphics|rtx|gtx|geforce|nvidia|radeon)\b",
          r"\b(?:an?\s+)?(?:dedicated\s+)?(?:rtx|gtx|geforce|nvidia|radeon)(?:\s+\d{3,4}\w*)?\b|"
          r"\b(?:a\s+)?(?:dedicated|good|decent)\s+(?:gpu|graphics(?:\s+card)?)\b"),
    _spec("model year", r"\b(?:what|which)\s+year\b|\byear\s+(?:is|was)\s+(?:it|that|this)\b|\bhow\s+old\s+is\s+"
                        r"(?:the\s+)?(?:model|it|that one|this one)\b|\bwhen\s+(?:was|did)\s+(?:it|this|that)"
                        r"(?:\s+\w+)?\s+(?:come out|released|launch\w*)\b|\brelease\s+(?:date|year)\b",
          r"\b20[0-3]\d\b|\breleased\b|\blaunch(?:ed)?\b", r"(?!x)x"),
    _spec("5G support", r"\b5g\b", r"\b5g\b", r"\b(?:with\s+)?5g\b"),
    _spec("screen resolution", r"\b(?:4k|8k|1080p|1440p|resolution|full\s+hd|fhd|qhd|uhd|retina)\b",
          r"\b(?:4k|8k|1080p|1440p|resolution|full\s+hd|fhd|qhd|uhd|retina)\b",
          r"\b(?:(?:with\s+)?an?\s+)?(?:4k|8k|1080p|1440p|full\s+hd|fhd|qhd|uhd|retina)(?:\s+(?:screen|display))?\b"),
    _spec("refresh rate", r"\brefresh\s+rate\b|\b\d{2,3}\s?hz\b", r"\brefresh\b|\b\d{2,3}\s?hz\b",
          r"\b(?:with\s+)?(?:an?\s+)?\d{2,3}\s?hz(?:\s+(?:screen|display|refresh rate))?\b"),
    _spec("camera resolution", r"\bmegapixels?\b|\b\d{1,3}\s?mp\b", r"\bmegapixels?\b|\b\d{1,3}\s?mp\b",
          r"\b(?:with\s+)?(?:an?\s+)?\d{1,3}\s?(?:mp|megapixels?)(?:\s+camera)?\b"),
)
# A question, not a request: "how much ram does it have", "is the 2nd one 5g?", "what year is it".
# (A bare "rtx 4060?" or "w 16gb ram?" over a list asks for such ones: a refinement, which says what none states.)
_QUESTION = re.compile(r"^\W*(?:(?:and|so|ok|okay|hmm+|but|also|wait)\W+)*(?:how|what|which|whats|what'?s|does|"
                       r"do|is|are|has|have|can|will|when)\b", re.I)


def _states(spec: Spec, products: Iterable[Product]) -> bool:
    return any(spec.stated.search(f"{p.title} {p.description or ''}") for p in products)


def unstated_asked(message: str, products: list[Product]) -> Spec | None:
    """The spec a question asks about that none of `products` (those on screen, or the aisle's) states."""
    if not products or not _QUESTION.search(message):
        return None
    return next((s for s in SPECS if s.asked.search(message) and not _states(s, products)), None)


def unstated_question_text(spec: Spec, several: bool) -> str:
    """The answer to a question about a spec no listing states: said plainly, with what the listings do give."""
    whose = "None of these listings states" if several else "Its listing doesn't state"
    return (f"{whose} the {spec.label}, so I can't tell you that. The listings give the price, brand, rating, "
            "colour, size and a short description; ask me about any of those, or compare two of them.")


@dataclass(frozen=True)
class Unstated:
    """A search's words for a spec its aisle never states, and the search's words without them."""

    spec: Spec
    said: str     # "16gb ram"
    rest: str     # the search's other words


class SpecCoverage:
    """Which aisles state each spec somewhere (a title or description of any of their products), read once."""

    def __init__(self, products: Iterable[Product]):
        stated: dict[str, set[str]] = {s.label: set() for s in SPECS}
        for p in products:
            text = f"{p.title} {p.description or ''}"
            for spec in SPECS:
                if p.category not in stated[spec.label] and spec.stated.search(text):
                    stated[spec.label].add(p.category)
        self.stated = {label: frozenset(cats) for label, cats in stated.items()}

    def unstated_in_search(self, query: str, category: str | None) -> Unstated | None:
        """The first spec a search in `category` asks for that no product of the aisle states, with its words."""
        if not query or not category:
            return None
        for spec in SPECS:
            found = spec.phrase.search(query)
            if found and found.group(0).strip() and category not in self.stated[spec.label]:
                rest = " ".join((query[:found.start()] + " " + query[found.end():]).split())
                return Unstated(spec, " ".join(found.group(0).split()), rest)
        return None


def unstated_search_notice(unstated: Unstated, aisle_noun: str) -> str:
    """What a search that dropped an unstated spec tells the shopper, before its list."""
    return (f"No listing among the {aisle_noun} here states the {unstated.spec.label}, so I couldn't check "
            f"\"{unstated.said}\"; these match the rest of what you asked.")
