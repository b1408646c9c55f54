"""Whether an item on screen is of a brand, asked yes or no: "is the first one a Wilson?", "ooh, is the first
one Canada Goose?", "are any of these Sony?".

Why: the brand is a field of every listing, so the answer is a fact the catalog holds. Read as a question about
a feature, the brand's name was searched for in the description and the reply said "On wilson: its listing
does not mention it" under a Yonex racket, which is no answer. Only a brand said last in the question is what
is asked ("is the Dyson one the best rated?" asks about ratings; "better than the Le Creuset one" compares).
"""

from __future__ import annotations

import re

from assistant.reply import listed_with_and
from retrieval.types import Product

# Over the whole list: "are any of these Sony?", "is any of them by Nike", "are all of those Apple?"
_OVER_LIST = re.compile(r"\b(?:any|all|some|none)\s+(?:of\s+)?(?:these|those|them|the\s+\w+)\b|"
                        r"\b(?:are|r)\s+(?:these|those|they)\b", re.I)


# A question asking what, how or which: its brand is its subject ("how long does the sony last?").
_WH_QUESTION = re.compile(r"^\W*(?:(?:ok|so|and|hmm+|also)\W+)*(?:how|what|which|when|where|why|who|whats)\b", re.I)


def brand_asked(message: str, brands: list[str]) -> list[str]:
    """The brands (catalog spelling, from `brands`: those the message names) that a yes-or-no question asks an
    item to be of; [] when it asks something else."""
    asked = []
    if _WH_QUESTION.match(message):
        return []  # "how many litres is the philips?" asks about the Philips, not whether it is one
    for brand in brands:
        pattern = rf"\b(?:is|are|was|r)\s+(?:\w+\s+){{0,4}}?(?:a\s+|an\s+|by\s+|from\s+|made\s+by\s+)?" \
                  rf"(?<!\bthe ){re.escape(brand)}(?:\s+(?:one|ones|brand|product|model))?\s*(?:\?|$|[,.!]|\s+or\s+not)"
        found = re.search(pattern, message, re.I)
        if found and not re.search(r"\bthan\b", found[0], re.I):
            asked.append(brand)
    return asked


def asks_over_list(message: str) -> bool:
    """Whether the brand question is about every item shown ("are any of these Sony?")."""
    return bool(_OVER_LIST.search(message))


def brand_answer(products: list[Product], asked: list[str], over_list: bool) -> str:
    """The answer from the listings' brand field: of one item, yes or no with its own brand; over a list, the
    positions that are of it. `products`: the item asked about, or (over_list) the list in its order."""
    names = listed_with_and(asked, "or")
    if not over_list:
        product = products[0]
        if product.brand in asked:
            return f"Yes: [name_1] is by {product.brand}."
        return f"No: [name_1] is by {product.brand}, not {names}."
    hits = [f"#{i + 1}" for i, p in enumerate(products) if p.brand in asked]
    if not hits:
        return f"No: none of these is by {names}."
    return f"Yes: {listed_with_and(hits)} {'is' if len(hits) == 1 else 'are'} by {names}."
