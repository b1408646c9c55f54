"""Product vectors in Milvus: `ProductIndex` with its dense search on a vector database.

Why Milvus (and not Qdrant): Milvus Lite embeds the same engine a Milvus cluster runs (its index
library, its expression filter, the same client API) in this process, so the tests and one machine
exercise what a sharded, replicated deployment serves; switching is a URI (`http://host:19530`).
Qdrant's embedded mode is a separate pure-Python stand-in, not its server's engine.

What moves to the database: the vectors and the hard filters. Every filter becomes one boolean
expression over scalar fields stored beside each vector (lower-cased category, brand and colour,
price, stock, product id), so the engine filters inside its search and k results come back whenever
k products pass. What stays here: the catalog rows, BM25 and the fusion, which work exactly as
with FAISS. Removing a product deletes its vector, so no dead slot is ever searched.
"""

from __future__ import annotations

import dataclasses
import json
import math
import time
from pathlib import Path

import numpy as np
import pandas as pd

from retrieval.config import RetrievalConfig
from retrieval.filters import in_family
from retrieval.index import ProductIndex
from retrieval.lexical import LexicalIndex
from retrieval.store import CATALOG_FILE, INFO_FILE, SLOTS_FILE, recorded_config
from retrieval.types import Filters

MILVUS_FILE = "milvus.json"
INDEX_TYPES = ("FLAT", "HNSW", "IVF_FLAT")
_TEXT_FIELDS = ("category", "brand", "color")
# The longest filter value stored (Milvus VARCHAR needs a bound); a longer one is refused at insert.
MAX_VALUE_CHARS = 1024
_BATCH = 5_000


class MissingMilvusError(RuntimeError):
    """pymilvus (with milvus-lite for a local file) is not installed."""


def _client(uri: str):
    try:
        from pymilvus import MilvusClient
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise MissingMilvusError("the Milvus backend needs pymilvus and milvus-lite: "
                                 "pip install 'shopassist[milvus]'") from err
    return MilvusClient(uri)


def milvus_expression(filters: Filters | None, brands: list[str]) -> str:
    """`filters` as one Milvus boolean expression over the stored fields ("" = no filter).

    `brands` are the catalog's lower-cased brands: an excluded brand's family ("cadbury" covers
    "cadbury bournville") is expanded against them into an exact list, as `FilterTable` does.
    """
    if filters is None or filters.is_empty():
        return ""
    terms: list[str] = []
    if filters.min_price is not None:
        terms.append(f"(has_price and price >= {float(filters.min_price)!r})")
    if filters.max_price is not None:
        terms.append(f"(has_price and price <= {float(filters.max_price)!r})")
    for field, wanted in zip(_TEXT_FIELDS, (filters.categories, filters.brands, filters.colors), strict=True):
        values = _lower(wanted)
        if values:
            terms.append(f"{field} in {_literal(values)}")
    excluded = _lower(filters.exclude_brands)
    if excluded:
        family = sorted({b for b in brands if in_family(b, excluded)} | set(excluded))
        terms.append(f"brand not in {_literal(family)}")
    if filters.in_stock_only:
        terms.append("in_stock == true")
    if filters.exclude_ids:
        terms.append(f"product_id not in {_literal(list(filters.exclude_ids))}")
    return " and ".join(terms)


def _lower(values: tuple[str, ...]) -> list[str]:
    return sorted({v.strip().lower() for v in values if v and v.strip()})


def _literal(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"  # JSON escapes quotes and backslashes


def _rows(products: pd.DataFrame, vectors: np.ndarray, first_slot: int) -> list[dict]:
    """Milvus entities: slot (primary key), vector and the filter fields of each product."""
    columns = {f: (products[f].fillna("").astype(str).str.lower().tolist() if f in products else [""] * len(products))
               for f in _TEXT_FIELDS}
    prices = products["price"].to_numpy(dtype=np.float64)
    stock = products["in_stock"].to_numpy(dtype=bool) if "in_stock" in products else np.ones(len(products), bool)
    out = []
    for i, pid in enumerate(products["product_id"].astype(str)):
        row = {"slot": first_slot + i, "vec": vectors[i].tolist(), "product_id": pid,
               "price": 0.0 if math.isnan(prices[i]) else float(prices[i]), "has_price": not math.isnan(prices[i]),
               "in_stock": bool(stock[i]), **{f: columns[f][i] for f in _TEXT_FIELDS}}
        for f in ("product_id", *_TEXT_FIELDS):
            if len(row[f]) > MAX_VALUE_CHARS:
                raise ValueError(f"product {pid}: {f} is {len(row[f])} characters; the Milvus backend stores "
                                 f"at most {MAX_VALUE_CHARS}")
        out.append(row)
    return out


class MilvusVectors:
    """One Milvus collection of product vectors, addressed by slot like a FAISS index.

    `ntotal` is the next free slot (slots are never reused, as in FAISS); `reconstruct_batch`
    reads stored vectors back (BM25-only candidates need their cosine).
    """

    def __init__(self, uri: str, collection: str, dim: int, ntotal: int):
        self.uri, self.collection, self.d, self.ntotal = uri, collection, dim, ntotal
        self.client = _client(uri)

    @classmethod
    def create(cls, uri: str, collection: str, dim: int, index_type: str, cfg: RetrievalConfig,
               expected_rows: int = 0) -> MilvusVectors:
        """A new, empty collection (an existing one of that name is replaced); IVF lists are sized for
        `expected_rows` as FAISS sizes them (4 * sqrt(n)) unless `ivf_nlist` sets them."""
        from pymilvus import DataType, MilvusClient

        if index_type not in INDEX_TYPES:
            raise ValueError(f"milvus_index must be one of {', '.join(INDEX_TYPES)}, got {index_type!r}")
        store = cls(uri, collection, dim, 0)
        if store.client.has_collection(collection):
            store.client.drop_collection(collection)
        schema = MilvusClient.create_schema(auto_id=False)
        schema.add_field("slot", DataType.INT64, is_primary=True)
        schema.add_field("vec", DataType.FLOAT_VECTOR, dim=dim)
        schema.add_field("product_id", DataType.VARCHAR, max_length=MAX_VALUE_CHARS)
        for field in _TEXT_FIELDS:
            schema.add_field(field, DataType.VARCHAR, max_length=MAX_VALUE_CHARS)
        schema.add_field("price", DataType.DOUBLE)
        schema.add_field("has_price", DataType.BOOL)
        schema.add_field("in_stock", DataType.BOOL)
        params = store.client.prepare_index_params()
        build = {"HNSW": {"M": cfg.hnsw_m, "efConstruction": cfg.hnsw_ef_construction}, "FLAT": {},
                 "IVF_FLAT": {"nlist": cfg.ivf_nlist or max(1, int(4 * math.sqrt(max(expected_rows, 1))))}}[index_type]
        params.add_index("vec", index_type=index_type, metric_type="IP", params=build)
        store.client.create_collection(collection, schema=schema, index_params=params, consistency_level="Session")
        return store

    def insert(self, products: pd.DataFrame, vectors: np.ndarray) -> None:
        for start in range(0, len(products), _BATCH):
            chunk = products.iloc[start:start + _BATCH]
            self.client.insert(self.collection, _rows(chunk, vectors[start:start + _BATCH], self.ntotal + start))
        self.ntotal += len(products)
        self.client.flush(self.collection)  # sealed segments get the index; growing ones are scanned whole

    def wait_for_index(self, timeout_s: float = 3600.0) -> None:
        """Block until every inserted row is indexed: Milvus builds segment indexes in the background
        and scans an unindexed segment whole (a brute-force search: 1.2 s a query at 1M vectors)."""
        deadline = time.monotonic() + timeout_s
        while True:
            state = self.client.describe_index(self.collection, "vec")
            if int(state.get("pending_index_rows", 0)) == 0 and int(state.get("indexed_rows", 0)) >= \
                    int(state.get("total_rows", 0)):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"Milvus indexed {state.get('indexed_rows')} of {state.get('total_rows')} rows "
                                   f"of {self.collection} in {timeout_s:.0f} s")
            time.sleep(0.5)

    def delete(self, slots: np.ndarray) -> None:
        if len(slots):
            self.client.delete(self.collection, ids=[int(s) for s in slots])

    def reconstruct_batch(self, slots: np.ndarray) -> np.ndarray:
        if not len(slots):
            return np.zeros((0, self.d), dtype=np.float32)
        got = {r["slot"]: r["vec"] for r in self.client.get(self.collection, ids=[int(s) for s in slots],
                                                             output_fields=["vec"])}
        return np.asarray([got[int(s)] for s in slots], dtype=np.float32)

    def search(self, query: np.ndarray, expression: str, k: int, search_params: dict) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (cosines, slots) among the entities passing `expression`, best first."""
        found = self.client.search(self.collection, data=[query.astype(np.float32).tolist()], limit=k,
                                   filter=expression, anns_field="vec", search_params=search_params)[0]
        return (np.asarray([h["distance"] for h in found], dtype=np.float32),
                np.asarray([h["id"] if "id" in h else h["slot"] for h in found], dtype=np.int64))

    def close(self) -> None:
        self.client.close()


class MilvusProductIndex(ProductIndex):
    """`ProductIndex` whose vectors and hard filters live in a Milvus collection.

    Args:
        catalog, config, lexical: as for `ProductIndex`.
        vectors: float32[n, d] unit rows to insert into a new collection, or an open `MilvusVectors`.
        uri: a Milvus Lite file ("products.db") or a server ("http://host:19530").
        collection: the collection's name (one per build).
        slots: row -> slot when loading a collection that has seen updates.
    """

    def __init__(self, catalog: pd.DataFrame, vectors: np.ndarray | MilvusVectors, *, uri: str,
                 collection: str = "products", config: RetrievalConfig | None = None,
                 slots: np.ndarray | None = None, lexical: LexicalIndex | None = None, info: dict | None = None):
        config = config or RetrievalConfig()
        index_type = config.milvus_index
        if isinstance(vectors, np.ndarray):
            t0 = time.perf_counter()
            store = MilvusVectors.create(uri, collection, int(vectors.shape[1]), index_type, config, len(vectors))
            store.insert(catalog.reset_index(drop=True), np.ascontiguousarray(vectors, dtype=np.float32))
            store.wait_for_index()
            store.client.load_collection(collection)
            info = {"kind": f"milvus-{index_type.lower()}", "params": {"uri": uri, "collection": collection},
                    "dim": store.d, "build_seconds": round(time.perf_counter() - t0, 2)}
        else:
            store = vectors
        self._brands: list[str] | None = None
        super().__init__(catalog, store, config=config, slots=slots, lexical=lexical, info=info)

    _masks_dense = False

    @property
    def store(self) -> MilvusVectors:
        return self.faiss_index

    def _dense_knn(self, query, filters, mask, k):
        if self._brands is None:
            self._brands = sorted(set(self.catalog["brand"].fillna("").astype(str).str.lower()) - {""})
        params = {"params": {"ef": max(self.config.hnsw_ef_search, k)}} if self.config.milvus_index == "HNSW" else \
            {"params": {"nprobe": self.config.ivf_nprobe}} if self.config.milvus_index == "IVF_FLAT" else {}
        return self.store.search(query, milvus_expression(filters, self._brands), k, params)

    def _add_vectors(self, products: pd.DataFrame, vectors: np.ndarray) -> None:
        self.store.insert(products, vectors)
        self._brands = None

    def _drop_slots(self, slots: np.ndarray) -> None:
        self.store.delete(slots)
        self._brands = None

    def save(self, directory: str | Path) -> None:
        """The catalog, slots, BM25 and where the collection is; the vectors stay in Milvus."""
        directory = Path(directory)
        lexical = self.lexical_index() if self.config.lexical_weight > 0 else None
        self.catalog.to_parquet(directory / CATALOG_FILE, index=False)
        np.save(directory / SLOTS_FILE, self._slots)
        if lexical is not None:
            lexical.save(directory)
        (directory / INFO_FILE).write_text(json.dumps({**self.describe(), "config": dataclasses.asdict(self.config)},
                                                      indent=2, sort_keys=True))
        (directory / MILVUS_FILE).write_text(json.dumps({"uri": self.store.uri, "collection": self.store.collection,
                                                         "dim": self.store.d, "ntotal": self.store.ntotal}))

    @classmethod
    def load(cls, directory: str | Path, config: RetrievalConfig | None = None) -> MilvusProductIndex:
        directory = Path(directory)
        where = json.loads((directory / MILVUS_FILE).read_text())
        info = json.loads((directory / INFO_FILE).read_text())
        config = config or recorded_config(info)
        store = MilvusVectors(where["uri"], where["collection"], where["dim"], where["ntotal"])
        store.client.load_collection(where["collection"])
        return cls(pd.read_parquet(directory / CATALOG_FILE), store, uri=where["uri"],
                   collection=where["collection"], config=config, slots=np.load(directory / SLOTS_FILE),
                   lexical=LexicalIndex.load(directory), info={k: info[k] for k in ("kind", "params", "dim",
                                                                                     "build_seconds") if k in info})
