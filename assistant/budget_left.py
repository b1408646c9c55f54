"""A budget for the whole list, and what is left of it: "300 total, jeans first", "now a cordless vacuum for
whatever is left of the 400", "earbuds with what's left", "how much have i got left for lego out of the 400?".

A shopper with a list spends one amount across several items. Read as one item's price, "whatever's left of
the 400" became a floor of $400 ("I found 5 home products over $400"), when $212 was left after the cart. The
amount said for everything is kept as the cart's budget (`DialogueState.cart_budget`, which the spend question
answers against), and what is left of it, after the cart at catalog prices, is the ceiling of the search.
"""

from __future__ import annotations

import dataclasses
import re

from assistant import rules
from assistant.money import DEFAULT_CURRENCY, format_price
from assistant.types import DialogueState, Intent

_AMOUNT = r"[$£€₹]?\s?(\d+(?:,\d{3})*(?:\.\d+)?)\s?(k\b)?"
# "whatever is left of the 400", "the rest of my 900", "out of the 400", "what remains of the 250".
# A budget for a whole set of things, said beside a ceiling for one: "my budget for a running kit is 220. running
# shoes under 140" (the 140 is `_ITEM_CEILING`'s).
_KIT_BUDGET = re.compile(r"\b(?:my|our|the|a|total|overall)\s+(?:total\s+|overall\s+)?budget\s+"
                         r"(?:for\s+[a-z' ]{1,40}?\s+)?"
                         r"(?:is|of|=|:|'s)\s*[$£€₹]?\s?(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)\b", re.I)
_ITEM_CEILING = re.compile(r"\b(?:under|below|less than|max(?:imum)?|up to|no more than)\s+[$£€₹]?\s?"
                           r"(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)\b(?!\s*(?:%|stars?))", re.I)
_LEFT_OF = re.compile(rf"\b(?:what(?:ever)?(?:'s|s|\s+is)?\s+(?:still\s+)?(?:left|remaining|remains)\s+"
                      rf"(?:of|from|in|out of)|(?:the\s+)?rest\s+of|out\s+of|left\s+(?:of|from))\s+"
                      rf"(?:the\s+|my\s+|our\s+|that\s+)?{_AMOUNT}"
                      r"(?!\s*(?:%|st|nd|rd|th|stars?|shown|listed|items?|products?|ones?|options?|results?|of)\b)",
                      re.I)
# "with what's left", "whatever fits in the rest of the budget", "what i have left": the budget said before.
_LEFT = re.compile(r"\b(?:what(?:ever)?(?:'s|s|\s+is)\s+left|what\s+(?:i|we)\s+(?:have|'ve got|got)\s+left|"
                   r"(?:the\s+)?rest\s+of\s+(?:the|my|our)\s+(?:budget|money)|remaining\s+budget|"
                   r"what(?:ever)?(?:'s|s|\s+is)\s+remaining)\b", re.I)
_LEAST = 10  # "out of the 5": a count, not a budget
_COUNT = r"(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozen)"
# "$400 for 5 backpacks", "400 for all 5", "200 total for 4 tees": an amount for a number of things.
_FOR_COUNT = re.compile(rf"{_AMOUNT}\s+(?:total\s+|all in\s+|in total\s+)?for\s+(?:all\s+|the\s+)?{_COUNT}\b"
                        r"(?!\s*(?:%|years?|yrs?|months?|weeks?|days?|hours?|people|persons?)\b)", re.I)
# "5 backpacks", "three pairs of jeans", "my 3 kids": how many of the thing are bought. Not a size, a model
# number or a measure ("size 10 shoes", "15 inch laptops", "2 in 1", "50 ml"), nor the second thing of a list
# ("jeans and 2 tshirts").
_COUNTED = re.compile(rf"(?<!and )(?<!plus )(?<!& )(?<!size )(?<!sz )(?<!us )(?<!uk )(?<!eu )(?<![$£€₹.\d]){_COUNT}\s+"
                      r"(?!(?:inch|in|gb|tb|mm|cm|ml|l|oz|kg|lbs?|pack|piece|w|mah|hz|star|x|year|yr|month|"
                      r"week|day|hour|dollar|buck|euro|pound|quid)s?\b)"
                      r"(?:(?:pairs?\s+of|more|new|matching|identical|same|different|of\s+(?:those|these|the|them))\s+)?"
                      r"(?:[a-z-]+\s+)?(?P<noun>[a-z]{3,}s)\b", re.I)
_NOT_THINGS = {"dollars", "bucks", "euros", "pounds", "quid", "stars", "years", "months", "weeks", "days",
               "hours", "inches", "reviews", "ratings", "results", "options", "ones", "times", "minutes"}
_MOST = 50
_SEARCHING = ("search", "refine", "recommend", "out_of_scope")


@dataclasses.dataclass(frozen=True)
class BudgetLeft:
    """What a message says of a budget for everything: the amount (None: the one said before) and whether the
    search is for what is left of it after the cart."""

    amount: float | None
    left: bool


def budget_said(message: str) -> BudgetLeft | None:
    """The budget for everything a message names: "what's left of the 400" (left of 400), "with what's left"
    (left of the one said before), "300 total" / "500 for both" (300, 500; nothing spent yet is counted)."""
    text = rules.digits(message)
    left_of = _LEFT_OF.search(text)
    if left_of and _value(left_of[1], left_of[2]) >= _LEAST:
        return BudgetLeft(_value(left_of[1], left_of[2]), True)
    if _LEFT.search(text):
        return BudgetLeft(None, True)
    for_all = rules.PRICE_FOR_ALL.search(rules.mask_non_prices(text))
    if for_all:
        return BudgetLeft(rules.to_number(for_all[1], for_all[2]), False)
    for_count = _FOR_COUNT.search(text)
    if for_count and _value(for_count[1], for_count[2]) >= _LEAST and 2 <= _count(for_count["n"]) <= _MOST:
        return BudgetLeft(_value(for_count[1], for_count[2]), False)
    kit = _KIT_BUDGET.search(text)
    if kit and _ITEM_CEILING.search(text[kit.end():] + " " + text[:kit.start()]):
        return BudgetLeft(float(kit["n"].replace(",", "")), False)  # "my budget for a running kit is 220 ... under 140"
    return None


def item_ceiling(message: str, budget: float) -> float | None:
    """A ceiling said for one item beside a budget for everything ("budget 250 total. black jeans under 90"): the
    lowest "under N" below the budget, or None."""
    found = [float(m["n"].replace(",", "")) for m in _ITEM_CEILING.finditer(rules.digits(message))]
    below = [n for n in found if n < budget]
    return min(below) if below else None


def items_counted(message: str) -> int | None:
    """How many of the searched thing a budget for everything buys: "$400 for 5 backpacks" (5), "three jackets
    for the boys, 450 total" (3). None where no count of things is said (a list of different things, or one).

    Why: a budget said for N of a thing is N times what one may cost; read as one item's ceiling, "$400 for 5
    backpacks" showed $131 backpacks that make a $655 order."""
    text = rules.digits(message)
    for_count = _FOR_COUNT.search(text)
    if for_count and 2 <= _count(for_count["n"]) <= _MOST:
        return _count(for_count["n"])
    for counted in _COUNTED.finditer(text):
        if counted["noun"].lower() not in _NOT_THINGS and 2 <= _count(counted["n"]) <= _MOST:
            return _count(counted["n"])
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else rules.COUNTS_SAID[word.lower()]


def _value(number: str, thousands: str | None) -> float:
    return float(number.replace(",", "")) * (1000 if thousands else 1)


def within_budget(intent: Intent, message: str, session: DialogueState, spent: float,
                  currency: str = DEFAULT_CURRENCY) -> tuple[Intent, float | None, list[str], str | None]:
    """The search capped at what is left of the budget for everything. Returns the intent, the budget to keep
    as the cart's (None: unchanged), notes for the trace and a line for the shopper (None: nothing to say)."""
    said = budget_said(message) if intent.kind in _SEARCHING else None
    if said is None:
        return intent, None, [], None
    budget = said.amount if said.amount is not None else session.cart_budget
    if budget is None:
        return intent, None, [], None
    if not said.left:  # "300 total, jeans first": the ceiling is the whole amount, the floor none the parser made of it
        floor = None if intent.min_price is not None and intent.min_price >= budget * 0.7 else intent.min_price
        count = items_counted(message) if said.amount is not None else None
        if count:  # "$400 for 5 backpacks": $80 each
            each = round(budget / count, 2)
            capped = dataclasses.replace(intent, max_price=min(each, intent.max_price or each),
                                         min_price=floor if floor is None or floor < each else None)
            line = (f"{format_price(budget, currency)} for {count} is up to {format_price(each, currency)} each.")
            return capped, budget, [f"budget for {count}: {budget:g}, so up to {each:g} each"], line
        ceiling = min(budget, intent.max_price or budget, item_ceiling(message, budget) or budget)
        capped = dataclasses.replace(intent, max_price=ceiling, min_price=floor)
        return capped, budget, [f"budget for everything: {budget:g}"], None
    left = round(budget - spent, 2)
    if left <= 0:
        line = (f"Your cart already comes to {format_price(spent, currency)}, which uses all of your "
                f"{format_price(budget, currency)}.")
        return dataclasses.replace(intent, min_price=None), budget, [f"budget {budget:g} used up by the cart"], line
    line = (f"Your cart comes to {format_price(spent, currency)}, so {format_price(left, currency)} is left of your "
            f"{format_price(budget, currency)}.") if spent else None
    capped = dataclasses.replace(intent, max_price=left, min_price=None)
    return capped, budget, [f"what is left of {budget:g}: up to {left:g}"], line
