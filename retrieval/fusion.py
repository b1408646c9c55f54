"""Fuse dense (cosine) and lexical (BM25) candidate lists into one ranking; pure numpy.

Why fuse over the union of both candidate lists: a product that only BM25 finds (an exact model
number the embedding blurs) must be able to win, and one that only the embedding finds (a
paraphrase with no shared word) must not be dropped. Every candidate gets both scores: its exact
cosine (recomputed from the stored vector) and its BM25 score.

Scores stay on a cosine-like scale (at most 1) because the reranker reads `Hit.score` as relevance:
- "linear": (1 - w) * cosine + w * bm25 / best_bm25_among_allowed
- "rrf":    (c + 1) * ((1 - w) / (c + dense_rank) + w / (c + lexical_rank)), c = 60, ranks from 1
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from retrieval.config import FUSIONS

RRF_C = 60.0


@dataclass(frozen=True)
class Fused:
    """Parallel arrays, best first: slot ids, fused score, cosine, raw BM25."""

    slots: np.ndarray
    scores: np.ndarray
    dense: np.ndarray
    lexical: np.ndarray


def top_lexical(scores: np.ndarray, pool: int) -> np.ndarray:
    """Slots of the `pool` best positive BM25 scores (allowed-masked scores: others are 0)."""
    positive = np.flatnonzero(scores > 0)
    if len(positive) > pool:
        positive = positive[np.argpartition(-scores[positive], pool - 1)[:pool]]
    return positive


def _ranks(values: np.ndarray) -> np.ndarray:
    """1-based rank of each value, highest first."""
    ranks = np.empty(len(values), dtype=np.float64)
    ranks[np.argsort(-values, kind="stable")] = np.arange(1, len(values) + 1)
    return ranks


def fuse(slots: np.ndarray, dense: np.ndarray, lexical: np.ndarray, best_lexical: float, weight: float,
         method: str, k: int) -> Fused:
    """Rank the union of candidates by the fused score; top k.

    Args:
        slots: int64[m] candidate slots (unique).
        dense: float32[m] cosine of each candidate with the query.
        lexical: float32[m] BM25 score of each candidate (0 = no shared word).
        best_lexical: the highest BM25 score among all allowed products (normalises "linear").
        weight: lexical weight w in [0, 1].
        method: "linear" or "rrf".
        k: results wanted.
    """
    if method == "linear":
        norm = lexical / best_lexical if best_lexical > 0 else np.zeros_like(lexical)
        fused = (1.0 - weight) * dense + weight * norm
    elif method == "rrf":
        lexical_part = np.where(lexical > 0, weight / (RRF_C + _ranks(lexical)), 0.0)
        fused = (RRF_C + 1.0) * ((1.0 - weight) / (RRF_C + _ranks(dense)) + lexical_part)
    else:
        raise ValueError(f"unknown fusion '{method}' (known: {', '.join(FUSIONS)})")
    order = np.argsort(-fused, kind="stable")[:k]
    return Fused(slots[order], fused[order].astype(np.float32), dense[order], lexical[order])
