"""Redaction of personal data from free text before anything is written to a log.

Why regexes and a Luhn check rather than a model: redaction must be fast, deterministic and
testable; a card-number pattern without the Luhn check would also eat order numbers.
"""

from __future__ import annotations

import hashlib
import hmac
import re

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
CARD = re.compile(r"\b(?:\d[ -]?){12,18}\d\b")
PHONE = re.compile(r"(?<![\w$])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?)?\d{2,4}[ .-]\d{3,4}(?:[ .-]?\d{3,4})?\b")
# Unseparated: "+447700900123" (a country code and 7-14 digits), "4155550134" (10-11 digits; an order
# number of 12 or more digits without a "+" is kept, a Luhn-valid card was taken before).
PHONE_BARE = re.compile(r"(?<![\w$.])(?:\+\d{8,15}|\d{10,11})\b")
SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
ADDRESS = re.compile(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|"
    r"Way|Place|Pl|Terrace|Close)\b\.?", re.I)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card(m: re.Match) -> str:
    digits = re.sub(r"\D", "", m[0])
    return "[card]" if 13 <= len(digits) <= 19 and luhn_ok(digits) else m[0]


def _phone(m: re.Match) -> str:
    # Seven digits or more: "50-100" is a price range, not a phone number.
    return "[phone]" if len(re.sub(r"\D", "", m[0])) >= 7 else m[0]


def redact(text: str) -> str:
    """Replace emails, card numbers (Luhn-valid), US social security numbers, phone numbers (separated,
    international or unseparated) and street addresses (house numbers with a letter too) with tags."""
    text = EMAIL.sub("[email]", text)
    text = CARD.sub(_card, text)
    text = SSN.sub("[ssn]", text)
    text = PHONE_BARE.sub("[phone]", text)
    text = PHONE.sub(_phone, text)
    return ADDRESS.sub("[address]", text)


def pseudonym(user_id: str | None, secret: bytes) -> str | None:
    """Keyed hash of a user id: logs can be filtered per user (for `forget`) without holding the id."""
    if user_id is None:
        return None
    return hmac.new(secret, user_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
