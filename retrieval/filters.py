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


def in_family(brand: str, excluded: list[str]) -> bool:
    """An excluded brand covers its family: "cadbury" rules out "cadbury bournville" (lower-case inputs).

    Why: catalogs list sub-brands as brands of their own, and a shopper who says "not Cadbury"
    means all of them.
    """
    return any(brand == e or brand.startswith(e + " ") for e in excluded)


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
        mask &= ~catalog["brand"].str.lower().map(lambda b: in_family(b, excluded)).to_numpy(dtype=bool)
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


class FilterTable:
    """`filter_mask` for a catalog that is searched many times: columns lower-cased and coded once.

    Why: lower-casing and matching string columns costs ~20 ms per 100k products per query,
    more than the FAISS search itself; integer codes make a filter a few vectorised compares.
    Same semantics as `filter_mask` (a test checks they agree on random filters).
    """

    def __init__(self, catalog: pd.DataFrame):
        self.size = len(catalog)
        self.price = catalog["price"].to_numpy(dtype=np.float64)
        self._codes: dict[str, tuple[np.ndarray, dict[str, int]]] = {}
        for column in ("category", "brand", "color"):
            values = catalog[column].astype(str).str.lower() if column in catalog else pd.Series([""] * self.size)
            codes, uniques = pd.factorize(values)
            self._codes[column] = (codes.astype(np.int32), {u: i for i, u in enumerate(uniques)})
        self.in_stock = catalog["in_stock"].to_numpy(dtype=bool) if "in_stock" in catalog else None
        self._ids = catalog["product_id"]
        self._row_of: dict[str, int] | None = None  # built on the first exclude_ids filter

    def _isin(self, column: str, wanted: tuple[str, ...]) -> np.ndarray:
        codes, code_of = self._codes[column]
        found = [code_of[v] for v in _lower(wanted) if v in code_of]
        return np.isin(codes, np.asarray(found, dtype=np.int32)) if found else np.zeros(self.size, dtype=bool)

    def brand_family(self, excluded: tuple[str, ...]) -> tuple[str, ...]:
        """The lower-cased catalog brands an exclusion covers (each brand's family) plus the excluded
        names themselves, sorted: what a store that filters by exact value must leave out."""
        wanted = _lower(excluded)
        _, code_of = self._codes["brand"]
        return tuple(sorted({value for value in code_of if in_family(value, wanted)} | set(wanted)))

    def mask(self, filters: Filters) -> np.ndarray:
        """Rows satisfying every hard filter; bool array of shape (size,)."""
        mask = np.ones(self.size, dtype=bool)
        if filters.min_price is not None:
            mask &= self.price >= filters.min_price
        if filters.max_price is not None:
            mask &= self.price <= filters.max_price
        for column, wanted in (("category", filters.categories), ("brand", filters.brands),
                               ("color", filters.colors)):
            if _lower(wanted):
                mask &= self._isin(column, wanted)
        excluded = _lower(filters.exclude_brands)
        if excluded:
            codes, code_of = self._codes["brand"]
            family = [code for value, code in code_of.items() if in_family(value, excluded)]
            mask &= ~np.isin(codes, np.asarray(family, dtype=np.int32))
        if filters.in_stock_only and self.in_stock is not None:
            mask &= self.in_stock
        if filters.exclude_ids:
            if self._row_of is None:
                self._row_of = {pid: i for i, pid in enumerate(self._ids)}
            mask[[self._row_of[pid] for pid in filters.exclude_ids if pid in self._row_of]] = False
        return mask
