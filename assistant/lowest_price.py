"""Whether an item is the cheapest of its kind, asked: "is that the lowest price?", "is this the cheapest one you
have?".

Why: the catalog holds every price, so the answer is a fact; read as a question about a feature, the reply said
"On lowest: its listing does not mention it". The kind is what the item's title names ("blender"), among its
aisle's products, so a blender is not compared with a kettle; in stock or not, as the lists show them.
"""

from __future__ import annotations

import re

import pandas as pd

from assistant.money import format_price
from assistant.vocab import singular, words
from retrieval.types import Product

_ASKED = re.compile(r"\b(?:is|was|that'?s|thats|it'?s)\s+(?:that|this|it|that one|this one)?\s*(?:really\s+)?"
                    r"(?:the\s+)?(?:lowest|cheapest|best)\s+(?:price|one|you\s+(?:have|got|do)|you'?ve\s+got|"
                    r"available|there\s+is)|\b(?:lowest|cheapest)\s+(?:price\s+)?(?:you\s+(?:have|got|do)|you'?ve\s+got)"
                    r"\s*\?", re.I)


# A word after "is the cheapest one" that asks about a feature of it: "is the cheapest one water resistant".
_ABOUT_IT = re.compile(r"\s+(?!(?:you|u|here|there|in|on|available|at|of|now|out|right|then|pls|please|really|"
                       r"around|anywhere|overall|going)\b)[a-z]{3,}", re.I)


def asks_lowest(message: str) -> bool:
    """Whether the message asks if an item is the cheapest there is (not what "the cheapest one" is like)."""
    found = _ASKED.search(message)
    return bool(found) and not _ABOUT_IT.match(message, found.end())


def lowest_answer(product: Product, catalog: pd.DataFrame, heads: set[str], currency: str) -> str:
    """Yes with how many it was measured against, or no with the cheapest of that kind."""
    same = catalog[catalog["category"] == product.category]
    kinds = {singular(w) for w in words(product.title)} & heads
    if kinds:
        named = same["title"].astype(str).map(lambda t: bool({singular(w) for w in words(t)} & kinds))
        same = same[named]
    kind = min(kinds) if kinds else product.category
    priced = same[same["price"].notna()]
    if priced.empty or product.price is None:
        return ""
    cheapest = priced.sort_values("price").iloc[0]
    if float(cheapest["price"]) >= product.price:
        return (f"\nYes: at {format_price(product.price, currency)} it is the cheapest {kind} I have "
                f"(of {len(priced)}).")
    return (f"\nNo: the cheapest {kind} I have is {cheapest['title']} at "
            f"{format_price(float(cheapest['price']), currency)}.")
