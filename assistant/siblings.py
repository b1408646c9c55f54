"""The same product in other colours or sizes: "does the first one come in other colours?", "which sizes does it
come in?".

Why: a catalog lists each colour of a model as its own product ("Nike Air Max 90 Grippy Low-Top Sneakers,
Blue" and "... - Black"), so the listing's own colour field answers only half the question. Listings are
the same model when they share brand, category and model words: the first words after the brand that
are no everyday title words (words at least three brands use: "air", "wireless", "breathable") and come
before the title's colour, up to two of them or through the first word with a digit ("Pegasus 41",
"WH-1000XM5", "Old Skool"). A title with no such word ("Adidas Training Durable Gym Bag") names no model,
so nothing is claimed for it.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from retrieval.types import Product

_SPLIT = re.compile(r"[\s(),]+")
# Words at least this many brands' titles use are descriptions, not model names.
COMMON_BRANDS = 3


def _after_brand(title: str, brand: str) -> list[str] | None:
    words = [w for w in _SPLIT.split(title.casefold()) if w]
    lead = brand.casefold().split()
    return words[len(lead):] if lead and words[:len(lead)] == lead else None


class ModelLines:
    """Each listing's model key, and the colours each model is listed in; built once from the catalog."""

    def __init__(self, catalog: pd.DataFrame):
        titles = catalog["title"].astype(str).tolist()
        brands = catalog["brand"].fillna("").astype(str).tolist() if "brand" in catalog else [""] * len(titles)
        categories = catalog["category"].fillna("").astype(str).tolist()
        colors = catalog["color"].fillna("").astype(str).tolist() if "color" in catalog else [""] * len(titles)
        rests = [_after_brand(t, b) for t, b in zip(titles, brands, strict=True)]
        users: dict[str, set[str]] = defaultdict(set)
        for rest, brand in zip(rests, brands, strict=True):
            for word in set(rest or ()):
                users[word].add(brand)
        self._common = {w for w, b in users.items() if len(b) >= COMMON_BRANDS}
        self._colour_words = {w for c in colors for w in c.casefold().split()}
        sizes = catalog["size"].fillna("").astype(str).tolist() if "size" in catalog else [""] * len(titles)
        ids = catalog["product_id"].astype(str).tolist()
        self._colors: dict[tuple, list[str]] = defaultdict(list)
        self._listing: dict[tuple, str] = {}  # (brand, category, key, colour, size), casefolded -> product id
        self._sizes: dict[tuple, list[str]] = defaultdict(list)
        self._models: dict[str, set[str]] = defaultdict(set)  # brand (casefolded) -> its model words
        for rest, brand, category, color, size, pid in zip(rests, brands, categories, colors, sizes, ids, strict=True):
            key = self._key(rest)
            if key and size.strip():
                self._listing.setdefault((brand, category, key, color.casefold(), size.strip().casefold()), pid)
            self._models[brand.casefold()].update(w for w in key if any(ch.isalpha() for ch in w))
            if key and color and color.casefold() not in (c.casefold() for c in self._colors[(brand, category, key)]):
                self._colors[(brand, category, key)].append(color)
            size = size.strip()
            if key and size and size.lower() != "nan" and size not in self._sizes[(brand, category, key)]:
                self._sizes[(brand, category, key)].append(size)

    def _key(self, rest: list[str] | None) -> tuple[str, ...]:
        out: list[str] = []
        for word in (rest or [])[:4]:
            if word in self._colour_words or not any(ch.isalnum() for ch in word):
                break  # the title's colour, or the dash before it: no model word follows
            if word in self._common:
                if out:
                    break
                continue
            out.append(word)
            if any(ch.isdigit() for ch in word) or len(out) == 2:
                break
        return tuple(out)

    def other_colors(self, product: Product) -> list[str] | None:
        """The colours the same model is listed in besides this listing's, in catalog order; None when the
        title names no model."""
        key = self._key(_after_brand(product.title, product.brand))
        if not key:
            return None
        own = (product.color or "").casefold()
        return [c for c in self._colors.get((product.brand, product.category, key), []) if c.casefold() != own]

    def other_sizes(self, product: Product) -> list[str] | None:
        """The sizes the same model is listed in besides this listing's (in any colour), in catalog order; None
        when the title names no model."""
        key = self._key(_after_brand(product.title, product.brand))
        if not key:
            return None
        own = (product.size or "").strip().casefold()
        return [s for s in self._sizes.get((product.brand, product.category, key), []) if s.casefold() != own]

    def in_size(self, product: Product, size: str) -> str | None:
        """The listing of the same model, in the same colour, in `size` ("the 1st pls, size 8" of an Old Skool
        listed in 6.5); None when there is none or the title names no model."""
        key = self._key(_after_brand(product.title, product.brand))
        if not key:
            return None
        return self._listing.get((product.brand, product.category, key, (product.color or "").casefold(),
                                  size.strip().casefold()))

    def model_words(self, brand: str) -> frozenset[str]:
        """The words that name the brand's models in its titles ("ghost", "glycerin" of Brooks), however common
        the word is in English."""
        return frozenset(self._models.get(brand.casefold(), ()))
