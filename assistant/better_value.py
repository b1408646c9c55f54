"""Something better for the same money: "anything better for the same money?", "something better at that price".

Why: read for its words, the question was a search for "better for same money" (a thing the shop lacks) or a
step down in price. The shopper asks for a better rated item at about the price of the one in focus (or the
first on screen): the search on screen within that price band, best rated first.
"""

from __future__ import annotations

import re

# How far either side of the item's price "the same money" reaches.
SAME_MONEY = 0.15

_SAME_MONEY = re.compile(r"\b(?:better|nicer|higher[\s-]rated|better[\s-]rated)\b.{0,25}?\b(?:for|at|around)\s+"
                         r"(?:the\s+|that\s+|this\s+|a\s+)?(?:same|similar|that|this)\s+(?:money|price|budget|cost)\b|"
                         r"\b(?:same|similar)\s+(?:money|price)\s+(?:but\s+)?(?:better|nicer|higher[\s-]rated)\b", re.I)


def asks_better_same_money(message: str) -> bool:
    return bool(_SAME_MONEY.search(message))


def price_band(price: float) -> tuple[float, float]:
    """The prices "the same money" covers around `price`."""
    return round(price * (1 - SAME_MONEY), 2), round(price * (1 + SAME_MONEY), 2)
