"""FAISS index over product embeddings, searched under hard filters.

Why FAISS ID selectors: filtering inside the search (not over-fetching and discarding)
guarantees k results whenever k products satisfy the filters.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np
import pandas as pd

from retrieval.catalog import products_from_frame
from retrieval.filters import filter_mask
from retrieval.types import Filters, Hit, Product

INDEX_FILE = "products.faiss"
CATALOG_FILE = "catalog.parquet"


class ProductIndex:
    """Exact inner-product index (unit vectors, so scores are cosine similarities).

    Args:
        catalog: validated catalog frame; row i is vector i.
        vectors: float32[n, d] unit rows, or an already built faiss index of n vectors.
    """

    def __init__(self, catalog: pd.DataFrame, vectors: np.ndarray | faiss.Index):
        self.catalog = catalog.reset_index(drop=True)
        if isinstance(vectors, np.ndarray):
            index = faiss.IndexFlatIP(vectors.shape[1])
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        else:
            index = vectors
        if index.ntotal != len(self.catalog):
            raise ValueError(f"index holds {index.ntotal} vectors but the catalog has {len(self.catalog)} rows")
        self.faiss_index = index
        self._products: list[Product] | None = None
        self._row_of = {pid: i for i, pid in enumerate(self.catalog["product_id"])}

    @property
    def dim(self) -> int:
        return int(self.faiss_index.d)

    def __len__(self) -> int:
        return len(self.catalog)

    @property
    def products(self) -> list[Product]:
        if self._products is None:
            self._products = products_from_frame(self.catalog)
        return self._products

    def product(self, product_id: str) -> Product | None:
        row = self._row_of.get(product_id)
        return None if row is None else self.products[row]

    def row(self, product_id: str) -> int | None:
        return self._row_of.get(product_id)

    def vectors(self, rows: list[int]) -> np.ndarray:
        """Stored embeddings of the given rows, float32[len(rows), d]."""
        if not rows:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.faiss_index.reconstruct_batch(np.asarray(rows, dtype=np.int64))

    def search(self, query: np.ndarray, filters: Filters | None = None, k: int = 10) -> list[Hit]:
        """Top-k products by cosine similarity among those passing `filters`.

        Args:
            query: float32[d] unit vector.
        """
        query = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        filters = filters or Filters()
        params = None
        if not filters.is_empty():
            allowed = np.flatnonzero(filter_mask(self.catalog, filters)).astype(np.int64)
            if allowed.size == 0:
                return []
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed))
        k = min(k, len(self.catalog))
        scores, rows = self.faiss_index.search(query, k, params=params)
        return [Hit(self.products[r], float(s)) for s, r in zip(scores[0], rows[0], strict=True) if r >= 0]

    def save(self, directory: str | Path) -> None:
        directory = Path(directory)
        faiss.write_index(self.faiss_index, str(directory / INDEX_FILE))
        self.catalog.to_parquet(directory / CATALOG_FILE, index=False)

    @classmethod
    def load(cls, directory: str | Path) -> ProductIndex:
        directory = Path(directory)
        catalog = pd.read_parquet(directory / CATALOG_FILE)
        return cls(catalog, faiss.read_index(str(directory / INDEX_FILE)))
