"""FAISS index construction and k-NN search under an allowed-slot mask.

Kinds: "flat" (exact `IndexFlatIP`), "hnsw" (`IndexHNSWFlat`), "ivf" (`IndexIVFFlat`),
"ivfpq" (`IndexIVFPQ`); all inner product over unit vectors, so scores are cosines.

Why the search is more than one `index.search` call: an approximate index searched with an ID
selector can return fewer than k results when the filter is selective (HNSW walks a graph whose
neighbours are mostly filtered out; IVF probes lists that hold few allowed vectors). So:
small allowed sets are scored exactly; larger ones go through the ANN with the selector, and if
it comes back short the beam / probes are widened, then the search falls back to an exact scan.
k results come back whenever k allowed products exist.
"""

from __future__ import annotations

import math
import time

import faiss
import numpy as np

from retrieval.config import INDEX_KINDS, RetrievalConfig
from retrieval.files import INDEX_FILE

KINDS = INDEX_KINDS
_WIDEN = (4, 16)  # beam / probe multipliers tried before the exact fallback


def choose_kind(n: int, cfg: RetrievalConfig) -> str:
    """The index kind for `n` products: config wins; "auto" is flat up to `flat_max_products`."""
    kind = cfg.large_index if (cfg.index == "auto" and n > cfg.flat_max_products) else cfg.index
    kind = "flat" if kind == "auto" else kind
    if kind not in KINDS:
        raise ValueError(f"unknown index kind '{kind}' (known: auto, {', '.join(KINDS)})")
    return kind


def _nlist(n: int, cfg: RetrievalConfig) -> int:
    return max(1, min(n, cfg.ivf_nlist or int(4 * math.sqrt(n))))


def _train_sample(vectors: np.ndarray, nlist: int) -> np.ndarray:
    """k-means needs ~40-256 points per list; more only slows training down."""
    size = min(len(vectors), max(40 * nlist, 10_000))
    if size == len(vectors):
        return vectors
    rows = np.random.default_rng(0).choice(len(vectors), size=size, replace=False)
    return vectors[np.sort(rows)]


def new_index(vectors: np.ndarray, kind: str, cfg: RetrievalConfig) -> tuple[faiss.Index, dict]:
    """An empty (trained, for IVF) index of `kind` and the parameters that describe it."""
    n, d = vectors.shape
    if kind == "flat":
        return faiss.IndexFlatIP(d), {}
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(d, cfg.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = cfg.hnsw_ef_construction
        index.hnsw.efSearch = cfg.hnsw_ef_search
        return index, {"m": cfg.hnsw_m, "ef_construction": cfg.hnsw_ef_construction}
    nlist = _nlist(n, cfg)
    quantizer = faiss.IndexFlatIP(d)
    if kind == "ivf":
        index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
        params: dict = {"nlist": nlist}
    else:
        if d % cfg.pq_m or n < 2 ** cfg.pq_bits:
            raise ValueError(f"ivfpq needs pq_m dividing {d} and >= {2 ** cfg.pq_bits} products (got pq_m="
                             f"{cfg.pq_m}, {n} products); use index='flat' or 'hnsw'")
        index = faiss.IndexIVFPQ(quantizer, d, nlist, cfg.pq_m, cfg.pq_bits, faiss.METRIC_INNER_PRODUCT)
        index.do_polysemous_training = False  # only serves Hamming pre-filtering, which IP search never uses
        params = {"nlist": nlist, "pq_m": cfg.pq_m, "pq_bits": cfg.pq_bits}
    index.train(_train_sample(vectors, nlist))
    index.quantizer_trains_alone = 0
    index.make_direct_map()  # reconstruct() by id: MMR and the exact path read stored vectors
    return index, params


def build_index(vectors: np.ndarray, cfg: RetrievalConfig, kind: str | None = None) -> tuple[faiss.Index, dict]:
    """Build an index over float32[n, d] unit rows; returns it with a manifest-ready description."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    kind = kind or choose_kind(len(vectors), cfg)
    started = time.perf_counter()
    index, params = new_index(vectors, kind, cfg)
    index.add(vectors)
    info = {"kind": kind, "params": params, "dim": int(vectors.shape[1]),
            "build_seconds": round(time.perf_counter() - started, 3)}
    return index, info


def kind_of(index: faiss.Index) -> str:
    """Recognise the kind of a loaded index (builds made before the kind was recorded)."""
    index = faiss.downcast_index(index)
    for kind, cls in (("hnsw", faiss.IndexHNSW), ("ivfpq", faiss.IndexIVFPQ), ("ivf", faiss.IndexIVF)):
        if isinstance(index, cls):
            return kind
    return "flat"


def bitmap_selector(slot_mask: np.ndarray) -> faiss.IDSelector:
    """An O(1)-membership selector over slots; the bitmap is kept alive by the selector."""
    bits = np.packbits(slot_mask.astype(bool), bitorder="little")
    selector = faiss.IDSelectorBitmap(len(slot_mask), faiss.swig_ptr(bits))
    selector.referenced_objects = [bits]
    return selector


def _params(index: faiss.Index, kind: str, cfg: RetrievalConfig, selector, k: int, widen: float):
    if kind == "hnsw":
        return faiss.SearchParametersHNSW(sel=selector, efSearch=max(int(cfg.hnsw_ef_search * widen), k))
    if kind in ("ivf", "ivfpq"):
        nlist = faiss.extract_index_ivf(index).nlist
        return faiss.SearchParametersIVF(sel=selector, nprobe=int(min(math.ceil(cfg.ivf_nprobe * widen), nlist)))
    return None if selector is None else faiss.SearchParameters(sel=selector)


def _by_ids(store: faiss.Index, query: np.ndarray, slots: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-k over the given slots of a flat store, reading only those vectors (cost ~ len(slots))."""
    scores, found = np.empty((1, k), dtype=np.float32), np.empty((1, k), dtype=np.int64)
    faiss.knn_inner_products_by_idx(
        faiss.swig_ptr(query), store.get_xb(), faiss.swig_ptr(slots), store.d, 1, store.ntotal, len(slots), k,
        faiss.swig_ptr(scores), faiss.swig_ptr(found), 0)
    keep = found[0] >= 0
    return scores[0][keep], found[0][keep]


def exact_search(index: faiss.Index, kind: str, query: np.ndarray, slot_mask: np.ndarray | None,
                 k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-k among allowed slots, best first: flat vectors read by id (HNSW keeps a flat
    store), IVF vectors reconstructed by id. Returns (scores, slots)."""
    if kind in ("flat", "hnsw"):
        store = index if kind == "flat" else faiss.downcast_index(index.storage)
        if slot_mask is not None:
            return _by_ids(store, query, np.flatnonzero(slot_mask).astype(np.int64), k)
        scores, slots = store.search(query.reshape(1, -1), k)
        keep = slots[0] >= 0
        return scores[0][keep], slots[0][keep]
    slots = np.arange(index.ntotal, dtype=np.int64) if slot_mask is None else np.flatnonzero(slot_mask)
    scores = index.reconstruct_batch(slots) @ query
    top = np.argpartition(-scores, k - 1)[:k] if k < len(slots) else np.arange(len(slots))
    top = top[np.argsort(-scores[top], kind="stable")]
    return scores[top], slots[top]


def knn(index: faiss.Index, kind: str, cfg: RetrievalConfig, query: np.ndarray,
        slot_mask: np.ndarray | None, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top-k slots for a unit query among allowed slots (None = all), best first.

    Returns (scores float32[m], slots int64[m]) with m = min(k, allowed slots).
    """
    query = np.ascontiguousarray(query, dtype=np.float32).reshape(-1)
    allowed = index.ntotal if slot_mask is None else int(slot_mask.sum())
    k = min(k, allowed)
    if k <= 0:
        return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
    exact_max = cfg.exact_filter_max if kind in ("flat", "hnsw") else cfg.ivf_exact_filter_max
    if kind == "flat" or (slot_mask is not None and allowed <= exact_max):
        return exact_search(index, kind, query, slot_mask, k)
    selector = None if slot_mask is None else bitmap_selector(slot_mask)
    # IVF: a filter keeping a fraction f of the products leaves f of each probed list, so probes
    # grow by 1/sqrt(f) (a compromise between recall and scanning cost, see the ANN bench);
    # probing every list is an exhaustive scan, i.e. exact for IVF-Flat.
    first = 1.0 if kind == "hnsw" else 1.0 / math.sqrt(allowed / index.ntotal)
    widths = (1.0, *_WIDEN) if kind == "hnsw" else (first, *(first * w for w in _WIDEN), float(index.ntotal))
    for widen in widths:
        scores, slots = index.search(query.reshape(1, -1), k, params=_params(index, kind, cfg, selector, k, widen))
        keep = slots[0] >= 0
        if keep.sum() >= k:
            return scores[0][keep], slots[0][keep]
    return exact_search(index, kind, query, slot_mask, k)


class FaissVectors:
    """The FAISS `VectorStore`: an index in this process, filtered through the allowed-slot mask.

    Removed products keep their (dead) slots: HNSW cannot delete, and `ProductIndex` masks them out.
    """

    name = "faiss"
    filters_inside = False

    def __init__(self, index: faiss.Index, config: RetrievalConfig, info: dict | None = None):
        self.index = index
        self.config = config
        self.info = dict(info or {"kind": kind_of(index), "params": {}})
        self.kind: str = self.info["kind"]

    @classmethod
    def build(cls, vectors: np.ndarray, config: RetrievalConfig) -> FaissVectors:
        """The index kind `config` picks for this many unit rows, filled with them."""
        index, info = build_index(vectors, config)
        return cls(index, config, info)

    @classmethod
    def open(cls, directory, config: RetrievalConfig, info: dict | None) -> FaissVectors:
        index = faiss.read_index(str(directory / INDEX_FILE))
        if isinstance(faiss.downcast_index(index), faiss.IndexIVF):
            ivf = faiss.extract_index_ivf(index)
            if ivf.direct_map.no():
                ivf.make_direct_map()
        return cls(index, config, info)

    @property
    def d(self) -> int:
        return int(self.index.d)

    @property
    def ntotal(self) -> int:
        return int(self.index.ntotal)

    def add(self, products, vectors: np.ndarray) -> None:
        self.index.add(vectors)

    def delete(self, slots: np.ndarray) -> None:
        """Nothing to do: the slots stay, dead and masked out by the caller."""

    def search(self, query: np.ndarray, k: int, filters, allowed: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        return knn(self.index, self.kind, self.config, query, allowed, k)

    def reconstruct_batch(self, slots: np.ndarray) -> np.ndarray:
        return self.index.reconstruct_batch(slots)

    def search_params(self) -> dict:
        params: dict = {"exact_filter_max": self.config.exact_filter_max}
        if self.kind == "hnsw":
            params["ef_search"] = self.config.hnsw_ef_search
        elif self.kind in ("ivf", "ivfpq"):
            params["nprobe"] = self.config.ivf_nprobe
        return params

    def save(self, directory) -> None:
        faiss.write_index(self.index, str(directory / INDEX_FILE))

    def close(self) -> None:
        """Nothing to release."""
