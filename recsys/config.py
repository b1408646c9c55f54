"""Recommendation configuration: one frozen dataclass, `tiny` is a preset value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecsysConfig:
    # SVD (scikit-surprise) hyperparameters; defaults tuned on the demo shop.
    svd_factors: int = 50
    svd_epochs: int = 25
    svd_lr: float = 0.007
    svd_reg: float = 0.05
    seed: int = 0
    # Rating scale of the ratings file.
    rating_min: float = 1.0
    rating_max: float = 5.0
    # Final score = w_relevance * relevance + w_cf * cf + w_profile * affinity (all in [0, 1]).
    w_relevance: float = 1.0
    w_cf: float = 0.35
    w_profile: float = 0.25
    # Maximal marginal relevance: 1.0 = pure score order, lower trades score for diversity.
    mmr_lambda: float = 0.8
    # Half-life (days) of purchase recency in profile affinities.
    recency_half_life_days: float = 90.0
