"""Final ranking: relevance + CF score + profile affinity, diversified with MMR, explained.

Every component is in [0, 1] so the config weights mean what they say, and every candidate
carries the reasons a shopper can read. With `personalize=False` no CF or profile signal is
used at all, so two different users get identical output.
"""

from __future__ import annotations

import numpy as np

from recsys.config import RecsysConfig
from recsys.types import Candidate, Profile
from retrieval.types import Hit, Product

# An affinity share above this is worth telling the shopper about.
_AFFINITY_REASON = 0.2


def _affinity(product: Product, profile: Profile) -> tuple[float, list[str]]:
    """Mean of the shopper's category/brand/colour shares for this product, with reasons."""
    reasons = []
    cat = profile.category_affinity.get(product.category, 0.0)
    brand = profile.brand_affinity.get(product.brand, 0.0)
    color = profile.color_affinity.get(product.color, 0.0)
    if brand >= _AFFINITY_REASON:
        reasons.append(f"you often choose {product.brand}")
    if cat >= _AFFINITY_REASON:
        reasons.append(f"you often shop for {product.category}")
    if color >= _AFFINITY_REASON:
        reasons.append(f"you like {product.color}")
    return (cat + brand + color) / 3.0, reasons


def _cf_component(predicted: float, scale: tuple[float, float]) -> tuple[float, list[str]]:
    if np.isnan(predicted):
        return 0.0, ["no rating history for this product yet"]
    low, high = scale
    reasons = [f"shoppers with your taste rate it {predicted:.1f}"] if predicted >= 4.0 else []
    return (predicted - low) / (high - low), reasons


def _relevance_reasons(product: Product, matched_terms: tuple[str, ...]) -> list[str]:
    text = f"{product.title} {product.category} {product.brand} {product.color}".lower()
    hits = [term for term in matched_terms if term and term.lower() in text]
    return [f"matches '{' '.join(hits)}'"] if hits else ["similar to what you asked for"]


def score_candidates(hits: list[Hit], cfg: RecsysConfig, *, profile: Profile | None,
                     cf_predictions: np.ndarray | None, personalize: bool,
                     matched_terms: tuple[str, ...] = ()) -> list[Candidate]:
    """Score each hit; returns candidates in input order (MMR orders them afterwards)."""
    out = []
    for i, hit in enumerate(hits):
        reasons = _relevance_reasons(hit.product, matched_terms)
        components = {"relevance": max(0.0, hit.score)}
        if personalize and profile is None and (cf_predictions is None or np.isnan(cf_predictions).all()):
            reasons.append("new shopper: ranked by relevance and rating, not by history")
        elif personalize:
            if cf_predictions is not None:
                components["cf"], why = _cf_component(float(cf_predictions[i]),
                                                      (cfg.rating_min, cfg.rating_max))
                reasons += why
            if profile is not None:
                components["profile"], why = _affinity(hit.product, profile)
                reasons += why
        if hit.product.rating is not None and hit.product.rating >= 4.5:
            reasons.append(f"rated {hit.product.rating:.1f} by shoppers")
        score = (cfg.w_relevance * components["relevance"] + cfg.w_cf * components.get("cf", 0.0)
                 + cfg.w_profile * components.get("profile", 0.0))
        out.append(Candidate(hit.product, float(score), tuple(reasons), components))
    return out


def mmr_order(candidates: list[Candidate], vectors: np.ndarray | None, lambda_: float, k: int) -> list[Candidate]:
    """Maximal marginal relevance: pick the next item by score minus similarity to those picked.

    Args:
        vectors: float32[len(candidates), d] unit embeddings, or None to sort by score only.
        lambda_: 1.0 means pure score order; lower values favour diversity.
    """
    if vectors is None or lambda_ >= 1.0 or len(candidates) <= 1:
        return sorted(candidates, key=lambda c: -c.score)[:k]
    scores = np.array([c.score for c in candidates])
    sims = vectors @ vectors.T
    chosen: list[int] = []
    remaining = list(range(len(candidates)))
    while remaining and len(chosen) < k:
        if chosen:
            redundancy = sims[np.ix_(remaining, chosen)].max(axis=1)
        else:
            redundancy = np.zeros(len(remaining))
        best = int(np.argmax(lambda_ * scores[remaining] - (1 - lambda_) * redundancy))
        chosen.append(remaining.pop(best))
    return [candidates[i] for i in chosen]
