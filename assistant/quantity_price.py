"""What a number of one item costs: "how much for 5 of the first one", "how much would 3 of them cost", "whats the
price of 4 of the second", "price for 2?".

Why: read for its count and its item, such a question was a quantity change ("Now 5 x Jansport ... in your cart"):
the cart changed when the shopper only asked a price. The answer is the item's price times the count, from the
catalog, and the cart is left as it is.
"""

from __future__ import annotations

import re

from assistant import rules
from assistant.money import format_price
from retrieval.types import Product

_WORDS = r"\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozen|a couple(?: of)?"
# Not a count of the item: "for 2 day shipping", "of 5 stars", "for 3 years", "for 2 people", "for $40".
_NOT_ITEMS = r"(?!\s*(?:%|stars?|days?|weeks?|months?|years?|yrs?|hours?|people|persons?|kids|gb|tb|inch\w*|in\b|" \
             r"dollars|bucks|pounds|quid|euros)\b)(?![\d.,$])"
_ASKS = re.compile(
    # "how much for 5 of the first one", "what's the price of 4 of the second", "price for 2?", "cost of 6 of them"
    rf"(?:\bhow\s+much|\bwhat(?:'s|s|\s+is|\s+would\s+be|\s+will\s+be)?\s+(?:the\s+)?(?:price|cost|total)|"
    rf"^\W*(?:and\s+|ok\s+|so\s+)?(?:the\s+)?(?:price|cost|total))"
    rf"(?:\s+(?:is\s+it|would\s+it\s+be|will\s+it\s+be|would\s+that\s+be|is\s+that|does\s+it\s+come\s+to))?"
    rf"\s+(?:for|of)\s+(?:getting\s+|buying\s+|ordering\s+)?(?P<n1>{_WORDS})\b{_NOT_ITEMS}"
    # "how much would 3 of them cost", "what would 4 come to", "how much are 2 of the black ones"
    rf"|\b(?:how\s+much|what)\s+(?:would|will|do|does|are|is|did)\s+(?P<n2>{_WORDS})\b{_NOT_ITEMS}"
    rf"(?=[^?.!]*?\b(?:cost|be|come\s+to|run|set\s+me\s+back|total)\b|\s+of\s+(?:them|those|these|it|the)\b)"
    # "5 of them would cost how much?", "what'd 3 cost"
    rf"|\bwhat'?d\s+(?P<n3>{_WORDS})\s+(?:of\s+\w+\s+)?cost\b"
    # "price per shirt if i buy 5 of the cheapest one?", "how much would it be if we get 3"
    rf"|\b(?:price|cost|how\s+much)\b[^?.!]{{0,30}}?\bif\s+(?:i|we|u|you)\s+(?:buy|get|order|take|grab)\s+"
    rf"(?P<n4>{_WORDS})\b{_NOT_ITEMS}", re.I)
# "how much for 5 of the cheapest backpack": what is left when the count is taken off ("the cheapest backpack").
_OF = re.compile(r"^\s*(?:of\s+)?", re.I)


def asked_count(message: str) -> int | None:
    """The count whose price the message asks (2..999), or None when it asks no price for a number of items."""
    asked = _ASKS.search(message)
    if not asked:
        return None
    word = asked["n1"] or asked["n2"] or asked["n3"] or asked["n4"]
    count = int(word) if word.isdigit() else rules.COUNTS_SAID.get(word.lower())
    return count if count and 2 <= count <= 999 else None


def item_words(message: str) -> str:
    """The words after the count, which name the item: "how much for 5 of the cheapest backpack" -> "the cheapest
    backpack"."""
    asked = _ASKS.search(message)
    return _OF.sub("", message[asked.end():]).strip(" ?.!") if asked else ""


def count_price_text(product: Product, count: int, currency: str) -> str:
    """"5 x [name_1] at [price_1] each come to $164.95." with a word on stock, and how to add them."""
    total = format_price(round(product.price * count, 2), currency)
    stock = "" if product.in_stock else " It is out of stock at the moment, though."
    return (f"{count} × [name_1] at [price_1] each come to {total}.{stock} "
            f"Say 'add {count} of it' to put them in your cart.")
