"""The embedded demo shop: a deterministic store that makes every feature of the assistant demonstrable.

`generate_demo_shop` writes products.csv, ratings.csv and events.csv. Products span 16 everyday
categories with real brands, model numbers and price ranges; users have hidden tastes (favourite
categories, brands, price level, colour) from which ratings and view/cart/purchase events are
drawn, so search, collaborative filtering and profiles all have something real to show. The same
seed always gives byte-identical files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from assistant.shopdata.atomic import write_csv_atomic
from assistant.shopdata.demo.catalog import CATEGORIES, make_catalog
from assistant.shopdata.demo.events import make_events
from assistant.shopdata.demo.ratings import make_ratings, product_summary
from assistant.shopdata.demo.users import affinity, interest, make_users, matches
from retrieval.types import UsageError

__all__ = ["CATEGORIES", "DemoShopStats", "generate_demo_shop"]

PRODUCTS_FILE = "products.csv"
RATINGS_FILE = "ratings.csv"
EVENTS_FILE = "events.csv"


@dataclass(frozen=True)
class DemoShopStats:
    """What `generate_demo_shop` wrote.

    Attributes:
        out_dir: the folder holding the three files.
        n_products, n_users, n_ratings, n_events: rows (users: users that exist, not file rows).
        event_counts: rows per event kind ("view", "cart", "purchase").
        categories: category names, in table order.
        brands: brand names that occur in products.csv, sorted.
    """

    out_dir: Path
    n_products: int
    n_users: int
    n_ratings: int
    n_events: int
    event_counts: dict[str, int] = field(default_factory=dict)
    categories: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()


def generate_demo_shop(out_dir: str | Path, seed: int = 7, n_products: int = 2400,
                       n_users: int = 600) -> DemoShopStats:
    """Write the demo shop's products.csv, ratings.csv and events.csv into `out_dir`.

    Each stage draws from its own child of `seed`, so the files depend only on the arguments:
    the same call always writes byte-identical files. Takes about a second.

    Args:
        out_dir: folder to write to; created if missing. Existing files are replaced atomically.
        seed: random seed.
        n_products: number of products (at least one per category).
        n_users: number of users.

    Returns:
        Row counts, categories and brands of what was written.
    """
    if n_products < len(CATEGORIES) or n_users < 1:
        raise UsageError(f"need n_products >= {len(CATEGORIES)} and n_users >= 1")
    catalog_rng, users_rng, ratings_rng, events_rng = (
        np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(4))
    catalog = make_catalog(catalog_rng, n_products)
    users = make_users(users_rng, n_users, catalog)
    like, look = affinity(users, catalog), interest(users, catalog)
    products = catalog.frame.copy()
    product_ids = products["product_id"].to_numpy()
    ratings = make_ratings(ratings_rng, users, product_ids, like, look)
    events = make_events(events_rng, users, products, matches(users, catalog)[1], like, look)
    _attach_ratings(products, ratings)

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for frame, name in ((products, PRODUCTS_FILE), (ratings, RATINGS_FILE), (events, EVENTS_FILE)):
        write_csv_atomic(frame, out / name)
    return DemoShopStats(
        out_dir=out, n_products=len(products), n_users=n_users, n_ratings=len(ratings), n_events=len(events),
        event_counts={kind: int((events["event"] == kind).sum()) for kind in ("view", "cart", "purchase")},
        categories=tuple(spec.name for spec in CATEGORIES),
        brands=tuple(sorted(set(products["brand"]))),
    )


def _attach_ratings(products: pd.DataFrame, ratings: pd.DataFrame) -> None:
    """Fill the catalog's rating and review_count from the ratings that were actually drawn."""
    position = pd.Index(products["product_id"]).get_indexer(ratings["product_id"])
    rating, review_count = product_summary(len(products), position, ratings["rating"].to_numpy())
    products["rating"] = rating
    products["review_count"] = review_count
