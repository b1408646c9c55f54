"""Bias report over recommendation lists: popularity bias, coverage, diversity, brand exposure.

Exposure counts list slots (each shown product in a top-k list is one unit of exposure); a
recommender with popularity bias gives the most-interacted items a larger share of exposure
than their (already large) share of interactions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _flatten(lists: list[list[str]], product_ids: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """(item index per slot, list number per slot); products not in the catalog are skipped."""
    items = product_ids.get_indexer([p for lst in lists for p in lst])
    owner = np.repeat(np.arange(len(lists)), [len(lst) for lst in lists])
    return items[items >= 0], owner[items >= 0]


def popularity_bias(slots: np.ndarray, interactions: np.ndarray, top_share: float = 0.1) -> dict[str, float]:
    """Exposure share of the most-interacted items versus their share of interactions.

    Args:
        slots: item index of every recommended slot.
        interactions: float[n_items] interactions per item (training data).
        top_share: the "head" is this share of items (at least one), by interactions.

    Returns:
        {"head_items", "head_interaction_share", "head_exposure_share", "amplification"}:
        amplification > 1 means the recommender concentrates on the head even more than users do.
    """
    n_head = max(1, int(round(top_share * len(interactions))))
    head = np.zeros(len(interactions), dtype=bool)
    head[np.argsort(-interactions, kind="stable")[:n_head]] = True
    total = interactions.sum()
    interaction_share = float(interactions[head].sum() / total) if total > 0 else 0.0
    exposure_share = float(head[slots].mean()) if len(slots) else 0.0
    return {"head_items": n_head, "head_interaction_share": interaction_share,
            "head_exposure_share": exposure_share,
            "amplification": exposure_share / interaction_share if interaction_share > 0 else float("nan")}


def catalog_coverage(slots: np.ndarray, n_items: int) -> float:
    """Share of the catalog recommended to at least one user."""
    return len(np.unique(slots)) / n_items if n_items else 0.0


def intra_list_diversity(slots: np.ndarray, owner: np.ndarray, vectors: np.ndarray) -> float:
    """Mean over lists of the mean pairwise cosine distance (1 - cos) between its items.

    Args:
        vectors: float[n_items, d] unit rows (product embeddings or one-hot categories).
    """
    values = []
    for list_no in np.unique(owner):
        v = vectors[slots[owner == list_no]]
        n = len(v)
        if n < 2:
            continue
        sims = v @ v.T
        values.append(1.0 - (sims.sum() - np.trace(sims)) / (n * (n - 1)))
    return float(np.mean(values)) if values else 0.0


def gini(values: np.ndarray) -> float:
    """Gini coefficient of non-negative values: 0 = perfectly even, -> 1 = all on one."""
    x = np.sort(np.asarray(values, dtype=np.float64))
    if len(x) == 0 or x.sum() == 0:
        return 0.0
    ranks = np.arange(1, len(x) + 1)
    return float((2 * ranks - len(x) - 1) @ x / (len(x) * x.sum()))


def exposure_by(slots: np.ndarray, labels: pd.Series, interactions: np.ndarray) -> pd.DataFrame:
    """Per label (e.g. brand): share of exposure, of catalog items and of interactions."""
    frame = pd.DataFrame({"label": labels.fillna("").astype(str).to_numpy(), "interactions": interactions})
    table = frame.groupby("label").agg(items=("label", "size"), interactions=("interactions", "sum"))
    exposed = pd.Series(frame["label"].to_numpy()[slots]).value_counts()
    table["exposure_share"] = exposed.reindex(table.index).fillna(0).to_numpy() / max(len(slots), 1)
    table["catalog_share"] = table["items"] / len(frame)
    table["interaction_share"] = table["interactions"] / max(frame["interactions"].sum(), 1e-12)
    return table.reset_index().sort_values("exposure_share", ascending=False, kind="stable")


def bias_report(lists: list[list[str]], catalog: pd.DataFrame, interactions: np.ndarray,
                vectors: np.ndarray, group_by: str = "brand", top_share: float = 0.1) -> dict:
    """All bias numbers for one set of recommendation lists.

    Args:
        lists: product ids shown per user, best first.
        catalog: product_id plus the `group_by` column, in the row order of `interactions` and `vectors`.
        interactions: float[n_items] training interactions per catalog row.
        vectors: float[n_items, d] unit rows for intra-list diversity.

    Returns:
        {"lists", "popularity": popularity_bias(...), "coverage", "diversity", "brand_gini",
        "exposure": [per-group rows]}.
    """
    slots, owner = _flatten(lists, pd.Index(catalog["product_id"]))
    labels = catalog[group_by] if group_by in catalog.columns else pd.Series([""] * len(catalog))
    exposure = exposure_by(slots, labels, interactions)
    return {"lists": len(lists), "popularity": popularity_bias(slots, interactions, top_share),
            "coverage": catalog_coverage(slots, len(catalog)),
            "diversity": intra_list_diversity(slots, owner, vectors),
            "brand_gini": gini(exposure["exposure_share"].to_numpy()),
            "exposure": exposure.to_dict("records")}
