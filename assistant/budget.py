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
# "bump it to 900", "raise the budget to 900", "lower the max to 70", "what if i go to 150": a new ceiling.
BUDGET_UP = re.compile(r"\b(?:bump|raise|increase|up|push|stretch|take|go|lower|drop|reduce|cut|bring|knock)\s+"
                       r"(?:it|that|the budget|my budget|the limit|the max|the price)?\s*(?:up\s+|down\s+)?to\s+"
                       r"[$£€₹]?\s?(\d+(?:\.\d+)?)\b(?!\s*(?:st|nd|rd|th)\b)", re.I)
# "make it 120 actually", "change the budget to 900": a new ceiling (a small number after "make it" is a quantity,
# `cart_acts`, unless a budget word or a currency sign says otherwise).
MAKE_IT = re.compile(r"\b(?:make|change|set)\s+(?:it|that|(?P<named>the budget|my budget|the max|the limit|the price))"
                     r"\s+(?:to\s+)?(?P<sign>[$£€₹])?\s?(\d+(?:\.\d+)?)\b"
                     r"(?!\s*(?:st|nd|rd|th|pairs?|units?|pieces?|packs?|of|x|items?)\b)", re.I)
QUANTITY_AT_MOST = 20  # "make it 3" sets a cart line's quantity (cart_acts.MAX_QUANTITY)
# A count said of an item in so many words ("30 of the 3rd", "40 pairs") may be larger, up to a cart line's most
# (the HTTP cart's `quantity` bound): a club buying kit counts in dozens.
COUNTED_AT_MOST = 99
# "can you go lower? like 90", "lower, say 60": down, to the amount said.
LOWER_TO = re.compile(r"\b(?:go|going)\s+(?:a bit\s+|any\s+|even\s+)?lower\W+(?:like|say|maybe|about|around)?\s*"
                      r"[$£€₹]?\s?(\d+(?:\.\d+)?)\b", re.I)
# "what about half that", "half the price": half the ceiling set.
HALF = re.compile(r"\bhalf\s+(?:of\s+)?(?:that|the price|the budget|as much|my budget)\b", re.I)

# "i said 600 but 650 is fine", "I know I said 80, 90 at a push": the budget said before, then the new one.
SAID_THEN = re.compile(r"\bi\s+(?:know\s+i\s+)?said\s+[$£€₹]?\s?(\d+(?:\.\d+)?)\b[^\d]{0,20}?"
                       r"(?:but|,)\s*(?:maybe\s+|like\s+)?[$£€₹]?\s?(\d+(?:\.\d+)?)\b", re.I)


# "hmm maybe 1500 then", "no wait 400": an amount said alone while a bound is set is that bound now ("300 max" says
# which bound itself, and is read as any price is).
AMOUNT_ALONE = re.compile(r"^\W*(?:(?:hmm+|um+|ok(?:ay)?|no|nah|wait|actually|maybe|so|then|well|sorry|oh|or|like|"
                          r"say|let'?s say|what about|how about)\W+)*[$£€₹]?\s?(\d+(?:\.\d+)?)\s*(?:[$£€₹]|bucks|"
                          r"dollars|quid|euros|pounds)?(?:\W+(?:then|instead|actually|maybe|pls|please|"
                          r"is fine|is ok|works))*\W*$", re.I)


def _quantity_moved(said: re.Match, state: DialogueState) -> bool:
    """"bump it to 2", "reduce that to 1" right after an add: a count of the line just added, not a budget of $2
    (a budget word or a currency sign says it is one)."""
    return (float(said[1]) <= QUANTITY_AT_MOST and state.last_kind == "add_to_cart" and state.last_added in state.cart
            and not re.search(r"[$£€₹]|\b(?:budget|limit|max|price)\b", said[0], re.I))


def budget_fix(text: str, state: DialogueState) -> dict[str, float | None]:
    """A budget said again while one is set: "I meant 60 not 90" replaces the bound that was 90 (the
    ceiling when neither was), "bump it to 900" raises the ceiling, "lower the max to 70" lowers it, "half that"
    halves it."""
    if state.max_price is None and state.min_price is None:
        return {}
    fix = BUDGET_FIX.search(text)
    if fix:
        new, old = float(fix[1]), float(fix[2])
        return {"min_price": new} if state.min_price == old and state.max_price != old else {"max_price": new}
    said = SAID_THEN.search(text)
    if said:  # "i said 600 but 650 is fine": the second number is the ceiling now
        return {"max_price": float(said[2]), "min_price": None}  # not a range "600 ... 650"
    up = BUDGET_UP.search(text) or LOWER_TO.search(text)
    if up and not _quantity_moved(up, state):
        return {"max_price": float(up[1])}
    made = MAKE_IT.search(text)
    if made and (made["named"] or made["sign"] or float(made[3]) > QUANTITY_AT_MOST):
        return {"max_price": float(made[3])}
    if HALF.search(text) and state.max_price is not None:
        return {"max_price": round(state.max_price / 2, 2)}
    alone = AMOUNT_ALONE.match(text)
    if alone and float(alone[1]) > QUANTITY_AT_MOST:  # "no wait 400" (not "no wait 2", a position or a count)
        return {"min_price": float(alone[1])} if state.max_price is None else {"max_price": float(alone[1])}
    return {}
