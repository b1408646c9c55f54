"""Persistence of a `ProductIndex`: flat files in one build directory.

Files:
    products.faiss   the FAISS index (any kind; dead slots included), for a FAISS build
    milvus.json      where the vectors are, for a Milvus build (`retrieval.milvus`): a Milvus Lite
                     folder inside the build directory (milvus.db/) or a server's URI, and the collection
    catalog.parquet  the live catalog, row order
    slots.npy        int64 slot of each catalog row
    index.json       kind, build parameters, search parameters, sizes, the retrieval config
    lexical.*        the BM25 index (only when hybrid search is on)

A directory written before these files existed (only products.faiss + catalog.parquet) still
loads: identity slots, kind recognised from the index, BM25 rebuilt on first use.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from retrieval.ann import FaissVectors
from retrieval.config import RetrievalConfig
from retrieval.files import CATALOG_FILE, INDEX_FILE, INFO_FILE, MILVUS_FILE, SLOTS_FILE
from retrieval.lexical import LexicalIndex
from retrieval.vectors import StoreMismatchError, VectorStore

FORMAT = 1

__all__ = ["CATALOG_FILE", "INDEX_FILE", "INFO_FILE", "MILVUS_FILE", "SLOTS_FILE", "SavedIndex", "load_index",
           "new_store", "save_index", "stored_in"]


@dataclass(frozen=True)
class SavedIndex:
    """The parts of a `ProductIndex` as stored: what `ProductIndex.load` builds one from.

    Why a plain record: this module knows files, not the index class, so the two do not import
    each other.
    """

    catalog: pd.DataFrame
    store: VectorStore
    config: RetrievalConfig | None
    slots: np.ndarray | None
    lexical: LexicalIndex | None


def save_index(directory: Path, store: VectorStore, catalog: pd.DataFrame, slots: np.ndarray,
               config: RetrievalConfig, description: dict, lexical: LexicalIndex | None) -> None:
    """Write every file of one index into `directory` (which must exist); `lexical` None = no BM25 files."""
    store.save(directory)
    catalog.to_parquet(directory / CATALOG_FILE, index=False)
    np.save(directory / SLOTS_FILE, slots)
    if lexical is not None:
        lexical.save(directory)
    info = {"format": FORMAT, **description, "config": dataclasses.asdict(config)}
    (directory / INFO_FILE).write_text(json.dumps(info, indent=2, sort_keys=True))


def recorded_config(info: dict) -> RetrievalConfig:
    """The config an index was saved with; keys this version does not know are ignored."""
    known = {f.name for f in dataclasses.fields(RetrievalConfig)}
    return RetrievalConfig(**{k: v for k, v in info.get("config", {}).items() if k in known})


def stored_in(directory: Path) -> str:
    """Which vector store a saved index's vectors are in: "faiss" or "milvus"."""
    return "milvus" if (directory / MILVUS_FILE).exists() else "faiss"


def load_index(directory: Path, config: RetrievalConfig | None) -> SavedIndex:
    """Read a directory written by `save_index` (or by the first, flat-only format).

    Raises StoreMismatchError when `config.vector_store` names another store than the one the
    directory holds.
    """
    catalog = pd.read_parquet(directory / CATALOG_FILE)
    info_path = directory / INFO_FILE
    info = json.loads(info_path.read_text()) if info_path.exists() else None
    if info is not None and config is None:
        config = recorded_config(info)
    config = config or RetrievalConfig()
    held = stored_in(directory)
    if held != config.vector_store:
        raise StoreMismatchError(f"the index in {directory} keeps its vectors in {held}, but vector_store = "
                                 f"{config.vector_store!r} was asked for; rebuild with --vector-store "
                                 f"{config.vector_store} (or drop the option to serve the build as it is)")
    kept = {k: info[k] for k in ("kind", "params", "dim", "build_seconds") if k in info} if info else None
    if held == "milvus":
        from retrieval.milvus import MilvusVectors  # pymilvus only loads for a Milvus build

        store: VectorStore = MilvusVectors.open(directory, config, kept)
    else:
        store = FaissVectors.open(directory, config, kept)
    slots = np.load(directory / SLOTS_FILE) if (directory / SLOTS_FILE).exists() else None
    return SavedIndex(catalog, store, config, slots, LexicalIndex.load(directory))


def new_store(catalog: pd.DataFrame, vectors: np.ndarray, config: RetrievalConfig, directory: Path,
              build_id: str) -> VectorStore:
    """The vector store `config.vector_store` names, holding `vectors`, for the build written into `directory`."""
    if config.vector_store == "milvus":
        from retrieval.milvus import build_in

        return build_in(directory, catalog, vectors, config, build_id)
    return FaissVectors.build(vectors, config)
