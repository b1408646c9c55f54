"""An add that names a product nothing on screen is: "add the cheapest lodge skillet to my cart" as the
first message, "put a black jansport backpack in my basket", "add the cheapest levi's jackets" over jeans.

Why: such a message both searches and adds. Answering "Which one?" over an empty (or unrelated) screen
leaves the shopper to search again; guessing the product and adding it puts what they have not seen in
their cart. The product words are searched, and the reply asks which of the matches to add: the next
"the first one" adds it.
"""

from __future__ import annotations

import re

from assistant import rules
from assistant.vocab import CatalogVocab, words
from retrieval.types import Product

# The cart verb and what comes before it: "ok can you add", "pls put", "just throw in".
_VERB = re.compile(r"^\W*(?:(?:ok|okay|so|and|also|then|actually|please|pls|just|now|hey|hi)\W+)*"
                   r"(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+)?)?"
                   r"(?:add|put|throw|chuck|stick|pop|toss)\s+(?:in\s+)?(?:me\s+)?", re.I)
# Where it goes, and what follows: "to my cart please", "in the basket thx".
_PLACE = re.compile(r"\s*\b(?:to|in|into|onto)\s+(?:my|the)\s+(?:shopping\s+)?(?:cart|basket|bag|trolley)\b.*$",
                    re.I | re.S)
# Words of an add that name no product: "the cheapest", "a new", "another pair of".
_NOT_NAMES = frozenset("the and some any few pair pairs set sets cheapest cheaper cheap best top rated highest new "
                       "another more other please pls thanks thx too also as well item items thing things product "
                       "products now again".split())
# Words that point at an item already seen rather than name one: "it", "that one", "the 2nd", "both".
_POINTS = re.compile(r"\b(?:it|that|this|those|these|them|both|one|ones)\b", re.I)


def unseen_add_phrase(message: str, vocab: CatalogVocab, shown: list[Product]) -> str | None:
    """The product words of an add ("the cheapest lodge skillet") that name a product none of `shown` is; None
    for an add that points at what is shown ("add the 2nd one", "add it", "add the jacket" over jackets: the
    reply asks which of them)."""
    verb = _VERB.match(message)
    if not verb:
        return None
    phrase = _PLACE.sub("", message[verb.end():]).strip(" .,!?")
    if not phrase or rules.parse_references(phrase, allow_bare_numbers=False):
        return None
    aisles, heads, brands = vocab.wanted_categories(phrase), vocab.product_heads(phrase), vocab.mentioned_brands(phrase)
    kind = aisles or heads
    if _POINTS.search(phrase) and not kind:
        return None  # "the sony one", "the blue one": a pick among what is shown
    if any(_is_one(p, aisles, heads, brands) for p in shown):
        return None
    other = [w for w in words(phrase) if len(w) >= 3 and w not in _NOT_NAMES and w not in vocab.colors]
    return phrase if kind or brands or other else None  # "socks": searched, and said
                                                                              # plainly if the shop has none


def _is_one(product: Product, aisles: list[str], heads: set[str], brands: list[str]) -> bool:
    """Whether the product is of the kind (aisle or product word) and the maker the add names."""
    if not (aisles or heads or brands):
        return False
    kind = product.category in aisles or bool(heads & set(words(product.title))) if aisles or heads else True
    return kind and (not brands or product.brand in brands)
