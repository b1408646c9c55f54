"""Offline training of everything `recsys` serves: tuned SVD, profiles with segments, top-N model.

One public function so the build (owned by `assistant`) makes one call and records what it
returns in the manifest: the chosen SVD parameters, the top-N model and its parameters, segments.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pandas as pd

from recsys.cf import SVDRecommender
from recsys.config import RecsysConfig
from recsys.profiles import ProfileStore
from recsys.spark_als import fit_frames, trains_on_spark  # pyspark is imported when one runs
from recsys.topn import TopNRecommender, implicit_feedback
from recsys.tuning import Counting, no_counting, tune_svd


def train_models(catalog: pd.DataFrame, ratings: pd.DataFrame, events: pd.DataFrame, cfg: RecsysConfig,
                 out: str | Path, log: Callable[[str], None] = print,
                 waiting: Callable[[str], AbstractContextManager] = lambda _what: contextlib.nullcontext(),
                 train_svd: bool = True, counting: Counting = no_counting) -> dict:
    """Train and save SVD (if there are ratings), profiles and the top-N model into `out`.

    `waiting(what)` wraps the steps that take a while (the SVD fit, the top-N fit), so a caller can
    show that it is waiting (a terminal's progress line); nothing is logged inside it. `counting`
    counts the SVD search's model fits (`recsys.tuning.Counting`).
    `train_svd=False` leaves SVD out (no "svd" stats either): `refresh` keeps the build's SVD, which
    is trained on ratings alone, when the ratings did not change.

    Returns:
        JSON-ready stats: "svd" (bool), "svd_tuning" (method, chosen params, CV RMSE/MAE),
        "topn" (model, params, size, seconds), "segments" (users per segment).
    """
    stats: dict = {"svd": bool(len(ratings))} if train_svd else {}
    if train_svd and len(ratings):
        tuning = tune_svd(ratings, cfg, counting=counting)
        with waiting(f"SVD: fit on {len(ratings)} ratings"):
            SVDRecommender.fit(ratings, tuning.apply(cfg)).save(out)
        stats["svd_tuning"] = tuning.summary()
        how = f"{tuning.method} search" + (f": {tuning.note}" if tuning.note else f", CV RMSE {tuning.rmse}")
        log(f"trained SVD {tuning.params} on {len(ratings)} ratings ({how})")
    if cfg.engine == "spark":
        from recsys.spark_profiles import build_store

        with waiting(f"Spark ({cfg.spark_master}): profiles from {len(events)} events"):
            profiles = build_store(events, ratings, catalog, cfg)
        stats["profiles_engine"] = f"spark {cfg.spark_master}"
    else:
        profiles = ProfileStore.build(events, ratings, catalog, cfg)
    interactions = implicit_feedback(ratings, events, cfg.topn_min_rating)
    if cfg.topn_model != "none" and len(interactions):
        started = time.perf_counter()
        if trains_on_spark(cfg, interactions["product_id"].nunique()):
            with waiting(f"Spark ({cfg.spark_master}): top-N ALS on {len(interactions)} user-product pairs"):
                profiles.topn = fit_frames(events, ratings, cfg)
        else:
            with waiting(f"top-N {cfg.topn_model} on {len(interactions)} user-product pairs"):
                profiles.topn = TopNRecommender.fit(interactions, cfg)
        stats["topn"] = {"model": profiles.topn.kind, "params": profiles.topn.params,
                         "users": len(profiles.topn.users), "items": len(profiles.topn.items),
                         "seconds": round(time.perf_counter() - started, 2)}
        where = f" on Spark ({cfg.spark_master})" if "engine" in profiles.topn.params else ""
        log(f"trained top-N {profiles.topn.kind}{where} on {len(interactions)} user-product pairs")
    profiles.save(out)
    stats["segments"] = {str(k): int(v) for k, v in profiles.users["segment"].value_counts().items()}
    log(f"built profiles for {len(profiles.user_ids())} users")
    return stats
