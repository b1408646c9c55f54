"""`shopassist refresh`: retrain the taste models from the shop's files plus what known shoppers did in the chat.

The loop from shopper actions back into ranking (issue 22, point 3). The live-state database
(`assistant/livestate/`) records cart adds, quantity changes and checkouts as they happen; this job
turns the known shoppers' ones into the shop's own event kinds and retrains profiles, the top-N
model (and the SVD when the ratings changed) on the files plus them, then publishes like `build`.

    cart_add, cart_quantity  -> "cart"      one per (session, product): first add time, last quantity
    checkout                 -> "purchase"  one per order line, at the price the order recorded

Rules:
- The data folder is never written: database events are merged in memory, so a plain `build` from
  the folder gives the files-only models again and the next `refresh` puts the events back.
- Every refresh starts from the files and ALL database events it can read; nothing is added onto
  the previous refresh, so running it twice counts nothing twice. The manifest records what was
  folded in (`stats["state_events"]`: highest event id and time, counts): a live overlay applies
  only events after that id, and a refresh with the same files, config and events does nothing.
- Anonymous events (guests, personalisation off: user_id NULL) never enter per-user models; they
  are counted in the log. Events of products no longer in the catalog are dropped and counted.
- The build's recorded config is used (a different config is a `build`). The catalog index is
  copied from the current build when the products file is unchanged (no re-embedding); otherwise
  the catalog is embedded again as in `build`. The SVD is kept when the ratings file is unchanged:
  it learns from ratings only, and the database adds none.
- No known-shopper events and none in the current build: nothing to fold, the build is left as it
  is (exit 0). A missing database is an error naming it (the server creates it on its first start).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from assistant.config import AppConfig, config_from_dict
from assistant.livestate.db import StateError, open_state, shown_url, state_url
from assistant.livestate.store import StateStore
from assistant.offline.build import _retire_collection, _superseding, _versions, _write_lm, _write_models
from assistant.shopdata.artifacts import (
    Manifest,
    artifact_lock,
    commit_build,
    fsync_build,
    hash_build,
    read_manifest,
    sha256_file,
    verify_files,
)
from assistant.shopdata.load import load_shop
from recsys.cf import MODEL_FILE as SVD_FILE
from recsys.profiles import AFFINITIES_FILE, BANDS_FILE, USERS_FILE
from recsys.topn import TOPN_FILE
from recsys.train import train_models

FOLDED_KINDS = ("cart_add", "cart_quantity", "checkout")
_RECSYS_FILES = (USERS_FILE, AFFINITIES_FILE, BANDS_FILE, TOPN_FILE)
_RECSYS_STATS = ("svd", "svd_tuning", "topn", "segments")
_EVENT_COLUMNS = ("user_id", "product_id", "event", "quantity", "price", "timestamp")


@dataclasses.dataclass(frozen=True)
class RefreshResult:
    """What a refresh did: "published", "up to date" or "nothing to fold"; the manifest in force after it."""

    outcome: str
    manifest: Manifest
    folded: dict[str, Any]


def shop_events(rows: list[dict[str, Any]], catalog: pd.DataFrame,
                order_lines: dict[str, list[dict[str, Any]]] | None = None) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Known shoppers' database events as rows of the shop's events file (see `validate_events`).

    Args:
        rows: `events` table rows of kinds `FOLDED_KINDS` with a user_id (others are ignored).
        catalog: the shop's catalog; events of other products are dropped (counted).
        order_lines: order_id -> lines, for the price a checkout paid (else the catalog price).

    Returns:
        (frame with the columns of a validated events file, the watermark: through_event_id,
        through_time, events (database rows read), cart, purchase, users, unknown_products).
    """
    order_lines = order_lines or {}
    price = pd.to_numeric(catalog["price"], errors="coerce") if "price" in catalog.columns \
        else pd.Series(np.nan, index=catalog.index)
    prices = dict(zip(catalog["product_id"].astype(str), price.astype("float64"), strict=True))
    known = [r for r in rows if r.get("user_id") and r["kind"] in FOLDED_KINDS]
    unknown = sum(1 for r in known if str(r.get("product_id")) not in prices)
    carts: dict[tuple[str, str, str], dict[str, Any]] = {}
    purchases: list[dict[str, Any]] = []
    for r in known:
        pid = str(r.get("product_id"))
        if pid not in prices:
            continue
        quantity = int(r["value"]) if r.get("value") and r["value"] >= 1 else 1
        if r["kind"] == "checkout":
            paid = next((line.get("price") for line in order_lines.get(r.get("detail") or "", [])
                         if str(line.get("product_id")) == pid), None)
            purchases.append({"user_id": r["user_id"], "product_id": pid, "event": "purchase", "quantity": quantity,
                              "price": float(paid) if paid is not None else prices[pid], "time": r["time"]})
            continue
        key = (r["user_id"], r.get("session_key") or "", pid)
        if key in carts:  # a quantity change of a line already counted: the quantity, not a second signal
            carts[key]["quantity"] = quantity
        else:
            carts[key] = {"user_id": r["user_id"], "product_id": pid, "event": "cart", "quantity": quantity,
                          "price": prices[pid], "time": r["time"]}
    folded = [*carts.values(), *purchases]
    frame = pd.DataFrame(folded, columns=[*_EVENT_COLUMNS[:-1], "time"])
    frame = pd.DataFrame({
        "user_id": frame["user_id"].astype(str), "product_id": frame["product_id"].astype(str),
        "event": frame["event"].astype(str), "quantity": frame["quantity"].astype("int64"),
        "price": frame["price"].astype("float64"),
        "timestamp": pd.to_datetime(frame["time"].astype("float64"), unit="s", utc=True).astype("datetime64[ns, UTC]"),
    })
    watermark = {
        "through_event_id": max((int(r["event_id"]) for r in known), default=0),
        "through_time": max((float(r["time"]) for r in known), default=None),
        "events": len(known), "cart": len(carts), "purchase": len(purchases),
        "users": len({r["user_id"] for r in known}), "unknown_products": unknown,
    }
    return frame, watermark


def read_state_events(url: str, catalog: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Open the database at `url` (it must exist) and convert its known shoppers' events; see `shop_events`."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    shown = shown_url(url)
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise StateError(f"--state {shown!r} is not a database URL") from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:") \
            and not Path(parsed.database).exists():
        raise StateError(f"no live-state database at {parsed.database}: `shopassist serve` creates it on its first "
                         "start; give --state URL if the shop keeps it elsewhere")
    try:
        engine = open_state(url)
        try:
            store = StateStore(engine)
            rows, anonymous = store.shopper_events(FOLDED_KINDS)
            lines = store.order_lines(r["detail"] for r in rows if r["kind"] == "checkout" and r.get("detail"))
        finally:
            engine.dispose()
    except SQLAlchemyError as exc:
        raise StateError(f"cannot read the live-state database {shown}: {exc.__class__.__name__}: "
                         f"{getattr(exc, 'orig', None) or exc}") from exc
    frame, watermark = shop_events(rows, catalog, lines)
    return frame, {**watermark, "anonymous_skipped": anonymous, "database": shown}


def _signature(folded: dict[str, Any] | None) -> tuple:
    folded = folded or {}
    return folded.get("through_event_id", 0), folded.get("events", 0)


def refresh_artifacts(art_dir: str | Path, data_dir: str | Path | None = None, state: str | None = None,
                      log: Callable[[str], None] = print, force: bool = False) -> RefreshResult:
    """Retrain profiles, top-N (and SVD if the ratings changed) from the files plus the database events.

    Args:
        art_dir: the artifacts folder a `build` wrote (its manifest names the config and the data folder).
        data_dir: the shop folder; default the folder the build read its products from.
        state: the live-state database URL; default $SHOPASSIST_STATE, else ART/state.db.
        force: publish even when the build already holds exactly these files and events.

    Raises:
        ArtifactError: no (valid) build, or another writer holds the lock.
        StateError: the database is missing or cannot be read.
        DataError: the data folder's files are invalid.
    """
    art_dir = Path(art_dir)
    started = time.perf_counter()
    current = read_manifest(art_dir)
    cfg = config_from_dict(current.config)
    if data_dir is None:
        data_dir = Path(current.inputs["products"]["path"]).parent
    shop = load_shop(data_dir, (cfg.recsys.rating_min, cfg.recsys.rating_max))
    extra, folded = read_state_events(state_url(art_dir, state), shop.catalog)
    inputs = _inputs(shop)
    held = current.stats.get("state_events")
    log(f"database {folded['database']}: {folded['events']} events of {folded['users']} known shoppers "
        f"({folded['cart']} cart lines, {folded['purchase']} purchases; {folded['anonymous_skipped']} anonymous and "
        f"{folded['unknown_products']} of products not in the catalog left out)")
    same_inputs = {r: e["sha256"] for r, e in inputs.items()} == {r: e["sha256"] for r, e in current.inputs.items()}
    if not force and not folded["events"] and not (held or {}).get("events"):
        log(f"no known shopper's cart or checkout to fold in: the build in {art_dir} is left as it is "
            "(`shopassist build` retrains from the files alone)")
        return RefreshResult("nothing to fold", current, folded)
    if not force and same_inputs and held is not None and _signature(held) == _signature(folded):
        log(f"the build in {art_dir} already holds these files and database events (through event "
            f"{folded['through_event_id']}): nothing to do")
        return RefreshResult("up to date", current, folded)
    events = pd.concat([shop.events, extra], ignore_index=True) if len(extra) else shop.events
    with artifact_lock(art_dir):
        current = read_manifest(art_dir)  # another writer may have published since we looked
        build_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        staging = art_dir / f".staging-{build_id}"
        try:
            stats = _write_refreshed(shop, events, current, art_dir, staging, cfg, inputs, log)
            stats.update(_superseding(stats.get("index", {}), current.stats))
            fsync_build(staging)
            seconds = round(time.perf_counter() - started, 2)
            stats["refresh"].update(seconds=seconds, from_build=current.build_id)
            manifest = dataclasses.replace(
                current, build_id=build_id, created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                inputs=inputs, versions=_versions(),
                files=hash_build(staging),
                stats={**stats, "currency": shop.currency, "state_events": folded, "build_seconds": seconds,
                       "artifacts_dir": str(art_dir.resolve())})
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        commit_build(art_dir, staging, manifest)
        _retire_collection(manifest.stats, current.stats, log)
    log(f"refreshed {art_dir} (build {build_id}, {seconds} s): {len(shop.events)} file events + "
        f"{len(extra)} from the database")
    return RefreshResult("published", manifest, folded)


def _inputs(shop) -> dict[str, dict[str, Any]]:
    rows = {"products": len(shop.catalog), "ratings": len(shop.ratings), "events": len(shop.events)}
    return {role: {"path": str(Path(p).resolve()), "sha256": sha256_file(p), "rows": rows.get(role, 1)}
            for role, p in shop.files.items()}


def _write_refreshed(shop, events: pd.DataFrame, current: Manifest, art_dir: Path, staging: Path, cfg: AppConfig,
                     inputs: dict[str, dict[str, Any]], log: Callable[[str], None]) -> dict:
    """Fill `staging`; stats for the manifest, with "refresh" saying what was reused."""
    old = current.inputs
    same_catalog = inputs["products"]["sha256"] == old["products"]["sha256"]
    same_ratings = inputs.get("ratings", {}).get("sha256") == old.get("ratings", {}).get("sha256")
    if not same_catalog:
        log("the products file changed since the build: embedding the catalog again")
        staging.mkdir(parents=True)
        stats = _write_models(shop.catalog, shop.ratings, events, staging, cfg, log,
                              staging.name.removeprefix(".staging-"))
        stats.update(_write_lm(shop.catalog, shop.events_if_any, staging, cfg, log, defer=True))
        return {**stats, "refresh": {"index": "rebuilt", "svd": "retrained"}}
    directory = verify_files(art_dir, current)
    shutil.copytree(directory, staging)
    keep_svd = same_ratings and ((staging / SVD_FILE).exists() or not len(shop.ratings))
    for name in (*_RECSYS_FILES, *(() if keep_svd else (SVD_FILE,))):
        (staging / name).unlink(missing_ok=True)
    log("catalog unchanged: index copied from build " + current.build_id
        + ("; ratings unchanged: SVD kept" if keep_svd else ""))
    kept = {k: v for k, v in current.stats.items()
            if k not in (*_RECSYS_STATS, "state_events", "refresh", "build_seconds")
            or (keep_svd and k in ("svd", "svd_tuning"))}
    trained = train_models(shop.catalog, shop.ratings, events, cfg.recsys, staging, log, train_svd=not keep_svd)
    return {**kept, **trained, "refresh": {"index": "reused", "svd": "kept" if keep_svd else "retrained"}}
