"""Known-answer tests for the ranking metrics and the splits (tiny hand-computed cases)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from recsys.metrics import batched_top_k, mae, ranking_metrics, rmse, top_k
from recsys.split import IdMap, interaction_matrix, stratified_split, time_split


def csr(rows: list[list[int]], n_items: int) -> sp.csr_matrix:
    data = [(u, i) for u, items in enumerate(rows) for i in items]
    u, i = zip(*data, strict=True) if data else ((), ())
    return sp.csr_matrix((np.ones(len(data)), (u, i)), shape=(len(rows), n_items))


def test_rmse_mae():
    assert rmse(np.array([1.0, 3.0]), np.array([2.0, 5.0])) == pytest.approx(np.sqrt(2.5))
    assert mae(np.array([1.0, 3.0]), np.array([2.0, 5.0])) == pytest.approx(1.5)


def test_top_k_excludes_and_breaks_ties_by_index():
    scores = np.array([[0.5, 0.9, 0.9, 0.1], [1.0, 1.0, 1.0, 1.0]])
    top = top_k(scores, 2, csr([[1], []], 4))
    assert top.tolist() == [[2, 0], [0, 1]]
    assert scores[0, 1] == 0.9  # input not modified


def test_ranking_metrics_hand_computed():
    # user 0: list [0, 1, 2], relevant {1, 5}; user 1: list [3, 4, 0], relevant {3}; user 2: nothing relevant
    top = np.array([[0, 1, 2], [3, 4, 0], [0, 1, 2]])
    relevant = csr([[1, 5], [3], []], 6)
    m = ranking_metrics(top, relevant, 3)
    ndcg0 = (1 / np.log2(3)) / (1 + 1 / np.log2(3))
    assert m["users"] == 2
    assert m["precision"] == pytest.approx((1 / 3 + 1 / 3) / 2)
    assert m["recall"] == pytest.approx((1 / 2 + 1) / 2)
    assert m["ndcg"] == pytest.approx((ndcg0 + 1.0) / 2)
    assert m["map"] == pytest.approx(((1 / 2) / 2 + 1.0) / 2)


def test_perfect_and_empty_rankings():
    relevant = csr([[0, 1], [2]], 4)
    perfect = ranking_metrics(np.array([[0, 1], [2, 3]]), relevant, 2)
    assert perfect["ndcg"] == pytest.approx(1.0) and perfect["map"] == pytest.approx(1.0)
    assert perfect["recall"] == pytest.approx(1.0)
    assert ranking_metrics(np.array([[0, 1]]), csr([[]], 4), 2)["users"] == 0


def test_batched_top_k_equals_top_k():
    rng = np.random.default_rng(0)
    scores = rng.random((7, 9))
    seen = csr([[0], [1, 2], [], [3], [4], [5], [6]], 9)
    assert (batched_top_k(lambda rows: scores[rows], 7, 3, seen, batch=2) == top_k(scores, 3, seen)).all()


def test_stratified_split_is_per_user_and_deterministic():
    frame = pd.DataFrame({"user_id": ["a"] * 8 + ["b"] * 4, "product_id": [str(i) for i in range(12)]})
    train, test = stratified_split(frame, 0.75, seed=1)
    assert train.groupby("user_id").size().to_dict() == {"a": 6, "b": 3}
    assert set(train.index).isdisjoint(test.index) and len(train) + len(test) == 12
    again, _ = stratified_split(frame, 0.75, seed=1)
    assert again.index.tolist() == train.index.tolist()


def test_time_split_drops_unknown_users_and_items():
    frame = pd.DataFrame({"user_id": ["a", "a", "b", "a", "c"], "product_id": ["x", "y", "x", "x", "x"],
                          "timestamp": [1.0, 2.0, 3.0, 4.0, 5.0]})
    train, test, cutoff = time_split(frame, 0.4)
    assert cutoff == pytest.approx(3.4)
    assert train["timestamp"].max() < cutoff
    assert test["user_id"].tolist() == ["a"]  # c is new: nobody can rank for them


def test_interaction_matrix_collapses_duplicates_to_one():
    frame = pd.DataFrame({"user_id": ["a", "a", "b"], "product_id": ["x", "x", "y"]})
    users, items = IdMap.of(frame["user_id"]), IdMap.of(frame["product_id"])
    m = interaction_matrix(frame, users, items)
    assert m.toarray().tolist() == [[1.0, 0.0], [0.0, 1.0]]
    assert users.position("b") == 1 and users.position("zz") == -1 and users.position(None) == -1
