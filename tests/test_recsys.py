from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recsys.cf import SVDRecommender, holdout_rmse
from recsys.config import RecsysConfig
from recsys.profiles import ProfileStore, rfm_table
from recsys.rerank import mmr_order, score_candidates
from retrieval.types import Hit, Product

CFG = RecsysConfig(svd_factors=4, svd_epochs=60, svd_lr=0.02, svd_reg=0.02)


def checkerboard(n_users: int = 20, n_items: int = 20) -> pd.DataFrame:
    """Even users love even items (5) and hate odd ones (1); odd users the reverse."""
    rows = [{"user_id": f"u{u}", "product_id": f"i{i}", "rating": 5.0 if (u + i) % 2 == 0 else 1.0}
            for u in range(n_users) for i in range(n_items)]
    return pd.DataFrame(rows)


def test_checkerboard_user_gets_held_back_item_first():
    ratings = checkerboard()
    held = ratings[(ratings.user_id == "u0") & ratings.product_id.isin(["i0", "i1", "i3", "i5"])]
    model = SVDRecommender.fit(ratings.drop(held.index), CFG)
    scores = model.score("u0", ["i1", "i3", "i0", "i5"])
    assert int(np.argmax(scores)) == 2  # i0 is the only held-back item u0 would love
    assert scores[2] > 4.0 and scores[0] < 2.0


def test_unknown_user_and_item_are_nan_not_global_mean():
    model = SVDRecommender.fit(checkerboard(), CFG)
    assert np.isnan(model.score("stranger", ["i0"])).all()
    assert np.isnan(model.score("u0", ["new-item"]))[0]


def test_save_load_roundtrip_without_pickle(tmp_path):
    model = SVDRecommender.fit(checkerboard(), CFG)
    model.forget_user("u5")
    model.save(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["svd.npz"]
    with np.load(tmp_path / "svd.npz", allow_pickle=False) as data:  # no object arrays: nothing to unpickle
        assert {name: data[name].dtype.kind for name in data.files}["users"] == "U"
    loaded = SVDRecommender.load(tmp_path)
    assert loaded.mu == model.mu and loaded.scale == model.scale and loaded.item_row == model.item_row
    assert loaded.user_bias == model.user_bias and not loaded.knows_user("u5")
    assert all(np.array_equal(loaded.user_factors[u], model.user_factors[u]) for u in model.user_factors)
    np.testing.assert_array_equal(loaded.item_factors, model.item_factors)
    np.testing.assert_array_equal(loaded.score("u3", ["i1", "i2", "nope"]), model.score("u3", ["i1", "i2", "nope"]))


def test_svd_beats_global_mean_on_structured_ratings():
    rng = np.random.default_rng(0)
    ratings = checkerboard(40, 40)
    ratings = ratings.sample(frac=0.6, random_state=0)
    ratings["rating"] = np.clip(ratings["rating"] + rng.normal(0, 0.5, len(ratings)), 1, 5)
    result = holdout_rmse(ratings, CFG)
    assert result["svd_rmse"] < 0.7 * result["global_mean_rmse"]


def _events(rows):
    frame = pd.DataFrame(rows, columns=["user_id", "product_id", "event", "quantity", "price", "timestamp"])
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True)
    return frame


CATALOG = pd.DataFrame({
    "product_id": ["a", "b", "c", "d"], "category": ["shoes", "shoes", "audio", "audio"],
    "brand": ["Asics", "Nike", "Sony", "Sony"], "color": ["blue", "red", "black", "black"],
})


def test_one_brand_buyer_has_that_brand_highest():
    events = _events([
        ["u1", "c", "purchase", 1, 100.0, "2025-01-01"], ["u1", "d", "purchase", 2, 50.0, "2025-02-01"],
        ["u1", "a", "view", 1, 80.0, "2025-02-02"],
        ["u2", "a", "purchase", 1, 80.0, "2025-01-05"],
    ])
    store = ProfileStore.build(events, pd.DataFrame(columns=["user_id", "product_id", "rating"]), CATALOG, CFG)
    profile = store.get("u1")
    assert max(profile.brand_affinity, key=profile.brand_affinity.get) == "Sony"
    assert profile.brand_affinity["Sony"] > 0.8
    assert sum(profile.brand_affinity.values()) == pytest.approx(1.0)
    assert profile.total_spend == pytest.approx(200.0) and profile.frequency == 2
    assert store.get("nobody") is None


def test_rfm_recency_is_relative_to_latest_event():
    events = _events([["u1", "a", "purchase", 1, 10.0, "2025-01-01"], ["u2", "b", "purchase", 1, 20.0, "2025-01-11"]])
    table = rfm_table(events).set_index("user_id")
    assert table.loc["u1", "recency_days"] == pytest.approx(10.0)
    assert table.loc["u2", "recency_days"] == pytest.approx(0.0)


def test_forget_removes_user():
    events = _events([["u1", "a", "purchase", 1, 10.0, "2025-01-01"], ["u2", "b", "purchase", 1, 20.0, "2025-01-11"]])
    store = ProfileStore.build(events, pd.DataFrame(columns=["user_id", "product_id", "rating"]), CATALOG, CFG)
    store.forget("u1")
    assert store.get("u1") is None and "u1" not in store.user_ids()


def _hits():
    products = [Product(pid, f"{b} item", 50.0, category=c, brand=b, color=col)
                for pid, c, b, col in CATALOG.itertuples(index=False)]
    return [Hit(p, 0.5) for p in products]


def test_personalize_false_uses_no_signal():
    profile_store = ProfileStore.build(
        _events([["u1", "c", "purchase", 1, 100.0, "2025-01-01"]]),
        pd.DataFrame(columns=["user_id", "product_id", "rating"]), CATALOG, CFG)
    off = score_candidates(_hits(), CFG, profile=profile_store.get("u1"), cf_predictions=np.full(4, 5.0),
                           personalize=False)
    on = score_candidates(_hits(), CFG, profile=profile_store.get("u1"), cf_predictions=np.array([1, 1, 5, 5.0]),
                          personalize=True)
    assert len({c.score for c in off}) == 1  # equal relevance, nothing else
    assert on[2].score > on[0].score
    assert any("Sony" in r for r in on[2].reasons)


def test_cold_start_reason_is_explicit():
    out = score_candidates(_hits(), CFG, profile=None, cf_predictions=None, personalize=True)
    assert all(any("new shopper" in r for r in c.reasons) for c in out)


def test_mmr_diversifies():
    hits = _hits()
    cands = score_candidates(hits, CFG, profile=None, cf_predictions=None, personalize=False)
    cands = [c.__class__(c.product, s, c.reasons) for c, s in zip(cands, [1.0, 0.99, 0.98, 0.5], strict=True)]
    vectors = np.array([[1, 0], [1, 0], [0, 1], [0, 1]], dtype=np.float32)
    assert [c.product.product_id for c in mmr_order(cands, vectors, 1.0, 2)] == ["a", "b"]
    assert [c.product.product_id for c in mmr_order(cands, vectors, 0.5, 2)] == ["a", "c"]
