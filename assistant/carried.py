"""A laptop said as what a bag must hold: "does the kanken fit a 15 inch macbook?", "need one that takes a 16 inch
laptop", "i have a 16 inch macbook, what backpack should i get".

Why: read for its words, the laptop is the product asked for: the search moved to laptops (in 15"), or looked for
backpacks made by Apple. Said while bags are asked for or shown, the laptop is what the bag is for: the words
become "laptop backpack", which is how the catalog's titles say it, and the screen size is no filter.
"""

from __future__ import annotations

import re

# What carries a laptop, in the aisles of bags.
_BAG_AISLES = frozenset({"backpacks"})
_BAG_WORDS = re.compile(r"\b(?:backpacks?|bags?|daypacks?|rucksacks?|packs?|kanken|holdall|totes?|satchels?)\b", re.I)
# "fit a 15 inch macbook", "takes a 16\" laptop", "for my 14-inch laptop", "i have a 16 inch macbook"
_CARRIED = re.compile(r"\b(?:fits?|fitting|hold|holds|take|takes|carry|carries|carrying|lugging|hauling|for|i have|"
                      r"i've got|ive got|i got)\s+"
                      r"(?:a|an|my|the|our)\s+(?:\d{2}(?:\.\d)?\s*(?:-\s*)?(?:inch(?:es)?|in\b|\"|”|'')\s*)?"
                      r"(?:apple\s+)?(?:laptop|macbook(?:\s+(?:air|pro))?|notebook|chromebook|computer)s?\b"
                      r"(?!\s+(?:out|off|away|back)\b)", re.I)  # not "take the laptop out": a cart removal


def carried_laptop(message: str, aisle: str | None) -> str:
    """The message with a laptop said as what a bag holds read as "laptop backpack"; unchanged otherwise."""
    if aisle not in _BAG_AISLES and not _BAG_WORDS.search(_CARRIED.sub(" ", message)):
        return message
    return _CARRIED.sub("for a laptop backpack", message)
