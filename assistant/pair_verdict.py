"""The answer, in words, to a comparative asked of two items set side by side: "is the second one cheaper
than the first?", "which is better rated?", "which one is better?".

Why: the side-by-side rows list each item's price and rating, but the shopper asked which way they fall;
making them work it out from two rows is no answer. Only the catalog's price and rating fields are read,
so the sentence states nothing the listing does not. "Better" with no quality named is answered with both
facts a listing has (its rating and its price); the shopper weighs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant import rules
from assistant.money import format_price
from assistant.worth_it import WORTH
from retrieval.types import Product

# Of two, "the best value" is the cheaper.
_CHEAPER = re.compile(rf"\b(?:{rules.COSTS_LESS_WORDS}|(?:the )?best (?:deal|value))\b", re.I)
_RATED = re.compile(r"\b(?:better|higher)[\s-]+(?:rated|rating|reviewed|reviews?)\b|"
                    r"\brated (?:better|higher)\b|\bmore stars\b", re.I)
# "which is better?", "which one would you pick", "is the first one any better?", "better choice?"
_BETTER = re.compile(r"\b(?:which|what)\b(?:\s+one)?(?:\s+(?:is|'s|s|would you|do you|should i|to))?\s+"
                     r"(?:better|best|recommend|pick|choose|go for|get|buy)\b|"
                     r"\b(?:better|best) (?:one|choice|option|buy|pick)\b|\b(?:is|are)\s+\w+(?:\s+one)?\s+"
                     r"(?:any\s+)?better\b", re.I)


@dataclass(frozen=True)
class Verdict:
    """The sentence, and the item it picks when it answers one quality ("add that one" next means it)."""
    text: str
    pick: Product | None


def pair_verdict(message: str, pair: list[Product], currency: str) -> Verdict | None:
    """Which of the two items is cheaper / pricier / higher rated, as the message asks; None when it asks none
    of these or the catalog lacks the fields to say."""
    if len(pair) != 2:
        return None
    cheaper, pricier, rated = _CHEAPER.search(message), rules.COSTS_MORE.search(message), _RATED.search(message)
    better = not (cheaper or pricier or rated) and (_BETTER.search(message) or WORTH.search(message))
    parts = []
    if cheaper or pricier or better:
        parts.append(_price_part(pair, currency, pricier=bool(pricier and not cheaper)))
    if rated or better:
        parts.append(_rating_part(pair))
    said = [p for p in parts if p]
    if not said:
        return None
    picks = {p[1].product_id: p[1] for p in said if p[1] is not None}
    one = next(iter(picks.values())) if len(said) == 1 and len(picks) == 1 else None
    return Verdict(" ".join(text for text, _ in said), one)


def _price_part(pair: list[Product], currency: str, pricier: bool) -> tuple[str, Product | None] | None:
    a, b = pair
    if a.price is None or b.price is None:
        return None
    if a.price == b.price:
        return f"They cost the same ({format_price(a.price, currency)}).", None
    low, high = sorted(pair, key=lambda p: p.price)
    gap = format_price(high.price - low.price, currency)
    if pricier:
        return f"The pricier of the two is {high.title}, by {gap}.", high
    return f"The cheaper of the two is {low.title}, by {gap}.", low


def _rating_part(pair: list[Product]) -> tuple[str, Product | None] | None:
    a, b = pair
    if a.rating is None or b.rating is None:
        return None
    if a.rating == b.rating:
        return f"Both are rated {a.rating:g}/5.", None
    best, other = sorted(pair, key=lambda p: p.rating, reverse=True)
    return f"The higher rated is {best.title} ({best.rating:g}/5 against {other.rating:g}/5).", best
