"""Money said in another currency than the shop's: "trainers under 50 quid", "a toaster under 60 AUD", "are these
prices in pounds or dollars?".

Why: the amount is read as the shop's own currency (50 quid -> $50), which is the shopper's meaning only roughly;
no reply said so, and the question which currency the prices are in was read as a search. The shop converts
nothing (it holds no exchange rates), so it says plainly what it did: the prices are in its currency, and an
amount said in another was taken as that many of its own.
"""

from __future__ import annotations

import re

from babel.numbers import get_currency_name

# The currency a word or sign names.
_NAMED = (("GBP", r"£|\bquid\b|\bpounds?\b|\bgbp\b|\bfivers?\b|\btenners?\b"),
          ("EUR", r"€|\beuros?\b|\beur\b"),
          ("AUD", r"\baud\b|\bau\$|\ba\$|\baussie dollars?\b|\baustralian dollars?\b"),
          ("CAD", r"\bcad\b|\bc\$|\bcanadian dollars?\b"),
          ("INR", r"₹|\brs\.?(?=\s?\d)|\brupees?\b|\binr\b"),
          ("USD", r"\$|\bdollars?\b|\bbucks\b|\busd\b"))
# An amount with its currency: "50 quid", "£50", "60 AUD", "a tenner".
_AMOUNT = re.compile(r"(?:[£€₹]|\bau\$|\ba\$|\bc\$)\s?\d|\d[\d.,]*\s?k?\s?(?:quid|pounds?|gbp|euros?|eur|aud|cad|"
                     r"rupees?|inr)\b|\ba\s+(?:fiver|tenner)\b", re.I)
# "are these prices in pounds or dollars?", "what currency is that", "is that in euros?", "is that AUD?"
_ASKED = re.compile(r"\b(?:what|which)\s+currency\b|\bcurrency\s*\?|"
                    r"\b(?:is|are)\s+(?:that|this|it|these|those|the|your)\s+(?:prices?\s+)?(?:in\s+)?"
                    r"(?:pounds|sterling|dollars|us dollars|euros|aud|usd|gbp|eur|cad|rupees|inr)\b|"
                    r"\bprices?\s+(?:are\s+)?in\s+(?:pounds|sterling|dollars|euros|aud|usd|gbp|eur|cad|rupees|inr)\b",
                    re.I)


def _named_currency(text: str) -> str | None:
    for code, pattern in _NAMED:
        if re.search(pattern, text, re.I):
            return code
    return None


def asks_currency(message: str) -> bool:
    """Whether the message asks which currency the prices are in."""
    return bool(_ASKED.search(message))


def _plural(code: str) -> str:
    return get_currency_name(code, count=2, locale="en")


def currency_answer(shop: str) -> str:
    """"Prices here are in US dollars; the shop does not convert them."."""
    return f"Prices here are in {_plural(shop)}; the shop does not convert them."


def other_currency_note(message: str, shop: str) -> str | None:
    """A line saying an amount in another currency was read as the shop's, or None (no amount, or the shop's
    own currency)."""
    found = _AMOUNT.search(message)
    if not found:
        return None
    said = _named_currency(found[0]) or ("GBP" if re.search(r"fiver|tenner", found[0], re.I) else None)
    if said is None or said == shop:
        return None
    return (f"Prices here are in {_plural(shop)}, so I read the amount in {_plural(said)} as that many "
            f"{_plural(shop)} (I don't convert currencies).")
