"""Weighted sampling without replacement for many users at once (the Gumbel top-k trick)."""

from __future__ import annotations

import numpy as np

YEAR_START = 1735689600  # 2025-01-01T00:00:00Z in unix seconds
YEAR_END = 1767225600  # 2026-01-01T00:00:00Z


def sample_per_user(rng: np.random.Generator, log_weight: np.ndarray,
                    counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Draw `counts[u]` distinct products for every user u, with probability ~ exp(log_weight).

    Adding Gumbel noise to log-weights and keeping each row's top k is exactly sequential
    weighted sampling without replacement, but it is one vectorised sort instead of a loop.

    Args:
        rng: the random stream.
        log_weight: float[n_users, n_products] unnormalised log-probabilities.
        counts: int[n_users] how many products each user gets (clipped to n_products).

    Returns:
        (user_index, product_index) int arrays of equal length, grouped by user, each user's
        products in the order drawn.
    """
    n_users, n_products = log_weight.shape
    counts = np.clip(counts, 0, n_products)
    width = int(counts.max(initial=0))
    if width == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    keys = log_weight + rng.gumbel(size=log_weight.shape)
    top = np.argpartition(-keys, width - 1, axis=1)[:, :width]
    order = np.argsort(-np.take_along_axis(keys, top, axis=1), axis=1, kind="stable")
    top = np.take_along_axis(top, order, axis=1)
    keep = np.arange(width)[None, :] < counts[:, None]
    user_index = np.broadcast_to(np.arange(n_users)[:, None], keep.shape)[keep]
    return user_index.astype(np.int64), top[keep].astype(np.int64)


def heavy_tailed_counts(rng: np.random.Generator, n: int, median: float, sigma: float,
                        low: int, high: int) -> np.ndarray:
    """Log-normal integer counts in [low, high]: most users are moderate, a few are very active."""
    return np.clip(np.rint(rng.lognormal(np.log(median), sigma, n)), low, high).astype(np.int64)
