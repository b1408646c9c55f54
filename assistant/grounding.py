"""Grounded replies: writers emit placeholders, this module fills them from the catalog.

Why: a product fact (name, price, brand, rating) that is not in the catalog can never reach a
shopper, whatever a language model writes. Placeholders that point at nothing are removed and
recorded, never guessed.
"""

from __future__ import annotations

import re

from assistant.money import DEFAULT_CURRENCY, format_price
from retrieval.types import Product

PLACEHOLDER = re.compile(r"\[(name|price|brand|rating|category|color|description|id|stock)_(\d{1,2})\]")
# "rating [rating_2]" / "rated [rating_2]": for an unrated product the word goes too ("rated not rated yet").
_RATED = re.compile(r"\b(?:rating|rated) (\[rating_(\d{1,2})\])")


def _fact(product: Product, field: str, currency: str) -> str:
    if field == "name":
        return product.title
    if field == "price":
        return format_price(product.price, currency)
    if field == "rating":
        return f"{product.rating:.1f}/5" if product.rating is not None else "not rated yet"
    if field == "id":
        return product.product_id
    if field == "stock":  # said in a list line only when it is out: a shopper should not pick it unwarned
        return "" if product.in_stock else " - out of stock"
    if field == "description":
        return product.description.split(". ")[0].rstrip(".") + "." if product.description else ""
    return getattr(product, field) or "unknown"


def fill(text: str, products: list[Product], currency: str = DEFAULT_CURRENCY) -> tuple[str, list[str]]:
    """Replace `[field_i]` (1-based i) with catalog facts of products[i-1]; prices in `currency`.

    Returns:
        The filled text and a list of problems (placeholders that pointed at no product).
    """
    problems: list[str] = []

    def replace(m: re.Match) -> str:
        index = int(m[2]) - 1
        if 0 <= index < len(products):
            return _fact(products[index], m[1], currency)
        problems.append(f"placeholder {m[0]} points at no shown product: removed")
        return ""

    def unrated(m: re.Match) -> str:
        index = int(m[2]) - 1
        if 0 <= index < len(products) and products[index].rating is None:
            return "not rated yet"
        return m[0]

    filled = PLACEHOLDER.sub(replace, _RATED.sub(unrated, text))
    # Any bracketed token left over is something a model invented: remove it rather than show it.
    leftovers = re.findall(r"\[[a-z_]+\d*\]", filled)
    for token in leftovers:
        problems.append(f"unknown placeholder {token}: removed")
        filled = filled.replace(token, "")
    return re.sub(r"[ \t]{2,}", " ", filled).strip(), problems
