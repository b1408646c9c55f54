"""Why the list is in the order it is: "why is the first one first? is it actually the best rated?", "why is a
2.6 rated sony at the top", "are any of these sponsored?".

The reasons of each item ("matches 'headphones'") did not answer a shopper who doubts the order: what the list
is sorted by, whether the first item is the best rated or the cheapest shown (and which one is), and that no
place on it is paid for. The answer is built from the list on screen and the catalog's facts, and says how to
sort it another way.
"""

from __future__ import annotations

import re

from assistant.money import DEFAULT_CURRENCY, format_price
from assistant.ordering import PRICE, PRICE_HIGH, RATING, REVIEWS
from retrieval.types import Product

# "why is the first one first", "why put the bose first", "why is a 2.6 rated sony at the top", "why is X ranked
# above Y", "why is the most expensive one first"
_WHY_FIRST = re.compile(r"\bwhy\b(?:[^?.!]|\.(?=\d)){0,60}?\b(?:first|at the top|on top|top of the list|top|ranked|"
                        r"(?:at\s+)?the\s+head\s+of\s+the\s+list|"
                        r"rank|number one|#1|above|higher up|before the)\b", re.I)
# "are any of these sponsored?", "is this an ad", "do you get paid to push these"
# (not "more than i paid for my old one")
_SPONSORED = re.compile(r"\b(?:sponsored|sponsor|(?<!\bi )(?<!\bwe )(?<!\bi'd )paid (?:placement|to|for)|"
                        r"adverts?|advertis\w*|ads|an ad|promoted|"
                        r"kickbacks?|commission|push(?:ing)? (?:these|them|this)|paying (?:you|u)|pay (?:you|u) to|"
                        r"get paid|(?:you|u) paid)\b", re.I)

# "whats the catch with the anker one, its way cheaper", "why is it so cheap", "too good to be true?"
_CATCH = re.compile(r"\b(?:what'?s|whats|what is|any)\s+(?:the\s+)?catch\b|\bwhy\b[^?.!]{0,30}\bso\s+cheap\b|"
                    r"\btoo good to be true\b", re.I)

SPONSORED_ANSWER = ("Nothing on this list is sponsored or paid for: the order comes from how well each item matches "
                    "what you asked for, its rating and reviews, and, when you have a history here, your own taste.")
# "am i talking to a real person?", "are you a bot?": who answers, said plainly.
_WHO_ANSWERS = re.compile(r"\b(?:are\s+(?:you|u)|r\s+u|is\s+this|am\s+i\s+(?:talking|speaking|chatting)\s+(?:to|with))"
                          r"\s+(?:a\s+|an\s+)?(?:real\s+|actual\s+)?(?:person|human|bot|robot|ai|machine|computer|"
                          r"people|someone)\b", re.I)
WHO_ANSWERS = ("I'm the shop's automated assistant, not a person: I find and compare products and manage your cart. "
               "For anything else, the shop's help pages list how to reach its staff.")


def asks_who_answers(message: str) -> bool:
    """Whether the message asks if a person or a program is answering."""
    return bool(_WHO_ANSWERS.search(message))


# The same asked with nothing on screen ("is this chat sponsored?"): of the shop's answers in general.
SPONSORED_IN_GENERAL = ("Nothing here is sponsored or paid for: I rank products by how well they match what you ask "
                        "for, their ratings and reviews, and, when you have a history here, your own taste.")
_ORDERED = {PRICE: "cheapest first", PRICE_HIGH: "most expensive first", RATING: "best rated first",
            REVIEWS: "most reviewed first"}


def asks_why_first(message: str) -> bool:
    """Whether the message doubts the list's order ("why is the first one first?")."""
    return bool(_WHY_FIRST.search(message))


def asks_sponsored(message: str) -> bool:
    """Whether the message asks if the list is paid for."""
    return bool(_SPONSORED.search(message))


def asks_catch(message: str) -> bool:
    """Whether the message asks what the catch is with a cheap item."""
    return bool(_CATCH.search(message))


def catch_explained(product: Product, shown: list[Product], currency: str = DEFAULT_CURRENCY) -> str:
    """What the catalog says that may be the catch with a cheaper item: its price against the others shown, its
    rating and how many reviews it has against the best rated shown; no guess beyond the listing."""
    others = [p for p in shown if p.product_id != product.product_id]
    said = []
    priced = [p.price for p in others if p.price is not None]
    if product.price is not None and priced:
        mean = sum(priced) / len(priced)
        gap = "less" if product.price < mean else "more"
        said.append(f"{product.title} costs {format_price(product.price, currency)}, "
                    f"{format_price(abs(mean - product.price), currency)} {gap} than the others shown on average.")
    said.append(f"It is {_rating(product)}.")
    rated = [p for p in others if p.rating is not None]
    best = max(rated, key=lambda p: (p.rating, p.review_count or 0)) if rated else None
    if best is not None and (product.rating is None or best.rating > product.rating):
        said.append(f"The best rated shown is {best.title} ({_rating(best)}).")
    if product.review_count is not None and product.review_count < 5:
        said.append("With so few reviews, its rating says little yet.")
    said.append("Its listing names no drawback; the details are below.")
    return " ".join(said)


def _rating(product: Product) -> str:
    if product.rating is None:
        return "not rated yet"
    reviews = product.review_count
    return f"rated {product.rating:g}/5" + (f" from {reviews} review{'s' if reviews != 1 else ''}" if reviews else "")


def order_explained(shown: list[Product], order: str | None, query: str,
                    currency: str = DEFAULT_CURRENCY) -> str:
    """Why the first product shown is first: the list's order, and how the first compares with the best rated
    and the cheapest shown."""
    if not shown:
        return ""
    first = shown[0]
    if order in _ORDERED:
        said = [f"The list is sorted {_ORDERED[order]}, so {first.title} comes first."]
    else:
        asked = f" ('{query}')" if query else ""
        said = [f"The list is ranked by how well each item matches what you asked for{asked}, then by rating and "
                f"reviews; it is not sorted by price or rating. {first.title} came out on top ({_rating(first)})."]
    rated = [p for p in shown if p.rating is not None]
    best = max(rated, key=lambda p: (p.rating, p.review_count or 0)) if rated else None
    priced = [p for p in shown if p.price is not None]
    cheapest = min(priced, key=lambda p: p.price) if priced else None
    top_rated = best is not None and first.rating is not None and first.rating >= best.rating
    lowest = cheapest is not None and first.price is not None and first.price <= cheapest.price
    if top_rated or lowest:
        said.append("It is also " + " and ".join(w for w, yes in (("the best rated", top_rated),
                                                                 ("the cheapest", lowest)) if yes) + " of these.")
    if best is not None and not top_rated:
        said.append(f"The best rated here is {best.title} ({_rating(best)}).")
    if cheapest is not None and not lowest:
        said.append(f"The cheapest here is {cheapest.title} at {format_price(cheapest.price, currency)}.")
    said.append("Say 'best rated first', 'cheapest first' or 'most reviewed first' to sort it that way.")
    return " ".join(said)
