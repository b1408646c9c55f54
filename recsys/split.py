"""Train/test splits for top-N evaluation and the user x item matrix they are scored on.

Two protocols: `stratified_split` holds back a random share of every user's items (the ml-100k
benchmark protocol, 75/25), `time_split` holds back everything after a cutoff (what a shop
sees in production: predict next month's purchases from the past).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import scipy.sparse as sp


def stratified_split(frame: pd.DataFrame, train_share: float = 0.75, seed: int = 42,
                     user_column: str = "user_id") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per user, a random `train_share` of rows (rounded) go to train, the rest to test.

    Vectorised: each row gets a random key, ranked within its user.
    """
    rng = np.random.default_rng(seed)
    keys = pd.Series(rng.random(len(frame)), index=frame.index)
    rank = keys.groupby(frame[user_column]).rank(method="first")
    size = frame.groupby(user_column)[user_column].transform("size")
    in_train = rank <= np.round(train_share * size)
    return frame[in_train], frame[~in_train]


def time_split(frame: pd.DataFrame, test_share: float = 0.25,
               time_column: str = "timestamp") -> tuple[pd.DataFrame, pd.DataFrame, object]:
    """Rows at or after the time quantile (1 - test_share) are test; returns (train, test, cutoff).

    Test rows of users or items never seen in train are dropped: no model can rank those, and
    cold start is reported separately (the reranker's explicit fallback).
    """
    cutoff = frame[time_column].quantile(1.0 - test_share)
    train = frame[frame[time_column] < cutoff]
    test = frame[frame[time_column] >= cutoff]
    known = test["user_id"].isin(train["user_id"]) & test["product_id"].isin(train["product_id"])
    return train, test[known], cutoff


@dataclass(frozen=True)
class IdMap:
    """Raw id <-> dense index, for users or items."""

    ids: np.ndarray  # object[n]

    @classmethod
    def of(cls, values: pd.Series) -> IdMap:
        return cls(np.asarray(pd.unique(values.astype(str)), dtype=object))

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def _lookup(self) -> pd.Index:
        return pd.Index(self.ids)

    def index(self, values) -> np.ndarray:
        """int64 indices; -1 for unknown ids."""
        return self._lookup.get_indexer(np.asarray(values, dtype=object))

    def position(self, value: str | None) -> int:
        """Index of one id, -1 when unknown (or None)."""
        return -1 if value is None else int(self.index([str(value)])[0])


def interaction_matrix(frame: pd.DataFrame, users: IdMap, items: IdMap,
                       weight: str | None = None) -> sp.csr_matrix:
    """csr float32[n_users, n_items]: 1 per (user, item) seen (or summed `weight`); unknown ids dropped."""
    u = users.index(frame["user_id"].astype(str))
    i = items.index(frame["product_id"].astype(str))
    keep = (u >= 0) & (i >= 0)
    values = np.ones(int(keep.sum()), dtype=np.float32) if weight is None else \
        frame[weight].to_numpy(dtype=np.float32)[keep]
    matrix = sp.csr_matrix((values, (u[keep], i[keep])), shape=(len(users), len(items)), dtype=np.float32)
    matrix.sum_duplicates()
    if weight is None:
        matrix.data[:] = 1.0
    return matrix
