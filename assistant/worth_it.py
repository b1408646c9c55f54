"""Whether one item is worth its extra cost over another: "is the airpods worth the extra 30 over the samsung",
"is the kitchenaid worth almost double the philips?", "is the sennheiser worth the extra 40 bucks?".

Why: read for its words, the question became a details reply on one item ("On extra bucks: its listing does
not mention it"), a list of one brand, or "I can't find number 30". It asks for the two set side by side and
for the facts that weigh the extra: how much more it costs and how the two are rated. The second item is the
one named after "over", "than" or "vs"; unnamed, the other of two just compared, else the item just looked at,
else the one shown whose price is the extra said below the first's.
"""

from __future__ import annotations

import re

from assistant import rules
from assistant.vocab import CatalogVocab

WORTH = re.compile(r"\bworth\s+(?:it\s+)?(?:paying\s+)?(?:the\s+|an?\s+)?(?:extra|more|double|twice|almost|nearly|"
                   r"upgrade|difference|price\s+difference|premium)\b|"
                   r"\bworth\s+[$£€]?\d+(?:\.\d+)?\s*(?:bucks|dollars|quid|euros|pounds)?\s+(?:more|extra)\b", re.I)
# Where the second item is named: "over the samsung", "than the philips", "vs the yellow".
_OVER = re.compile(r"\b(?:over|than|vs\.?|versus|compared (?:to|with)|instead of|against|double|twice|triple)\s+"
                   r"(?:(?:the\s+)?(?:price|cost)\s+of\s+)?(?P<other>.+)$", re.I)
_NUMBER = re.compile(r"[$£€]?\b(\d+(?:\.\d+)?)\b")


def worth_pair(text: str, shown: list, vocab: CatalogVocab, named, compared: tuple[int, ...],
               focus: int | None) -> tuple[int, int] | None:
    """The positions of the item asked about and the one it is weighed against, or None when the message asks
    no such question or the two cannot both be found. `named(words, shown, vocab)` reads the one shown item
    words pick ("the airpods", "the samsung")."""
    said = WORTH.search(text)
    if not said or len(shown) < 2:
        return None
    first = _one(named(text[:said.start()], shown, vocab))
    if first is None:
        first = focus if focus is not None and not rules.parse_references(text[:said.start()], False) else None
    if first is None:
        return None
    rest = text[said.start():]
    over = _OVER.search(rest)
    second = _one(named(over["other"], shown, vocab)) if over else None
    if second is None and not over:
        others = [p for p in (*compared, focus) if p is not None and p != first]
        second = others[0] if len(set(others)) == 1 else None
    if second is None and not over:
        second = _by_gap(rest, shown, first)
    if second is None or second == first:
        return None
    return first, second


def _one(found: tuple[int, ...]) -> int | None:
    return found[0] if len(found) == 1 else None


def _by_gap(rest: str, shown: list, first: int) -> int | None:
    """The one shown item whose price is the extra said below the first's ("worth the extra 40"), within a fifth."""
    number = _NUMBER.search(rest)
    price = shown[first - 1].product.price
    if number is None or price is None:
        return None
    gap = float(number[1])
    near = [i + 1 for i, c in enumerate(shown) if i + 1 != first and c.product.price is not None
            and abs((price - c.product.price) - gap) <= 0.2 * gap]
    return near[0] if len(near) == 1 else None
