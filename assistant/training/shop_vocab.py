"""What the dialogue generator may mention: categories (and how shoppers say them), brands and
colours per category, typical prices, and which (category, brand) pairs real users buy.

Why per category: "blue Sony jackets" is not a message a real shopper sends; drawing brands,
colours and prices from the category keeps generated dialogues plausible. Why a brand split:
brands withheld from training let the benchmark measure whether the parser copies names it has
never seen (a new catalog's brands), not whether it memorised the training brands.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from assistant.vocab import CATEGORY_SYNONYMS

NICE_PRICES = (5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100, 120, 150, 200, 250, 300, 400, 500, 600,
               800, 1000, 1200, 1500, 2000)


def singular(name: str) -> str | None:
    """"jackets" -> "jacket", "watches" -> "watch", "running shoes" -> "running shoe"; None if unsure."""
    if name.endswith("es") and name[:-2].endswith(("s", "x", "ch", "sh")):
        return name[:-2]
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return None


def category_forms(category: str) -> tuple[str, ...]:
    """Surface forms a shopper uses for a catalog category (canonical first)."""
    forms = [category]
    one = singular(category)
    if one:
        forms.append(one)
    forms.extend(f for f in CATEGORY_SYNONYMS.get(category.lower(), ()) if f not in forms)
    return tuple(forms)


def is_heldout_brand(brand: str, fraction: float) -> bool:
    """Stable split by a hash of the name: the same brand is held out whatever the catalog order."""
    digest = int(hashlib.sha1(brand.lower().encode()).hexdigest()[:8], 16)
    return digest < fraction * 0xFFFFFFFF


@dataclass(frozen=True)
class ShopVocab:
    categories: tuple[str, ...]
    forms: dict[str, tuple[str, ...]]
    brands: dict[str, tuple[str, ...]]            # category -> brands (after the split)
    colors: dict[str, tuple[str, ...]]            # category -> colours
    prices: dict[str, tuple[float, ...]]          # category -> plausible price limits
    tastes: tuple[tuple[str, str], ...] = ()      # (category, brand) pairs users bought or rated well

    def all_brands(self) -> tuple[str, ...]:
        return tuple(sorted({b for brands in self.brands.values() for b in brands}))


def _nice_prices(values: pd.Series) -> tuple[float, ...]:
    known = values.dropna()
    if known.empty:
        return (20.0, 50.0, 100.0)
    low, high = float(known.quantile(0.05)), float(known.quantile(0.95))
    nice = tuple(float(p) for p in NICE_PRICES if low * 0.8 <= p <= high * 1.2)
    return nice or (float(round(known.median())),)


def shop_vocab(catalog: pd.DataFrame, split: str = "all", heldout_fraction: float = 0.0,
               events: pd.DataFrame | None = None) -> ShopVocab:
    """Vocabulary of a catalog; `split` "train" drops held-out brands, "heldout" keeps only them."""
    def keep(brand: str) -> bool:
        if split == "all" or heldout_fraction <= 0:
            return True
        return is_heldout_brand(brand, heldout_fraction) == (split == "heldout")

    catalog = catalog.fillna({"category": "", "brand": "", "color": ""})
    categories = tuple(sorted(c for c in set(catalog["category"]) if c))
    brands, colors, prices = {}, {}, {}
    for category in categories:
        rows = catalog[catalog["category"] == category]
        brands[category] = tuple(sorted(b for b in set(rows["brand"]) if b and keep(b)))
        colors[category] = tuple(sorted(c for c in set(rows["color"]) if c))
        prices[category] = _nice_prices(rows["price"])
    return ShopVocab(categories, {c: category_forms(c) for c in categories}, brands, colors, prices,
                     _tastes(catalog, events, keep))


def _tastes(catalog: pd.DataFrame, events: pd.DataFrame | None, keep) -> tuple[tuple[str, str], ...]:
    """(category, brand) of the products users put in carts or bought: the topics real users have."""
    if events is None or events.empty:
        return ()
    bought = events[events["event"].isin(["cart", "purchase"])]
    rows = catalog.set_index("product_id").reindex(bought["product_id"])[["category", "brand"]].dropna()
    pairs = [(c, b) for c, b in rows.itertuples(index=False) if c and b and keep(b)]
    return tuple(pairs)
