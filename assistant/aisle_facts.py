"""Questions about what the shop has of the thing searched: "which colours does it come in?" (over a list of Moto
G84s), "what brands of headphones do you carry?", "whats the range of prices for blenders".

Why: read as searches, they listed five products (or, for "which colours does it come in?", said "Sorry, I don't
have 'colours come in'"), and the answer was never said. It is read from every product that matches the search
(`stock_count.matching`), not from the page of five.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.money import DEFAULT_CURRENCY, format_price
from assistant.reply import listed_with_and
from retrieval.types import Product

# "which colours does it come in?", "what colours do you have it in", "what colors are there", "any other colours?"
_COLOURS = re.compile(r"\b(?:what|which)\s+(?:other\s+)?colou?rs\s+(?:does|do|are|can|come|have|has|you|u|it|they|"
                      r"there|available)\b(?!\s+(?:the|these|those)\s+(?:first|second|third|fourth|fifth|last|\d))|\bcolou?rs?\s+(?:does|do)\s+(?:it|they|that|this|these|those)\s+come\s+in\b|"
                      r"\b(?:what|which)\s+colou?r\s+options\b|"
                      # "what colours", "colours?", "and what other colors?": asked in a word or two
                      r"^\W*(?:(?:and|so|ok|hmm+)\W+)?(?:(?:what|which|wat)\s+(?:other\s+)?)?colou?rs\s*\??\W*$", re.I)
# "what brands of headphones do you carry?", "which brands do you have", "brands you stock?"
_BRANDS = re.compile(r"\b(?:what|which)\s+(?:other\s+)?(?:brands|makes|labels)\b"
                     r"(?!\s+(?:is|are)\s+(?:it|they|that|this))|"
                     r"\bbrands\s+(?:do\s+you|have\s+you|you|d'?you)\s+(?:have|carry|sell|stock|got|do)\b", re.I)
# "whats the range of prices for blenders", "price range for kettles?", "how much do blenders go for"; not "same
# price range but in red"
_PRICES = re.compile(r"\bwhat(?:'s|s| is| are)?\s+(?:the\s+|your\s+)?(?:price\s+range|range\s+of\s+prices?)\b|"
                     r"\b(?:price\s+range|range\s+of\s+prices?)\s+(?:for|of|on)\s+\w+|"
                     r"\bhow\s+much\s+do\s+(?:the\s+)?\w+(?:\s+\w+)?\s+(?:go\s+for|cost|run)\b", re.I)

MOST_NAMED = 12  # brands or colours named in full; past this, the commonest and how many more


def asked_fact(message: str) -> str | None:
    """"colours", "brands" or "prices" when the message asks that of what the shop has, else None."""
    for kind, pattern in (("colours", _COLOURS), ("brands", _BRANDS), ("prices", _PRICES)):
        if pattern.search(message):
            return kind
    return None


def _named(counts: Counter) -> str:
    names = [name for name, _ in counts.most_common(MOST_NAMED)]
    rest = len(counts) - len(names)
    return listed_with_and(names) if not rest else f"{', '.join(names)} and {rest} more"


def fact_sentence(kind: str, products: list[Product], noun: str, currency: str = DEFAULT_CURRENCY) -> str:
    """The answer over every matching product: the colours or brands with how many of each, or the price range."""
    if not products:
        return f"I have no {noun} that match all of that."
    if kind == "colours":
        colours = Counter(p.color for p in products if p.color)
        if not colours:
            return f"The {noun} I have list no colour."
        return f"The {len(products)} {noun} that match come in {_named(colours)}."
    if kind == "brands":
        brands = Counter(p.brand for p in products if p.brand)
        return f"I have {noun} from {len(brands)} brand{'s' if len(brands) != 1 else ''}: {_named(brands)}."
    prices = sorted(p.price for p in products if p.price is not None)
    if not prices:
        return f"The {noun} I have list no price."
    return (f"The {len(prices)} {noun} that match run from {format_price(prices[0], currency)} to "
            f"{format_price(prices[-1], currency)}.")
