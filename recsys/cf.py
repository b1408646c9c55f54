"""Collaborative filtering: SVD trained with scikit-surprise to minimise squared rating error.

Scoring is vectorised from the learned factors (mu + b_u + b_i + p_u . q_i), which is what
`SVD.estimate` computes one pair at a time, so ranking 50 candidates costs one matrix product.
The model is saved as plain arrays (`svd.npz`, read with `allow_pickle=False`), like the top-N
model: loading a build never runs code from a file, and needs no surprise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from recsys.config import RecsysConfig
from retrieval.types import MissingPackageError

MODEL_FILE = "svd.npz"


def _surprise():
    try:
        import surprise
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingPackageError("collaborative filtering needs scikit-surprise: pip install -e .") from exc
    return surprise


def to_surprise_dataset(ratings: pd.DataFrame, scale: tuple[float, float]):
    surprise = _surprise()
    reader = surprise.Reader(rating_scale=scale)
    return surprise.Dataset.load_from_df(ratings[["user_id", "product_id", "rating"]], reader)


def make_svd(cfg: RecsysConfig):
    return _surprise().SVD(n_factors=cfg.svd_factors, n_epochs=cfg.svd_epochs, lr_all=cfg.svd_lr,
                           reg_all=cfg.svd_reg, random_state=cfg.seed)


@dataclass
class SVDRecommender:
    """A trained SVD plus id maps; predicts ratings for (user, products) in one call."""

    mu: float
    user_bias: dict[str, float]
    item_bias: np.ndarray
    user_factors: dict[str, np.ndarray]
    item_factors: np.ndarray
    item_row: dict[str, int]
    scale: tuple[float, float]

    @classmethod
    def fit(cls, ratings: pd.DataFrame, cfg: RecsysConfig) -> SVDRecommender:
        """Train on a ratings frame (user_id, product_id, rating)."""
        scale = (cfg.rating_min, cfg.rating_max)
        trainset = to_surprise_dataset(ratings, scale).build_full_trainset()
        algo = make_svd(cfg)
        algo.fit(trainset)
        return cls.from_algo(algo, trainset, scale)

    @classmethod
    def from_algo(cls, algo, trainset, scale: tuple[float, float]) -> SVDRecommender:
        users = [trainset.to_raw_uid(u) for u in range(trainset.n_users)]
        items = [trainset.to_raw_iid(i) for i in range(trainset.n_items)]
        return cls(
            mu=float(trainset.global_mean),
            user_bias={u: float(algo.bu[i]) for i, u in enumerate(users)},
            item_bias=np.asarray(algo.bi, dtype=np.float64),
            user_factors={u: np.asarray(algo.pu[i]) for i, u in enumerate(users)},
            item_factors=np.asarray(algo.qi, dtype=np.float64),
            item_row={p: i for i, p in enumerate(items)},
            scale=scale,
        )

    def knows_user(self, user_id: str | None) -> bool:
        return user_id is not None and user_id in self.user_bias

    def score(self, user_id: str | None, product_ids: list[str]) -> np.ndarray:
        """Predicted ratings, float64[len(product_ids)]; NaN where the user or item is unknown.

        Why NaN instead of the global mean: the reranker must know a score is missing, to say
        so in the reasons and fall back explicitly (cold start).
        """
        out = np.full(len(product_ids), np.nan)
        if not self.knows_user(user_id):
            return out
        rows = np.array([self.item_row.get(p, -1) for p in product_ids], dtype=np.int64)
        known = rows >= 0
        if known.any():
            r = rows[known]
            pred = (self.mu + self.user_bias[user_id] + self.item_bias[r]
                    + self.item_factors[r] @ self.user_factors[user_id])
            out[known] = np.clip(pred, *self.scale)
        return out

    def forget_user(self, user_id: str) -> None:
        self.user_bias.pop(user_id, None)
        self.user_factors.pop(user_id, None)

    def save(self, directory: str | Path) -> None:
        """Write `svd.npz`: ids as unicode arrays, users' factors stacked in the order of their ids."""
        users = list(self.user_bias)
        rank = self.item_factors.shape[1]
        with open(Path(directory) / MODEL_FILE, "wb") as fh:
            np.savez(fh, meta=np.array(json.dumps({"mu": self.mu, "scale": list(self.scale)})),
                     users=np.array(users, dtype=str), user_bias=np.array([self.user_bias[u] for u in users]),
                     user_factors=np.array([self.user_factors[u] for u in users]).reshape(len(users), rank),
                     items=np.array(sorted(self.item_row, key=self.item_row.get), dtype=str),
                     item_bias=self.item_bias, item_factors=self.item_factors)

    @classmethod
    def load(cls, directory: str | Path) -> SVDRecommender:
        with np.load(Path(directory) / MODEL_FILE, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            users = [str(u) for u in data["users"]]
            factors = data["user_factors"]
            return cls(mu=float(meta["mu"]),
                       user_bias={u: float(b) for u, b in zip(users, data["user_bias"], strict=True)},
                       item_bias=data["item_bias"],
                       user_factors={u: factors[i] for i, u in enumerate(users)},
                       item_factors=data["item_factors"],
                       item_row={str(p): i for i, p in enumerate(data["items"])},
                       scale=(float(meta["scale"][0]), float(meta["scale"][1])))


def holdout_rmse(ratings: pd.DataFrame, cfg: RecsysConfig, test_fraction: float = 0.2) -> dict[str, float]:
    """RMSE/MAE of SVD and of the global-mean baseline on one random split (same split for both)."""
    surprise = _surprise()
    from surprise.model_selection import train_test_split

    data = to_surprise_dataset(ratings, (cfg.rating_min, cfg.rating_max))
    train, test = train_test_split(data, test_size=test_fraction, random_state=cfg.seed)
    algo = make_svd(cfg)
    algo.fit(train)
    predictions = algo.test(test)
    truth = np.array([r for (_, _, r) in test])
    return {
        "svd_rmse": float(surprise.accuracy.rmse(predictions, verbose=False)),
        "svd_mae": float(surprise.accuracy.mae(predictions, verbose=False)),
        "global_mean_rmse": float(np.sqrt(np.mean((truth - train.global_mean) ** 2))),
    }
