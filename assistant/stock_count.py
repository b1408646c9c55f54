"""How many products the shop has of what is asked: "how many laptops do you have under 800?", "how many garmins
have you got", "how many of those are in stock".

Why: the list under such a question holds one page (five items), and its header "I found 5 laptops" reads as the
count, when the shop has 50. The count is taken over the whole catalog with the search's own constraints: its
hard filters (aisle, brand, colour, price, stock), who it is cut for, the size, and the kind of product its words
name within the aisle ("blenders" among kitchen products).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.genders import cut_for
from assistant.sizes import fits
from assistant.state import filters_of
from assistant.types import DialogueState
from assistant.vocab import singular, words
from retrieval.index import ProductIndex
from retrieval.types import Product

# "how many laptops do you have", "how many of those are in stock"; not the reviews, the litres or the cart.
_HOW_MANY = re.compile(r"\bhow\s+many\b(?!\s+(?:reviews?|ratings?|stars?|people|customers|litres?|liters?|gb|inch\w*|"
                       r"cm|mm|hours?|watts?|pieces?|calories|(?:\w+\s+)?(?:are\s+|is\s+)?in\s+my\s+(?:cart|basket)|"
                       r"items?\s+(?:are\s+|do\s+i\s+have\s+)?in\b))|\bhow\s+much\s+stock\b|\bwhat'?s\s+the\s+count\b",
                       re.I)
_CART = re.compile(r"\b(?:cart|basket|trolley)\b", re.I)


def asks_how_many(message: str) -> bool:
    """Whether the message asks how many products the shop has (not how many are in the cart)."""
    return bool(_HOW_MANY.search(message)) and not _CART.search(message)


def matching(index: ProductIndex, state: DialogueState, kinds: set[str], required: tuple[str, ...] = ()
             ) -> Iterator[Product]:
    """Products of the catalog that meet the search's constraints; `kinds`: product words (singular) one of
    which a title must have ("blender"), none for the whole aisle; `required`: words every title must have (a
    model said: "g84")."""
    products = index.products
    for row in index.allowed_rows(filters_of(state)):
        product = products[row]
        said = {singular(w) for w in words(product.title)}
        if kinds and not kinds & said or required and not all(singular(w) in said for w in required):
            continue
        if state.gender and not cut_for(product, state.gender):
            continue
        if state.size and not fits(product.size, state.size):
            continue
        yield product


def count_matching(index: ProductIndex, state: DialogueState, kinds: set[str]) -> int:
    """How many products `matching` finds."""
    return sum(1 for _ in matching(index, state, kinds))


def count_sentence(count: int, shown: int, noun: str) -> str:
    """"I have 50 laptops that match; here are 5 of them." (or all of them, or none)."""
    if count == 0:
        return f"I have no {noun} that match all of that."
    if count <= shown:
        return (f"I have {count} {noun} that match{'es' if count == 1 else ''}; "
                f"here {'it is' if count == 1 else 'they are'}.")
    return f"I have {count} {noun} that match; here are {shown} of them. Say 'more' for the next ones."
