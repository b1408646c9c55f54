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
        categories: dict[str, str] = {}
        for name in sorted(set(catalog["category"]) - {""}):
            for form in _variants(name):
                categories.setdefault(form, name)
        brands = {b.lower(): b for b in sorted(set(catalog["brand"]) - {""})}
        colors = {c.lower(): c for c in sorted(set(catalog["color"]) - {""})}
        text = " ".join(catalog["title"].tolist() + catalog["category"].tolist()).lower()
        return cls(categories, brands, colors, frozenset(words(text)))

    def snap(self, kind: str, value: str | None) -> str | None:
        """Canonical catalog value for `value`, or None when the catalog has no such thing."""
        if not value:
            return None
        table = {"category": self.categories, "brand": self.brands, "color": self.colors}[kind]
        return table.get(value.strip().lower())

    def mentioned_categories(self, message: str) -> list[str]:
        return _unique(c for text in _spellings(message) for _, _, c in find_longest(text, self.categories))

    def mentioned_brands(self, message: str) -> list[str]:
        """Catalog brands the message names: exactly, hyphen-joined ("osprey-made"), or misspelt by a
        letter or two ("addidas", "samsnug"), in order of appearance."""
        exact = [b for text in _spellings(message) for _, _, b in find_longest(text, self.brands)]
        return _unique(exact + self._near_brands(message))

    def _near_brands(self, message: str) -> list[str]:
        single = {form: brand for form, brand in self.brands.items() if " " not in form and len(form) >= 5}
        found = []
        for word in words(message):
            if len(word) >= 5 and word not in self.brands:
                close = difflib.get_close_matches(word, single, n=1, cutoff=0.8)
                if close:
                    found.append(single[close[0]])
        return found


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
