"""Product vectors in Milvus: the `VectorStore` whose dense search and hard filters run in a vector database.

Why Milvus (and not Qdrant): Milvus Lite embeds the same engine a Milvus cluster runs (its index
library, its expression filter, the same client API) in this process, so the tests and one machine
exercise what a sharded, replicated deployment serves; switching is a URI (`http://host:19530`).
Qdrant's embedded mode is a separate pure-Python stand-in, not its server's engine.

What moves to the database: the vectors and the hard filters. Every filter becomes one boolean
expression over scalar fields stored beside each vector (lower-cased category, brand and colour,
price, stock, product id), so the engine filters inside its search and k results come back whenever
k products pass. What stays here: the catalog rows, BM25 and the fusion, which work exactly as
with FAISS (`retrieval.index.ProductIndex` is the same object over either store). Removing a
product deletes its vector, so no dead slot is ever searched.

Where a build's collection lives (`RetrievalConfig.milvus_uri`): "" puts a Milvus Lite folder
(milvus.db/) inside the build directory, recorded relative to it, so the build can be renamed,
copied (update-products, forget) and deleted with its folder; a path is a Milvus Lite folder there;
"http://host:19530" is a server, where each build writes the collection `<milvus_collection>_<build id>`.
Milvus Lite serves one process at a time: a second process opening the same folder is refused.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import time
from pathlib import Path

import numpy as np
import pandas as pd

from retrieval.config import RetrievalConfig
from retrieval.files import INFO_FILE, MILVUS_FILE
from retrieval.filters import in_family
from retrieval.types import Filters, MissingPackageError, UsageError, UserError
from retrieval.vectors import StoreMismatchError

LITE_FOLDER = "milvus.db"  # the Milvus Lite folder inside a build when `milvus_uri` is ""
TOKEN_ENV = "SHOPASSIST_MILVUS_TOKEN"
INDEX_TYPES = ("FLAT", "HNSW", "IVF_FLAT")
_SERVER = re.compile(r"^(https?|tcp|grpcs?|unix)://", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,254}$")
_TEXT_FIELDS = ("category", "brand", "color")
# The longest filter value stored (Milvus VARCHAR needs a bound); a longer one is refused at insert.
MAX_VALUE_CHARS = 1024
_BATCH = 5_000


class MissingMilvusError(MissingPackageError):
    """pymilvus (with milvus-lite for a local folder) is not installed."""


class MilvusUnavailableError(UserError, RuntimeError):
    """The Milvus the config names cannot be opened: a server that does not answer, a Lite folder
    another process holds, or a folder that cannot be created."""


INSTALL_HINT = "pip install 'shopassist[milvus]'"


def is_server(uri: str) -> bool:
    """True for a server address (http://host:19530), False for a Milvus Lite folder."""
    return bool(_SERVER.match(uri))


def collection_name(prefix: str, build_id: str) -> str:
    """The collection one build writes: `prefix` + "_" + the build id (its "-" as "_")."""
    name = f"{prefix}_{build_id}".replace("-", "_")
    if not _NAME.match(name):
        raise UsageError(f"config [retrieval] milvus_collection = {prefix!r}: a Milvus collection name is letters, "
                         "digits and underscores, starting with a letter or underscore, at most 255 characters "
                         "with the build id")
    return name


# Milvus Lite folders this process has open, and how many stores use each: Milvus Lite runs one in-process
# server per folder, holding a lock on it until released, and a closed client does not release it.
_LITE_USERS: dict[str, int] = {}


def _release_lite(uri: str) -> None:
    """One store let go of a Lite folder: stop its server when no other store in this process uses it."""
    path = os.path.abspath(uri)
    _LITE_USERS[path] = _LITE_USERS.get(path, 1) - 1
    if _LITE_USERS[path] <= 0:
        del _LITE_USERS[path]
        from milvus_lite.server_manager import server_manager_instance

        server_manager_instance.release_server(path)


def _client(uri: str):
    try:
        from pymilvus import MilvusClient
        from pymilvus.exceptions import MilvusException
    except ImportError as err:
        raise MissingMilvusError(f"vector_store = 'milvus' needs pymilvus (and milvus-lite for a local folder): "
                                 f"{INSTALL_HINT}") from err
    try:
        if is_server(uri):
            return MilvusClient(uri, token=os.environ.get(TOKEN_ENV, ""), timeout=10)
        # Milvus Lite logs a traceback when it cannot start; the error raised below says what happened.
        quiet = logging.getLogger("milvus_lite.server_manager")
        level = quiet.level
        quiet.setLevel(logging.CRITICAL)
        try:
            client = MilvusClient(uri)
        finally:
            quiet.setLevel(level)
        _LITE_USERS[os.path.abspath(uri)] = _LITE_USERS.get(os.path.abspath(uri), 0) + 1
        return client
    except MilvusException as err:
        message = getattr(err, "message", "") or str(err)
        if is_server(uri):
            raise MilvusUnavailableError(f"cannot reach the Milvus server at {uri} ({message}); check the address "
                                         f"(--milvus-uri / milvus_uri) and that the server is up") from err
        if not Path(uri).parent.is_dir():
            raise MilvusUnavailableError(f"cannot open Milvus Lite at {uri}: folder {Path(uri).parent} does "
                                         "not exist") from err
        try:
            import milvus_lite  # noqa: F401
        except ImportError as missing:
            raise MissingMilvusError(f"a Milvus Lite folder ({uri}) needs milvus-lite: {INSTALL_HINT}") from missing
        raise MilvusUnavailableError(f"cannot open Milvus Lite at {uri} ({message}): Milvus Lite serves one process "
                                     "at a time; is a `shopassist serve` (or another command) using this build? Stop "
                                     "it, or keep the vectors on a Milvus server (--milvus-uri http://HOST:19530)"
                                     ) from err


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
                raise UsageError(f"product {pid}: {f} is {len(row[f])} characters; the Milvus backend stores "
                                 f"at most {MAX_VALUE_CHARS}")
        out.append(row)
    return out


class MilvusVectors:
    """The Milvus `VectorStore`: one collection of product vectors, addressed by slot like a FAISS index.

    `ntotal` is the next free slot (slots are never reused, as in FAISS); `reconstruct_batch`
    reads stored vectors back (BM25-only candidates need their cosine; MMR reads the shown ones).
    `uri` is where this process connects; `recorded` is what `save` writes (relative to the build
    folder for a Lite folder inside it).
    """

    name = "milvus"
    filters_inside = True

    def __init__(self, uri: str, collection: str, dim: int, ntotal: int, config: RetrievalConfig | None = None,
                 info: dict | None = None, recorded: str | None = None):
        self.uri, self.collection, self._dim, self._ntotal = uri, collection, dim, ntotal
        self.config = config or RetrievalConfig()
        self.recorded = uri if recorded is None else recorded
        self.client = _client(uri)
        self.info = dict(info or {"kind": f"milvus-{self.index_type(ntotal).lower()}",
                                  "params": {"uri": self.recorded, "collection": collection}, "dim": dim})
        self.kind: str = self.info["kind"]

    @property
    def d(self) -> int:
        return self._dim

    @property
    def ntotal(self) -> int:
        return self._ntotal

    def index_type(self, rows: int) -> str:
        """The collection index `milvus_index` picks for `rows` vectors ("AUTO": FLAT up to flat_max_products)."""
        chosen = self.config.milvus_index
        if chosen == "AUTO":
            return "FLAT" if rows <= self.config.flat_max_products else "IVF_FLAT"
        if chosen not in INDEX_TYPES:
            raise UsageError(f"milvus_index must be AUTO or one of {', '.join(INDEX_TYPES)}, got {chosen!r}")
        return chosen

    @classmethod
    def build(cls, catalog: pd.DataFrame, vectors: np.ndarray, config: RetrievalConfig, *, uri: str,
              collection: str, recorded: str | None = None) -> MilvusVectors:
        """A new collection holding `vectors` (row i = catalog row i = slot i), indexed and loaded.

        An existing collection of that name is replaced. IVF lists are sized as FAISS sizes them
        (4 * sqrt(n)) unless `ivf_nlist` sets them.
        """
        t0 = time.perf_counter()
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        store = cls.create(uri, collection, int(vectors.shape[1]), config, len(vectors), recorded)
        store.add(catalog.reset_index(drop=True), vectors)
        store.wait_for_index()
        store.load()
        store.info["build_seconds"] = round(time.perf_counter() - t0, 2)
        return store

    @classmethod
    def create(cls, uri: str, collection: str, dim: int, cfg: RetrievalConfig, expected_rows: int = 0,
               recorded: str | None = None) -> MilvusVectors:
        """A new, empty collection (an existing one of that name is replaced)."""
        store = cls(uri, collection, dim, 0, cfg, recorded=recorded)  # says so when pymilvus is missing
        from pymilvus import DataType, MilvusClient

        index_type = store.index_type(expected_rows)
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
        nlist = cfg.ivf_nlist or max(1, int(4 * math.sqrt(max(expected_rows, 1))))
        build = {"HNSW": {"M": cfg.hnsw_m, "efConstruction": cfg.hnsw_ef_construction}, "FLAT": {},
                 "IVF_FLAT": {"nlist": nlist}}[index_type]
        params.add_index("vec", index_type=index_type, metric_type="IP", params=build)
        store.client.create_collection(collection, schema=schema, index_params=params, consistency_level="Session",
                                       num_shards=cfg.milvus_shards)
        store.kind = f"milvus-{index_type.lower()}"
        store.info = {"kind": store.kind, "params": {"uri": store.recorded, "collection": collection, **build,
                                                     "shards": cfg.milvus_shards, "replicas": cfg.milvus_replicas},
                      "dim": dim}
        return store

    @classmethod
    def open(cls, directory: Path, config: RetrievalConfig, info: dict | None) -> MilvusVectors:
        """The collection a build's milvus.json names, loaded for search.

        Connects to the recorded location unless `config.milvus_uri` is another than the build was made
        with (`serve --milvus-uri`: another address of the same server, as seen from the serving machine).
        """
        where = json.loads((directory / MILVUS_FILE).read_text())
        recorded = where["uri"]
        uri = str(directory / recorded) if where.get("local") else recorded
        built_with = json.loads((directory / INFO_FILE).read_text()).get("config", {}).get("milvus_uri", "")
        if config.milvus_uri and config.milvus_uri != built_with:
            uri = config.milvus_uri
        store = cls(uri, where["collection"], where["dim"], where["ntotal"], config, info, recorded=recorded)
        if not store.client.has_collection(where["collection"]):
            store.close()
            raise StoreMismatchError(f"the build in {directory} keeps its vectors in the Milvus collection "
                                     f"{where['collection']!r}, which {uri} does not hold; rebuild, or point "
                                     "--milvus-uri at the Milvus the build wrote to")
        store.load()
        return store

    @property
    def in_build(self) -> bool:
        """True when the collection lives in a Lite folder inside the build directory (copied with it)."""
        return self.recorded == LITE_FOLDER

    def load(self) -> None:
        self.client.load_collection(self.collection, replica_number=self.config.milvus_replicas)

    def add(self, products: pd.DataFrame, vectors: np.ndarray) -> None:
        for start in range(0, len(products), _BATCH):
            chunk = products.iloc[start:start + _BATCH]
            self.client.insert(self.collection, _rows(chunk, vectors[start:start + _BATCH], self._ntotal + start))
        self._ntotal += len(products)
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

    def search(self, query: np.ndarray, k: int, filters: Filters | None,
               allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (cosines, slots) among the entities passing `filters` (as the engine's filter expression).

        An approximate index searched under a selective filter can come back short (IVF probes lists that
        hold few passing vectors; measured here: 0-5 of 10 with 13-21 products passing in 20k), so, as
        `ann.knn` does for FAISS, a short answer is retried with 4x and 16x the probes / beam, then
        exhaustively (every IVF list: exact), then by scoring the passing slots' vectors exactly.
        `allowed` (the passing slots) says how many results must come back.
        """
        want = k if allowed is None else min(k, int(np.count_nonzero(allowed)))
        if want <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        expression = milvus_expression(filters, [])
        index_type = self.kind.removeprefix("milvus-").upper()
        widths = {"FLAT": (1,), "IVF_FLAT": (1, 4, 16, 0), "HNSW": (1, 4, 16)}.get(index_type, (1,))
        for widen in widths:
            scores, slots = self._search(query, want, expression, self._search_args(index_type, want, widen))
            if len(slots) >= want:
                return scores, slots
        if allowed is None:
            return scores, slots
        return self._exact(query, np.flatnonzero(allowed).astype(np.int64), want)

    def _search_args(self, index_type: str, k: int, widen: int) -> dict:
        """Search parameters; `widen` multiplies the beam / probes, 0 probes every IVF list."""
        if index_type == "HNSW":
            return {"params": {"ef": max(self.config.hnsw_ef_search * widen, k)}}
        if index_type == "IVF_FLAT":
            nlist = int(self.info.get("params", {}).get("nlist") or 65_536)
            return {"params": {"nprobe": nlist if widen == 0 else min(self.config.ivf_nprobe * widen, nlist)}}
        return {}

    def _search(self, query: np.ndarray, k: int, expression: str, params: dict) -> tuple[np.ndarray, np.ndarray]:
        found = self.client.search(self.collection, data=[query.astype(np.float32).tolist()], limit=k,
                                   filter=expression, anns_field="vec", search_params=params)[0]
        return (np.asarray([h["distance"] for h in found], dtype=np.float32),
                np.asarray([h["id"] if "id" in h else h["slot"] for h in found], dtype=np.int64))

    def _exact(self, query: np.ndarray, slots: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Exact top-k among `slots`, their vectors read back in batches."""
        scores = np.concatenate([self.reconstruct_batch(slots[i:i + _BATCH]) @ query
                                 for i in range(0, len(slots), _BATCH)]) if len(slots) else np.zeros(0, np.float32)
        top = np.argsort(-scores, kind="stable")[:k]
        return scores[top].astype(np.float32), slots[top]

    def search_params(self) -> dict:
        index_type = self.kind.removeprefix("milvus-")
        if index_type == "hnsw":
            return {"ef_search": self.config.hnsw_ef_search}
        return {"nprobe": self.config.ivf_nprobe} if index_type == "ivf_flat" else {}

    def save(self, directory: Path) -> None:
        """Where the collection is (milvus.json); the vectors stay in Milvus."""
        (Path(directory) / MILVUS_FILE).write_text(json.dumps(
            {"uri": self.recorded, "local": self.in_build, "collection": self.collection, "dim": self.d,
             "ntotal": self.ntotal}, indent=2, sort_keys=True))

    def close(self) -> None:
        """Close the connection; a Milvus Lite folder's in-process server stops with its last store."""
        if self.client is None:
            return
        self.client.close()
        self.client = None
        if not is_server(self.uri):
            _release_lite(self.uri)


def build_in(directory: Path, catalog: pd.DataFrame, vectors: np.ndarray, config: RetrievalConfig,
             build_id: str) -> MilvusVectors:
    """The Milvus store of one build written into `directory`: a Lite folder there when `milvus_uri` is "",
    else the collection `<milvus_collection>_<build_id>` at `milvus_uri` (a Lite path is made absolute)."""
    name = collection_name(config.milvus_collection, build_id)
    if not config.milvus_uri:
        return MilvusVectors.build(catalog, vectors, config, uri=str(Path(directory) / LITE_FOLDER), collection=name,
                                   recorded=LITE_FOLDER)
    uri = config.milvus_uri if is_server(config.milvus_uri) else str(Path(config.milvus_uri).resolve())
    return MilvusVectors.build(catalog, vectors, config, uri=uri, collection=name)


def shared_collection(index_info: dict) -> tuple[str, str] | None:
    """(uri, collection) of a Milvus build whose collection lives outside its build folder (on a server or
    in a Lite folder elsewhere), from the build's index description; None for FAISS or a Lite folder inside."""
    params = index_info.get("params", {})
    if index_info.get("vector_store") != "milvus" or params.get("uri") in (None, LITE_FOLDER):
        return None
    return params["uri"], params["collection"]


def drop_collection(uri: str, collection: str) -> bool:
    """Drop a build's collection (its memory on the query nodes and its segments); False when it is gone."""
    store = MilvusVectors(uri, collection, 0, 0)
    try:
        if not store.client.has_collection(collection):
            return False
        store.client.drop_collection(collection)
        return True
    finally:
        store.close()
