"""Profiles, segments, feature selection and the bias report: known answers on small tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recsys.bias import bias_report, catalog_coverage, gini, intra_list_diversity, popularity_bias
from recsys.config import RecsysConfig
from recsys.features import feature_matrix, kmeans_segments, select_by_variance
from recsys.profiles import ProfileStore, affinity_table, price_bands
from recsys.segments import assign_segments, segment_summary
from recsys.topn import TopNRecommender

CFG = RecsysConfig()
NO_RATINGS = pd.DataFrame({"user_id": pd.Series(dtype=str), "product_id": pd.Series(dtype=str),
                           "rating": pd.Series(dtype=float)})
CATALOG = pd.DataFrame({
    "product_id": ["a", "b", "c", "d", "e", "f"],
    "category": ["shoes", "shoes", "shoes", "audio", "audio", "audio"],
    "brand": ["Asics", "Nike", "Nike", "Sony", "Sony", "Bose"],
    "color": ["blue", "red", "red", "black", "black", "white"],
    "size": ["42", "42", "44", "", "", ""],
    "price": [50.0, 100.0, 150.0, 20.0, 200.0, 400.0],
})


def events(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["user_id", "product_id", "event", "quantity", "price", "timestamp"])
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True)
    return frame


def test_price_bands_and_levels():
    bands = price_bands(CATALOG).set_index("category")
    assert bands.loc["shoes", "low"] == pytest.approx(50 + 100 / 3)
    store = ProfileStore.build(events([["u", "a", "purchase", 1, 50.0, "2025-01-01"],
                                       ["u", "d", "purchase", 1, 20.0, "2025-01-02"]]), NO_RATINGS, CATALOG, CFG)
    profile = store.get("u")
    assert profile.price_level_affinity == {"budget": pytest.approx(1.0)}
    assert set(profile.price_bands) == {"shoes", "audio"}


def test_sizes_and_colours_are_preferences():
    store = ProfileStore.build(events([["u", "b", "purchase", 1, 100.0, "2025-01-01"],
                                       ["u", "a", "purchase", 1, 50.0, "2025-01-01"],
                                       ["u", "c", "view", 1, None, "2025-01-01"]]), NO_RATINGS, CATALOG, CFG)
    profile = store.get("u")
    assert max(profile.size_affinity, key=profile.size_affinity.get) == "42"
    assert max(profile.color_affinity, key=profile.color_affinity.get) == "red"


def test_affinity_ignores_unknown_products_and_empty_values():
    table = affinity_table(events([["u", "zzz", "purchase", 1, 1.0, "2025-01-01"],
                                   ["u", "d", "purchase", 1, 1.0, "2025-01-01"]]), NO_RATINGS, CATALOG,
                           pd.Timestamp("2025-01-02", tz="UTC"), 90.0)
    assert set(table["kind"]) == {"category", "brand", "color", "price_level"}  # d has no size
    assert table.groupby("kind")["weight"].sum().to_numpy() == pytest.approx(np.ones(4))


def _rfm_users() -> pd.DataFrame:
    return pd.DataFrame({
        "user_id": ["champ", "lapsed_fan", "newbie", "gone", "window", "mid"],
        "frequency": [20, 15, 1, 1, 0, 5],
        "recency_days": [1.0, 300.0, 2.0, 400.0, np.nan, 60.0],
        "total_spend": [2000.0, 1500.0, 30.0, 20.0, 0.0, 300.0],
    })


def test_rfm_segments_known_answers():
    seg = assign_segments(_rfm_users()).set_index("user_id")
    assert seg.loc["champ", "segment"] == "champions" and seg.loc["champ", "rfm_score"] == "R5F5M5"
    assert seg.loc["lapsed_fan", "segment"] == "at risk"
    assert seg.loc["newbie", "segment"] == "new"
    assert seg.loc["gone", "segment"] == "hibernating"
    assert seg.loc["window", "segment"] == "browsers" and seg.loc["window", "rfm_score"] == ""


def test_segment_summary_shares_add_up():
    summary = segment_summary(assign_segments(_rfm_users()))
    assert summary["users"].sum() == 6
    assert summary["share"].sum() == pytest.approx(1.0) and summary["revenue_share"].sum() == pytest.approx(1.0)
    assert summary.iloc[0]["segment"] == "champions" and summary["campaign"].str.len().min() > 0


def test_store_has_segments_and_browsers():
    store = ProfileStore.build(events([["buyer", "a", "purchase", 1, 50.0, "2025-01-01"],
                                       ["looker", "b", "view", 1, None, "2025-01-02"]]), NO_RATINGS, CATALOG, CFG)
    assert store.get("looker").segment == "browsers" and store.get("looker").recency_days is None
    assert store.get("buyer").segment != "browsers" and store.get("buyer").rfm_score.startswith("R")


def test_variance_selection_drops_constant_features():
    features = pd.DataFrame({"spend": [10.0, 500.0, 20.0, 800.0], "same": [1.0, 1.0, 1.0, 1.0],
                             "rare": [0.0, 0.0, 0.0, 0.01]}, index=list("abcd"))
    selected, dropped = select_by_variance(features, 0.05)
    assert list(selected.columns) == ["spend", "rare"]
    assert "same" in dropped and selected.to_numpy().max() <= 1.0


def test_kmeans_separates_two_obvious_groups():
    scaled = pd.DataFrame({"x": [0.0, 0.05, 0.02, 1.0, 0.95, 0.98], "y": [0.0, 0.0, 0.1, 1.0, 0.9, 1.0]},
                          index=[f"u{i}" for i in range(6)])
    labels, table = kmeans_segments(scaled, 2, seed=0)
    assert labels.iloc[:3].nunique() == 1 and labels.iloc[3:].nunique() == 1 and labels.nunique() == 2
    assert table["users"].tolist() == [3, 3]


def test_feature_matrix_has_rfm_and_affinity_columns():
    store = ProfileStore.build(events([["u1", "a", "purchase", 1, 50.0, "2025-01-01"],
                                       ["u2", "d", "purchase", 2, 20.0, "2025-01-05"]]), NO_RATINGS, CATALOG, CFG)
    features = feature_matrix(store.users, store.affinities)
    assert {"frequency", "total_spend", "brand=Asics", "brand=Sony"} <= set(features.columns)
    assert features.loc["u2", "brand=Sony"] == pytest.approx(1.0) and features.loc["u1", "brand=Sony"] == 0.0


def test_store_roundtrip_with_topn_and_forget(tmp_path):
    rows = [[f"u{u}", p, "purchase", 1, 10.0, "2025-01-01"] for u in range(4) for p in ("a", "b", "d")]
    ev = events(rows)
    store = ProfileStore.build(ev, NO_RATINGS, CATALOG, CFG)
    store.topn = TopNRecommender.fit(ev[["user_id", "product_id"]], RecsysConfig(topn_tune=False))
    store.save(tmp_path)
    loaded = ProfileStore.load(tmp_path)
    assert loaded.get("u1") == store.get("u1") and loaded.topn.knows_user("u1")
    loaded.forget("u1")
    assert loaded.get("u1") is None and not loaded.topn.knows_user("u1") and loaded.get("u2") is not None


def test_profiles_of_many_events_cover_every_user():
    """100k events, 5,000 users: every user gets a profile. Speed is bench/recsys_profiles.py's job."""
    rng = np.random.default_rng(0)
    n = 100_000
    ev = pd.DataFrame({"user_id": rng.integers(0, 5000, n).astype(str), "product_id": rng.choice(list("abcdef"), n),
                       "event": rng.choice(["view", "cart", "purchase"], n), "quantity": 1,
                       "price": rng.uniform(5, 100, n),
                       "timestamp": pd.Timestamp("2025-01-01", tz="UTC") + pd.to_timedelta(rng.integers(0, 10**7, n),
                                                                                         unit="s")})
    store = ProfileStore.build(ev, NO_RATINGS, CATALOG, CFG)
    assert len(store.users) == 5000


def test_bias_metrics_known_answers():
    interactions = np.array([100.0, 10.0, 5.0, 5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
    slots = np.array([0, 0, 1, 2])
    pop = popularity_bias(slots, interactions)
    assert pop["head_items"] == 1 and pop["head_exposure_share"] == pytest.approx(0.5)
    assert pop["head_interaction_share"] == pytest.approx(100 / 120)
    assert catalog_coverage(slots, 10) == pytest.approx(0.3)
    vectors = np.eye(10)
    assert intra_list_diversity(np.array([0, 1, 0, 0]), np.array([0, 0, 1, 1]), vectors) == pytest.approx(0.5)
    assert gini(np.array([1.0, 1.0, 1.0])) == pytest.approx(0.0)
    assert gini(np.array([0.0, 0.0, 0.0, 1.0])) == pytest.approx(0.75)


def test_bias_report_groups_exposure_by_brand():
    lists = [["d", "e"], ["d", "f"]]
    report = bias_report(lists, CATALOG, np.arange(6, dtype=float), np.eye(6))
    shares = {row["label"]: row["exposure_share"] for row in report["exposure"]}
    assert shares["Sony"] == pytest.approx(0.75) and shares["Bose"] == pytest.approx(0.25)
    assert shares["Nike"] == 0.0 and report["coverage"] == pytest.approx(0.5) and report["diversity"] == 1.0


def test_forgotten_user_is_not_in_saved_files(tmp_path):
    rows = [[f"shopper-{u}", p, "purchase", 1, 10.0, "2025-01-01"] for u in range(3) for p in ("a", "d")]
    store = ProfileStore.build(events(rows), NO_RATINGS, CATALOG, CFG)
    store.forget("shopper-1")
    store.save(tmp_path)
    for path in tmp_path.iterdir():
        assert b"shopper-1" not in path.read_bytes(), path.name  # not even in a categorical dictionary
    assert b"shopper-2" in (tmp_path / "profiles_affinities.parquet").read_bytes()
