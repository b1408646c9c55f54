"""A budget said again while one is set: "sorry, I meant 60 not 90", "bump it to 900".

Its own module because two readers need it before either reads anything else: the rule parser, so
"60 not 90" is not taken for two list positions, and the slot reader, which sets the new bound.
"""

from __future__ import annotations

import re

from assistant.types import DialogueState

# "sorry, I meant 60 not 90", "60 not 16": a budget said again, replacing the bound it names.
BUDGET_FIX = re.compile(r"(?:^|\b(?:meant|mean|sorry|no|oops|actually)\W+)[$£€₹]?\s?(\d+(?:\.\d+)?)\s*,?\s*"
                        r"(?:not|instead of|rather than)\s+[$£€₹]?\s?(\d+(?:\.\d+)?)\b", re.I)
# "bump it to 900", "raise the budget to 900", "up it to 1200": a new ceiling.
BUDGET_UP = re.compile(r"\b(?:bump|raise|increase|up|push|stretch|take)\s+(?:it|that|the budget|my budget|the limit|"
                       r"the max|the price)?\s*(?:up\s+)?to\s+[$£€₹]?\s?(\d+(?:\.\d+)?)\b", re.I)

# "i said 600 but 650 is fine", "I know I said 80, 90 at a push": the budget said before, then the new one.
SAID_THEN = re.compile(r"\bi\s+(?:know\s+i\s+)?said\s+[$£€₹]?\s?(\d+(?:\.\d+)?)\b[^\d]{0,20}?"
                       r"(?:but|,)\s*(?:maybe\s+|like\s+)?[$£€₹]?\s?(\d+(?:\.\d+)?)\b", re.I)


def budget_fix(text: str, state: DialogueState) -> dict[str, float | None]:
    """A budget said again while one is set: "I meant 60 not 90" replaces the bound that was 90 (the
    ceiling when neither was), "bump it to 900" raises the ceiling."""
    if state.max_price is None and state.min_price is None:
        return {}
    fix = BUDGET_FIX.search(text)
    if fix:
        new, old = float(fix[1]), float(fix[2])
        return {"min_price": new} if state.min_price == old and state.max_price != old else {"max_price": new}
    said = SAID_THEN.search(text)
    if said:  # "i said 600 but 650 is fine": the second number is the ceiling now
        return {"max_price": float(said[2]), "min_price": None}  # not a range "600 ... 650"
    up = BUDGET_UP.search(text)
    return {"max_price": float(up[1])} if up else {}
