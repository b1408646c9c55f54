"""Final ranking: relevance + CF score + profile affinity, diversified with MMR, explained.

Every component is in [0, 1] so the config weights mean what they say, and every candidate
carries the reasons a shopper can read. With `personalize=False` no CF or profile signal is
used at all, so two different users get identical output. Fallbacks are explicit: a shopper
with no history and a product nobody has rated or bought yet each get a reason saying so.
"""

from __future__ import annotations

import numpy as np

from recsys.config import RecsysConfig
from recsys.types import Candidate, Profile
from retrieval.types import Hit, Product

# An affinity share above this is worth telling the shopper about.
_AFFINITY_REASON = 0.2
# A top-N percentile above this is worth telling the shopper about.
_TOPN_REASON = 0.9
COLD_START_REASON = "new shopper: ranked by relevance and rating, not by history"
NEW_PRODUCT_REASON = "new product: no ratings or purchases yet, so no taste-match score"
RECOMMENDED_REASON = "picked for you from what you and similar shoppers chose"
POPULAR_REASON = "popular with shoppers"


def price_level(product: Product, profile: Profile) -> str:
    """"budget" / "mid-range" / "premium" within the product's category, "" if unknown."""
    band = profile.price_bands.get(product.category)
    if band is None or product.price is None:
        return ""
    low, high = band
    return "budget" if product.price <= low else "premium" if product.price > high else "mid-range"


def _affinity(product: Product, profile: Profile) -> tuple[float, list[str]]:
    """Mean of the shopper's shares for this product's category, brand, colour, size, price level.

    Only kinds the shopper has a history in and the product has a value for are averaged, so a
    catalog without sizes does not dilute the others.
    """
    level = price_level(product, profile)
    parts = [
        (profile.brand_affinity, product.brand, f"you often choose {product.brand}"),
        (profile.category_affinity, product.category, f"you often shop for {product.category}"),
        (profile.color_affinity, product.color, f"you like {product.color}"),
        (profile.size_affinity, product.size, f"in your usual size ({product.size})"),
        (profile.price_level_affinity, level, f"in your usual price range ({level})"),
    ]
    kinds = ("brand", "category", "color", "size", "price_level")
    shares, reasons = [], []
    for kind, (affinity, value, reason) in zip(kinds, parts, strict=True):
        if not affinity or not value:
            continue
        share = affinity.get(value, 0.0)
        shares.append(share)
        if share >= _AFFINITY_REASON:
            recent = profile.recent.get(f"{kind}:{value}")
            said = f"like the {recent}" if recent else reason
            if said not in reasons:
                reasons.append(said)
    return (float(np.mean(shares)) if shares else 0.0), reasons


def _cf_component(predicted: float, topn: float, scale: tuple[float, float]) -> tuple[float, list[str]]:
    """CF score in [0, 1]: the predicted rating when there is one, else the top-N percentile."""
    if not np.isnan(predicted):
        low, high = scale
        reasons = [f"shoppers with your taste rate it {predicted:.1f}"] if predicted >= 4.0 else []
        return (predicted - low) / (high - low), reasons
    if not np.isnan(topn):
        reasons = [f"shoppers who bought what you bought chose it (top {max(1, round(100 * (1 - topn)))}%)"] \
            if topn >= _TOPN_REASON else []
        return float(topn), reasons
    return 0.0, [NEW_PRODUCT_REASON]


def _relevance_reasons(product: Product, matched_terms: tuple[str, ...], source: str, known_user: bool) -> list[str]:
    if source == "recommend":  # no query: the candidates came from the recommender, not a search
        return [RECOMMENDED_REASON if known_user else POPULAR_REASON]
    text = f"{product.title} {product.category} {product.brand} {product.color}".lower()
    hits = [term for term in matched_terms if term and term.lower() in text]
    return [f"matches '{' '.join(hits)}'"] if hits else ["similar to what you asked for"]


def _missing(values: np.ndarray | None, n: int) -> np.ndarray:
    return np.full(n, np.nan) if values is None else np.asarray(values, dtype=np.float64)


def score_candidates(hits: list[Hit], cfg: RecsysConfig, *, profile: Profile | None,
                     cf_predictions: np.ndarray | None, personalize: bool,
                     matched_terms: tuple[str, ...] = (), topn_scores: np.ndarray | None = None,
                     source: str = "search") -> list[Candidate]:
    """Score each hit; returns candidates in input order (MMR orders them afterwards).

    Args:
        cf_predictions: predicted ratings float[len(hits)] (NaN = unknown), or None.
        topn_scores: top-N percentiles in [0, 1] float[len(hits)] (NaN = unknown), or None;
            used for products without a predicted rating (e.g. a shop with purchases, no ratings).
        personalize: False ignores profile, cf_predictions and topn_scores entirely.
        source: "search" (hits answer a query) or "recommend" (hits are recommendations for
            "recommend me something"), which only changes the first reason's wording.
    """
    predicted, topn = _missing(cf_predictions, len(hits)), _missing(topn_scores, len(hits))
    known_user = not (np.isnan(predicted).all() and np.isnan(topn).all())
    out = []
    for i, hit in enumerate(hits):
        reasons = _relevance_reasons(hit.product, matched_terms, source, personalize and known_user)
        components = {"relevance": max(0.0, hit.score)}
        if personalize and profile is None and not known_user:
            reasons.append(COLD_START_REASON)
        elif personalize:
            if known_user:
                components["cf"], why = _cf_component(float(predicted[i]), float(topn[i]),
                                                      (cfg.rating_min, cfg.rating_max))
                reasons += why
            if profile is not None:
                components["profile"], why = _affinity(hit.product, profile)
                reasons += why
        if hit.product.rating is not None and hit.product.rating >= 4.5:
            reasons.append(f"rated {hit.product.rating:.1f} by shoppers")
        components["rating"] = shrunk_rating(hit.product, cfg)
        score = (cfg.w_relevance * components["relevance"] + cfg.w_cf * components.get("cf", 0.0)
                 + cfg.w_profile * components.get("profile", 0.0) + cfg.w_rating * components["rating"])
        out.append(Candidate(hit.product, float(score), tuple(reasons), components))
    return out


def shrunk_rating(product: Product, cfg: RecsysConfig) -> float:
    """The product's rating in [0, 1], pulled towards the scale's middle by `rating_prior_reviews` reviews
    (a product without a rating sits in the middle)."""
    low, high = cfg.rating_min, cfg.rating_max
    middle = (low + high) / 2
    if product.rating is None:
        return 0.5
    reviews = max(0.0, float(product.review_count or 0))
    prior = cfg.rating_prior_reviews
    mean = (product.rating * reviews + middle * prior) / (reviews + prior) if reviews + prior > 0 else product.rating
    return float(min(1.0, max(0.0, (mean - low) / (high - low))))


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
