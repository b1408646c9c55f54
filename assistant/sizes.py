"""Sizes a shopper asks for ("size 10", "in XL", "w32", "512gb", "14 inch", "50ml", "30 litres"), read against
the sizes the catalog lists for the aisle.

Why: a size said on its own after a search ("size 10" after white sneakers) names no product, so the search
would start over from nothing and the catalog's evidence would call "size" a thing the shop lacks. Read as the
catalog's own size value, it narrows the search on screen, and only products in that size are shown. A size
the aisle does not list is not read (so "in 15" is never a filter nothing passes), and an aisle without sizes
(toys, kitchen) reads none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_LETTERS = {"xxs": "xxs", "xs": "xs", "s": "s", "small": "s", "m": "m", "medium": "m", "med": "m", "l": "l",
            "large": "l", "xl": "xl", "x-large": "xl", "extra large": "xl", "xxl": "xxl", "2xl": "xxl",
            "xx-large": "xxl", "xxxl": "xxxl", "3xl": "xxxl"}
LETTER = r"(?:xxs|xs|xxxl|xxl|xl|2xl|3xl|x-large|xx-large|extra large|small|medium|med|large|s|m|l)"

# Each pattern's group is the size said; `_key` turns it into the catalog's spelling (lower-cased, no spaces).
_SAID = (
    # "512gb", "256 GB", "1tb"
    (re.compile(r"\b(\d{2,4})\s*(gb|tb)\b", re.I), lambda m: f"{m[1]}{m[2].lower()}"),
    # storage said without its unit: "less storage, like 256?", "the 512 storage one"
    (re.compile(r"\b(?:storage|memory|capacity)\b[^.?!$]{0,20}?\b(\d{2,4})\b(?![\d.,%])|"
                r"\b(\d{2,4})\s+(?:of\s+)?(?:storage|memory)\b", re.I), lambda m: f"{m[1] or m[2]}gb"),
    # "14 inch", '15.6"', "16in screens", "13-inch"
    (re.compile(r"\b(\d{2}(?:\.\d)?)\s*(?:-\s*)?(?:inch(?:es)?|in\b|\"|”|'')", re.I), lambda m: f"{m[1]}\""),
    # "38mm", "42 mm"
    (re.compile(r"\b(\d{2})\s*mm\b", re.I), lambda m: f"{m[1]}mm"),
    # "50ml", "100 ml"
    (re.compile(r"\b(\d{1,4})\s*ml\b", re.I), lambda m: f"{m[1]}ml"),
    # "30 litres", "30l", "40 liter"
    (re.compile(r"\b(\d{1,3})\s*(?:l|ltrs?|litres?|liters?)\b", re.I), lambda m: f"{m[1]}l"),
    # "w32", "W 28", "28 waist", "waist 30", "32w"
    (re.compile(r"\bw\s?(\d{2})\b|\b(\d{2})\s*(?:inch\s+)?(?:waist|w)\b|\bwaist\s+(?:size\s+)?(\d{2})\b", re.I),
     lambda m: f"w{m[1] or m[2] or m[3]}"),
    # "size 10", "sz 9.5", "size L", "in a medium", "uk 9"
    # (a space, a colon or a digit after the word: the "s" of "sizes" is no size S)
    (re.compile(rf"\b(?:size|sz|sizes|uk|us)(?:\s*:\s*|\s+|(?=\d))(\d{{1,2}}(?:\.5)?|{LETTER})\b", re.I),
     lambda m: _letter(m[1])),
    # "in M", "in a large please" (not "in medium weight cotton")
    (re.compile(rf"\bin\s+(?:a\s+|an\s+)?({LETTER})\b(?!\s*[a-z])|\bin\s+(?:a\s+|an\s+)?({LETTER})\b"
                r"(?=\s+(?:please|pls|plz|thanks|thx|only|then|too|tho|though|instead|ones?|as well|also|"
                r"for\s+(?:my|me|him|her|them|the)|if)\b)", re.I),
     lambda m: _letter(m[1] or m[2])),
    # "mens XL", "tshirts. XL. black": a letter size of two or more letters, which no other word spells
    (re.compile(r"(?<![\w'-])(xxs|xs|xxxl|xxl|xl|2xl|3xl)(?![\w'-])", re.I), lambda m: _letter(m[1])),
    # "mens fleece jacket, L, under 150", "womens M": a capital S, M or L set apart by commas or after who wears it
    (re.compile(r"(?:^|(?<=[,.])|(?<=mens)|(?<=men's)|(?<=ladies)|(?<=boys)|(?<=girls)|(?<=kids))\s*\b([SML])"
                r"(?=\s*(?:[,;!?]|\.(?!\w)|$))"), lambda m: _letter(m[1])),
    # "tshirt navy M", "hoodie black L": a capital letter size ending the message
    (re.compile(r"(?<=\s)(XXS|XS|S|M|L|XL|XXL)\s*[?!.]?\s*$"), lambda m: _letter(m[1])),
    # "10.5 only", "any 7.5s?": a half size, which no price, rating or count is said as
    (re.compile(r"(?<![$£€₹\d.,])\b(\d{1,2}\.5)(?:s\b)?(?![\d.,%])(?!\s*(?:stars?|k\b|\+|/|out of|dollars?|bucks|"
                r"quid|euros?|pounds?|usd|eur|gbp|inch|in\b|\"|mm|cm|kg|l\b|litres?|liters?|hours?|hrs?))", re.I),
     lambda m: m[1]),
    # "anything in 9?", "in a 10 please", "them in 29 as well" (not "in 2 days", "in 9 colours")
    (re.compile(r"\bin\s+(?:a\s+)?(\d{1,2})\b(?![\d.,%$])(?!\s*[a-z])|\bin\s+(?:a\s+)?(\d{1,2})\b"
                r"(?=\s+(?:please|pls|plz|thanks|thx|only|then|too|tho|though|instead|ones?|as well|also)\b)", re.I),
     lambda m: m[1] or m[2]),
    # "does it come in 512", "got it in 128?": a phone's storage said without its unit
    (re.compile(r"\b(?:comes?|coming|available|(?:have|got|get|do)\s+(?:it|them|one|these|those|this|that))\s+"
                r"in\s+(?:a\s+)?(\d{3,4})\b(?![\d.,%$])", re.I), lambda m: f"{m[1]}gb"),
    # "i need a 7, womens", "im a 10", "she wears an 8.5" (not "i need a 2 person tent", "he's a 40 year old")
    (re.compile(r"\b(?:(?:he|she|i|they)(?:'?s|'?m|'re|\s+is|\s+am|\s+are)|im|(?:he|she|i|they)\s+"
                r"(?:wears?|takes?|needs?|usually wear))\s+(?:a|an)\s+(\d{1,2}(?:\.5)?)\b(?![\d.,%$])"
                r"(?!\s*(?:-\s*)?(?:[a-z]|\$))|"
                r"\b(?:i|he|she)\s+(?:need|want)\s+(?:a|an)\s+(\d{1,2}(?:\.5)?)\s*,", re.I),
     lambda m: m[1] or m[2]),
    # "he's a large", "I'm a medium", "she wears a small" (not "a large family")
    (re.compile(rf"\b(?:(?:he|she|i|they)(?:'?s|'?m|'re|\s+is|\s+am|\s+are)|(?:he|she|i|they)\s+(?:wears?|takes?))"
                rf"\s+(?:a|an)\s+({LETTER})\b(?!\s*[a-z])", re.I), lambda m: _letter(m[1])),
)
# The whole message is a letter size and polite words: "XL", "L pls", "medium please".
_ALONE = re.compile(rf"^\W*(?:(?:ok|and|maybe|just|only|now)\s+)*({LETTER})\b(?:\s+(?:pls|please|plz|ones?|only|"
                    r"size|then|thx|thanks))*\W*$", re.I)
_LETTER_WORDS = frozenset({"small", "medium", "med", "large", "extra large"})
# Words beside a size that describe the product asked for, not another one ("16 inch screens", "mens, size L").
SPEC_WORDS = frozenset("screen screens display storage memory ram capacity waist leg length fit strap band dial "
                       "face case size sizes men mens women womens wmns ladies boys girls kids unisex".split())


def _letter(said: str) -> str:
    said = said.lower()
    return _LETTERS.get(said, said)


@dataclass(frozen=True)
class SizeRead:
    """The catalog's size value asked for, and the part of the message that said it."""

    value: str
    span: tuple[int, int]


class SizeChart:
    """The sizes each category lists, keyed by their lower-cased spelling ("w32", "256gb", '14"', "10.5")."""

    def __init__(self, rows: Iterable[tuple[str, str]]):
        self.by_category: dict[str, dict[str, str]] = {}
        for category, size in rows:
            size = str(size or "").strip()
            if category and size and size.lower() != "nan":
                self.by_category.setdefault(category, {})[_catalog_key(size)] = size

    @classmethod
    def of_catalog(cls, catalog) -> SizeChart:
        if "size" not in catalog.columns or "category" not in catalog.columns:
            return cls(())
        return cls(zip(catalog["category"].fillna("").astype(str), catalog["size"].fillna("").astype(str),
                       strict=False))

    def read(self, message: str, category: str | None) -> SizeRead | None:
        """The size `message` asks for among `category`'s sizes, or None."""
        sizes = self.by_category.get(category or "")
        if not sizes:
            return None
        alone = _ALONE.match(message)
        if alone and (alone[1].lower() not in _LETTER_WORDS or len(message.split()) <= 3):
            found = sizes.get(_letter(alone[1]))
            if found:
                return SizeRead(found, alone.span(1))
        for pattern, key in _SAID:
            for m in pattern.finditer(message):
                said = key(m).lower()
                found = sizes.get(said) or (sizes.get(f"w{said}") if said.isdigit() else None)  # "size 28": W28
                if found:
                    return SizeRead(found, m.span())
        return None


def _catalog_key(size: str) -> str:
    return re.sub(r"\s+", "", size.lower())


def fits(product_size: str, wanted: str) -> bool:
    """Whether a product's listed size is the one asked for (spelling and case aside)."""
    return _catalog_key(str(product_size or "")) == _catalog_key(wanted)
