"""Demo shoppers with hidden tastes, and how much each of them likes each product.

Each user has 1-3 favourite categories, 1-2 favourite brands, a price level and a favourite
colour. `affinity` turns those into a user x product matrix that both ratings and purchases are
drawn from, which is what gives collaborative filtering and profiles something real to find.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.shopdata.demo.catalog import CATEGORIES, DemoCatalog
from assistant.shopdata.demo.vocab import COLORS

LOYAL_SHARE = 0.08  # users who only ever buy one brand
LIGHT_SHARE = 0.10  # users with 1-3 events: the cold-ish start case
# How much each matching taste adds to a user's liking of a product, in rating points.
CATEGORY_WEIGHT = 0.9
BRAND_WEIGHT = 1.2
PRICE_WEIGHT = 0.6  # subtracted per price level of distance
COLOR_WEIGHT = 0.6


@dataclass(frozen=True)
class DemoUsers:
    """Latent tastes of every demo user; row i belongs to `user_ids[i]`.

    Attributes:
        user_ids: "U0001", "U0002", ...
        categories: bool[n_users, n_categories] favourite categories.
        brands: bool[n_users, n_brands] favourite brands (index into `DemoCatalog.brands`).
        price_level: int[n_users] 0 budget .. 2 premium.
        color: int[n_users] favourite colour, index into `COLORS`.
        bias: float[n_users] how generous the user's stars are, in rating points.
        loyal: bool[n_users] buys only its single favourite brand.
        light: bool[n_users] very light user (1-3 events, at most 2 ratings).
    """

    user_ids: tuple[str, ...]
    categories: np.ndarray
    brands: np.ndarray
    price_level: np.ndarray
    color: np.ndarray
    bias: np.ndarray
    loyal: np.ndarray
    light: np.ndarray


def make_users(rng: np.random.Generator, n_users: int, catalog: DemoCatalog) -> DemoUsers:
    """Draw `n_users` users whose favourite brands are sold in their favourite categories."""
    n_categories = len(CATEGORIES)
    shares = np.array([spec.share for spec in CATEGORIES])
    loyal = rng.random(n_users) < LOYAL_SHARE
    light = ~loyal & (rng.random(n_users) < LIGHT_SHARE / (1 - LOYAL_SHARE))
    categories = np.zeros((n_users, n_categories), dtype=bool)
    brands = np.zeros((n_users, len(catalog.brands)), dtype=bool)
    # products per (category, brand): a user's brand is drawn where the products are
    stock = np.zeros((n_categories, len(catalog.brands)))
    np.add.at(stock, (catalog.category, catalog.brand), 1.0)
    for u in range(n_users):
        k = int(rng.choice([1, 2, 3], p=[0.35, 0.4, 0.25]))
        chosen = rng.choice(n_categories, size=k, replace=False, p=shares / shares.sum())
        categories[u, chosen] = True
        on_offer = stock[chosen].sum(axis=0)
        n_brands = 1 if loyal[u] else int(rng.choice([1, 2], p=[0.5, 0.5]))
        n_brands = min(n_brands, int((on_offer > 0).sum()))
        brands[u, rng.choice(len(on_offer), size=n_brands, replace=False, p=on_offer / on_offer.sum())] = True
    return DemoUsers(
        user_ids=tuple(f"U{i + 1:04d}" for i in range(n_users)),
        categories=categories,
        brands=brands,
        price_level=rng.choice(3, size=n_users, p=[0.35, 0.4, 0.25]),
        color=rng.integers(len(COLORS), size=n_users),
        bias=rng.normal(0.0, 0.45, n_users),
        loyal=loyal,
        light=light,
    )


def matches(users: DemoUsers, catalog: DemoCatalog) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per (user, product): category match, brand match, price-level distance, colour match.

    Returns:
        Four float[n_users, n_products] arrays; matches are 0/1, the distance is 0, 1 or 2.
    """
    category = users.categories[:, catalog.category].astype(np.float64)
    brand = users.brands[:, catalog.brand].astype(np.float64)
    distance = np.abs(users.price_level[:, None] - catalog.price_level[None, :]).astype(np.float64)
    color = (users.color[:, None] == catalog.color[None, :]).astype(np.float64)
    return category, brand, distance, color


def affinity(users: DemoUsers, catalog: DemoCatalog) -> np.ndarray:
    """How much each user likes each product, in rating points around 0 (before noise).

    Returns:
        float[n_users, n_products]: product quality + user generosity + taste matches.
    """
    category, brand, distance, color = matches(users, catalog)
    taste = CATEGORY_WEIGHT * category + BRAND_WEIGHT * brand - PRICE_WEIGHT * distance + COLOR_WEIGHT * color
    return catalog.quality[None, :] + users.bias[:, None] + taste


def interest(users: DemoUsers, catalog: DemoCatalog) -> np.ndarray:
    """Log-weight of a user looking at a product at all: popularity, tilted by taste.

    Users mostly browse their favourite categories and brands; loyal users all but only their
    brand. Returns float[n_users, n_products].
    """
    category, brand, distance, color = matches(users, catalog)
    tilt = 1.6 * category + 1.3 * brand - 0.3 * distance + 0.3 * color
    tilt += np.where(users.loyal[:, None], 2.0 * brand, 0.0)
    return np.log(catalog.popularity)[None, :] + tilt
