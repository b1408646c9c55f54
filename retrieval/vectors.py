"""The vector-store seam: what `ProductIndex` needs from whatever holds the product vectors.

Why a seam here and not around `ProductIndex`: the catalog rows, BM25, the fusion and the mapping
between catalog rows and vector slots are the same whoever stores the vectors, so they are written
once (`retrieval.index`); only the dense k-NN, its filtering and the storage differ. Two stores
implement it: `retrieval.ann.FaissVectors` (in this process, the default) and
`retrieval.milvus.MilvusVectors` (a Milvus collection: Milvus Lite in a file, or a server / cluster).

Slots: a store addresses vectors by slot, the order in which they were added, and never reuses one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import pandas as pd

from retrieval.types import Filters, UserError


class StoreMismatchError(UserError, RuntimeError):
    """A build holds another vector store than the one asked for (or its files disagree with its config)."""


@runtime_checkable
class VectorStore(Protocol):
    """Product vectors addressed by slot, searched under the hard filters.

    `filters_inside`: True when `search` applies `filters` itself (Milvus turns them into the engine's
    filter expression); False when it filters with the `allowed` slot mask that `ProductIndex` computes
    from its catalog (FAISS, through an ID selector). Either way exactly the products passing the
    filters can come back, and k of them whenever k exist.
    """

    name: str           # "faiss" or "milvus": the value of `RetrievalConfig.vector_store` it serves
    kind: str           # the index kind, as `index-info` and the manifest report it
    info: dict          # kind, build parameters, dim, build_seconds (the manifest's "index" entry)
    filters_inside: bool

    @property
    def d(self) -> int: ...

    @property
    def ntotal(self) -> int:
        """The next free slot (live and dead vectors together)."""
        ...

    def add(self, products: pd.DataFrame, vectors: np.ndarray) -> None:
        """Append float32[len(products), d] unit rows at the next slots (`products`: their catalog rows)."""

    def delete(self, slots: np.ndarray) -> None:
        """Slots whose products were removed (a store may keep them dead: `ProductIndex` masks them)."""

    def search(self, query: np.ndarray, k: int, filters: Filters | None,
               allowed: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (cosines float32[m], slots int64[m]) among products passing the filters, best first.

        `filters` has excluded brand families already expanded to exact catalog brands; `allowed` is the
        bool[ntotal] mask of live slots passing them (None: every slot): the filter for a store that does
        not filter itself, and for one that does, how many results must come back.
        """
        ...

    def reconstruct_batch(self, slots: np.ndarray) -> np.ndarray:
        """Stored vectors of these slots, float32[len(slots), d]."""
        ...

    def search_params(self) -> dict:
        """The search-time parameters (beam, probes) the manifest records."""
        ...

    def save(self, directory: Path) -> None:
        """Write what reopens this store into a build directory (the vectors, or where they are)."""

    def close(self) -> None:
        """Release connections and files (a no-op for an in-memory store)."""
