"""What the catalog lets a shopper name: categories, brands, colours, and title words.

Why from the catalog: the parser and the validator snap free text to values that exist, so a
brand the model invents (or a shopper misremembers) can never become a filter that matches
nothing silently.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import pandas as pd

# Words shoppers use for a category that the category name itself does not contain.
CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "running shoes": ("runners", "running shoe", "jogging shoes", "trail shoes", "shoes for running"),
    "sneakers": ("trainers", "sneaker", "kicks"),
    "headphones": ("earbuds", "headset", "earphones", "headphone"),
    "smartphones": ("phone", "phones", "smartphone", "mobile", "cell phone"),
    "t-shirts": ("tee", "tees", "t-shirt", "tshirt", "tshirts", "t shirt", "t shirts"),
    "laptops": ("notebook", "laptop", "notebooks"),
    "watches": ("watch", "smartwatch", "wristwatch"),
    "backpacks": ("backpack", "rucksack", "daypack"),
    "jackets": ("jacket", "coat", "coats", "parka"),
    "dresses": ("dress", "gown"),
    "jeans": ("denim", "jean"),
    "toys": ("toy", "game for kids"),
    "beauty": ("makeup", "skincare", "cosmetics"),
    "kitchen": ("cookware", "kitchenware"),
}

_WORD = re.compile(r"[a-z0-9][a-z0-9\-']*")

# Everyday English words that are also brand names in some shops ("On", "Only", "Next").
# Such a brand counts as named only when written as the catalog writes it: "zoom in on product 2"
# names no brand, "On running shoes" does. (scikit-learn's stop-word list would do, but importing it
# costs a second at start-up.)
COMMON_WORDS = frozenset(
    "a about after all also an and any are as at be but by can do for from get go had has have her his "
    "how i if in into is it its just me more most my new next no not now of off on one only or other our "
    "out over so some such than that the their them then there these they this those to too up us very "
    "was we were what when which who why will with you your".split())


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _variants(name: str) -> set[str]:
    low = name.lower()
    out = {low}
    if low.endswith("es") and len(low) > 4:
        out.add(low[:-2])
    if low.endswith("s") and len(low) > 3:
        out.add(low[:-1])
    out.update(CATEGORY_SYNONYMS.get(low, ()))
    return out


@dataclass(frozen=True)
class CatalogVocab:
    """Lower-case surface form -> canonical catalog value, for each slot kind."""

    categories: dict[str, str] = field(default_factory=dict)
    brands: dict[str, str] = field(default_factory=dict)
    colors: dict[str, str] = field(default_factory=dict)
    title_words: frozenset[str] = frozenset()

    @classmethod
    def from_catalog(cls, catalog: pd.DataFrame) -> CatalogVocab:
        """Missing values and absent optional columns count as empty, so a catalog straight from
        `load_catalog` works (an imported one may lack colours and carry nullable integer columns)."""
        column = {name: _texts(catalog, name) for name in ("category", "brand", "color", "title")}
        categories: dict[str, str] = {}
        for name in sorted(set(column["category"]) - {""}):
            for form in _variants(name):
                categories.setdefault(form, name)
        brands = {b.lower(): b for b in sorted(set(column["brand"]) - {""})}
        colors = {c.lower(): c for c in sorted(set(column["color"]) - {""})}
        text = " ".join(column["title"] + column["category"]).lower()
        return cls(categories, brands, colors, frozenset(words(text)))

    def snap(self, kind: str, value: str | None) -> str | None:
        """Canonical catalog value for `value`, or None when the catalog has no such thing."""
        if not value:
            return None
        table = {"category": self.categories, "brand": self.brands, "color": self.colors}[kind]
        return table.get(value.strip().lower())

    def mentioned_categories(self, message: str) -> list[str]:
        return _unique(c for text in _spellings(message) for _, _, c in find_longest(text, self.categories))

    def mentioned_colors(self, message: str) -> list[str]:
        return _unique(c for _, _, c in find_longest(message, self.colors))

    def mentioned_brands(self, message: str) -> list[str]:
        """Catalog brands the message names: exactly, hyphen-joined ("osprey-made"), or misspelt by a
        letter or two ("addidas", "samsnug"), in order of appearance."""
        exact = [b for text in _spellings(message) for _, _, b in self.brand_spans(text)]
        return _unique(exact + self._near_brands(message))

    def brand_spans(self, text: str) -> list[tuple[int, int, str]]:
        """`find_longest` over brand names, where a brand spelt like a common word ("On") must be
        written as the catalog writes it (see `written_as_brand`)."""
        return [(s, e, b) for s, e, b in find_longest(text, self.brands) if written_as_brand(text[s:e], b)]

    def _near_brands(self, message: str) -> list[str]:
        single = {form: brand for form, brand in self.brands.items() if " " not in form and len(form) >= 5}
        found = []
        for word in words(message):
            # a word the catalog uses otherwise ("kitchen", not a misspelt "KitchenAid") is not a near miss
            if len(word) >= 5 and word not in self.brands and word not in self.title_words \
                    and word not in self.categories and word not in self.colors:
                close = difflib.get_close_matches(word, single, n=1, cutoff=0.8)
                if close:
                    found.append(single[close[0]])
        return found


def written_as_brand(written: str, brand: str) -> bool:
    """False for a common word that only looks like a brand: lower-case "on" in "zoom in on product 2"
    when the shop sells "On". Other brands match in any case ("addidas", "NIKE")."""
    return brand.lower() not in COMMON_WORDS or written == brand


def _spellings(message: str) -> tuple[str, str]:
    """The message as written and with hyphens as spaces ("nike-branded"; hyphenated names match as written)."""
    return message, message.replace("-", " ")


def _unique(values) -> list[str]:
    return list(dict.fromkeys(values))


def find_longest(text: str, table: dict[str, str]) -> list[tuple[int, int, str]]:
    """Non-overlapping whole-word matches of table keys in text, longest first.

    Returns (start, end, canonical value) spans sorted by position.
    """
    low = text.lower()
    taken: list[tuple[int, int, str]] = []
    for form in sorted(table, key=len, reverse=True):
        for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", low):
            if all(m.end() <= s or m.start() >= e for s, e, _ in taken):
                taken.append((m.start(), m.end(), table[form]))
    return sorted(taken)


def _texts(catalog: pd.DataFrame, name: str) -> list[str]:
    if name not in catalog.columns:
        return []
    return catalog[name].fillna("").astype(str).tolist()
