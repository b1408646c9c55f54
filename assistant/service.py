"""Questions about how the shop runs (returns, delivery, payment, warranty, orders) told apart from product requests.

Why a step before parsing: on a support page shoppers ask both at once ("can i return these if they dont fit?
also do u have them in a 9", "lego under 40? and do u do gift wrap"). This assistant answers the product
request and says where service questions are answered; parsing the whole message lets the service words
decide (out of scope) or leak into the search ("r returns free?" read as "free of returns"). So the message is
cut into clauses, and the clauses that ask about service are set aside when another clause remains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant import rules
from assistant.reading import PRICIER
from assistant.vocab import CatalogVocab

# Where a message's clauses meet: a sentence end, or a connective that starts another question.
_CLAUSE = re.compile(r"(?<=[?.!;])\s+|\s+(?=\b(?:also|btw|plus|oh and|and also|and do|and can|and how|and is|"
                     r"and will|and what|and whens?|anyway|lol|haha|show me|give me|lemme see|let me see)\b)|"
                     r",\s*(?=(?:also|btw|and|but|plus|(?:can|could|will|would|do)\s+"
                     r"(?:you|u|ya)\b)\b)", re.I)
# Nothing left worth parsing: "thx", "ok", "pls".
_EMPTY = re.compile(r"^\W*(?:(?:ok(?:ay)?|thx|thanks|ty|pls|please|tbh|lol|and|also|btw|plus|oh|so|hm+)\W*)*$", re.I)
NOTICE = ("Questions about returns, delivery, payment or orders are answered on the shop's help pages; "
          "here is the product part.")

# A message that is only a service question: answered with where such questions are answered, not a search.
ALONE = ("Questions about returns, delivery, payment or orders are answered on the shop's help pages. "
         "Here I can help you find and compare products and manage your cart.")


@dataclass(frozen=True)
class ServiceSplit:
    """The part of a message this assistant answers, and the service questions set aside (empty when none)."""

    shopping: str
    service: tuple[str, ...] = ()


# How the shop runs, the part of the off-topic questions (`rules.OFF_TOPIC`) a shopper asks beside a product:
# not the weather or homework, which say nothing about what to show.
_SERVICE = re.compile(
    rf"\b(?:refunds?|returns?|returning|exchange|send (?:it |them )?back|money back|"
    rf"deliver(?:y|ies|ed|s)?{rules.NOT_A_JOB}|"
    r"ship(?:s|ping)?|postage|arrive|dispatch(?:ed)?|track(?:ing)?|orders?|klarna|afterpay|paypal|apple pay|"
    r"credit card|debit card|emis?|trade[- ]?ins?|repairs?|last time|paid|showroom|"
    r"pay(?:ment)?|instal+ments?|discount|promo|promotions?|reductions?|coupons?|vouchers?|codes?|price match|"
    r"final price|command|commande|"
    r"price[- ]?matching|match|gift ?wrap(?:ping|ped)?|"
    rf"gift (?:box|receipt|messages?|notes?)|{rules.GIFT_PACKING}|invoices?|warrant(?:y|ies)|guarantee[ds]?|sale|"
    r"black friday|cyber monday|"
    # (not "on account of price": because of)
    r"click and collect|collect in store|in[- ]store|store hours|opening hours|customer service|"
    r"(?<!on )account(?! of\b)|install|"
    r"set (?:it|them|this|that) up|logo|initials|monogram|embroider\w*|engrav\w*|printing|(?-i:COD)|"
    r"cash on delivery)\b", re.I)
# Words an add points with: "add it", "buy these", "put that one in".
_POINTS = re.compile(r"\b(?:it|them|this|that|these|those|one|ones|both|all)\b", re.I)
# A clause saying what the shopper does not have, as a reason: "I do not have one of those cards for the computer".
_LACKS = re.compile(r"\b(?:i|we)\s+(?:do not|don'?t|dont|have no|haven'?t got)\s+(?:have\s+|own\s+|got\s+)?"
                    r"(?:a|an|one|any)\b", re.I)
# A clause asking whether the shop is at fault: "Is there some fault on your side?", "a problem with your site".
_FAULT = re.compile(r"\b(?:fault|problem|issue|error|glitch|bug)s?\s+(?:on|at|with)\s+(?:your|the shop'?s?)\s+"
                    r"(?:side|end|site|system|website|app)\b", re.I)
# A clause about something already bought: "I bought a kettle from you in march and it stopped working".
_BOUGHT = re.compile(r"\b(?:bought|ordered|purchased|received|arrived|got (?:it|them|one) (?:from|last)|"
                     r"(?:i'?m|i am|im) after (?:buying|buyin|getting|gettin|ordering|orderin))\b", re.I)


def asks_service(text: str) -> bool:
    return bool(rules.OFF_TOPIC.search(text) and _SERVICE.search(text))


def shops(clause: str, vocab: CatalogVocab) -> bool:
    """Whether a clause is about products: it asks for one, names the shop's aisles, brands, colours or product
    words, states a price, or points at what is shown or in the cart. Not "nah.", "It was the wrong size.", "Is
    there some fault on your side?"."""
    if _BOUGHT.search(clause) or _LACKS.search(clause) and not rules.REQUEST.search(clause) \
            or _FAULT.search(clause):
        return False  # not "I do not have one of those cards for the computer" beside "can I pay by cheque?"
    return bool(rules.REQUEST.search(clause) or vocab.mentioned_categories(clause) or vocab.mentioned_brands(clause)
                or vocab.mentioned_colors(clause) or vocab.product_heads(clause) or any(rules.parse_prices(clause))
                or rules.parse_references(clause, allow_bare_numbers=False)
                or rules.ADD_CART.search(clause) and _POINTS.search(clause)  # not "em buy many thing for family"
                or rules.CART_WORD.search(clause) or rules.MORE.search(clause) or rules.CHEAPER.search(clause)
                or PRICIER.search(clause))


def _clauses(message: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(message) if c and c.strip()]


def service_only(message: str, vocab: CatalogVocab) -> bool:
    """Whether the whole message is a service question and names nothing of the shop's ("how soon could it
    arrive if I order today?", "do you offer free shipping over a certain amount?"): no aisle, brand, colour,
    product word, price or list position, so nothing is left to search for."""
    clauses = _clauses(message)
    if len(clauses) > 1 and any(shops(c, vocab) and not _SERVICE.search(c) for c in clauses):
        return False  # "Are there cheaper ones? These are more than I pay in Germany": a request beside it
    return asks_service(message) and not (
        vocab.mentioned_categories(message) or vocab.mentioned_brands(message) or vocab.mentioned_colors(message)
        or vocab.product_heads(message) or rules.parse_references(message, allow_bare_numbers=False)
        or rules.CART_WORD.search(message) or _PRICE_ASKED.search(message) or _CART_SUM.search(message))


# What the cart comes to, asked with the verb "pay": "how much I pay in total?" (not a payment question).
_CART_SUM = re.compile(r"\bhow\s+much\s+(?:do\s+|will\s+|shall\s+|must\s+)?i\s+pay\s+(?:in\s+total|altogether|"
                       r"all\s+together|total|for\s+(?:all|everything))\b", re.I)


# A price said as a budget, not a shipping threshold: "under 50", "$40 max".
_PRICE_ASKED = re.compile(r"\b(?:under|below|less than|max|up to|budget)\s*[$£€₹]?\d", re.I)


def split_service(message: str, vocab: CatalogVocab) -> ServiceSplit:
    """`message` with its service clauses set aside when a product request remains beside them; a message
    that is all service, or service beside small talk, is kept whole (the parser reads it as out of scope)."""
    clauses = _clauses(message)
    if len(clauses) < 2:
        return ServiceSplit(message)
    service = tuple(c for c in clauses if asks_service(c))
    rest = [c for c in clauses if not asks_service(c) and not _EMPTY.match(c)]
    if not service or not rest or not any(shops(c, vocab) for c in rest):
        return ServiceSplit(message)
    return ServiceSplit(" ".join(rest), service)
