"""Incremental catalog updates: add, change or remove products in a built index, no full rebuild.

Why here (not in `ui/`): the assistant package owns the artifact directory (docs/architecture.md); the CLI
`shopassist update-products` only calls `update_products`.

What it does, under the artifact lock and crash-safe like `userdata.forget_user`: copy the
current build into a staging dir, load its `ProductIndex`, embed the new or changed products with
the encoder the build recorded, `upsert` them and `remove` the doomed ids (a removed product's
vector stays in FAISS as a dead slot that every search masks out; Milvus deletes it), save the index
files there, then publish the staging dir through `artifacts.commit_build` with fresh sha256s. A
Milvus build updates the copy of its Lite folder in the staging dir; one whose collection is on a
server (shared with the build being served) is refused: a full build writes a new collection.

What it does not do: retrain SVD / top-N / profiles (a new product simply has no CF signal until
the next full build), or touch the build's input files (a later full `build` from the unchanged
data folder would drop the update: change the data folder too). Dead slots cost memory and a
little search time; `dead_slots` in the result (and `index-info`) says when a rebuild is due.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.config import config_from_dict
from assistant.shopdata.artifacts import (
    artifact_lock,
    commit_build,
    fsync_build,
    hash_build,
    read_manifest,
    verify_files,
)
from assistant.vocab import VOCAB_FILE, CatalogVocab
from retrieval.catalog import load_catalog
from retrieval.encoders import encoder_for
from retrieval.index import ProductIndex
from retrieval.texts import catalog_texts
from retrieval.types import UsageError


def update_products(art_dir: str | Path, products_path: str | Path | None = None,
                    remove_ids: Sequence[str] = (), log: Callable[[str], None] = print) -> dict:
    """Upsert the products in `products_path` and remove `remove_ids` from the built index.

    Args:
        art_dir: artifact directory written by `build_artifacts`.
        products_path: a products file (same formats and validation as a build's); a product
            whose id exists replaces it (title, price, stock, vector), a new id is added.
        remove_ids: product ids to remove (unknown ids are counted, not an error).

    Returns:
        {"upserted", "added", "removed", "unknown_ids", "products", "dead_slots", "seconds"}.

    Raises:
        ArtifactError: no (valid) artifacts, or a build or another writer holds the lock.
        DataError: the products file is invalid.
    """
    art_dir = Path(art_dir)
    if products_path is None and not remove_ids:
        raise UsageError("nothing to do: give a products file and/or ids to remove")
    started = time.perf_counter()
    changes = load_catalog(products_path) if products_path is not None else None
    with artifact_lock(art_dir):
        manifest = read_manifest(art_dir)
        directory = verify_files(art_dir, manifest)
        build_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        staging = art_dir / f".staging-{build_id}"
        try:
            shutil.copytree(directory, staging)
            result = _apply(staging, config_from_dict(manifest.config).retrieval, changes, remove_ids, log)
            fsync_build(staging)
            result["seconds"] = round(time.perf_counter() - started, 3)
            history = [*manifest.stats.get("catalog_updates", []),
                       {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **result}]
            new = dataclasses.replace(
                manifest, build_id=build_id, created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                files=hash_build(staging),
                stats={**manifest.stats, "index": result.pop("index"), "catalog_updates": history})
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        commit_build(art_dir, staging, new)
    return result


def _apply(staging: Path, config, changes, remove_ids: Sequence[str], log: Callable[[str], None]) -> dict:
    """Load the staged index, apply the changes, save it back; counts and the new index description."""
    index = ProductIndex.load(staging, config)
    try:
        return _apply_to(index, staging, config, changes, remove_ids, log)
    finally:
        index.close()  # a Milvus Lite folder in the staging dir is let go before the dir is renamed


def _apply_to(index: ProductIndex, staging: Path, config, changes, remove_ids: Sequence[str],
              log: Callable[[str], None]) -> dict:
    if not getattr(index.store, "in_build", True):
        raise UsageError(f"this build keeps its vectors in the Milvus collection {index.store.collection!r} at "
                         f"{index.store.uri}, which the build being served reads too: updating it in place would "
                         "change that build before this one is published. Run a full `shopassist build` instead "
                         "(it writes a new collection)")
    known = set(index.catalog["product_id"])
    upserted = added = 0
    if changes is not None and len(changes):
        encoder = encoder_for(config)
        vectors = encoder.encode(catalog_texts(changes, config.max_text_chars), show_progress=len(changes) > 1000)
        if vectors.shape[1] != index.dim:
            raise UsageError(f"encoder {encoder.name} gives d={vectors.shape[1]} but the index has d={index.dim}")
        index.upsert(changes, vectors)
        ids = set(changes["product_id"])
        added = len(ids - known)
        upserted = len(ids) - added
        log(f"embedded {len(changes)} products with {encoder.name}: {upserted} replaced, {added} added")
    wanted = list(dict.fromkeys(remove_ids))
    removed = index.remove(wanted)
    if wanted:
        log(f"removed {removed} products ({len(wanted) - removed} ids not in the catalog)")
    index.save(staging)
    CatalogVocab.from_catalog(index.catalog).save(staging / VOCAB_FILE)  # new brands and words are nameable
    info = index.describe()
    return {"upserted": upserted, "added": added, "removed": removed, "unknown_ids": len(wanted) - removed,
            "products": info["products"], "dead_slots": info["dead_slots"], "index": info}
