"""Persistence of a `ProductIndex`: flat files in one build directory.

Files (all flat, so the artifact manifest hashes each one):
    products.faiss   the FAISS index (any kind; dead slots included)
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

import faiss
import numpy as np
import pandas as pd

from retrieval.config import RetrievalConfig
from retrieval.lexical import LexicalIndex

INDEX_FILE = "products.faiss"
CATALOG_FILE = "catalog.parquet"
SLOTS_FILE = "slots.npy"
INFO_FILE = "index.json"
FORMAT = 1


@dataclass(frozen=True)
class SavedIndex:
    """The parts of a `ProductIndex` as stored: what `ProductIndex.load` builds one from.

    Why a plain record: this module knows files, not the index class, so the two do not import
    each other.
    """

    catalog: pd.DataFrame
    faiss_index: faiss.Index
    config: RetrievalConfig | None
    slots: np.ndarray | None
    lexical: LexicalIndex | None
    info: dict | None


def save_index(directory: Path, faiss_index: faiss.Index, catalog: pd.DataFrame, slots: np.ndarray,
               config: RetrievalConfig, description: dict, lexical: LexicalIndex | None) -> None:
    """Write every file of one index into `directory` (which must exist); `lexical` None = no BM25 files."""
    faiss.write_index(faiss_index, str(directory / INDEX_FILE))
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


def load_index(directory: Path, config: RetrievalConfig | None) -> SavedIndex:
    """Read a directory written by `save_index` (or by the first, flat-only format)."""
    catalog = pd.read_parquet(directory / CATALOG_FILE)
    index = faiss.read_index(str(directory / INDEX_FILE))
    info_path = directory / INFO_FILE
    info = json.loads(info_path.read_text()) if info_path.exists() else None
    if info is not None and config is None:
        config = recorded_config(info)
    if isinstance(faiss.downcast_index(index), faiss.IndexIVF):
        ivf = faiss.extract_index_ivf(index)
        if ivf.direct_map.no():
            ivf.make_direct_map()
    slots = np.load(directory / SLOTS_FILE) if (directory / SLOTS_FILE).exists() else None
    kept = {k: info[k] for k in ("kind", "params", "dim", "build_seconds") if k in info} if info else None
    return SavedIndex(catalog, index, config, slots, LexicalIndex.load(directory), kept)
