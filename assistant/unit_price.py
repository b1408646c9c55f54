"""Price per millilitre (or gram, or ounce) asked of items set side by side: "which is better value per ml",
"whats the cheapest per ml of these".

Why: the side-by-side rows give each price and listed size, and the plain "cheaper" answer named the item with the
lower price, though a 100 ml bottle at $19.99 is better value than 50 ml at $13.99. The catalog's price and size
fields are all it reads, so the figures state nothing the listings do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.money import format_price
from retrieval.types import Product

ASKED = re.compile(r"\bper\s+(?:ml|mls|millilit(?:re|er)s?|100\s?ml|litre|liter|oz|ounce|gram|g|kg|unit)\b|"
                   r"\b(?:price|cost|value)\s+per\b|\bbang for (?:the|your|my) buck\b", re.I)
_CONTENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ml|l|g|kg|oz)\s*$", re.I)
_TO_BASE = {"ml": ("ml", 1.0), "l": ("ml", 1000.0), "g": ("g", 1.0), "kg": ("g", 1000.0), "oz": ("oz", 1.0)}


@dataclass(frozen=True)
class UnitValue:
    """The sentence, and the best-value item it names (the one "add that one" next means)."""

    text: str
    pick: Product | None


def _per_unit(product: Product) -> tuple[float, str] | None:
    found = _CONTENT.match(str(product.size or ""))
    if not found or product.price is None:
        return None
    unit, scale = _TO_BASE[found[2].lower()]
    amount = float(found[1]) * scale
    return (product.price / amount, unit) if amount > 0 else None


def unit_value(message: str, products: list[Product], currency: str) -> UnitValue | None:
    """Each item's price per unit of its listed content and the best value of them; None when the message asks
    no such thing or fewer than two items list a content in one unit."""
    if not ASKED.search(message):
        return None
    valued = [(v, p) for p in products if (v := _per_unit(p)) is not None]
    units = {unit for (_, unit), _ in valued}
    if len(valued) < 2 or len(units) != 1:
        return None
    unit = units.pop()
    rows = "; ".join(f"{p.title}: {format_price(v, currency)}/{unit} ({p.size})" for (v, _), p in valued)
    best_value = min(v for (v, _), _ in valued)
    best = [p for (v, _), p in valued if v == best_value]
    if len(best) > 1:
        return UnitValue(f"Per {unit}: {rows}. They are level at {format_price(best_value, currency)}/{unit}.", None)
    return UnitValue(f"Per {unit}: {rows}. Best value per {unit}: {best[0].title}.", best[0])
