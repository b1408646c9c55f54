"""One item picked for a shopper who asks the shop to choose: "just pick one for me", "which would u get", "u decide".

Why: read for its words, "just pick one" was an add with no item named ("Which one? Say e.g. ...") and "which of those
would u get" a new search. The pick is the best rated item on screen (more reviews first on a tie, then the list's
order), said with the facts that make it the pick; it comes into focus, so "ok add it" next adds it.
"""

from __future__ import annotations

import re

from recsys.types import Candidate

_PICK = re.compile(
    r"^\W*(?:(?:ok|okay|hmm+|so|just|pls|please|then|idk|honestly|ugh)\W+)*(?:"
    r"(?:just\s+)?(?:pick|choose)\s+(?:one|for me|one for me|the best one|something)(?:\s+for\s+me)?"
    r"|(?:you|u)\s+(?:decide|choose|pick)(?:\s+for\s+me)?"
    r"|which\s+(?:one\s+)?(?:of\s+(?:those|these|them)\s+)?would\s+(?:you|u)\s+(?:get|pick|buy|choose|go\s+for|take|"
    r"recommend|suggest)"
    r"|what\s+would\s+(?:you|u)\s+(?:get|pick|buy|choose)"
    r"|(?:your|ur)\s+(?:pick|choice|recommendation)\??"
    r"|(?:give\s+me\s+)?one\s+answer"
    r")(?:\s+(?:please|pls|then|thanks|lol|tbh|honestly))*\W*$", re.I)


def asks_pick(message: str) -> bool:
    """Whether the message asks the shop to choose one item for the shopper."""
    return bool(_PICK.match(message))


def pick_of(shown: list[Candidate]) -> int:
    """The position (0-based) of the pick: the best rated, then the most reviewed, then the first listed."""
    def key(i: int) -> tuple:
        p = shown[i].product
        return (-(p.rating or 0.0), -(p.review_count or 0), i)
    return min(range(len(shown)), key=key)


def pick_text(shown: list[Candidate], picked: int) -> str:
    """The pick said with its facts (placeholders for the catalog's), and how to take it."""
    p = shown[picked].product
    reviews = f" from {p.review_count} reviews" if p.review_count else ""
    why = f"the best rated of the {len(shown)} shown" if len(shown) > 1 else "the one shown"
    rated = f"rated {p.rating:.1f}/5{reviews}, " if p.rating is not None else ""
    return f"I'd pick [name_1]: {rated}[price_1], {why}. Say 'add it' to put it in your cart."
