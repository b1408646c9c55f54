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
    size_affinity: dict[str, float] = field(default_factory=dict)
    # Shares of "budget" / "mid-range" / "premium" in what the shopper chose, and the price
    # bands (low, high) of the categories they shop, which say what those words mean there.
    price_level_affinity: dict[str, float] = field(default_factory=dict)
    price_bands: dict[str, tuple[float, float]] = field(default_factory=dict)
    # RFM segment for campaigns ("champions", "at risk", ...) and its scores, e.g. "R5F4M3".
    segment: str = ""
    rfm_score: str = ""
    # "kind:value" -> the product of this session that made it count ("Nike Pegasus Trail 5 you put in
    # your cart"), for reasons that say which signal won; empty for a profile from the build alone.
    recent: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Candidate:
    """A product in the final ranking, with the reasons a shopper can read."""

    product: Product
    score: float
    reasons: tuple[str, ...] = ()
    components: dict[str, float] = field(default_factory=dict)
