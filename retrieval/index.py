"""Product embeddings in a vector store, searched under hard filters, fused with BM25, updatable in place.

Why filtering inside the search (not over-fetching and discarding): it guarantees k results whenever
k products satisfy the filters. FAISS (the default store) does it with ID selectors over an allowed
mask (see `ann.knn`); Milvus with its filter expression (see `retrieval.milvus`). Which store holds
the vectors is the `retrieval.vectors.VectorStore` seam; everything in this module is the same for both.

Rows and slots: `catalog` holds the live products, row i = position i. The store (and BM25) address
vectors by *slot*, the order in which they were added. Removing a product drops its row; FAISS
leaves its slot dead (every search masks dead slots out, so a removed product can never come
back, and no index has to support deletion: HNSW does not), Milvus deletes the vector. Updating a
product is remove + add. A full build compacts slots again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np
import pandas as pd

from retrieval.ann import FaissVectors
from retrieval.catalog import products_from_frame
from retrieval.config import RetrievalConfig
from retrieval.filters import FilterTable
from retrieval.fusion import Fused, fuse, top_lexical
from retrieval.lexical import LexicalIndex
from retrieval.store import CATALOG_FILE, INDEX_FILE, load_index, save_index
from retrieval.texts import catalog_texts
from retrieval.types import Filters, Hit, Product
from retrieval.vectors import VectorStore

__all__ = ["CATALOG_FILE", "INDEX_FILE", "ProductIndex", "RankedRows"]


@dataclass(frozen=True)
class RankedRows:
    """A search result without `Product` objects: parallel arrays, best first.

    rows: catalog rows; scores: fused (or cosine) score; dense: cosine; lexical: raw BM25.
    """

    rows: np.ndarray
    scores: np.ndarray
    dense: np.ndarray
    lexical: np.ndarray


class ProductIndex:
    """Products, the vector store holding their embeddings and (lazily) their BM25 index.

    Args:
        catalog: validated catalog frame; row i is vector i (or slot `slots[i]`).
        vectors: float32[n, d] unit rows (put in a FAISS index whose kind `config` and n choose), a
            `VectorStore` already holding them (`retrieval.milvus.MilvusVectors.build` for Milvus), or
            a built faiss index.
        config: index and search parameters; defaults to `RetrievalConfig()`.
        slots: int64[n] slot of each row when the store has dead slots (after updates).
        lexical: a BM25 index over the slots, if one was saved.
        info: description of a given faiss index (kind, parameters, build time) for the manifest.
    """

    def __init__(self, catalog: pd.DataFrame, vectors: np.ndarray | VectorStore | faiss.Index, *,
                 config: RetrievalConfig | None = None, slots: np.ndarray | None = None,
                 lexical: LexicalIndex | None = None, info: dict | None = None):
        self.config = config or RetrievalConfig()
        self.catalog = catalog.reset_index(drop=True)
        if isinstance(vectors, np.ndarray):
            store: VectorStore = FaissVectors.build(vectors, self.config)
        elif isinstance(vectors, faiss.Index):
            store = FaissVectors(vectors, self.config, info)
        else:
            store = vectors
        if self.config.vector_store != store.name:  # the config says where the vectors are
            self.config = dataclasses.replace(self.config, vector_store=store.name)
        self.store = store
        if slots is None and store.ntotal != len(self.catalog):
            raise ValueError(f"index holds {store.ntotal} vectors but the catalog has {len(self.catalog)} rows")
        self._set_slots(np.arange(len(self.catalog), dtype=np.int64) if slots is None else slots)
        self._products: list[Product] | None = None
        self._lexical = lexical if lexical is not None and len(lexical) == store.ntotal else None

    @property
    def info(self) -> dict:
        """Kind, build parameters, dim and build time of the store's index."""
        return self.store.info

    @property
    def kind(self) -> str:
        return self.store.kind

    def _set_slots(self, slots: np.ndarray) -> None:
        """Row -> slot and slot -> row (-1 = dead) maps; invalidates the filter table."""
        if len(slots) != len(self.catalog):
            raise ValueError(f"{len(slots)} slots for a catalog of {len(self.catalog)} rows")
        if len(slots) and int(slots.max()) >= self.store.ntotal:
            raise ValueError(f"index holds {self.store.ntotal} vectors but a row points at slot {slots.max()}")
        self._slots = np.asarray(slots, dtype=np.int64)
        self._row_at_slot = np.full(self.store.ntotal, -1, dtype=np.int64)
        self._row_at_slot[self._slots] = np.arange(len(self._slots))
        self._row_of = {pid: i for i, pid in enumerate(self.catalog["product_id"])}
        self._filters: FilterTable | None = None

    @property
    def dim(self) -> int:
        return int(self.store.d)

    def __len__(self) -> int:
        return len(self.catalog)

    @property
    def dead_slots(self) -> int:
        """Slots of removed or replaced products (FAISS keeps their vectors, masked out; Milvus deletes them)."""
        return int(self.store.ntotal - len(self.catalog))

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
        """Stored embeddings of the given rows, float32[len(rows), d] (IVF-PQ: reconstructed)."""
        if not len(rows):
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.store.reconstruct_batch(self._slots[np.asarray(rows, dtype=np.int64)])

    def allowed_rows(self, filters: Filters | None) -> np.ndarray:
        """Catalog rows (positions in `products`) passing `filters`: what a count of matching products reads."""
        if self._filters is None:
            self._filters = FilterTable(self.catalog)
        return np.flatnonzero(self._filters.mask(filters or Filters()))

    def allowed_slots(self, filters: Filters | None) -> np.ndarray | None:
        """bool[ntotal] of live slots passing `filters`; None when every slot is allowed."""
        if (filters is None or filters.is_empty()) and not self.dead_slots:
            return None
        if self._filters is None:
            self._filters = FilterTable(self.catalog)
        rows = self._filters.mask(filters or Filters())
        mask = np.zeros(self.store.ntotal, dtype=bool)
        mask[self._slots[rows]] = True
        return mask

    def search(self, query: np.ndarray, filters: Filters | None = None, k: int = 10,
               text: str | None = None) -> list[Hit]:
        """Top-k products among those passing `filters`, by cosine or, given `text`, hybrid score.

        Args:
            query: float32[d] unit vector (the embedded query text).
            filters: hard constraints; a product breaking one is never returned.
            k: results wanted; exactly min(k, products passing the filters) come back.
            text: the raw query; when given and `config.lexical_weight` > 0, BM25 is fused in.
        """
        ranked = self.search_rows(query, filters, k, text)
        return [Hit(self.products[r], float(s), float(lex), float(d)) for r, s, d, lex
                in zip(ranked.rows, ranked.scores, ranked.dense, ranked.lexical, strict=True)]

    def search_rows(self, query: np.ndarray, filters: Filters | None = None, k: int = 10,
                    text: str | None = None) -> RankedRows:
        """`search` without building `Product` objects (benchmarks, bulk evaluation)."""
        # FAISS filters through this mask; a store that filters itself needs it for BM25 and to know how
        # many products pass (k of them must come back).
        mask = self.allowed_slots(filters)
        query = np.ascontiguousarray(query, dtype=np.float32).reshape(-1)
        lexical = self._lexical_scores(text, mask)
        pool = k if lexical is None else max(k, self.config.fusion_pool)
        dense, slots = self.store.search(query, pool, self._pushed_down(filters), mask)
        if lexical is None:
            result = Fused(slots[:k], dense[:k], dense[:k], np.zeros(len(slots[:k]), dtype=np.float32))
        else:
            result = self._fuse(query, slots, dense, lexical, k)
        return RankedRows(self._row_at_slot[result.slots], result.scores, result.dense, result.lexical)

    def _pushed_down(self, filters: Filters | None) -> Filters | None:
        """`filters` for a store that filters itself: an excluded brand's family ("cadbury" covers
        "cadbury bournville") spelled out as the catalog's exact brands, as `FilterTable` reads it."""
        if not self.store.filters_inside or filters is None or not filters.exclude_brands:
            return filters
        if self._filters is None:
            self._filters = FilterTable(self.catalog)
        return dataclasses.replace(filters, exclude_brands=self._filters.brand_family(filters.exclude_brands))

    def _lexical_scores(self, text: str | None, mask: np.ndarray | None) -> np.ndarray | None:
        if not text or self.config.lexical_weight <= 0:
            return None
        scores = self.lexical_index().scores(text)
        if scores is not None and mask is not None:
            scores = np.where(mask, scores, 0.0).astype(np.float32)
        return None if scores is None or not scores.any() else scores

    def _fuse(self, query: np.ndarray, slots: np.ndarray, dense: np.ndarray, lexical: np.ndarray, k: int) -> Fused:
        extra = np.setdiff1d(top_lexical(lexical, self.config.fusion_pool), slots)
        extra_dense = self.store.reconstruct_batch(extra) @ query if len(extra) else np.zeros(0, np.float32)
        union = np.concatenate([slots, extra])
        cosines = np.concatenate([dense, extra_dense]).astype(np.float32)
        return fuse(union, cosines, lexical[union], float(lexical.max()), self.config.lexical_weight,
                    self.config.fusion, k)

    def lexical_index(self) -> LexicalIndex:
        """The BM25 index over slots, (re)built from the catalog when missing or stale."""
        if self._lexical is None or len(self._lexical) != self.store.ntotal:
            texts = [""] * self.store.ntotal
            for slot, text in zip(self._slots, catalog_texts(self.catalog, description=False), strict=True):
                texts[slot] = text
            self._lexical = LexicalIndex.build(texts)
        return self._lexical

    def upsert(self, products: pd.DataFrame, vectors: np.ndarray) -> None:
        """Add products, replacing any with the same product_id; no rebuild.

        Args:
            products: validated catalog frame of the new or changed products.
            vectors: float32[len(products), d] their unit embeddings.
        """
        if len(products) != len(vectors):
            raise ValueError(f"{len(products)} products but {len(vectors)} vectors")
        self.remove(products["product_id"].tolist())
        first = self.store.ntotal
        self.store.add(products.reset_index(drop=True), np.ascontiguousarray(vectors, dtype=np.float32))
        old = self._products
        self.catalog = _concat(self.catalog, products)
        self._set_slots(np.concatenate([self._slots, np.arange(first, self.store.ntotal, dtype=np.int64)]))
        self._products = None if old is None else old + products_from_frame(products.reset_index(drop=True))

    def remove(self, product_ids: list[str]) -> int:
        """Remove products by id (unknown ids are ignored); returns how many were removed."""
        doomed = {self._row_of[pid] for pid in product_ids if pid in self._row_of}
        if not doomed:
            return 0
        keep = np.ones(len(self.catalog), dtype=bool)
        keep[list(doomed)] = False
        self.store.delete(self._slots[~keep])
        old = self._products
        self.catalog = self.catalog[keep].reset_index(drop=True)
        self._set_slots(self._slots[keep])
        self._products = None if old is None else [p for p, kept in zip(old, keep, strict=True) if kept]
        return len(doomed)

    def describe(self) -> dict:
        """Kind, parameters and sizes, for the manifest and `shopassist index-info`."""
        return {**self.info, "ntotal": int(self.store.ntotal), "products": len(self),
                "dead_slots": self.dead_slots, "vector_store": self.store.name,
                "search": {**self.store.search_params(), "lexical_weight": self.config.lexical_weight,
                           "fusion": self.config.fusion}}

    def save(self, directory: str | Path) -> None:
        """Write the index files into an existing directory (see `retrieval.store`)."""
        lexical = self.lexical_index() if self.config.lexical_weight > 0 else None
        save_index(Path(directory), self.store, self.catalog, self._slots, self.config, self.describe(), lexical)

    def close(self) -> None:
        """Release the vector store's connection (Milvus); the index is not searched afterwards."""
        self.store.close()

    @classmethod
    def load(cls, directory: str | Path, config: RetrievalConfig | None = None) -> ProductIndex:
        """Load a saved index; `config` (else the saved one) sets the search parameters and says which
        vector store is expected (a mismatch raises `StoreMismatchError`)."""
        saved = load_index(Path(directory), config)
        return cls(saved.catalog, saved.store, config=saved.config, slots=saved.slots, lexical=saved.lexical)


def _concat(catalog: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """Append validated rows; free attribute columns missing on one side become ""."""
    merged = pd.concat([catalog, products], ignore_index=True)
    for column in merged.columns:
        if column not in catalog.columns or column not in products.columns:
            if merged[column].dtype == object or pd.api.types.is_string_dtype(merged[column]):
                merged[column] = merged[column].fillna("")
    return merged
