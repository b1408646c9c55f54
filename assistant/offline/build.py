"""Offline build: data folder -> artifact directory (catalog, FAISS index, SVD, profiles).

The assistant package owns this pipeline (docs/architecture.md): `ui` calls `build_artifacts`,
which calls the public functions of `retrieval` and `recsys`.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import platform
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from assistant.config import AppConfig
from assistant.progress_bar import counting, waiting
from assistant.shopdata.artifacts import (
    RETIRED_FILES,
    ArtifactError,
    Manifest,
    artifact_lock,
    commit_build,
    fsync_build,
    hash_build,
    read_manifest,
    sha256_file,
)
from assistant.shopdata.load import input_files, load_shop
from assistant.types import UserError
from assistant.vocab import VOCAB_FILE, CatalogVocab
from recsys.train import train_models
from retrieval.encoders import catalog_texts, encoder_for
from retrieval.index import ProductIndex
from retrieval.store import new_store

_PACKAGES = ("torch", "transformers", "sentence-transformers", "faiss-cpu", "scikit-surprise", "pandas", "numpy")


def is_up_to_date(data_dir: str | Path, art_dir: str | Path, cfg: AppConfig) -> bool:
    """True when the artifacts were built from exactly these input files and this config, into files
    this version reads (a build holding a retired format is stale whatever its inputs)."""
    try:
        manifest = read_manifest(art_dir)
    except Exception:
        return False
    if RETIRED_FILES.keys() & manifest.files.keys():
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


def build_artifacts(data_dir: str | Path, art_dir: str | Path, cfg: AppConfig,
                    log: Callable[[str], None] = print, defer_lm: bool = False) -> Manifest:
    """Validate inputs, embed and index the catalog, train SVD, build profiles; publish atomically.

    With `defer_lm`, an LM config whose fine-tune is not cached is built without it and the manifest
    records the LM as pending (`stats["lm"]["state"]`): the chat answers with the rules until
    `shopassist finish-lm` (which `serve` runs in the background) publishes the build with it."""
    art_dir = Path(art_dir)
    started = time.perf_counter()
    shop = load_shop(data_dir, (cfg.recsys.rating_min, cfg.recsys.rating_max))
    files, catalog, ratings, events = shop.files, shop.catalog, shop.ratings, shop.events
    log(f"validated {len(catalog)} products, {len(ratings)} ratings, {len(events)} events")
    with artifact_lock(art_dir):
        previous = _previous_stats(art_dir)
        build_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        staging = art_dir / f".staging-{build_id}"
        staging.mkdir(parents=True)
        stats = _write_models(catalog, ratings, events, staging, cfg, log, build_id)
        stats.update(_write_lm(catalog, events, staging, cfg, log, defer_lm))
        stats.update(_superseding(stats["index"], previous))
        fsync_build(staging)
        manifest = Manifest(
            build_id=build_id,
            created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            inputs={role: {"path": str(Path(p).resolve()), "sha256": sha256_file(p),
                           "rows": {"products": len(catalog), "ratings": len(ratings),
                                    "events": len(events)}.get(role, 1)}
                    for role, p in files.items()},
            config=cfg.to_dict(),
            versions=_versions(),
            files=hash_build(staging),
            stats={**stats, "currency": shop.currency, "build_seconds": round(time.perf_counter() - started, 2),
                   "artifacts_dir": str(art_dir.resolve())},  # a copy of the folder can tell it is one
        )
        commit_build(art_dir, staging, manifest)
        _retire_collection(stats, previous, log)
    log(f"artifacts written to {art_dir} (build {build_id}, {manifest.stats['build_seconds']} s)")
    return manifest


def _previous_stats(art_dir: Path) -> dict:
    """The stats of the build this one replaces ({} when there is none or it cannot be read)."""
    try:
        return read_manifest(art_dir).stats
    except ArtifactError:
        return {}


def _superseding(index_info: dict, previous: dict) -> dict:
    """For a Milvus build whose collection lives outside the build folder (a server): which collection of
    the build it replaces it supersedes, as stats["milvus_superseded"] = [uri, collection]."""
    from retrieval.milvus import shared_collection

    mine, theirs = shared_collection(index_info), shared_collection(previous.get("index", {}))
    if mine is None or theirs is None or mine[0] != theirs[0] or mine[1] == theirs[1]:
        return {}
    return {"milvus_superseded": list(theirs)}


def _retire_collection(stats: dict, previous: dict, log: Callable[[str], None]) -> None:
    """Drop the collection the replaced build had superseded: a server keeps two collections per artifact
    folder, the new build's and the one before it (which a running `serve` reads until it reloads).

    Why not drop the replaced build's own collection: servers follow a new build only at their next turn."""
    older, current = previous.get("milvus_superseded"), stats.get("milvus_superseded")
    if not older or not current or older[0] != current[0] or older[1] == current[1]:
        return
    from retrieval.milvus import drop_collection

    try:
        if drop_collection(*older):
            log(f"dropped Milvus collection {older[1]} (two builds old) at {older[0]}")
    except UserError as exc:  # the build is published; an old collection left behind is only wasted space
        log(f"could not drop the old Milvus collection {older[1]} at {older[0]}: {exc}")


def _write_lm(catalog: pd.DataFrame, events: pd.DataFrame, out: Path, cfg: AppConfig,
              log: Callable[[str], None], defer: bool = False) -> dict:
    """Fine-tuned LM for configs that use it: reused from the cache when its inputs are unchanged;
    with `defer`, an uncached one is left for later and recorded as pending."""
    if "lm" not in (cfg.assistant.parser, cfg.assistant.writer) or not cfg.assistant.lm_build:
        return {}
    from assistant.training.cache import cached_model, lm_key, write_lm_pointer

    if defer and cached_model(catalog, events, cfg.assistant) is None:
        log("the fine-tuned LM for this catalog is not cached: built without it for now (the rule parser "
            "answers); `shopassist serve` fine-tunes it in the background, `shopassist build` waits for it")
        return {"lm": {"state": "pending", "key": lm_key(catalog, events, cfg.assistant)}}
    return write_lm_pointer(catalog, events, out, cfg, log)


def _write_models(catalog: pd.DataFrame, ratings: pd.DataFrame, events: pd.DataFrame, out: Path,
                  cfg: AppConfig, log: Callable[[str], None], build_id: str) -> dict:
    """Embed and index the catalog into `out` (its vectors in FAISS files there or in the build's Milvus
    collection, as `retrieval.vector_store` says), then train the recommenders."""
    rc = cfg.retrieval
    encoder = encoder_for(rc)
    texts = catalog_texts(catalog, rc.max_text_chars)
    t0 = time.perf_counter()
    vectors = encoder.encode(texts, show_progress=len(texts) > 1000)
    embed_s = time.perf_counter() - t0
    log(f"embedded {len(texts)} products with {encoder.name} in {embed_s:.1f} s")
    # The index kind is chosen by catalog size and config.
    index = ProductIndex(catalog, new_store(catalog, vectors, rc, out, build_id), config=rc)
    try:
        index.save(out)
    finally:
        index.close()  # Milvus Lite lets go of its folder before the staging dir is renamed
    log(f"indexed with {index.kind} in {index.info['build_seconds']} s ({index.store.name})")
    CatalogVocab.from_catalog(index.catalog).save(out / VOCAB_FILE)  # what shoppers can name, read once here
    stats: dict = {"encoder": encoder.name, "dim": int(vectors.shape[1]), "embed_seconds": round(embed_s, 2),
                   "products_per_second": round(len(texts) / max(embed_s, 1e-9), 1), "index": index.describe()}
    stats.update(train_models(catalog, ratings, events, cfg.recsys, out, log, waiting=waiting, counting=counting))
    return stats
