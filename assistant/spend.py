"""A question about what the cart comes to against a budget: "total? am i under 450", "am i under 1200 with
that?", "how far over am i", "total? need to stay under 65".

Read as a product request, the amount became a price ceiling and the list on screen was searched again ("I
found 5 headphones under $450"), and the total was never said. The cart is shown with its total, said against
the budget: the one in the message, else the one said in an earlier such question (`DialogueState.cart_budget`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant import rules
from assistant.money import DEFAULT_CURRENCY, format_price
from assistant.vocab import CatalogVocab

# What the cart comes to: "total?", "how much is that all together", "what does it add up to".
_TOTAL = re.compile(r"^\W*(?:(?:and|so|ok)\W+)?(?:spent|so far)\W*$|"
                    r"\b(?:total|subtotal|altogether|all together|in total|add(?:s)? up|comes? to|the damage|"
                    r"how much (?:it all|they all|everything|that all) (?:is|are|costs?|comes? to)|"
                    r"how much so far|spent how much|(?:how much|where|what)\s+(?:am\s+i|are\s+we)\s+at\b|"
                    r"how much (?:is|does|do|will|would) (?:everything|it all|that all|this all|"
                    r"all (?:of )?(?:it|that|this)|the lot|my cart|my basket)\b|"
                    r"how much (?:have i|am i|i'?ve) (?:spent|spending|got in)|how much (?:i'?m|im|am i) spending)\b",
                    re.I)
# Against a budget: "am i under 450", "am i still within budget", "how far over am i", "how much do i have left".
_AGAINST = re.compile(r"\b(?:am i|i'?m|im|are we|we'?re)\s+(?:still\s+)?(?:under|within|over|below|above|in|on)\s+"
                      r"(?:my\s+|the\s+|our\s+)?(?:budget|[$£€₹]?\s?\d)|"
                      r"\bhow (?:far|much) (?:over|under)\b|\bhow much (?:do i have |have i got |is |have i )?left\b|"
                      r"\b(?:within|over|under|in) (?:my |the |our )?budget\b|"
                      r"\b(?:need|have|want|got) to (?:stay|keep it|be) (?:under|below|within)\b|"
                      r"\bam i (?:under|over|within)\b|\bhow\s+(?:am\s+i|are\s+we)\s+doing\s+(?:on|with|for)\s+"
                      r"(?:my\s+|the\s+|our\s+)?budget\b", re.I)
# The amount: "under 450", "budget is 70", "i have 350", "i got 45", "max 100", "stay under 65".
_AMOUNT = re.compile(r"(?:\b(?:under|below|within|over|above|budget(?: is| of|'s)?|have|got|max(?:imum)?|limit(?: is)?|"
                     r"spend|of)\s+(?:only\s+|just\s+|my\s+|the\s+|our\s+)?|[$£€₹]\s?)(\d+(?:,\d{3})*(?:\.\d+)?)\b(?!\s*(?:%|st|nd|rd|th)\b)",
                     re.I)


# A sum set aside for shopping, not a question about the cart: "I have $150 in total to spend on a present".
_SPENDING_PLAN = re.compile(r"\bto spend\b|\b(?:present|gift|birthday|bday)\b", re.I)
_COUNT_TOTAL = re.compile(r"^\W*(?:(?:nah|no|nope|lol|wait|ugh|oh)\W+)+\d{1,2}\s+(?:in\s+)?total\W*$", re.I)
# Products asked for within the budget: "is there anything in my budget?", "show me some under budget".
_PRODUCTS_ASKED = re.compile(r"\b(?:is there|are there|anything|something|any others?|show|find|options?)\b", re.I)


@dataclass(frozen=True)
class SpendQuestion:
    """A question about the cart's total; `budget` is the amount it names (None: the one said before)."""

    budget: float | None


def spend_question(message: str, vocab: CatalogVocab) -> SpendQuestion | None:
    """The question when the message asks what the cart comes to, or how it stands against a budget, and asks
    for nothing else: no product named, nothing to add or remove."""
    if not (_TOTAL.search(message) or _AGAINST.search(message)) or _COUNT_TOTAL.match(message) \
            or _SPENDING_PLAN.search(message):
        return None  # ("lol no, 2 total" after "grab 2 more": how many; "$150 in total to spend on a present": a plan)
    if rules.ADD_CART.search(rules.WHAT_I_ADDED.sub(" ", message)) or rules.REMOVE.search(message) \
            or _PRODUCTS_ASKED.search(message) \
            or vocab.product_heads(message) or vocab.wanted_categories(message) or vocab.mentioned_brands(message):
        return None  # "add the black one, what's the total", "total for two kettles?", "any Apple in my budget?"
    amount = _AMOUNT.search(message)
    return SpendQuestion(float(amount[1].replace(",", "")) if amount else None)


def against_budget(total: float, budget: float | None, currency: str = DEFAULT_CURRENCY) -> str:
    """"That comes to $45.99, $404.01 under your $450.00." (or over it, or no budget known)."""
    said = f"That comes to {format_price(total, currency)}"
    if budget is None:
        return said + "."
    gap = round(budget - total, 2)
    if gap > 0:
        return f"{said}, {format_price(gap, currency)} under your {format_price(budget, currency)}."
    if gap < 0:
        return f"{said}, {format_price(-gap, currency)} over your {format_price(budget, currency)}."
    return f"{said}: exactly your {format_price(budget, currency)}."
