"""Profile build speed on synthetic events: events/s for RFM, affinities, segments, features.

    .venv/bin/python bench/recsys_profiles.py [--events 1000000] [--users 50000] [--products 10000]

The synthetic log is random (uniform users, Zipf-like products, 70/20/10 view/cart/purchase);
it measures the code's speed, not anything about shoppers.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.shopdata.rating_sources import empty_ratings  # noqa: E402
from recsys.config import RecsysConfig  # noqa: E402
from recsys.features import feature_matrix, kmeans_segments, select_by_variance  # noqa: E402
from recsys.profiles import ProfileStore  # noqa: E402


def synthetic_shop(n_events: int, n_users: int, n_products: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    product_ids = np.array([f"P{i:06d}" for i in range(n_products)], dtype=object)
    catalog = pd.DataFrame({
        "product_id": product_ids,
        "category": rng.choice([f"cat{i}" for i in range(40)], n_products),
        "brand": rng.choice([f"brand{i}" for i in range(300)], n_products),
        "color": rng.choice(["black", "white", "red", "blue", "green", "grey"], n_products),
        "size": rng.choice(["S", "M", "L", "XL", ""], n_products),
        "price": np.round(rng.lognormal(3.5, 0.8, n_products), 2),
    })
    popularity = 1.0 / np.arange(1, n_products + 1) ** 0.8
    rows = rng.choice(n_products, n_events, p=popularity / popularity.sum())
    events = pd.DataFrame({
        "user_id": np.char.add("U", rng.integers(0, n_users, n_events).astype(str)).astype(object),
        "product_id": product_ids[rows],
        "event": rng.choice(["view", "cart", "purchase"], n_events, p=[0.7, 0.2, 0.1]),
        "quantity": rng.integers(1, 3, n_events),
        "price": catalog["price"].to_numpy()[rows],
        "timestamp": pd.Timestamp("2024-01-01", tz="UTC") + pd.to_timedelta(rng.integers(0, 365 * 86400, n_events),
                                                                            unit="s"),
    })
    return catalog, events


def timed(label: str, fn, n_events: int, results: list):
    """Run fn; record wall and CPU seconds (CPU time is the fairer number on a shared machine)."""
    started, cpu = time.perf_counter(), time.process_time()
    out = fn()
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    results.append((label, seconds, cpu_seconds, n_events / seconds if n_events else float("nan")))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=50_000)
    parser.add_argument("--products", type=int, default=10_000)
    args = parser.parse_args()
    catalog, events = synthetic_shop(args.events, args.users, args.products)
    cfg, results = RecsysConfig(), []
    store = timed("ProfileStore.build (RFM + 5 affinity kinds + segments)",
                  lambda: ProfileStore.build(events, empty_ratings(), catalog, cfg), args.events, results)
    features = timed("feature matrix (RFM + top-20 values per kind)",
                     lambda: feature_matrix(store.users, store.affinities), 0, results)
    selected, dropped = timed("variance selection", lambda: select_by_variance(features, 0.01), 0, results)
    timed("k-means, 5 clusters", lambda: kmeans_segments(selected, 5), 0, results)
    sample = list(store.users["user_id"].iloc[:1000])
    started = time.perf_counter()
    for user_id in sample:
        store.get(user_id)
    get_ms = (time.perf_counter() - started) / len(sample) * 1000
    print(f"{args.events:,} events, {len(store.users):,} users, {len(store.affinities):,} affinity rows, "
          f"{features.shape[1]} features ({len(dropped)} dropped by variance)\n")
    print("| step | wall s | CPU s | events/s (wall) |\n|---|---|---|---|")
    for label, seconds, cpu_seconds, rate in results:
        print(f"| {label} | {seconds:.2f} | {cpu_seconds:.2f} | {'' if rate != rate else f'{rate:,.0f}'} |")
    print(f"| ProfileStore.get, one user (mean of 1000) | {get_ms / 1000:.4f} | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
