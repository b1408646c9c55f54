"""One product picked by a fact of the whole shop: "the cheapest lodge skillet", "whats the best rated garmin".

Why its own module: such words name one product, not a list to choose from, so an add of them adds the first of
the search sorted that way, and after a question of them "add it" means that first item.
"""

from __future__ import annotations

import re

# One item picked by a fact of the whole shop: "the cheapest lodge skillet", "the best rated garmin" (not "the two
# cheapest", which is a choice left to the shopper).
_ONE_CHEAPEST = re.compile(r"\b(?:the\s+)?(?:cheapest|lowest[- ]priced?)\b(?!\s+(?:two|three|four|2|3|4)\b)", re.I)
_ONE_BEST_RATED = re.compile(r"\b(?:best|highest|top)[\s-]+(?:rated|reviewed)\b", re.I)
_SEVERAL = re.compile(r"\b(?:two|three|four|2|3|4|few|couple)\s+(?:cheapest|best|highest|top)\b", re.I)


def superlative(phrase: str) -> str | None:
    """The list order whose first item an add's words pick ("price" for "the cheapest lodge skillet", "rating"
    for "the best rated garmin"); None when they pick by no such fact. Why: such words name one product of the
    shop, not a guess, so it is added once the search sorted that way finds one of the kind named."""
    if _SEVERAL.search(phrase):
        return None
    if _ONE_CHEAPEST.search(phrase):
        return "price"
    return "rating" if _ONE_BEST_RATED.search(phrase) else None


# A list asked for in that order rather than one item: "cheapest first", "the cheapest ones", "some cheap options".
_A_LIST = re.compile(r"\b(?:first|ones|options|choices|few|some|list|sort|order)\b", re.I)


def asks_for_one(message: str) -> str | None:
    """The order of a search message that asks for the one item first in it ("whats the cheapest toaster",
    "cheapest laptop?", "the best rated one under 200"); None for a list asked in that order ("cheapest first")."""
    return None if _A_LIST.search(message) else superlative(message)
