"""The embedded demo shop: deterministic, big enough, internally consistent, and learnable.

One generation (about a second) is shared by the module; the determinism test makes a second.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assistant.shopdata.demo import CATEGORIES, DemoShopStats, generate_demo_shop
from assistant.shopdata.demo.vocab import BRAND_LEVEL, COLORS

FILES = ("products.csv", "ratings.csv", "events.csv")
EXPECTED_CATEGORIES = {
    "running shoes", "sneakers", "jackets", "dresses", "jeans", "t-shirts", "headphones", "laptops",
    "smartphones", "kitchen", "watches", "backpacks", "beauty", "toys", "sports", "home",
}
YEAR_2025 = (1735689600, 1767225600)  # [2025-01-01, 2026-01-01) in unix seconds


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> tuple[DemoShopStats, float]:
    started = time.perf_counter()
    stats = generate_demo_shop(tmp_path_factory.mktemp("demo_shop"))
    return stats, time.perf_counter() - started


@pytest.fixture(scope="module")
def products(shop: tuple[DemoShopStats, float]) -> pd.DataFrame:
    return pd.read_csv(shop[0].out_dir / "products.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def ratings(shop: tuple[DemoShopStats, float]) -> pd.DataFrame:
    return pd.read_csv(shop[0].out_dir / "ratings.csv", dtype={"user_id": str, "product_id": str})


@pytest.fixture(scope="module")
def events(shop: tuple[DemoShopStats, float]) -> pd.DataFrame:
    columns = {"user_id": str, "product_id": str, "price": str}
    return pd.read_csv(shop[0].out_dir / "events.csv", dtype=columns)


def test_same_seed_gives_identical_bytes(shop: tuple[DemoShopStats, float], tmp_path: Path) -> None:
    again = generate_demo_shop(tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (shop[0].out_dir / name).read_bytes(), name
    assert again == DemoShopStats(**{**shop[0].__dict__, "out_dir": tmp_path})


def test_other_seed_gives_other_data(shop: tuple[DemoShopStats, float], tmp_path: Path) -> None:
    generate_demo_shop(tmp_path, seed=8, n_products=200, n_users=50)
    assert (tmp_path / "ratings.csv").read_bytes() != (shop[0].out_dir / "ratings.csv").read_bytes()


def test_sizes_and_stats(shop: tuple[DemoShopStats, float], products: pd.DataFrame, ratings: pd.DataFrame,
                         events: pd.DataFrame) -> None:
    stats = shop[0]
    assert len(products) == stats.n_products >= 2000
    assert len(ratings) == stats.n_ratings and len(events) == stats.n_events
    assert stats.n_users >= 500 and events["user_id"].nunique() == stats.n_users
    assert set(stats.categories) >= EXPECTED_CATEGORIES and len(stats.categories) >= 12
    assert set(products["category"]) == set(stats.categories)
    assert set(products["brand"]) == set(stats.brands)
    assert stats.event_counts == events["event"].value_counts().to_dict()


def test_products_columns_and_ids(products: pd.DataFrame) -> None:
    assert list(products.columns[:12]) == ["product_id", "title", "price", "description", "category", "brand",
                                           "color", "size", "rating", "review_count", "image_url", "in_stock"]
    assert {"gender", "material"} <= set(products.columns)
    assert products["product_id"].is_unique and products["title"].is_unique
    assert products["product_id"].str.fullmatch(r"P\d{5}").all()
    assert products["price"].str.fullmatch(r"\d+\.\d\d").all()
    assert set(products["color"]) <= set(COLORS)
    assert set(products["in_stock"]) == {"true", "false"}
    assert 0.02 < (products["in_stock"] == "false").mean() < 0.09
    assert (products["image_url"] == "").all()
    assert products["description"].str.count(r"\. ").min() >= 2  # several sentences each


def test_prices_inside_each_category_range(products: pd.DataFrame) -> None:
    ranges = {spec.name: spec.price_range for spec in CATEGORIES}
    price = products["price"].astype(float)
    low = products["category"].map(lambda c: ranges[c][0])
    high = products["category"].map(lambda c: ranges[c][1])
    assert ((price >= low) & (price <= high)).all()
    for spec in CATEGORIES:  # narrower per-noun ranges must sit inside the category's
        for bounds in spec.noun_prices.values():
            assert spec.price_range[0] <= bounds[0] < bounds[1] <= spec.price_range[1], spec.name


def test_category_tables_are_consistent() -> None:
    for spec in CATEGORIES:
        assert spec.name == spec.name.lower()
        assert set(spec.brands) <= set(BRAND_LEVEL), spec.name
        assert set(spec.colors) <= set(COLORS), spec.name
        assert set(spec.brand_lines) | set(spec.brand_nouns) <= set(spec.brands), spec.name


def test_brands_are_realistic_and_span_categories(products: pd.DataFrame) -> None:
    brands_of = products.groupby("category")["brand"].agg(set)
    assert {"Asics", "Brooks", "Hoka", "New Balance"} <= brands_of["running shoes"]
    assert {"Sony", "Bose", "JBL", "Sennheiser"} <= brands_of["headphones"]
    assert products.loc[products["brand"] == "Nike", "category"].nunique() >= 3
    premium = products["brand"].map(BRAND_LEVEL) == 2
    budget = products["brand"].map(BRAND_LEVEL) == 0
    relative = products["price"].astype(float) / products.groupby("category")["price"].transform(
        lambda p: p.astype(float).median())
    assert relative[premium].median() > 1.3 * relative[budget].median()


def test_titles_carry_model_numbers(products: pd.DataFrame) -> None:
    assert products["title"].str.contains("Sony WH-1000XM5", regex=False).any()
    coded = products["title"].str.contains(r"\b[A-Z]{1,4}-?\d{2,}", regex=True)
    electronics = products["category"].isin(["headphones", "laptops", "smartphones"])
    assert coded[electronics].mean() > 0.2


def test_a_brand_named_with_the_takes_no_second_article(products: pd.DataFrame) -> None:
    north_face = products[products["brand"] == "The North Face"]
    assert len(north_face) > 10
    assert not products["description"].str.contains(r"\b[Tt]he The\b", regex=True).any()


def test_ratings_are_valid(products: pd.DataFrame, ratings: pd.DataFrame) -> None:
    assert list(ratings.columns) == ["user_id", "product_id", "rating", "timestamp"]
    assert ratings["rating"].dtype.kind == "i" and ratings["rating"].between(1, 5).all()
    assert ratings["product_id"].isin(products["product_id"]).all()
    assert ratings["user_id"].str.fullmatch(r"U\d{4}").all()
    assert not ratings.duplicated(["user_id", "product_id"]).any()
    assert ratings["timestamp"].between(*YEAR_2025, inclusive="left").all()
    per_user = len(ratings) / ratings["user_id"].nunique()
    assert 20 <= per_user <= 60
    top = ratings["product_id"].value_counts()
    assert top.iloc[: len(products) // 20].sum() > 0.3 * len(ratings)  # power-law popularity


def test_catalog_rating_is_the_mean_of_the_ratings(products: pd.DataFrame, ratings: pd.DataFrame) -> None:
    summary = ratings.groupby("product_id")["rating"].agg(["mean", "size"])
    table = products.set_index("product_id")
    rated = table.loc[summary.index]
    assert np.allclose(rated["rating"].astype(float), summary["mean"], atol=0.05 + 1e-9)
    assert (rated["review_count"].astype(int) == summary["size"]).all()
    unrated = table.drop(summary.index)
    assert (unrated["rating"] == "").all() and (unrated["review_count"] == "0").all()


def test_events_are_valid(products: pd.DataFrame, ratings: pd.DataFrame, events: pd.DataFrame) -> None:
    assert list(events.columns) == ["user_id", "product_id", "event", "quantity", "price", "timestamp"]
    assert events["product_id"].isin(products["product_id"]).all()
    assert events["user_id"].str.fullmatch(r"U\d{4}").all()
    assert set(ratings["user_id"]) <= set(events["user_id"])
    price_of = products.set_index("product_id")["price"]
    assert (events["price"].to_numpy() == price_of.loc[events["product_id"]].to_numpy()).all()
    assert (events["quantity"] >= 1).all()
    stamps = pd.to_datetime(events["timestamp"], format="%Y-%m-%dT%H:%M:%SZ", utc=True)
    assert stamps.dt.year.eq(2025).all() and stamps.is_monotonic_increasing
    counts = events["event"].value_counts()
    assert set(counts.index) == {"view", "cart", "purchase"}
    assert counts["view"] > 5 * counts["cart"] and counts["cart"] > 1.3 * counts["purchase"]


def test_behaviour_has_loyal_light_and_liked_purchases(products: pd.DataFrame, ratings: pd.DataFrame,
                                                       events: pd.DataFrame) -> None:
    per_user = events.groupby("user_id").size()
    assert (per_user <= 3).mean() > 0.05  # cold-ish start users
    bought = events[events["event"] == "purchase"].merge(products[["product_id", "brand"]], on="product_id")
    by_user = bought.groupby("user_id")["brand"].agg(["nunique", "size"])
    assert ((by_user["nunique"] == 1) & (by_user["size"] >= 2)).sum() >= 10  # one-brand loyal buyers
    pairs = bought[["user_id", "product_id"]].drop_duplicates()
    purchased = ratings.merge(pairs, on=["user_id", "product_id"])
    assert purchased["rating"].mean() > ratings["rating"].mean() + 0.5


def test_files_pass_the_project_loaders(shop: tuple[DemoShopStats, float]) -> None:
    from assistant.shopdata.interactions import load_events, load_ratings
    from retrieval.catalog import load_catalog

    catalog = load_catalog(shop[0].out_dir / "products.csv")
    ids = set(catalog["product_id"])
    assert len(load_ratings(shop[0].out_dir / "ratings.csv", ids)) == shop[0].n_ratings
    assert len(load_events(shop[0].out_dir / "events.csv", ids)) == shop[0].n_events


def test_svd_beats_the_global_mean(ratings: pd.DataFrame) -> None:
    surprise = pytest.importorskip("surprise")
    from surprise.model_selection import train_test_split

    data = surprise.Dataset.load_from_df(ratings[["user_id", "product_id", "rating"]],
                                         surprise.Reader(rating_scale=(1, 5)))
    train, test = train_test_split(data, test_size=0.2, random_state=0)
    model = surprise.SVD(n_factors=10, n_epochs=20, random_state=0).fit(train)
    truth = np.array([r for _, _, r in test])
    svd_rmse = float(np.sqrt(np.mean((np.array([model.predict(u, i).est for u, i, _ in test]) - truth) ** 2)))
    baseline_rmse = float(np.sqrt(np.mean((train.global_mean - truth) ** 2)))
    assert svd_rmse < 0.9 * baseline_rmse, (svd_rmse, baseline_rmse)


def test_rejects_too_few_products(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate_demo_shop(tmp_path, n_products=3)


def test_small_shop_still_covers_every_category(tmp_path: Path) -> None:
    stats = generate_demo_shop(tmp_path, n_products=len(CATEGORIES), n_users=5)
    products = pd.read_csv(tmp_path / "products.csv", dtype=str, keep_default_na=False)
    assert set(products["category"]) == set(stats.categories)
    assert re.fullmatch(r"P0+1", products["product_id"].iloc[0])
