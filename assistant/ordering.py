"""How a search's list is ordered, and the least rating it may show, as the shopper says them.

Why: "cheap phone" or "cheapest t-shirts you have" asks for the lowest prices among what matches, not
for the most relevant phones with a word "cheap" in the query: relevance put a $549 phone first while
the shop had one at $103.99. "Top rated headphones" asks for the best rated first. "Rated at least 4
stars" is a floor on the rating, which a money reading took for a $4 floor.
"""

from __future__ import annotations

import dataclasses
import re

from assistant.vocab import zipf
from recsys.types import Candidate

PRICE = "price"    # lowest price first
RATING = "rating"  # best rated first
PRICE_HIGH = "price_high"  # highest price first
REVIEWS = "reviews"  # most reviewed first
# Words as common as "the", "with", "any", "one" name no kind of product: "the cheapest backpack" is not the
# backpacks whose titles say "the" (The North Face).
_GLUE_ZIPF = 6.0

# Money words are not said in the negative: "not cheap", "no cheap rubbish", "they look cheap", "too cheap".
_NOT_BEFORE = r"(?<!not )(?<!no )(?<!too )(?<!look )(?<!looks )(?<!looking )(?<!feel )(?<!feels )(?<!n't )"
_LOW_PRICE = re.compile(
    _NOT_BEFORE + r"\b(?:cheap(?:est)?(?!\s*(?:and|n|&)\s*(?:nasty|flimsy|cheerful|rubbish|junk))|cheapo|"
    r"inexpensive|affordable|least (?:expensive|pricey)|lowest[- ]price[ds]?|low[- ](?:cost|price[ds]?)|"
    r"budget[- ]friendly|bargains?|as cheap as (?:possible|you (?:can|have))|"
    r"(?:price:?\s*)?low(?:est)? to high(?:est)?|sort(?:ed)? by (?:the )?price|"
    r"on a (?:tight |small |limited |student )?budget|(?:tight|small|limited|student|low) budget|"
    r"budget (?:option|pick|choice|model|version|one|brand)s?)\b(?![- ]?(?:ish|looking))", re.I)
_BEST_RATED = re.compile(
    r"\b(?:(?:best|top|highest|highly|well)[\s-]+(?:rated|reviewed)|"
    r"(?:best|highest|top|good|great|positive|high|decent|nice)\s+(?:ratings?|reviews|stars)|"
    r"sort(?:ed)? by (?:the )?(?:rating|reviews?|stars))\b", re.I)
# "rated at least 4 stars", "4+ stars", "4 stars+", "4 stars and up", "4.5 stars or more", "rating above 4",
# "min 4 stars", "more than 4 stars", "rated higher than 4", "4 or more stars", "nothing under 4 stars"
_STARS = r"(?:stars?|\*|⭐)"
_FLOOR = (
    rf"(?:rated|rating|ratings|reviews?|stars?)\s*(?:of\s*)?(?:at\s*least|min(?:imum)?|over|above|>=?|from|"
    rf"(?:higher|better|more)\s+than)\s*(?P<a>[1-5](?:\.\d)?)\s*(?:{_STARS})?",
    rf"(?:at\s*least|min(?:imum)?|over|above|(?:more|higher|better)\s+than|(?:not|nothing|none|no)\s+(?:rated\s+)?(?:under|below|less\s+than))\s*"
    rf"(?P<b>[1-5](?:\.\d)?)\s*{_STARS}",
    rf"(?P<f>[1-5](?:\.\d)?)\s*(?:or|and)\s*(?:more|above|up|over|higher)\s*{_STARS}",
    rf"(?P<c>[1-5](?:\.\d)?)\s*\+\s*(?:{_STARS}|rated|rating)",
    rf"(?P<d>[1-5](?:\.\d)?)\s*{_STARS}\s*(?:and|or|&)\s*(?:up|above|over|more|higher|better)",
    rf"(?P<e>[1-5](?:\.\d)?)\s*{_STARS}\s*(?:min(?:imum)?|at\s*least|plus)",
    rf"(?P<h>[1-5](?:\.\d)?)\s*{_STARS}\s*\+",  # "4 stars+"
    # "rated 4 or more", "rating 4+", "rating 4 and up"
    rf"(?:rated|rating|ratings)\s*(?:of\s*)?(?P<g>[1-5](?:\.\d)?)\s*(?:{_STARS}\s*)?"
    rf"(?:\+|(?:or|and|&)\s*(?:more|above|up|over|higher|better))",
)
_RATING_FLOOR = re.compile(r"\b(?:" + "|".join(_FLOOR) + r")(?![\d.])", re.I)


# "most reviewed headphones", "which have the most reviews", "sort by number of reviews": the most reviewed first.
_MOST_REVIEWED = re.compile(r"\b(?:most[\s-]+reviewed|(?:the\s+)?most\s+(?:reviews|ratings)|"
                            r"(?:lots|loads|plenty|tons)\s+of\s+reviews|(?:more|many|way more)\s+reviews|"
                            r"(?:highest|biggest|largest)\s+(?:number|count)\s+of\s+(?:reviews|ratings)|"
                            r"sort(?:ed)?\s+by\s+(?:the\s+)?(?:number|count|amount)\s+of\s+(?:reviews|ratings)|"
                            r"sort(?:ed)?\s+by\s+(?:review|rating)\s+count)\b", re.I)
# "price high to low", "most expensive first", "sort by price descending": the dearest first.
_HIGH_PRICE = re.compile(r"\b(?:(?:price:?\s*)?high(?:est)?\s+to\s+low(?:est)?|(?:most expensive|priciest|dearest|"
                         r"highest[- ]price[ds]?)(?:\s+ones?)?\s+first|price,?\s+descending|"
                         # "whats the most expensive laptop you sell", "your priciest jacket": the dearest of a kind
                         r"(?:the|your|ur|yr)\s+(?:most expensive|priciest|dearest)\s+(?!ones?\b|of\b|in\b)(?=[a-z])"
                         r")", re.I)
# A message that only asks for the list in another order: "cheapest first please", "sort by rating",
# "highest rated first", "can you sort them by price high to low".
_ORDER_ASKED = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|now|pls|please|thx|thanks|hmm+|can (?:you|u)|could you)\W+)*"
                          r"(?:(?:sort|order|rank|re-?sort|arrange)\b.*|.*\bfirst\b\W*(?:please|pls|plz|thx|thanks)?\W*)$",
                          re.I)
ORDER_ASKED_WORDS = 9


# "don't want cheap rubbish", "never the cheapest stuff": a cheap word ruled out a few words on
_RULED_OUT = re.compile(r"\b(?:don'?t|do not|doesn'?t|never|not|no|nothing)\s+(?:\w+\s+){0,2}?(?=cheap)", re.I)


def order_said(text: str) -> str | None:
    """PRICE when the words ask for the lowest prices, PRICE_HIGH for the dearest first, REVIEWS for the most
    reviewed first, RATING for the best rated first, else None."""
    if _HIGH_PRICE.search(text):
        return PRICE_HIGH
    if _MOST_REVIEWED.search(text):
        return REVIEWS
    if _LOW_PRICE.search(_RULED_OUT.sub("not ", text)):
        return PRICE
    if _BEST_RATED.search(text):
        return RATING
    return None


def order_request(text: str) -> str | None:
    """The order a message asks the list on screen to be put in, when that is all it asks ("cheapest first
    please": the list by price, not its first item into the cart); None otherwise."""
    if len(text.split()) > ORDER_ASKED_WORDS or not _ORDER_ASKED.match(text):
        return None
    return order_said(text)


def without_rating_floor(text: str) -> str:
    """The text without its rating-floor phrase ("headphones with more than 4 stars" -> "headphones with"): the
    stars are no product words, and "more than 4" in them is no price."""
    return " ".join(_RATING_FLOOR.sub(" ", text).split())


def rating_floor(text: str) -> tuple[float, tuple[int, int]] | None:
    """The least rating asked for (1-5) and where it was said, or None."""
    found = _RATING_FLOOR.search(text)
    if not found:
        return None
    value = next(v for v in found.groupdict().values() if v)
    return float(value), found.span()


# A rating said as a bare number over a list: "4.5+", "4.3 or better", "nothing under 4", "at least 4.2 pls".
_BARE_RATING = re.compile(r"^\W*(?:(?:ok|okay|so|and|only|just|hmm+)\W+)*"
                          r"(?:(?P<floor>(?:nothing|none|no\s+ones?)\s+(?:under|below|less than)\s+|"
                          r"(?:at\s+least|min(?:imum)?)\s+)|(?:over|above)\s+)?(?P<n>[1-4](?:\.\d)?|5(?:\.0)?)"
                          r"\s*(?P<up>\+|plus|or\s+(?:better|higher|more|above|up)|and\s+(?:up|above|over))?"
                          r"(?:\s+(?:only|pls|please|plz))?\W*$", re.I)
# No price in the list shown is within this many times such a number: the number is no price of theirs.
RATING_NOT_PRICE = 3.0


def bare_rating_floor(text: str, shown_prices: list[float | None]) -> float | None:
    """A least rating said as a bare number ("4.5+", "nothing under 4") over a list priced far above it; a number
    that could be a price of what is shown ("under 4" over $3 socks) is left to the price reading."""
    found = _BARE_RATING.match(text)
    known = [p for p in shown_prices if p is not None]
    if not found or not known:
        return None
    value = float(found["n"])
    cue = found["up"] or "." in found["n"] or found["floor"]  # "4+", "4.5", "nothing under 4": a rating's cues
    return value if cue and min(known) > RATING_NOT_PRICE * value else None


def _forms(text: str) -> set[str]:
    """A text's words with their singulars ("mats" -> "mats", "mat")."""
    found = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.lower())
    return set(found) | {w[:-1] for w in found if w.endswith("s") and len(w) > 3}


def _spells(title: set[str], word: str) -> bool:
    """Whether a title's words have the word, its singular, or end with it ("smartphone" has "phone")."""
    stems = {word.rstrip("s"), word[:-2] if word.endswith("es") else word}  # "smartwatches": smartwatch
    return word in title or bool(stems & title) \
        or any(len(t) > len(stem) and t.endswith(stem) for t in title for stem in stems)


# Fewer titles than this spelling the search's words is a word of one title, not a kind of product asked for.
FEW_NAMED = 3


def in_order(ranked: list[Candidate], order: str, query: str, filtered: str = "") -> list[Candidate]:
    """The ranking in the order asked for. Only the products whose titles have every word of the search
    that some title has ("yoga mat" of "yoga mat, cheap") are reordered, and go first: among sports, the
    cheapest yoga mats, not the cheapest jump ropes. The words the filters already hold (`filtered`: the
    aisle's name, the colour, the brand) need no title ("running shoes" keeps the racing shoes of that aisle).
    The rest follow in the same order. Reordered ones say so among their reasons."""
    titles = [_forms(c.product.title) for c in ranked]
    aisle = _forms(filtered)
    said = {w for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", query.lower()) if len(w) > 2
            and w not in aisle and w.rstrip("s") not in aisle and zipf(w) < _GLUE_ZIPF}
    used = [w for w in said if any(_spells(t, w) for t in titles)]
    named = [c for c, t in zip(ranked, titles, strict=True) if all(_spells(t, w) for w in used)]
    if len(named) < FEW_NAMED:  # "a phone with a good camera": one "Triple-Camera" title is no kind to put first
        named = list(ranked)
    if order == PRICE:
        key, reason = (lambda c: c.product.price if c.product.price is not None else float("inf")), \
            "among the lowest-priced matches, as asked"
    elif order == PRICE_HIGH:
        key, reason = (lambda c: -c.product.price if c.product.price is not None else float("inf")), \
            "among the highest-priced matches, as asked"
    elif order == REVIEWS:
        key, reason = (lambda c: (-(c.product.review_count or 0), -(c.product.rating or 0.0))), \
            "among the most-reviewed matches, as asked"
    else:
        key, reason = (lambda c: (-(c.product.rating or 0.0), -(c.product.review_count or 0))), \
            "among the best-rated matches, as asked"
    chosen = {id(c) for c in named}
    first = [dataclasses.replace(c, reasons=(reason, *c.reasons)) for c in sorted(named, key=key)]
    return first + sorted((c for c in ranked if id(c) not in chosen), key=key)


def order_words(order: str | None, min_rating: float | None) -> tuple[str, str]:
    """The rating floor and the order in the reply's words ("rated 4+", "cheapest first"); "" if none."""
    rated = f"rated {min_rating:g}+" if min_rating is not None else ""
    return rated, {PRICE: "cheapest first", PRICE_HIGH: "most expensive first",
                   RATING: "best rated first", REVIEWS: "most reviewed first"}.get(order or "", "")
