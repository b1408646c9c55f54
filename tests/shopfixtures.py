"""A small hand-made shop with known structure, for fast pipeline tests.

Why not the demo shop: these tests need known answers (which user loves which brand, which
products are under $80), and a 40-product table makes them readable.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd

CATEGORIES = {
    "running shoes": (["Nike", "Asics", "Brooks"], [60, 75, 95, 120]),
    "headphones": (["Sony", "Bose", "JBL"], [30, 80, 150, 300]),
    "jackets": (["Patagonia", "Columbia", "Nike"], [70, 110, 180, 250]),
}
COLORS = ["black", "blue", "red", "white"]
MODELS = {"running shoes": "Runner", "headphones": "Sound", "jackets": "Shell"}


def products() -> pd.DataFrame:
    rows = []
    for category, (brands, prices) in CATEGORIES.items():
        for (brand, price), color in zip(itertools.product(brands, prices), itertools.cycle(COLORS), strict=False):
            n = len(rows) + 1
            rows.append({
                "product_id": f"P{n:03d}",
                "title": f"{brand} {MODELS[category]} {n} {category.title()} - {color.title()}",
                "price": float(price) - 0.01,
                "description": f"A {color} {category[:-1] if category.endswith('s') else category} by {brand}.",
                "category": category, "brand": brand, "color": color,
                "rating": 4.0 + (n % 10) / 10, "review_count": 10 * n,
            })
    return pd.DataFrame(rows)


def ratings(catalog: pd.DataFrame) -> pd.DataFrame:
    """Users U1..U12: odd users love Nike and dislike the rest; even users the reverse."""
    rows = []
    for u in range(1, 13):
        loves_nike = u % 2 == 1
        for i, p in enumerate(catalog.itertuples()):
            if (i + u) % 3 == 0:
                continue
            liked = (p.brand == "Nike") == loves_nike
            rows.append({"user_id": f"U{u}", "product_id": p.product_id, "rating": 5 if liked else 1,
                         "timestamp": 1_700_000_000 + i})
    return pd.DataFrame(rows)


def events(catalog: pd.DataFrame) -> pd.DataFrame:
    """U1 only ever buys Sony; U2 buys a bit of everything."""
    sony = catalog[catalog["brand"] == "Sony"]["product_id"].tolist()
    rows = [{"user_id": "U1", "product_id": pid, "event": "purchase", "quantity": 1, "price": 50.0,
             "timestamp": f"2025-03-0{i + 1}T10:00:00Z"} for i, pid in enumerate(sony)]
    for i, pid in enumerate(catalog["product_id"][::5]):
        rows.append({"user_id": "U2", "product_id": pid, "event": "view", "quantity": 1, "price": 10.0,
                     "timestamp": f"2025-04-{i + 1:02d}T10:00:00Z"})
    return pd.DataFrame(rows)


def write_shop(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    catalog = products()
    catalog.to_csv(directory / "products.csv", index=False)
    ratings(catalog).to_csv(directory / "ratings.csv", index=False)
    events(catalog).to_csv(directory / "events.csv", index=False)
    return directory
