"""RFM scores and named customer segments for targeted campaigns.

Each of recency, frequency and monetary value becomes a score 1..bins by its quantile among
purchasers (bins = recent / frequent / big spenders), and the three scores map to the usual
named segments. Rules, not clustering, so a marketer can read why a customer is "at risk".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Segment -> the campaign it suggests (shown in `shopassist segments`).
CAMPAIGNS = {
    "champions": "reward: early access, referral programme",
    "loyal": "upsell: premium lines, loyalty points",
    "new": "onboard: welcome series, second-order coupon",
    "promising": "nurture: recommendations from recent browsing",
    "needs attention": "re-engage: limited-time offer on favourite categories",
    "at risk": "win back: personal discount before they lapse",
    "hibernating": "reactivate: best-sellers digest, low-cost touch",
    "browsers": "convert: first-purchase incentive on viewed items",
}
SEGMENTS = tuple(CAMPAIGNS)


def _score(values: pd.Series, bins: int) -> np.ndarray:
    """Quantile score 1..bins (higher = larger value); ties share the average rank."""
    pct = values.rank(pct=True, method="average").to_numpy()
    return np.clip(np.ceil(pct * bins), 1, bins).astype(int)


def assign_segments(users: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Add r_score, f_score, m_score, rfm_score ("R5F4M3") and segment columns.

    Args:
        users: user_id, frequency (orders), recency_days, total_spend; users with no order
            (frequency 0) become "browsers" with no scores.
        bins: number of quantile bins (5 = quintiles).
    """
    out = users.copy()
    buyers = out["frequency"].fillna(0).to_numpy() > 0
    for column in ("r_score", "f_score", "m_score"):
        out[column] = 0
    if buyers.any():
        part = out[buyers]
        out.loc[buyers, "r_score"] = _score(-part["recency_days"], bins)
        out.loc[buyers, "f_score"] = _score(part["frequency"], bins)
        out.loc[buyers, "m_score"] = _score(part["total_spend"], bins)
    out["rfm_score"] = np.where(buyers, "R" + out["r_score"].astype(str) + "F" + out["f_score"].astype(str)
                                + "M" + out["m_score"].astype(str), "")
    out["segment"] = _name(out, buyers, bins)
    return out


def _name(users: pd.DataFrame, buyers: np.ndarray, bins: int) -> np.ndarray:
    """First matching rule wins; thresholds scale with bins (high = top 40%, low = bottom 40%)."""
    r, f, m = (users[c].to_numpy() for c in ("r_score", "f_score", "m_score"))
    high, low = r > 0.6 * bins, r <= 0.4 * bins
    frequent, rare = f > 0.6 * bins, f <= 0.4 * bins
    one_order = users["frequency"].fillna(0).to_numpy() == 1
    rules = [
        (~buyers, "browsers"),
        (high & frequent & (m > 0.6 * bins), "champions"),
        (frequent & ~low, "loyal"),
        (high & one_order, "new"),
        (high, "promising"),
        (low & ~rare, "at risk"),
        (low, "hibernating"),
    ]
    return np.select([cond for cond, _ in rules], [name for _, name in rules], default="needs attention")


def segment_summary(users: pd.DataFrame) -> pd.DataFrame:
    """One row per segment: users, share, median recency, mean orders, mean spend, revenue share, campaign."""
    if users.empty:
        return pd.DataFrame(columns=["segment", "users", "share", "recency_days", "orders", "avg_spend",
                                     "revenue_share", "campaign"])
    grouped = users.groupby("segment")
    revenue = users["total_spend"].fillna(0).sum()
    table = pd.DataFrame({
        "users": grouped.size(),
        "recency_days": grouped["recency_days"].median(),
        "orders": grouped["frequency"].mean(),
        "avg_spend": grouped["total_spend"].mean(),
        "revenue": grouped["total_spend"].sum(),
    })
    table["share"] = table["users"] / len(users)
    table["revenue_share"] = table["revenue"] / revenue if revenue > 0 else 0.0
    table["campaign"] = [CAMPAIGNS.get(s, "") for s in table.index]
    order = {name: i for i, name in enumerate(SEGMENTS)}
    table = table.sort_index(key=lambda idx: idx.map(lambda s: order.get(s, len(order))))
    return table.reset_index()[["segment", "users", "share", "recency_days", "orders", "avg_spend",
                                "revenue_share", "campaign"]]
