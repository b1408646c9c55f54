"""A wide user x feature matrix from the profiles, variance-based feature selection, k-means.

Why select by variance: a feature (say, affinity for a brand almost nobody buys) that is nearly
constant across users cannot separate segments, and with one column per category/brand/colour
there are many such columns; dropping them makes k-means distances mean something.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from retrieval.types import MissingPackageError

_RFM_FEATURES = ("recency_days", "frequency", "total_spend", "avg_spend", "avg_price", "n_purchases")


def feature_matrix(users: pd.DataFrame, affinities: pd.DataFrame, top_values: int = 20) -> pd.DataFrame:
    """Users x features: RFM columns plus "kind=value" affinity shares (most common values only).

    Args:
        users: ProfileStore.users.
        affinities: ProfileStore.affinities (long format).
        top_values: per affinity kind, keep the values with the largest total weight.

    Returns:
        float64 frame indexed by user_id, NaN filled with 0 (no purchase = no spend). Recency of
        non-buyers is set to the largest observed recency (they are as lapsed as anyone).
    """
    rfm = users.set_index("user_id")[[c for c in _RFM_FEATURES if c in users.columns]].astype(float)
    if "recency_days" in rfm.columns:
        rfm["recency_days"] = rfm["recency_days"].fillna(rfm["recency_days"].max())
    wide = _affinity_columns(affinities, top_values)
    return rfm.join(wide, how="outer").fillna(0.0)


def _affinity_columns(affinities: pd.DataFrame, top_values: int) -> pd.DataFrame:
    """Wide user x "kind=value" shares for the top values of each kind (integer codes, no pivot)."""
    user_codes, user_ids = pd.factorize(affinities["user_id"])
    pair_codes, pairs = pd.factorize(pd.MultiIndex.from_arrays([affinities["kind"].astype(str),
                                                               affinities["value"].astype(str)]))
    weights = affinities["weight"].to_numpy(dtype=np.float64)
    totals = pd.Series(np.bincount(pair_codes, weights=weights, minlength=len(pairs)), index=pairs)
    keep = totals.groupby(level=0, group_keys=False).nlargest(top_values).index
    column_of = pd.Index(pairs).get_indexer(keep)
    position = np.full(len(pairs), -1)
    position[column_of] = np.arange(len(keep))
    cols = position[pair_codes]
    matrix = np.zeros((len(user_ids), len(keep)))
    np.add.at(matrix, (user_codes[cols >= 0], cols[cols >= 0]), weights[cols >= 0])
    names = [f"{kind}={value}" for kind, value in keep]
    return pd.DataFrame(matrix, index=pd.Index(np.asarray(user_ids, dtype=object), name="user_id"), columns=names)


def select_by_variance(features: pd.DataFrame, min_variance: float) -> tuple[pd.DataFrame, list[str]]:
    """Min-max scale each column to [0, 1] and drop those with variance below `min_variance`.

    Scaling first makes one threshold work for spend in dollars and affinity shares alike.

    Returns:
        (scaled frame of the kept columns, names of the dropped columns).
    """
    low, high = features.min(), features.max()
    span = (high - low).replace(0.0, 1.0)
    scaled = (features - low) / span
    variance = scaled.var(ddof=0)
    kept = variance.index[variance >= min_variance]
    return scaled[kept], [c for c in features.columns if c not in set(kept)]


def kmeans_segments(scaled: pd.DataFrame, clusters: int, seed: int = 0) -> tuple[pd.Series, pd.DataFrame]:
    """k-means (scikit-learn) on selected features; returns (label per user, cluster profile table).

    The profile table lists, per cluster, its size and the three features whose cluster mean is
    furthest above the overall mean: a readable name for a group found by distance.
    """
    try:
        from sklearn.cluster import KMeans
    except ImportError as exc:  # pragma: no cover - scikit-learn comes with sentence-transformers
        raise MissingPackageError("k-means segments need scikit-learn: pip install scikit-learn") from exc
    clusters = max(1, min(clusters, len(scaled)))
    model = KMeans(n_clusters=clusters, n_init=3, random_state=seed).fit(scaled.to_numpy())
    labels = pd.Series(model.labels_, index=scaled.index, name="cluster")
    lift = pd.DataFrame(model.cluster_centers_, columns=scaled.columns) - scaled.mean()
    rows = [{"cluster": int(c), "users": int((labels == c).sum()),
             "distinctive": ", ".join(lift.loc[c].nlargest(3).index)} for c in range(clusters)]
    return labels, pd.DataFrame(rows)
