"""User profiles by feature engineering over behaviour logs (pandas, vectorised groupbys).

Two tables, both keyed by user_id so one user can be exported or deleted with one filter:
`users` (RFM: spend, frequency, recency, average price paid) and `affinities` (long format:
user_id, kind in {category, brand, color}, value, weight; weights of one kind sum to 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from recsys.config import RecsysConfig
from recsys.types import Profile

USERS_FILE = "profiles_users.parquet"
AFFINITIES_FILE = "profiles_affinities.parquet"
# How much one event says about taste: a purchase says more than a glance.
EVENT_WEIGHTS = {"view": 1.0, "cart": 3.0, "purchase": 5.0}
AFFINITY_KINDS = ("category", "brand", "color")


def rfm_table(events: pd.DataFrame, now: pd.Timestamp | None = None) -> pd.DataFrame:
    """Recency (days), frequency (orders), monetary (spend) per user, from purchase events."""
    purchases = events[events["event"] == "purchase"]
    if now is None:
        now = events["timestamp"].max() if len(events) else pd.Timestamp.now(tz="UTC")
    amount = purchases["quantity"] * purchases["price"]
    grouped = purchases.assign(amount=amount).groupby("user_id")
    table = pd.DataFrame({
        "n_purchases": grouped["quantity"].sum(),
        "frequency": grouped["timestamp"].nunique(),
        "total_spend": grouped["amount"].sum(),
        "avg_price": grouped["price"].mean(),
        "last_purchase": grouped["timestamp"].max(),
    })
    table["avg_spend"] = table["total_spend"] / table["frequency"]
    table["recency_days"] = (now - table["last_purchase"]).dt.total_seconds() / 86400.0
    return table.drop(columns="last_purchase").reset_index()


def _signals(events: pd.DataFrame, ratings: pd.DataFrame, now: pd.Timestamp, half_life: float) -> pd.DataFrame:
    """One weighted row per behaviour signal: events decay with age; ratings weigh by stars."""
    age_days = (now - events["timestamp"]).dt.total_seconds() / 86400.0
    weight = events["event"].map(EVENT_WEIGHTS).astype(float) * np.power(0.5, age_days / half_life)
    parts = [pd.DataFrame({"user_id": events["user_id"], "product_id": events["product_id"], "w": weight})]
    if len(ratings):
        # Only liked items (4-5 stars) say what a shopper is drawn to; dislikes are not affinity.
        liked = ratings[ratings["rating"] >= 4]
        parts.append(pd.DataFrame({"user_id": liked["user_id"], "product_id": liked["product_id"],
                                   "w": liked["rating"] - 3.0}))
    return pd.concat(parts, ignore_index=True)


def affinity_table(events: pd.DataFrame, ratings: pd.DataFrame, catalog: pd.DataFrame,
                   now: pd.Timestamp, half_life: float) -> pd.DataFrame:
    """Normalised category/brand/colour affinities per user (long format)."""
    signals = _signals(events, ratings, now, half_life)
    signals = signals.merge(catalog[["product_id", *AFFINITY_KINDS]], on="product_id", how="inner")
    tables = []
    for kind in AFFINITY_KINDS:
        part = signals[signals[kind] != ""].groupby(["user_id", kind], as_index=False)["w"].sum()
        part["weight"] = part["w"] / part.groupby("user_id")["w"].transform("sum")
        tables.append(part.rename(columns={kind: "value"}).assign(kind=kind)[
            ["user_id", "kind", "value", "weight"]])
    return pd.concat(tables, ignore_index=True)


@dataclass
class ProfileStore:
    """Profiles of all users; `get` builds the boundary `Profile` dataclass for one user."""

    users: pd.DataFrame
    affinities: pd.DataFrame

    @classmethod
    def build(cls, events: pd.DataFrame, ratings: pd.DataFrame, catalog: pd.DataFrame,
              cfg: RecsysConfig) -> ProfileStore:
        now = events["timestamp"].max() if len(events) else pd.Timestamp.now(tz="UTC")
        users = rfm_table(events, now)
        affinities = affinity_table(events, ratings, catalog, now, cfg.recency_half_life_days)
        return cls(users=users, affinities=affinities)

    def user_ids(self) -> set[str]:
        return set(self.users["user_id"]) | set(self.affinities["user_id"])

    def get(self, user_id: str | None) -> Profile | None:
        if user_id is None:
            return None
        aff = self.affinities[self.affinities["user_id"] == user_id]
        row = self.users[self.users["user_id"] == user_id]
        if aff.empty and row.empty:
            return None
        maps = {kind: dict(zip(part["value"], part["weight"].astype(float), strict=True))
                for kind, part in aff.groupby("kind")}
        rfm = row.iloc[0].to_dict() if not row.empty else {}
        return Profile(
            user_id=user_id,
            n_purchases=int(rfm.get("n_purchases", 0)),
            total_spend=float(rfm.get("total_spend", 0.0)),
            avg_spend=float(rfm.get("avg_spend", 0.0)),
            frequency=int(rfm.get("frequency", 0)),
            recency_days=None if not rfm else float(rfm["recency_days"]),
            avg_price=None if not rfm else float(rfm["avg_price"]),
            category_affinity=maps.get("category", {}),
            brand_affinity=maps.get("brand", {}),
            color_affinity=maps.get("color", {}),
        )

    def forget(self, user_id: str) -> None:
        self.users = self.users[self.users["user_id"] != user_id]
        self.affinities = self.affinities[self.affinities["user_id"] != user_id]

    def save(self, directory: str | Path) -> None:
        self.users.to_parquet(Path(directory) / USERS_FILE, index=False)
        self.affinities.to_parquet(Path(directory) / AFFINITIES_FILE, index=False)

    @classmethod
    def load(cls, directory: str | Path) -> ProfileStore:
        return cls(users=pd.read_parquet(Path(directory) / USERS_FILE),
                   affinities=pd.read_parquet(Path(directory) / AFFINITIES_FILE))
