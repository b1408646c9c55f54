"""The ranking metrics and the splits: tiny hand-computed cases, and random rankings checked against
scikit-learn's reference implementations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

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


@st.composite
def _rankings(draw):
    """A random score matrix ranked into top-k lists, and random held-out items (some users have none)."""
    n_users, n_items = draw(st.integers(1, 8)), draw(st.integers(2, 25))
    k = draw(st.integers(1, n_items))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    scores = rng.random((n_users, n_items))
    relevant = (rng.random((n_users, n_items)) < draw(st.floats(0.05, 0.6))).astype(np.float64)
    return top_k(scores, k), sp.csr_matrix(relevant), k


@settings(max_examples=80, deadline=None)
@given(_rankings())
def test_ranking_metrics_agree_with_scikit_learn(case):
    """The hand-written metrics against sklearn.metrics, user by user, on random rankings."""
    from sklearn.metrics import average_precision_score, ndcg_score, precision_score, recall_score

    top, relevant, k = case
    truth = relevant.toarray()
    users = [u for u in range(truth.shape[0]) if truth[u].any()]  # ours skip users with nothing held out
    ours = ranking_metrics(top, relevant, k)
    assert ours["users"] == len(users)
    if not users:
        return
    listed = np.zeros_like(truth)
    order_scores = np.zeros_like(truth)  # the top-k list as scores: best first, everything else below
    for u in users:
        listed[u, top[u]] = 1
        order_scores[u, top[u]] = np.arange(k, 0, -1)
    precision = [precision_score(truth[u], listed[u], zero_division=0) for u in users]
    recall = [recall_score(truth[u], listed[u]) for u in users]
    ndcg = ndcg_score(truth[users], order_scores[users], k=k)
    # sklearn's AP over the listed items divides by the hits in the list; ours (MAP@k) by all held-out items
    ap = [average_precision_score(truth[u, top[u]], order_scores[u, top[u]]) * truth[u, top[u]].sum() / truth[u].sum()
          if truth[u, top[u]].any() else 0.0 for u in users]
    assert ours["precision"] == pytest.approx(np.mean(precision))
    assert ours["recall"] == pytest.approx(np.mean(recall))
    assert ours["ndcg"] == pytest.approx(ndcg)
    assert ours["map"] == pytest.approx(np.mean(ap))


def test_rating_errors_agree_with_scikit_learn():
    from sklearn.metrics import mean_absolute_error, root_mean_squared_error

    rng = np.random.default_rng(3)
    truth, predicted = rng.uniform(1, 5, 200), rng.uniform(1, 5, 200)
    assert rmse(truth, predicted) == pytest.approx(root_mean_squared_error(truth, predicted))
    assert mae(truth, predicted) == pytest.approx(mean_absolute_error(truth, predicted))
