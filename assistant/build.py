"""Offline build: data folder -> artifact directory (catalog, FAISS index, SVD, profiles).

The assistant package owns this pipeline (DESIGN.md): `ui` calls `build_artifacts`, which calls
the public functions of `retrieval` and `recsys`.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from assistant.artifacts import (
    Manifest,
    artifact_lock,
    commit_build,
    read_manifest,
    sha256_file,
)
from assistant.config import AppConfig
from recsys.data import load_events, load_ratings
from recsys.train import train_models
from retrieval.catalog import load_catalog
from retrieval.encoders import catalog_texts, encoder_for
from retrieval.index import ProductIndex
from retrieval.types import DataError

_SUFFIXES = (".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".parquet")
_PACKAGES = ("torch", "transformers", "sentence-transformers", "faiss-cpu", "scikit-surprise", "pandas", "numpy")


def find_input(data_dir: Path, stem: str, required: bool) -> Path | None:
    """`DIR/products.csv` (or .jsonl/.parquet); None for an optional file that is absent."""
    for suffix in _SUFFIXES:
        if (data_dir / f"{stem}{suffix}").exists():
            return data_dir / f"{stem}{suffix}"
    if required:
        raise DataError(str(data_dir), f"no {stem} file (expected {stem}.csv, .jsonl or .parquet)")
    return None


def input_files(data_dir: str | Path) -> dict[str, Path]:
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(str(data_dir), "data directory does not exist")
    found = {"products": find_input(data_dir, "products", True),
             "ratings": find_input(data_dir, "ratings", False),
             "events": find_input(data_dir, "events", False)}
    return {role: path for role, path in found.items() if path is not None}


def _empty_ratings() -> pd.DataFrame:
    return pd.DataFrame({"user_id": pd.Series(dtype=str), "product_id": pd.Series(dtype=str),
                         "rating": pd.Series(dtype=float), "timestamp": pd.Series(dtype=float)})


def _empty_events() -> pd.DataFrame:
    return pd.DataFrame({"user_id": pd.Series(dtype=str), "product_id": pd.Series(dtype=str),
                         "event": pd.Series(dtype=str), "quantity": pd.Series(dtype="int64"),
                         "price": pd.Series(dtype=float),
                         "timestamp": pd.Series(dtype="datetime64[ns, UTC]")})


def is_up_to_date(data_dir: str | Path, art_dir: str | Path, cfg: AppConfig) -> bool:
    """True when the artifacts were built from exactly these input files and this config."""
    try:
        manifest = read_manifest(art_dir)
    except Exception:
        return False
    files = input_files(data_dir)
    recorded = {role: entry["sha256"] for role, entry in manifest.inputs.items()}
    current = {role: sha256_file(path) for role, path in files.items()}
    return recorded == current and manifest.config == cfg.to_dict()


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _fsync_dir(directory: Path) -> None:
    for path in directory.iterdir():
        with open(path, "rb") as fh:
            os.fsync(fh.fileno())


def build_artifacts(data_dir: str | Path, art_dir: str | Path, cfg: AppConfig,
                    log: Callable[[str], None] = print) -> Manifest:
    """Validate inputs, embed and index the catalog, train SVD, build profiles; publish atomically."""
    art_dir = Path(art_dir)
    files = input_files(data_dir)
    started = time.perf_counter()
    catalog = load_catalog(files["products"])
    ids = set(catalog["product_id"])
    ratings = load_ratings(files["ratings"], ids, (cfg.recsys.rating_min, cfg.recsys.rating_max)) \
        if "ratings" in files else _empty_ratings()
    events = load_events(files["events"], ids) if "events" in files else _empty_events()
    log(f"validated {len(catalog)} products, {len(ratings)} ratings, {len(events)} events")
    with artifact_lock(art_dir):
        build_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        staging = art_dir / f".staging-{build_id}"
        staging.mkdir(parents=True)
        stats = _write_models(catalog, ratings, events, staging, cfg, log)
        stats.update(_write_lm(catalog, events, staging, cfg, log))
        _fsync_dir(staging)
        manifest = Manifest(
            build_id=build_id,
            created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            inputs={role: {"path": str(Path(p).resolve()), "sha256": sha256_file(p),
                           "rows": {"products": len(catalog), "ratings": len(ratings),
                                    "events": len(events)}[role]}
                    for role, p in files.items()},
            config=cfg.to_dict(),
            versions=_versions(),
            files={p.name: sha256_file(p) for p in sorted(staging.iterdir())},
            stats={**stats, "build_seconds": round(time.perf_counter() - started, 2)},
        )
        commit_build(art_dir, staging, manifest)
    log(f"artifacts written to {art_dir} (build {build_id}, {manifest.stats['build_seconds']} s)")
    return manifest


def _write_lm(catalog: pd.DataFrame, events: pd.DataFrame, out: Path, cfg: AppConfig,
              log: Callable[[str], None]) -> dict:
    """Fine-tuned LM for configs that use it: reused from the cache when its inputs are unchanged."""
    if "lm" not in (cfg.assistant.parser, cfg.assistant.writer) or not cfg.assistant.lm_build:
        return {}
    from assistant.lm_setup import write_lm_pointer

    return write_lm_pointer(catalog, events, out, cfg, log)


def _write_models(catalog: pd.DataFrame, ratings: pd.DataFrame, events: pd.DataFrame, out: Path,
                  cfg: AppConfig, log: Callable[[str], None]) -> dict:
    rc = cfg.retrieval
    encoder = encoder_for(rc)
    texts = catalog_texts(catalog, rc.max_text_chars)
    t0 = time.perf_counter()
    vectors = encoder.encode(texts, show_progress=len(texts) > 1000)
    embed_s = time.perf_counter() - t0
    log(f"embedded {len(texts)} products with {encoder.name} in {embed_s:.1f} s")
    index = ProductIndex(catalog, vectors, config=rc)  # kind chosen by catalog size and config
    index.save(out)
    log(f"indexed with {index.kind} in {index.info['build_seconds']} s")
    stats: dict = {"encoder": encoder.name, "dim": int(vectors.shape[1]), "embed_seconds": round(embed_s, 2),
                   "products_per_second": round(len(texts) / max(embed_s, 1e-9), 1), "index": index.describe()}
    stats.update(train_models(catalog, ratings, events, cfg.recsys, out, log))
    return stats
