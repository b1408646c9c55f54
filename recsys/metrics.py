"""Accuracy metrics as pure numpy functions: rating error and top-N ranking quality.

Ranking metrics follow the Microsoft Recommenders evaluation (the source of the published ml-100k
table we compare against): binary relevance (an item is relevant when the user interacted with
it in the test split), top-k lists exclude the user's training items, users without test items
are skipped, and MAP divides by the number of relevant items (their `map`, the older `map_at_k`).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def rmse(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Root mean squared error, in rating units."""
    return float(np.sqrt(np.mean((np.asarray(truth) - np.asarray(predicted)) ** 2)))


def mae(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Mean absolute error, in rating units."""
    return float(np.mean(np.abs(np.asarray(truth) - np.asarray(predicted))))


def top_k(scores: np.ndarray, k: int, exclude: sp.csr_matrix | None = None) -> np.ndarray:
    """Indices of the k best items per row, best first.

    Args:
        scores: float[n_users, n_items]; higher is better. Not modified.
        k: list length (capped at n_items).
        exclude: csr[n_users, n_items]; nonzero entries (e.g. training items) are never returned
            unless a row has fewer than k other items.

    Returns:
        int64[n_users, k]. Ties break by lower item index, so results are deterministic.
    """
    scores = np.array(scores, dtype=np.float64)
    if exclude is not None:
        coo = exclude.tocoo()
        scores[coo.row, coo.col] = -np.inf
    k = min(k, scores.shape[1])
    # Stable sort on the negated scores keeps the lower index first among equal scores.
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < scores.shape[1] else \
        np.tile(np.arange(scores.shape[1]), (scores.shape[0], 1))
    cut = np.take_along_axis(scores, part, axis=1)
    order = np.lexsort((part, -cut), axis=1)
    return np.take_along_axis(part, order, axis=1).astype(np.int64)


def _hits(top: np.ndarray, relevant: sp.csr_matrix) -> np.ndarray:
    """bool[n_users, k]: whether each recommended item is in the user's relevant set."""
    rows = np.repeat(np.arange(top.shape[0]), top.shape[1])
    found = np.asarray(relevant[rows, top.ravel()]).ravel() > 0
    return found.reshape(top.shape)


def ranking_metrics(top: np.ndarray, relevant: sp.csr_matrix, k: int) -> dict[str, float]:
    """Mean precision@k, recall@k, nDCG@k and MAP over users with at least one relevant item.

    Args:
        top: int[n_users, >=k] recommended item indices per user, best first.
        relevant: csr[n_users, n_items]; nonzero = relevant (held-out) item.
        k: cutoff.

    Returns:
        {"precision", "recall", "ndcg", "map", "users"}; metrics in [0, 1].
    """
    top = np.asarray(top)[:, :k]
    n_relevant = np.diff(relevant.tocsr().indptr)
    users = n_relevant > 0
    if not users.any():
        return {"precision": 0.0, "recall": 0.0, "ndcg": 0.0, "map": 0.0, "users": 0}
    hit = _hits(top[users], relevant.tocsr()[users]).astype(np.float64)
    n_rel = n_relevant[users].astype(np.float64)
    discount = 1.0 / np.log2(np.arange(2, top.shape[1] + 2))
    ideal = np.cumsum(discount)[np.minimum(n_rel, top.shape[1]).astype(int) - 1]
    ranks = np.arange(1, top.shape[1] + 1)
    precision_at_hit = np.cumsum(hit, axis=1) / ranks * hit
    return {
        "precision": float(np.mean(hit.sum(axis=1) / k)),
        "recall": float(np.mean(hit.sum(axis=1) / n_rel)),
        "ndcg": float(np.mean((hit * discount).sum(axis=1) / ideal)),
        "map": float(np.mean(precision_at_hit.sum(axis=1) / n_rel)),
        "users": int(users.sum()),
    }


def batched_top_k(score_rows, n_users: int, k: int, exclude: sp.csr_matrix, users: np.ndarray | None = None,
                  batch: int = 2048) -> np.ndarray:
    """`top_k` over users in batches, so users x items scores never sit in memory at once.

    Args:
        score_rows: callable(int64[b] user indices) -> float[b, n_items].
        users: which users to rank (default all); rows of the result follow this order.

    Returns:
        int64[len(users), k].
    """
    users = np.arange(n_users) if users is None else np.asarray(users)
    parts = [top_k(score_rows(users[i:i + batch]), k, exclude[users[i:i + batch]])
             for i in range(0, len(users), batch)]
    return np.concatenate(parts) if parts else np.zeros((0, k), dtype=np.int64)
