"""Numbers as dictation writes them, in the places a shop reads them as digits: sizes ("a size eight", "size ten
and a half", "size thirty two"), model numbers ("levis five oh one", "the dyson v eight"), storage ("two fifty
six gigs") and a count heard as "to", "too" or "for" ("make that to of them", "add too candles", "add for of the
cheapest").

Why: prices said in words were already read ("under fifty dollars"), but a size or a model number in words was
no size and no model: "size thirty two" searched for the words, "the v eight" found V-neck t-shirts, and "two
fifty six gigs" became a price of over $256. Only these patterns are rewritten; "the second one" and "one of
those" stay as said.
"""

from __future__ import annotations

import re

from assistant import rules

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUMBER_WORD = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                r"ninety|hundred)")
_WORDS = rf"{_NUMBER_WORD}(?:[\s-]+{_NUMBER_WORD})*"
# "size thirty two", "a size ten and a half", "waist thirty four"
_SIZE = re.compile(rf"\b(size|sz|waist|length|inseam)\s+(?P<n>{_WORDS})(?P<half>\s+and\s+a\s+half)?\b", re.I)
# "five oh one" -> 501 (a model number: a digit, "oh", a digit or two)
_OH = re.compile(rf"\b(?P<a>{'|'.join(_UNITS)})\s+(?:oh|o|zero)\s+(?P<b>{'|'.join(_UNITS)})\b", re.I)
# "v eight", "s twenty four": a single letter, then a number (not "a"/"i", which are words, nor "x": "x two")
_LETTER = re.compile(rf"\b(?P<l>[b-hj-wyz])\s+(?P<n>{_WORDS})\b", re.I)
# "actually make that to of them", "ad to more": "two" heard as "to" where a count goes
_TO_TWO = re.compile(r"\b((?:make|set)\s+(?:it|that|them|this)|add|ad|get|buy|take|need|want|order|grab)\s+"
                     r"(?:to|too)\b(?=\s+(?:of\b|more\b|please\b|pls\b|then\b|instead\b|pairs?\b|units?\b|pieces?\b|"
                     r"packs?\b)|\W*$)|"
                     # "add too candles": "too" before a plural is only ever the count
                     r"\b((?:make|set)\s+(?:it|that|them|this)|add|ad|get|buy|take|order|grab)\s+too\b(?=\s+[a-z]{3,}s\b)",
                     re.I)
# "add for of the cheapest one", "make it for pairs": "four" heard as "for" where a count goes
_FOR_FOUR = re.compile(r"\b((?:make|set)\s+(?:it|that|them|this)|add|ad|get|buy|take|order|grab)\s+for\b"
                       r"(?=\s+(?:of\b|more\b|pairs?\b|units?\b|pieces?\b|packs?\b))", re.I)
# "two fifty six gigs", "a terabyte": storage said as words
_GIGS = re.compile(r"\b(\d+)\s*(?:gigs?|gigabytes?)\b", re.I)


def _number(words: str) -> str | None:
    """The digits of a number said in words ("thirty two" -> "32"), None when the words are no number."""
    said = rules.digits(words)
    return said if re.fullmatch(r"\d+(?:\.\d+)?", said.strip()) else None


def spoken_numbers(message: str) -> str:
    """The message with sizes, model numbers and storage said in words written as digits."""
    def size(m: re.Match) -> str:
        n = _number(m["n"])
        if n is None:
            return m[0]
        return f"{m[1]} {n}.5" if m["half"] else f"{m[1]} {n}"

    def oh(m: re.Match) -> str:
        return f"{_UNITS.index(m['a'].lower()) + 1}0{_UNITS.index(m['b'].lower()) + 1}"

    def letter(m: re.Match) -> str:
        n = _number(m["n"])
        return f"{m['l']}{n}" if n is not None else m[0]

    text = _TO_TWO.sub(lambda m: f"{m[1] or m[2]} two", message)
    text = _FOR_FOUR.sub(r"\1 four", text)
    text = _SIZE.sub(size, text)
    text = _OH.sub(oh, text)
    text = _LETTER.sub(letter, text)
    if re.search(r"\b(?:gigs?|gigabytes?)\b", text, re.I):
        text = _GIGS.sub(r"\1GB", rules.digits(text))
    return text
