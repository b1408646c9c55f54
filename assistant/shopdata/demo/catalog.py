"""Draw the demo products: category, brand, text, price, stock, and the hidden quality/popularity.

The hidden columns (quality, popularity, price level) never reach products.csv; the ratings and
events generators use them, so the visible data carries a signal that a recommender can learn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from assistant.shopdata.demo.electronics import ELECTRONICS
from assistant.shopdata.demo.fashion import FASHION
from assistant.shopdata.demo.household import HOUSEHOLD
from assistant.shopdata.demo.text import ProductText, description, title
from assistant.shopdata.demo.vocab import BRAND_LEVEL, COLORS, CategorySpec, fits

CATEGORIES: tuple[CategorySpec, ...] = FASHION + ELECTRONICS + HOUSEHOLD
PRODUCT_COLUMNS = ("product_id", "title", "price", "description", "category", "brand", "color", "size",
                   "rating", "review_count", "image_url", "in_stock", "gender", "material")
_LETTERS = "ABCDEFGHJKLMNPRSTUVWXZ"  # no I/O/Q/Y: they read as digits or look like typos
_ZIPF_EXPONENT = 1.05  # popularity of the i-th most popular product ~ 1 / i**exponent
_IN_STOCK_SHARE = 0.95


@dataclass(frozen=True)
class DemoCatalog:
    """The product table plus the latent per-product values the behaviour generators need.

    Attributes:
        frame: one row per product, columns `PRODUCT_COLUMNS` (rating/review_count still empty).
        category: int[n] index into `CATEGORIES`.
        brand: int[n] index into `brands`.
        brands: every brand name, sorted.
        color: int[n] index into `COLORS`.
        price_level: int[n] price tercile inside the product's category (0 cheap .. 2 dear).
        quality: float[n] latent quality in rating points (about N(0, 0.7)).
        popularity: float[n] Zipf-like share of attention, sums to 1.
    """

    frame: pd.DataFrame
    category: np.ndarray
    brand: np.ndarray
    brands: tuple[str, ...]
    color: np.ndarray
    price_level: np.ndarray
    quality: np.ndarray
    popularity: np.ndarray


def make_catalog(rng: np.random.Generator, n_products: int) -> DemoCatalog:
    """Draw `n_products` products spread over `CATEGORIES` in proportion to their share."""
    category = rng.permutation(np.repeat(np.arange(len(CATEGORIES)), _category_counts(n_products)))
    brands = tuple(sorted({brand for spec in CATEGORIES for brand in spec.brands}))
    brand_index = {name: i for i, name in enumerate(brands)}
    rows, price_ranges = _draw_rows(rng, category)
    frame = pd.DataFrame(rows)
    brand = frame["brand"].map(brand_index).to_numpy(dtype=np.int64)
    level = np.array([BRAND_LEVEL[b] for b in frame["brand"]], dtype=np.int64)
    price = _prices(rng, price_ranges, level)
    quality = rng.normal(0.0, 0.7, len(frame)) + 0.15 * (level - 1)
    frame["price"] = [f"{p:.2f}" for p in price]
    frame["rating"] = ""
    frame["review_count"] = "0"
    frame["image_url"] = ""
    frame["in_stock"] = np.where(rng.random(len(frame)) < _IN_STOCK_SHARE, "true", "false")
    return DemoCatalog(
        frame=frame[list(PRODUCT_COLUMNS)], category=category, brand=brand, brands=brands,
        color=frame["color"].map({c: i for i, c in enumerate(COLORS)}).to_numpy(dtype=np.int64),
        price_level=_price_terciles(category, price), quality=quality,
        popularity=_popularity(rng, quality),
    )


def _draw_rows(rng: np.random.Generator, category: np.ndarray) -> tuple[list[dict[str, str]], np.ndarray]:
    """Text and attribute cells for each product, and each product's (low, high) price range."""
    codes = _unique_codes(rng, [CATEGORIES[c].code for c in category])
    rows: list[dict[str, str]] = []
    price_ranges: list[tuple[float, float]] = []
    seen_titles: set[str] = set()
    for position, (c, code) in enumerate(zip(category, codes, strict=True)):
        piece = _draw_piece(rng, CATEGORIES[c], code)
        with_code = rng.random() < piece.spec.code_share
        name = title(piece, rng, with_code)
        if name in seen_titles:  # a second "Hoka Clifton 9 Running Shoes - Blue" is a size variant
            name = title(piece, rng, with_code, with_size=True)
        if name in seen_titles:  # model numbers are unique, so this title is too
            name = title(piece, rng, with_code=True)
        seen_titles.add(name)
        price_ranges.append(piece.spec.price_range_for(piece.noun))
        rows.append({"product_id": f"P{position + 1:05d}", "title": name,
                     "description": description(piece, rng), "category": piece.spec.name,
                     "brand": piece.brand, "color": piece.color, "size": piece.size, "gender": piece.gender,
                     "material": piece.material})
    return rows, np.array(price_ranges)


def _category_counts(n_products: int) -> np.ndarray:
    """Products per category by share, rounded so they add up exactly (largest remainder)."""
    shares = np.array([spec.share for spec in CATEGORIES])
    exact = shares / shares.sum() * n_products
    counts = np.floor(exact).astype(np.int64)
    short = n_products - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:short]] += 1
    return counts


def _unique_codes(rng: np.random.Generator, patterns: list[str]) -> list[str]:
    """One distinct model number per product, following its category's pattern."""
    codes: list[str] = []
    seen: set[str] = set()
    for pattern in patterns:
        while True:
            code = "".join(_LETTERS[rng.integers(len(_LETTERS))] if ch == "A" else
                           str(rng.integers(10)) if ch == "9" else ch for ch in pattern)
            if code not in seen:
                break
        seen.add(code)
        codes.append(code)
    return codes


def _draw_piece(rng: np.random.Generator, spec: CategorySpec, code: str) -> ProductText:
    """Draw brand, line, noun, features and attributes for one product of `spec`."""
    weights = 1.0 / np.arange(1, len(spec.brands) + 1) ** 0.6  # the first brands listed sell more
    brand = spec.brands[rng.choice(len(spec.brands), p=weights / weights.sum())]
    own_lines = spec.brand_lines.get(brand, ())
    own_line = bool(own_lines)  # "Apple Prime Laptop" would read as fake
    if own_line:
        line, _, noun = own_lines[rng.integers(len(own_lines))].partition("|")
    else:
        line, noun = spec.lines[rng.integers(len(spec.lines))], ""
    if not noun:
        nouns = spec.brand_nouns.get(brand, spec.nouns)
        noun = nouns[rng.integers(len(nouns))]
    usable = [i for i, entry in enumerate(spec.features) if fits("".join(entry[2:]), noun)]
    n_features = min(int(rng.integers(2, 4)), len(usable))
    features = tuple(int(i) for i in rng.choice(usable, size=n_features, replace=False))
    materials = tuple(material for material, _, keywords in (entry.partition("|") for entry in spec.materials)
                      if fits(keywords, noun))
    color_weights = np.ones(len(spec.colors))
    color_weights[:2] = 2.5  # the first two listed colours are the category's staples
    color = spec.colors[rng.choice(len(spec.colors), p=color_weights / color_weights.sum())]

    def maybe(options: tuple[str, ...]) -> str:
        return options[rng.integers(len(options))] if options else ""

    # a line that names its size ("XPS 13", "Vivobook 15", "Nitro V 15") gets that size
    named = [size for size in spec.sizes if size.endswith('"') and size[:-1] in line.split()]
    size = named[0] if named else maybe(spec.sizes)
    return ProductText(spec=spec, brand=brand, line=line, noun=noun, features=features, color=color,
                       size=size, gender=maybe(spec.genders), material=maybe(materials), code=code,
                       level=BRAND_LEVEL[brand], own_line=own_line)


def _prices(rng: np.random.Generator, bounds: np.ndarray, level: np.ndarray) -> np.ndarray:
    """Log-normal prices inside each product's (low, high) `bounds`; premium brands sit higher.

    Draws outside the range are redrawn (not clipped), so no price piles up at a bound. Prices
    end in .99 (under $300) or 9.99, as shops price them, and stay inside the range.
    """
    low, high = np.log(bounds[:, 0] + 1.0), np.log(bounds[:, 1])
    center = low + (high - low) * (0.25 + 0.22 * level)
    spread = 0.17 * (high - low)
    log_price = rng.normal(center, spread)
    for _ in range(50):
        outside = (log_price < low) | (log_price > high)
        if not outside.any():
            break
        log_price[outside] = rng.normal(center[outside], spread[outside])
    price = np.exp(np.clip(log_price, low, high))
    rounded = np.where(price < 300.0, np.ceil(price), np.ceil(price / 10.0) * 10.0) - 0.01
    return np.round(rounded, 2)


def _price_terciles(category: np.ndarray, price: np.ndarray) -> np.ndarray:
    """0/1/2 for the cheapest/middle/dearest third of the product's own category."""
    level = np.zeros(len(price), dtype=np.int64)
    for c in np.unique(category):
        members = np.flatnonzero(category == c)
        rank = np.argsort(np.argsort(price[members], kind="stable"), kind="stable")
        level[members] = rank * 3 // len(members)
    return level


def _popularity(rng: np.random.Generator, quality: np.ndarray) -> np.ndarray:
    """Zipf-like attention shares; better products tend to be more popular, but only tend to."""
    order = np.argsort(-(0.6 * quality + rng.normal(0.0, 1.0, len(quality))), kind="stable")
    rank = np.empty(len(quality), dtype=np.int64)
    rank[order] = np.arange(len(quality))
    weight = 1.0 / (rank + 1.0) ** _ZIPF_EXPONENT
    return weight / weight.sum()
