"""An add that names a product nothing on screen is: "add the cheapest lodge skillet to my cart" as the
first message, "put a black jansport backpack in my basket", "add the cheapest levi's jackets" over jeans.

Why: such a message both searches and adds. Answering "Which one?" over an empty (or unrelated) screen
leaves the shopper to search again; guessing the product and adding it puts what they have not seen in
their cart. The product words are searched, and the reply asks which of the matches to add: the next
"the first one" adds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant import rules
from assistant.vocab import CatalogVocab, words
from retrieval.types import Product

# The cart verb and what comes before it: "ok can you add", "pls put", "just throw in".
_VERB = re.compile(r"^\W*(?:(?:ok|okay|so|and|also|then|actually|please|pls|just|now|hey|hi)\W+)*"
                   r"(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+)?)?"
                   r"(?:add|put|throw|chuck|stick|pop|toss)\s+(?:in\s+)?(?:me\s+)?", re.I)
# Where it goes, and what follows: "to my cart please", "in the basket thx".
_PLACE = re.compile(r"\s*\b(?:to|in|into|onto)\s+(?:my\s+|the\s+|your\s+)?(?:shopping\s+)?(?:cart|basket|bag|trolley)\b"
                    r".*$", re.I | re.S)
# Where a second request starts ("add the 1st, and have you got duvet covers", "add 4 and show my cart"): the add
# names its product before it.
_CLAUSE_END = re.compile(r"\s*(?:[,;.!?]|\s-+\s|\b(?:and|then|plus|also|&)\b).*$", re.I | re.S)
# "put in basket the second": the cart said before what goes in it.
_CART_FIRST = re.compile(r"^(?:my\s+|the\s+)?(?:shopping\s+)?(?:cart|basket|trolley)\s+", re.I)
# Words of an add that name no product: "the cheapest", "a new", "another pair of".
_NOT_NAMES = frozenset("the and some any few pair pairs set sets cheapest cheaper cheap best better top rated highest "
                       "higher rating lower less least most priced pricier priciest dearer expensive new another more "
                       "other please pls thanks thx too also as well item items thing things product products now "
                       "again two three four five both either all".split())
# Words that place an item in a list seen before: "the first ... you showed me", "the 2nd ... from before".
_SEEN_BEFORE = re.compile(r"\b(?:the\s+)?(?:first|second|third|fourth|fifth|last|\d+(?:st|nd|rd|th))\b|"
                          r"\b(?:(?:that|which)\s+)?(?:you|u)\s+(?:showed|show(?:ed)?n|suggested|recommended|listed|"
                          r"had)(?:\s+me)?\b|\b(?:from\s+)?(?:before|earlier)\b|\bagain\b", re.I)
# What an item is for, which points at nothing to add: "a case for them", "a charger for it".
_FOR_IT = re.compile(r"\s+(?:for|to go with|that fits?|to fit)\s+(?:it|them|that|this|those|these)(?:\s+ones?)?\b",
                     re.I)
# Words that point at an item already seen rather than name one: "it", "that one", "the 2nd", "both".
_POINTS = re.compile(r"\b(?:it|that|this|those|these|them|both|one|ones)\b", re.I)


@dataclass(frozen=True)
class UnseenAdd:
    """What an add names that nothing on screen is: the words to search, and the kind of product they name
    (aisles and product words: what an earlier list of it is found by)."""
    phrase: str
    kind: frozenset[str]
    position: int | None = None  # the list position said ("the third backpack"), if one


def add_words(message: str) -> str | None:
    """What an add says it adds ("the cheapest lodge skillet" of "ok add the cheapest lodge skillet to my cart,
    thanks"); None for a message that starts with no cart verb."""
    verb = _VERB.match(message)
    if not verb:
        return None
    phrase = _CLAUSE_END.sub("", _PLACE.sub("", _CART_FIRST.sub("", message[verb.end():]))).strip(" .,!?")
    return _FOR_IT.sub("", phrase)  # "a case for them": a case


def unseen_add(message: str, vocab: CatalogVocab, shown: list[Product]) -> UnseenAdd | None:
    """The product words of an add ("the cheapest lodge skillet", "the first pan you showed me" over kettles)
    that name a product none of `shown` is; None for an add that points at what is shown ("add the 2nd one",
    "add it", "add the jacket" over jackets: the reply asks which of them)."""
    phrase = add_words(message)
    if phrase is None:
        return None
    aisles, heads, brands = vocab.wanted_categories(phrase), vocab.product_heads(phrase), vocab.mentioned_brands(phrase)
    kind = set(aisles) | heads
    pointed = bool(rules.parse_references(phrase, allow_bare_numbers=True))  # "add 3": a position
    unseen_brand = bool(brands) and not any(p.brand in brands for p in shown)  # "the first brooks one", none shown
    if not phrase or (pointed or _POINTS.search(phrase)) and not kind and not unseen_brand:
        return None  # "the sony one", "the blue one", "the 2nd": a pick among what is shown
    if any(_is_one(p, aisles, heads, brands) for p in shown):
        return None
    searched = " ".join(_SEEN_BEFORE.sub(" ", phrase).split())
    other = [w for w in words(searched) if len(w) >= 3 and w not in _NOT_NAMES and w not in vocab.colors]
    if other and not kind and any(all(w in words(p.title) for w in other) for p in shown):
        return None  # "add the monopoly" over two Monopoly games: the title names one on screen
    # "socks": searched too, and said plainly if the shop has none
    refs = rules.parse_references(phrase, allow_bare_numbers=True)
    position = refs[0] if len(refs) == 1 and refs[0] > 0 else None
    return UnseenAdd(searched, frozenset(kind), position) if searched and (kind or brands or other) else None


def is_named(product: Product, phrase: str, vocab: CatalogVocab) -> bool:
    """Whether the product is of the kind and maker the add's words name ("macbook air": a MacBook Air)."""
    aisles, heads, brands = vocab.wanted_categories(phrase), vocab.product_heads(phrase), vocab.mentioned_brands(phrase)
    other = [w for w in words(phrase) if len(w) >= 3 and w not in _NOT_NAMES and w not in vocab.colors
             and w not in vocab.brand_words and not vocab.names_kind(w) and w not in vocab.categories]
    title = set(words(product.title))
    named = _is_one(product, aisles, heads, brands) if aisles or heads or brands else bool(other)
    return named and all(w in title for w in other)


def _is_one(product: Product, aisles: list[str], heads: set[str], brands: list[str]) -> bool:
    """Whether the product is of the kind (aisle or product word) and the maker the add names."""
    if not (aisles or heads or brands):
        return False
    kind = product.category in aisles or bool(heads & set(words(product.title))) if aisles or heads else True
    return kind and (not brands or product.brand in brands)
