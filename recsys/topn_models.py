"""Numeric kernels of the top-N models: EASE (numpy, closed form) and ALS / BPR (`implicit`).

Each kernel takes the binary user x item training matrix and returns plain numpy arrays, so the
saved model never pickles a library object and loading it needs neither `implicit` nor a GPU.
"""

from __future__ import annotations

import contextlib
import os

import numpy as np
import scipy.sparse as sp

from retrieval.types import MissingPackageError


def gram(interactions: sp.csr_matrix) -> np.ndarray:
    """Item co-occurrence counts X^T X, float64[n_items, n_items] (EASE needs it dense)."""
    return (interactions.T @ interactions).toarray().astype(np.float64)


def ease_weights(gram_matrix: np.ndarray, lam: float) -> np.ndarray:
    """EASE item-item weights B (Steck, WWW 2019): min ||X - XB||^2 + lam ||B||^2, diag(B) = 0.

    Closed form: P = (G + lam I)^-1, B = -P / diag(P), diagonal zeroed. O(n_items^3) time and
    O(n_items^2) memory, which is why `ease_max_items` caps it.

    Returns:
        float32[n_items, n_items]; a user's scores are x_u @ B.
    """
    g = gram_matrix.copy()
    g[np.diag_indices_from(g)] += lam
    p = np.linalg.inv(g)
    b = p / -np.diag(p)
    b[np.diag_indices_from(b)] = 0.0
    return b.astype(np.float32)


@contextlib.contextmanager
def blas_threads(n: int):
    """Limit BLAS threads; implicit is slow (and warns) when BLAS threads fight its own."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl comes with implicit
        yield
        return
    with threadpool_limits(limits=n, user_api="blas"):
        yield


def _implicit():
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        import implicit.cpu.als
        import implicit.cpu.bpr
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingPackageError("topn_model 'als'/'bpr' needs the implicit library: "
                                  "pip install implicit==0.7.3") from exc
    return implicit.cpu


def als_factors(interactions: sp.csr_matrix, factors: int, regularization: float, iterations: int,
                alpha: float, seed: int, threads: int) -> tuple[np.ndarray, np.ndarray]:
    """Implicit ALS (Hu, Koren, Volinsky 2008) on CPU; returns (user_factors, item_factors)."""
    cpu = _implicit()
    with blas_threads(1):
        model = cpu.als.AlternatingLeastSquares(
            factors=factors, regularization=regularization, iterations=iterations, alpha=alpha,
            random_state=seed, num_threads=threads)
        model.fit(interactions, show_progress=False)
    return np.asarray(model.user_factors), np.asarray(model.item_factors)


def bpr_factors(interactions: sp.csr_matrix, factors: int, learning_rate: float, regularization: float,
                iterations: int, seed: int, threads: int) -> tuple[np.ndarray, np.ndarray]:
    """Bayesian personalised ranking (Rendle et al. 2009) on CPU; returns (user_factors, item_factors).

    implicit appends a bias column to both factor matrices, so their dot product includes it.
    """
    cpu = _implicit()
    with blas_threads(1):
        model = cpu.bpr.BayesianPersonalizedRanking(
            factors=factors, learning_rate=learning_rate, regularization=regularization, iterations=iterations,
            random_state=seed, num_threads=threads)
        model.fit(interactions, show_progress=False)
    return np.asarray(model.user_factors), np.asarray(model.item_factors)
