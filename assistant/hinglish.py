"""Hindi words shoppers mix into English chat ("3rd wala cart mein daal do", "kuch sasta dikhao"), said in English.

Why a word map before parsing: Indian shoppers on an English shop's chat switch between the two languages in
one message, and the parsers read English. The words mapped here are the conversational glue (show, add,
remove, cheaper, one, in, need) that carries the intent; product words stay as they are, since the catalog's
own titles use them ("atta", "poha", "namkeen"). Only words that are not English words are mapped, so an
English message is never changed.
"""

from __future__ import annotations

import re

# (pattern, English): multi-word phrases first, so "daal do" is read before "do" could be.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(\d+(?:\.\d+)?k?)\s+(?:se|say)\s+(?:kam|km)", r"under \1"),           # "500 se kam": under 500
    (r"(\d+(?:\.\d+)?k?)\s+ke\s+(?:andar|neeche|niche)", r"under \1"),
    (r"(\d+(?:\.\d+)?k?)\s+(?:se|say)\s+(?:zyada|jyada|upar)", r"over \1"),
    (r"(?:cart|basket)\s+(?:mein|me|mai|main)\s+(?:daal|dal|daalo|dalo|rakh|rakho|add\s+kar)\s*(?:do|de|dena|dijiye)?",
     "add to cart"),
    (r"(?:daal|dal|rakh)\s+(?:do|de|dijiye|dena)|daalo|dalo|add\s+kar(?:o|\s+do|\s+de|\s+dijiye)",
     "add"),
    (r"(?:hata|nikal)\s+(?:do|de|dijiye|dena)|hatao|nikalo|remove\s+kar(?:o|\s+do|\s+de|\s+dijiye)", "remove"),
    (r"compare\s+kar(?:o|\s+do|\s+de|\s+dijiye)", "compare"),
    (r"dikha(?:o|\s+do|\s+de|iye|\s+dijiye)|dikhaao", "show"),
    (r"aur\s+(?:options|dikhao|show)", "more options"),
    (r"(?:kuch|kuchh)\s+(?:aur|or)", "something else"),
)
_WORDS: dict[str, str] = {
    "sasta": "cheaper", "saste": "cheaper", "sasti": "cheaper", "sastaa": "cheaper",
    "mehenga": "expensive", "mehnga": "expensive", "mehngi": "expensive", "mehange": "expensive",
    "wala": "one", "wale": "one", "wali": "one", "waala": "one", "waale": "one", "waali": "one", "vala": "one",
    "mein": "in", "chahiye": "need", "chaiye": "need", "chalega": "is fine", "chalegi": "is fine",
    "kitna": "how much", "kitne": "how much", "kitni": "how much", "bina": "without", "kuch": "something",
    "kuchh": "something", "achha": "good", "accha": "good", "acha": "good", "nahi": "not", "nahin": "not",
    "dikhao": "show", "batao": "tell me",
}
_COMPILED = tuple((re.compile(rf"\b{pattern}\b", re.I), english) for pattern, english in _PHRASES)
_WORD = re.compile(r"\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b", re.I)


def in_english(message: str) -> tuple[str, bool]:
    """The message with its Hindi glue words in English, and whether anything changed."""
    text = message
    for pattern, english in _COMPILED:
        text = pattern.sub(english, text)
    text = _WORD.sub(lambda m: _WORDS[m[1].lower()], text)
    return text, text != message
