"""Hard filters as boolean masks over the catalog's columns.

Why masks: one vectorised pass over the catalog yields exactly the rows that are allowed;
FAISS then searches only those (an ID selector), so k results come back whenever k exist.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from retrieval.types import Filters


def _lower(values: tuple[str, ...]) -> list[str]:
    return [v.strip().lower() for v in values if v and v.strip()]


def filter_mask(catalog: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Rows of `catalog` (a validated catalog frame) that satisfy every hard filter.

    Returns:
        bool array of shape (len(catalog),).
    """
    mask = np.ones(len(catalog), dtype=bool)
    price = catalog["price"].to_numpy(dtype=np.float64)
    if filters.min_price is not None:
        mask &= price >= filters.min_price  # NaN (unknown price) never passes a price filter
    if filters.max_price is not None:
        mask &= price <= filters.max_price
    for column, wanted in (("category", filters.categories), ("brand", filters.brands),
                           ("color", filters.colors)):
        values = _lower(wanted)
        if values:
            mask &= catalog[column].str.lower().isin(values).to_numpy()
    excluded = _lower(filters.exclude_brands)
    if excluded:
        mask &= ~catalog["brand"].str.lower().isin(excluded).to_numpy()
    if filters.in_stock_only and "in_stock" in catalog:
        mask &= catalog["in_stock"].to_numpy(dtype=bool)
    if filters.exclude_ids:
        mask &= ~catalog["product_id"].isin(list(filters.exclude_ids)).to_numpy()
    return mask


def satisfies(row: pd.Series | dict, filters: Filters) -> bool:
    """Scalar check of one product against the filters (used by tests and the fuzzer)."""
    frame = pd.DataFrame([dict(row)])
    for column in ("category", "brand", "color"):
        if column not in frame:
            frame[column] = ""
    return bool(filter_mask(frame, filters)[0])
