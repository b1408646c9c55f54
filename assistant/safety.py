"""Hostile or absurd messages: refusals for requests the shop cannot grant, and price sanity.

Why before the parser: whatever parses the message (rules or the LM) must never be asked to
"set the price to 0" or "show user 42's orders". Such a message gets a fixed, clear refusal
(recorded in the trace as `policy`), and an absurd price ("under $-5", "under 1e30") is taken
out of the message with a notice, instead of being read as "$1" or silently ignored.
Everything here is a regular expression: deterministic, fast, testable.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.validate import MAX_SANE_PRICE

_PRICE_CHANGE = re.compile(
    r"\b(?:set|change|make|lower|drop|reduce|update|override)\b[^.?!]{0,40}\bprices?\b[^.?!]{0,20}\b(?:to|=|at)\b"
    r"|\bprices?\b[^.?!]{0,20}\b(?:to|=)\s*\$?\s*0\b"
    r"|\b(?:give|get|apply|want|need)\b[^.?!]{0,30}\b(?:discount|coupon|voucher|promo(?:tion)?\s*code|refund)"
    r"|\b\d{1,3}\s*%\s*(?:off|discount)\b"
    # free asked of the shop ("can I have it for free", "make them free of charge"), not a story ("the company
    # gives them for free. please remove it")
    r"|\b(?:(?:can|could|may|will|would)\s+(?:i|we|you|u)|(?:i|we)\s+(?:want|need|get|should get)|"
    r"(?:give|send|let)\s+(?:me|us))\b[^.?!]{0,25}\b(?:for free|free of charge)\b"
    r"|\bmake\s+(?:it|them|this|that)\s+(?:free|for free)\b"
    # haggling: "can u knock 10 off", "knock a tenner off if I buy two"
    r"|\bknock\b[^.?!]{0,20}\boff\b"
    # a price the shopper claims, to be confirmed or matched: "the first one is on sale for $0.01, confirm"
    r"|\b(?:is|are|was|it'?s)\s+(?:on sale|discounted|reduced|marked down|listed)\s+(?:for|to|at)\s*[$£€₹]?\s?\d"
    r"|\bprice[- ]match\b|\bhono(?:u)?r\b[^.?!]{0,30}[$£€₹]\s?\d", re.I)
_OTHER_USER = re.compile(
    r"\b(?:users?|customers?|shoppers?|accounts?|members?|clients?)\s*(?:#|no\.?|number|id)?\s*[\w-]*\d[\w-]*(?:'s)?\b"
    r"|\b(?:other|another|previous|last|all|every)\s+(?:users?|customers?|shoppers?|persons?|people)(?:'s|')?\s+"
    r"(?:orders?|carts?|histor(?:y|ies)|profiles?|purchases?|data|emails?|address(?:es)?)"
    r"|\bsomeone\s+else'?s?\b|\bwhat\s+did\s+(?:the\s+)?(?:previous|other|last)\s+\w+\s+(?:buy|order|purchase)", re.I)
_INSTRUCTIONS = re.compile(
    r"\b(?:ignore|disregard|forget)\b[^.?!]{0,30}\b(?:instructions?|rules?|prompts?|guidelines?)\b"
    r"|\bsystem\s+prompt\b|\byou\s+are\s+now\b|\bdeveloper\s+mode\b|\bjailbreak\b", re.I)

REFUSALS = {
    "price_change": ("I can't change prices or give discounts. The prices I show are always the shop's "
                     "catalog prices. I can look for cheaper options, e.g. 'headphones under $50'."),
    "other_user": ("I can't share anything about other shoppers (orders, carts, profiles or history). "
                   "I only use this conversation and your own profile."),
    "instructions": ("I can only help you find and compare products in this shop and manage your cart. "
                     "Try 'running shoes under $80' or 'recommend me something'."),
}

# A price phrase whose number is negative, in scientific notation, or larger than any price.
_PRICE_WORDS = (r"under|below|less than|cheaper than|max(?:imum)?|up to|at most|no more than|within|budget(?: of| is)?"
                r"|over|above|more than|at least|min(?:imum)?|starting at|around|about|between|from|price(?:d)?"
                r"|costs?|for|and|to")
# Words that precede prices and other numbers alike: a negative number after one is read as no price.
_WEAK_PRICE_WORDS = frozenset({"for", "and", "to", "from", "around", "about"})
_DEGREES = re.compile(r"\s*(?:°|º|degrees?\b|deg\b|[cf]\b)", re.I)
_ABSURD = re.compile(
    rf"(?:\b(?P<word>{_PRICE_WORDS})\s*(?:of\s+)?)?(?P<num>-\s?\$\s?\d[\d,.]*|\$?\s?-\s?\d[\d,.]*(?:e[+-]?\d+)?"
    rf"|\$?\s?\d[\d,]*(?:\.\d+)?e[+-]?\d+\b|\$?\s?\d{{9,}}(?:\.\d+)?)\s*(?P<unit>\$|usd\b|dollars?\b|bucks\b)?", re.I)


# Letters of other scripts that look Latin ("ignоre" with a Cyrillic о), and invisible characters:
# folded before the refusal patterns read the message, so a look-alike spelling cannot slip past them.
_CONFUSABLES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "һ": "h", "ԁ": "d", "ɡ": "g", "к": "k", "м": "m", "т": "t", "в": "b", "н": "h", "ո": "n",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X",
    "α": "a", "ε": "e", "ο": "o", "ρ": "p", "ι": "i", "κ": "k", "ν": "v", "τ": "t", "υ": "u", "χ": "x",
    "Α": "A", "Β": "B", "Ε": "E", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X",
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None})
_LEET = str.maketrans("013457@$", "oieastas")


def folded(message: str) -> str:
    """The message as the refusal patterns read it: compatibility forms (full-width letters) and
    look-alike letters as plain Latin, invisible characters gone, digits inside words as the letters
    they stand for ("1gn0r3" -> "ignore"), and letters spaced out one by one joined ("i g n o r e")."""
    text = unicodedata.normalize("NFKC", message).translate(_CONFUSABLES)
    text = re.sub(r"\b(?=\w*[a-z])(?=\w*\d)[\w@$]+\b", lambda m: m[0].lower().translate(_LEET), text, flags=re.I)
    return re.sub(r"\b(?:\w[ .\-_]){3,}\w\b", lambda m: re.sub(r"[ .\-_]", "", m[0]), text)


def policy_refusal(message: str) -> tuple[str, str] | None:
    """(reason, reply) for a request the assistant must refuse; None for an ordinary message."""
    for text in dict.fromkeys((message, folded(message))):
        for reason, pattern in (("other_user", _OTHER_USER), ("price_change", _PRICE_CHANGE),
                                ("instructions", _INSTRUCTIONS)):
            if pattern.search(text):
                return reason, REFUSALS[reason]
    return None


def _is_absurd(number: str) -> bool:
    text = number.replace("$", "").replace(",", "").replace(" ", "")
    try:
        value = float(text)
    except ValueError:
        return True
    return value < 0 or value > MAX_SANE_PRICE or "e" in text.lower()


def strip_absurd_prices(message: str) -> tuple[str, list[str]]:
    """The message without price phrases no shop price can satisfy, and one notice per phrase removed.

    "headphones under 1e30" -> ("headphones", ["I ignored the price '1e30': ..."]). Ranges such as
    "50-100" are not negative numbers: a minus sign counts only after a space, "$" or a price word.
    """
    notices: list[str] = []

    def replace(m: re.Match) -> str:
        number = m["num"].strip()
        start = m.start("num")
        # "50-100" is a range and "sub-$700" a hyphen, not negative numbers
        glued_range = number.startswith("-") and start > 0 and message[start - 1].isalnum()
        money = bool(m["unit"]) or "$" in number
        weak = (m["word"] or "").casefold() in _WEAK_PRICE_WORDS
        # "warm enough for -10", "down to -20 degrees": a temperature, unless a currency says it is money
        temperature = number.startswith("-") and not money and (weak or _DEGREES.match(message, m.end("num")))
        about_price = (bool(m["word"]) or money) and not temperature
        if glued_range or not about_price or not _is_absurd(number):
            return m[0]
        shown = number if len(number) <= 16 else number[:12] + "…"  # never echo a flood back
        notices.append(f"I ignored the price '{shown}': it is not a price anything in the shop can have.")
        return " "

    cleaned = _ABSURD.sub(replace, message)
    return re.sub(r"\s{2,}", " ", cleaned).strip(), notices
