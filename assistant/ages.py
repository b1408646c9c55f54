"""A child's age said by the shopper, and the youngest age a toy's listing is for.

Why: a gift for "my granddaughter, she's turning 4" was offered toys whose listings say "ages 8 and up";
the listing's own words rule those out where toys for her age exist (the loop keeps the rest, and says so
when none fits). Ages are read only in the forms shoppers and listings use; anything else is no age.
"""

from __future__ import annotations

import re

from retrieval.types import Product

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12}
_N = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# "a 4 year old", "4yo", "4 y/o", "aged 4", "turning 4", "she's 4", "he is 10" (not "4 years at least", "he's 6 ft")
_CHILD_AGE = re.compile(rf"\b{_N}\s?(?:-\s?)?(?:years?|yrs?|yr)[\s-]*old\b|\b{_N}\s?(?:yo|y/o)\b|"
                        rf"\b(?:aged|turning|turns|turned)\s+{_N}\b|"
                        rf"\b(?:he'?s|she'?s|hes|shes|he is|she is|they'?re)\s+(?:only\s+|just\s+)?{_N}\b"
                        r"(?![.,]\d|\s*(?:ft|foot|feet|cm|kg|inch|in\b|years? (?:at least|or more)))", re.I)
# "ages 8 and up", "age 3+", "for ages 5 to 9", "8+"
_LISTED_AGE = re.compile(r"\bages?\s+(\d{1,2})\s*(?:\+|and up|and over|plus|to\s+\d{1,2})|"
                         r"\b(\d{1,2})\+\s*(?:years?|yrs?)?(?=\W|$)", re.I)


def child_age(message: str) -> int | None:
    """The age of the child a message names ("for my 4 year old", "she's turning 4"), if 0 < age <= 17."""
    m = _CHILD_AGE.search(message)
    if not m:
        return None
    said = next(g for g in m.groups() if g)
    age = _WORDS.get(said.lower()) or int(said)
    return age if 0 < age <= 17 else None


def listed_min_age(product: Product) -> int | None:
    """The youngest age the listing says the product is for ("ages 8 and up" -> 8), or None."""
    m = _LISTED_AGE.search(f"{product.title}. {product.description or ''}")
    return int(m[1] or m[2]) if m else None


def fits_age(product: Product, age: int) -> bool:
    """Whether the listing allows a child of `age` (a listing that states no age does)."""
    youngest = listed_min_age(product)
    return youngest is None or youngest <= age
