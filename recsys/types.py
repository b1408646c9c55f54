"""Data types that cross the `recsys` package boundary (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from retrieval.types import Product


@dataclass(frozen=True)
class Profile:
    """What behaviour logs say about one shopper; personal data (exportable, deletable)."""

    user_id: str
    n_purchases: int = 0
    total_spend: float = 0.0
    avg_spend: float = 0.0
    frequency: int = 0
    recency_days: float | None = None
    avg_price: float | None = None
    category_affinity: dict[str, float] = field(default_factory=dict)
    brand_affinity: dict[str, float] = field(default_factory=dict)
    color_affinity: dict[str, float] = field(default_factory=dict)
    segment: str = ""


@dataclass(frozen=True)
class Candidate:
    """A product in the final ranking, with the reasons a shopper can read."""

    product: Product
    score: float
    reasons: tuple[str, ...] = ()
    components: dict[str, float] = field(default_factory=dict)
