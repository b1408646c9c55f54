"""Contract tests every top-N model passes (the implicit library's test-mixin pattern).

Known answers on block data: two taste groups, each user has touched all of their group's items
but one; that held-back item must be the user's first recommendation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recsys.config import RecsysConfig
from recsys.topn import TopNRecommender, implicit_feedback, tune_ease_lambda
from recsys.topn_eval import evaluate_topn

GROUP = 8


def blocks(n_users: int = 2 * GROUP) -> pd.DataFrame:
    """User u is in group u // GROUP (items of that group) and skips item number u % GROUP."""
    rows = []
    for u in range(n_users):
        group = u // GROUP
        for j in range(GROUP):
            if j != u % GROUP:
                rows.append({"user_id": f"u{u}", "product_id": f"i{group * GROUP + j}"})
    return pd.DataFrame(rows)


def held_back(u: int) -> str:
    return f"i{(u // GROUP) * GROUP + u % GROUP}"


class TopNContract:
    kind = "ease"
    cfg = RecsysConfig(topn_tune=False, ease_lambda=1.0, als_factors=4, als_iterations=30, als_regularization=0.01,
                       bpr_factors=8, bpr_iterations=300, bpr_learning_rate=0.05)

    @pytest.fixture(scope="class")
    @classmethod
    def model(cls):
        return TopNRecommender.fit(blocks(), cls.cfg, cls.kind)

    def test_held_back_item_first(self, model):
        for u in (0, 5, GROUP + 3):
            assert model.recommend(f"u{u}", 1)[0][0] == held_back(u)

    def test_recommend_excludes_seen_and_respects_candidates(self, model):
        seen = set(blocks().query("user_id == 'u0'")["product_id"])
        assert not seen & {pid for pid, _ in model.recommend("u0", 20)}
        assert [pid for pid, _ in model.recommend("u0", 5, ["i9", "i0"])][0] == "i0"

    def test_scores_are_percentiles_and_unknowns_nan(self, model):
        scores = model.score("u0", [held_back(0), "i15", "never-sold"])
        assert scores[0] > scores[1] and 0.0 <= scores[1] <= 1.0 and np.isnan(scores[2])
        assert np.isnan(model.score("stranger", ["i0"])).all()
        assert model.recommend("stranger", 3) == [] and not model.knows_user(None)

    def test_save_load_roundtrip(self, model, tmp_path):
        model.save(tmp_path)
        loaded = TopNRecommender.load(tmp_path)
        assert loaded.kind == model.kind
        np.testing.assert_allclose(loaded.score("u3", ["i1", "i9", "i3"]), model.score("u3", ["i1", "i9", "i3"]))

    def test_forget_user(self, tmp_path):
        model = TopNRecommender.fit(blocks(), self.cfg, self.kind)
        model.forget_user("u1")
        assert not model.knows_user("u1") and model.knows_user("u2")
        assert model.recommend("u2", 1)[0][0] == held_back(2)
        model.save(tmp_path)
        assert "u1" not in set(TopNRecommender.load(tmp_path).users.ids)


class TestEASE(TopNContract):
    kind = "ease"


class TestALS(TopNContract):
    kind = "als"


class TestBPR(TopNContract):
    kind = "bpr"


def test_ease_falls_back_to_als_for_huge_catalogs():
    model = TopNRecommender.fit(blocks(), RecsysConfig(ease_max_items=4, als_factors=4), "ease")
    assert model.kind == "als" and "ease_max_items" in model.params["fallback"]


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError, match="unknown topn_model"):
        TopNRecommender.fit(blocks(), RecsysConfig(), "svd")


def test_lambda_tuning_reports_each_candidate():
    from recsys.split import IdMap, interaction_matrix

    frame = blocks(4 * GROUP)
    x = interaction_matrix(frame, IdMap.of(frame["user_id"]), IdMap.of(frame["product_id"]))
    best, report = tune_ease_lambda(x, [1.0, 1000.0], seed=0)
    assert best in (1.0, 1000.0) and set(report["validation_ndcg"]) == {"1", "1000"}


def test_implicit_feedback_unions_ratings_and_events():
    ratings = pd.DataFrame({"user_id": ["a", "a"], "product_id": ["x", "y"], "rating": [1.0, 5.0],
                            "timestamp": [10.0, 20.0]})
    events = pd.DataFrame({"user_id": ["a", "b"], "product_id": ["x", "z"], "event": ["view", "purchase"],
                           "quantity": [1, 1], "price": [1.0, 2.0],
                           "timestamp": pd.to_datetime([30, 40], unit="s", utc=True)})
    pairs = implicit_feedback(ratings, events).set_index(["user_id", "product_id"])["timestamp"]
    assert pairs.to_dict() == {("a", "x"): 10.0, ("a", "y"): 20.0, ("b", "z"): 40.0}


def test_ease_beats_popularity_on_block_data():
    frame = blocks(6 * GROUP)
    rows = {r["model"]: r for r in evaluate_topn(frame, RecsysConfig(), "user", 3, ("popular", "ease"))["rows"]}
    assert rows["ease"]["ndcg"] > rows["popular"]["ndcg"]
    assert 0.0 <= rows["ease"]["coverage"] <= 1.0


def test_popularity_penalty_pushes_the_head_down():
    frame = pd.concat([blocks(4 * GROUP), pd.DataFrame({"user_id": [f"fan{i}" for i in range(30)],
                                                        "product_id": "i0"})], ignore_index=True)
    model = TopNRecommender.fit(frame, RecsysConfig(topn_tune=False, ease_lambda=1.0))
    plain = model.score("u1", ["i0"])[0]
    assert model.score("u1", ["i0"], popularity_penalty=0.5)[0] < plain
    rows = {r["model"]: r for r in evaluate_topn(frame, RecsysConfig(popularity_penalty=0.3), "user", 3,
                                                 ("ease",))["rows"]}
    assert rows["ease"]["params"]["popularity_penalty"] == 0.3
