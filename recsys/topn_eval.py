"""Top-N evaluation: precision@k, recall@k, nDCG@k and MAP of several models on one split.

Protocols: "user" = per-user random 75/25 (the Microsoft Recommenders ml-100k benchmark, whose
published table we compare with), "time" = everything after the 75% time quantile is test
(a shop predicting next month's purchases). Top-k lists exclude each user's training items.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import pandas as pd
import scipy.sparse as sp

from recsys.cf import SVDRecommender
from recsys.config import RecsysConfig
from recsys.metrics import batched_top_k, ranking_metrics
from recsys.split import IdMap, interaction_matrix, stratified_split, time_split
from recsys.topn import KINDS, TopNRecommender
from retrieval.types import UsageError

TOPN_MODELS = ("popular", "svd", *KINDS)


def split_interactions(frame: pd.DataFrame, protocol: str, train_share: float = 0.75,
                       seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(train, test) rows by the named protocol ("user" or "time")."""
    if protocol == "user":
        return stratified_split(frame, train_share, seed)
    if protocol == "time":
        train, test, _ = time_split(frame, 1.0 - train_share)
        return train, test
    raise ValueError(f"unknown split protocol '{protocol}' (known: user, time)")


def _svd_scores(train: pd.DataFrame, users: IdMap, items: IdMap, cfg: RecsysConfig) -> np.ndarray:
    """Predicted ratings for every user x item, as a ranker (what the published SVD row does)."""
    model = SVDRecommender.fit(train, cfg)
    scores = np.full((len(users), len(items)), -np.inf)
    item_rows = np.array([model.item_row.get(str(p), -1) for p in items.ids])
    known_items = item_rows >= 0
    for u, user_id in enumerate(users.ids):
        if model.knows_user(user_id):
            factors = model.item_factors[item_rows[known_items]] @ model.user_factors[user_id]
            scores[u, known_items] = model.mu + model.user_bias[user_id] + model.item_bias[item_rows[known_items]] \
                + factors
    return scores


def _model_scorer(name: str, train: pd.DataFrame, x: sp.csr_matrix, users: IdMap, items: IdMap,
                  cfg: RecsysConfig) -> tuple[Callable[[np.ndarray], np.ndarray], dict]:
    """Fit one model; returns (user rows -> scores[rows, items], params)."""
    if name == "popular":
        popularity = np.asarray(x.sum(axis=0)).ravel()
        return (lambda rows: np.tile(popularity, (len(rows), 1))), {}
    if name == "svd":
        scores = _svd_scores(train, users, items, cfg)
        return (lambda rows: scores[rows]), {"factors": cfg.svd_factors, "epochs": cfg.svd_epochs}
    model = TopNRecommender.from_matrix(x, users, items, cfg, name)
    if cfg.popularity_penalty <= 0:
        return model.scores_for_rows, {"kind": model.kind, **model.params}
    # The serving-time knob, applied the same way: rank fraction minus penalty x popularity fraction.
    popularity = _rank_fraction(model.popularity()[None, :])[0]
    return (lambda rows: _rank_fraction(model.scores_for_rows(rows)) - cfg.popularity_penalty * popularity), \
        {"kind": model.kind, "popularity_penalty": cfg.popularity_penalty, **model.params}


def aligned_scorer(model: TopNRecommender, users: IdMap, items: IdMap) -> Callable[[np.ndarray], np.ndarray]:
    """Scores of a model fitted elsewhere (its own id order, e.g. Spark's) in the split's rows and
    columns: user rows -> float[rows, items], -inf for items the model never saw."""
    user_rows, item_cols = model.users.index(users.ids), model.items.index(items.ids)
    known = item_cols >= 0

    def scorer(rows: np.ndarray) -> np.ndarray:
        out = np.full((len(rows), len(items)), -np.inf)
        mapped = user_rows[rows]
        seen = mapped >= 0
        out[np.ix_(seen, known)] = model.scores_for_rows(mapped[seen])[:, item_cols[known]]
        return out

    return scorer


def _rank_fraction(scores: np.ndarray) -> np.ndarray:
    """Per row, each column's rank as a fraction in [0, 1] (1 = highest)."""
    ranks = np.argsort(np.argsort(scores, axis=1, kind="stable"), axis=1, kind="stable")
    return ranks / max(scores.shape[1] - 1, 1)


def evaluate_topn(frame: pd.DataFrame, cfg: RecsysConfig, protocol: str = "user", k: int = 10,
                  models: tuple[str, ...] = ("popular", "ease", "als"), train_share: float = 0.75,
                  seed: int = 42, curve_ks: tuple[int, ...] = (),
                  trainers: dict[str, Callable[[pd.DataFrame], TopNRecommender]] | None = None) -> dict:
    """Fit each model on the train split and score its top-k lists against the test split.

    Args:
        frame: user_id, product_id (+ rating for "svd", + timestamp for the "time" protocol);
            one row per interaction (duplicates collapse to one).
        models: names from TOPN_MODELS.
        trainers: more rows, each a name -> function fitting a `TopNRecommender` on the train rows
            (user_id, product_id) by other means (Spark's ALS), scored on the same split.

    Returns:
        {"rows": [{"model", "precision", "recall", "ndcg", "map", "coverage", "fit_seconds",
        "params"}], "users", "items", "train", "test", "protocol", "k"}; coverage = share of
        the items that appear in at least one top-k list. With `curve_ks`, each row also has
        "at_k": [{"k", "precision", "recall", "ndcg", "coverage"}] at each of those cutoffs, each from
        its own top-k lists (as the row's own k is: equal scores at the cut may pick different items
        in a longer list, so a prefix would not reproduce the row).
    """
    unknown = set(models) - set(TOPN_MODELS)
    if unknown:
        raise UsageError(f"unknown top-N model(s) {', '.join(sorted(unknown))} (known: {', '.join(TOPN_MODELS)})")
    frame = frame.astype({"user_id": str, "product_id": str})
    train, test = split_interactions(frame, protocol, train_share, seed)
    # Ids from the whole frame: a test item never seen in training still counts as relevant
    # (and is missed), as in the published protocol.
    users, items = IdMap.of(frame["user_id"]), IdMap.of(frame["product_id"])
    x, truth = interaction_matrix(train, users, items), interaction_matrix(test, users, items)
    # Only users with a test item are scored: the others cannot change any metric.
    tested = np.flatnonzero(np.diff(truth.indptr) > 0)
    rows = []
    trainers = trainers or {}
    for name in (*models, *trainers):
        if name == "svd" and "rating" not in frame.columns:
            continue
        started = time.perf_counter()
        if name in trainers:
            fitted = trainers[name](train)
            scorer, params = aligned_scorer(fitted, users, items), {"kind": fitted.kind, **fitted.params}
        else:
            scorer, params = _model_scorer(name, train, x, users, items, cfg)
        top = batched_top_k(scorer, len(users), k, x, tested)
        metrics = ranking_metrics(top, truth[tested], k)
        rows.append({"model": name, **metrics, "coverage": len(np.unique(top)) / len(items),
                     "fit_seconds": time.perf_counter() - started, "params": params})
        if curve_ks:
            rows[-1]["at_k"] = [_at_k(top if cut == k else batched_top_k(scorer, len(users), cut, x, tested),
                                      truth[tested], cut, len(items)) for cut in sorted(set(curve_ks))]
    return {"rows": rows, "users": len(users), "items": len(items), "train": len(train), "test": len(test),
            "protocol": protocol, "k": k}


def _at_k(top: np.ndarray, truth, k: int, n_items: int) -> dict:
    """precision/recall/nDCG and coverage of top-k lists."""
    metrics = ranking_metrics(top, truth, k)
    return {"k": k, "precision": metrics["precision"], "recall": metrics["recall"], "ndcg": metrics["ndcg"],
            "coverage": len(np.unique(top)) / n_items}
