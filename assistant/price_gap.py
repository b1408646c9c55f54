"""How far apart two prices are: "whats the price gap", "difference in price between them", "how much cheaper is
the first one".

Why: asked after two items were set side by side, these questions were read as the comparison again (the same
table, no answer) or as a search for the brand Gap. The answer is the difference of the two catalog prices, said
with which one is cheaper.
"""

from __future__ import annotations

import re

from assistant.money import format_price
from retrieval.types import Product

_ASKS = re.compile(r"\bprice\s+(?:difference|diff|gap)\b|\bdifference\s+in\s+(?:price|cost)\b|"
                   r"\bcost\s+difference\b|\bhow\s+much\s+(?:cheaper|more\s+expensive|pricier|dearer|more|less)\b"
                   r"(?!\s+(?:than\s+)?[$£€₹]?\d)|\bhow\s+much\s+(?:do|does|would)\s+(?:i|you|we)\s+save\b", re.I)


def asks_price_gap(message: str) -> bool:
    """Whether the message asks how far apart two prices are."""
    return bool(_ASKS.search(message))


def price_gap_text(first: Product, second: Product, currency: str) -> str:
    """"The [name] is $12.00 cheaper than the [name] ($80.99 vs $92.99)." (titles from the catalog)."""
    if first.price is None or second.price is None:
        return "I don't have a price for both of them, so I can't say how far apart they are."
    if round(first.price, 2) == round(second.price, 2):
        return f"They cost the same: {format_price(first.price, currency)}."
    low, high = sorted((first, second), key=lambda p: p.price)
    gap = format_price(round(high.price - low.price, 2), currency)
    return (f"The {low.title} is {gap} cheaper than the {high.title} "
            f"({format_price(low.price, currency)} vs {format_price(high.price, currency)}).")
