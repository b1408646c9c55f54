"""Evaluation of the recommenders and the shopper segments, as reports the CLI prints.

Why here: `eval` and `segments` need a shop folder, a ratings file in a public layout or a built
engine, and those are the assistant's to load; the metrics themselves live in `recsys`. Each
function returns a plain dict (the `--json` output); `ui/cli/evaluate.py` formats it.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from assistant.config import AppConfig
from assistant.shopdata.load import load_shop
from assistant.shopdata.rating_sources import read_ratings_source
from retrieval.types import UsageError


def rating_report(ratings_path: str, fmt: str, cfg: AppConfig, folds: int, test_size: float,
                  models: tuple[str, ...], tune: str | None, jobs: int) -> dict:
    """RMSE/MAE of rating models: k-fold CV and a holdout split (`eval cf`)."""
    from assistant.progress_bar import counting
    from recsys.cf_eval import evaluate_rating_models

    recsys_cfg = dataclasses.replace(cfg.recsys, svd_tune=tune or cfg.recsys.svd_tune, n_jobs=jobs)
    ratings = read_ratings_source(ratings_path, fmt, (recsys_cfg.rating_min, recsys_cfg.rating_max))
    models = models + (("svd-tuned",) if tune and tune != "none" else ())
    return evaluate_rating_models(ratings, recsys_cfg, folds, test_size, models, counting)


def interactions(cfg: AppConfig, ratings_path: str | None = None, fmt: str = "shopassist",
                 data_dir: str | None = None) -> pd.DataFrame:
    """(user, product) interactions from a ratings file, or from a shop folder's ratings and events."""
    from recsys.topn import implicit_feedback

    scale = (cfg.recsys.rating_min, cfg.recsys.rating_max)
    if ratings_path:
        return read_ratings_source(ratings_path, fmt, scale)
    if not data_dir:
        raise UsageError("give --ratings FILE or --data DIR")
    shop = load_shop(data_dir, scale)
    pairs = implicit_feedback(shop.ratings, shop.events)
    if len(shop.ratings):  # keep the star rating so the "svd" ranker can be compared
        stars = shop.ratings[["user_id", "product_id", "rating"]].drop_duplicates(["user_id", "product_id"])
        pairs = pairs.merge(stars, on=["user_id", "product_id"], how="left")
    return pairs


def topn_report(frame: pd.DataFrame, cfg: AppConfig, split: str, k: int, models: tuple[str, ...],
                jobs: int, curve_ks: tuple[int, ...] = ()) -> dict:
    """precision/recall/nDCG@k and MAP of top-N models (`eval topn`); also at each of `curve_ks`."""
    from recsys.topn_eval import evaluate_topn

    return evaluate_topn(frame, dataclasses.replace(cfg.recsys, num_threads=jobs), split, k, models,
                         curve_ks=curve_ks)


def _bias_inputs(engine) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Users to evaluate, interactions per catalog row and unit vectors per catalog row."""
    catalog = engine.index.catalog
    topn = engine.profiles.topn
    if topn is not None:
        counts = pd.Series(topn.popularity(), index=topn.items.ids).reindex(catalog["product_id"]).fillna(0)
        users = list(topn.users.ids)
    else:
        counts = catalog["review_count"].fillna(0) if "review_count" in catalog.columns else \
            pd.Series(np.zeros(len(catalog)))
        users = sorted(engine.profiles.user_ids())
    vectors = engine.index.vectors(list(range(len(catalog)))).astype(np.float64)
    return users, counts.to_numpy(dtype=np.float64), vectors


def _bias_for(base, users: list[str], k: int, lam: float, penalty: float, inputs: tuple, group_by: str) -> dict:
    """Bias report of the 'recommend me something' lists with one MMR lambda and popularity penalty."""
    from recsys.bias import bias_report
    from retrieval.types import Filters

    recsys_cfg = dataclasses.replace(base.config.recsys, mmr_lambda=lam, popularity_penalty=penalty)
    engine = dataclasses.replace(base, config=dataclasses.replace(base.config, recsys=recsys_cfg))
    candidates = engine.config.retrieval.candidates
    lists = [[c.product.product_id for c in engine.rank(engine.recommend_hits(u, Filters(), candidates), u, True, k,
                                                         source="recommend")] for u in users]
    counts, vectors = inputs
    return bias_report(lists, base.index.catalog, counts, vectors, group_by)


def bias_runs(art_dir: str, cfg: AppConfig, n_users: int, k: int, lambdas: list[float], penalties: list[float],
              group_by: str) -> tuple[list[str], dict[str, dict]]:
    """The evaluated users and one bias report per (penalty, lambda), keyed "lambda=L,penalty=P" (`eval bias`)."""
    from assistant.engine import Engine

    base = Engine.load(art_dir, cfg)
    users, counts, vectors = _bias_inputs(base)
    users = sorted(users)[:n_users]
    reports = {f"lambda={lam:g},penalty={penalty:g}": _bias_for(base, users, k, lam, penalty, (counts, vectors),
                                                                 group_by)
               for penalty in penalties for lam in lambdas}
    return users, reports


def profile_tables(cfg: AppConfig, data_dir: str | None = None,
                   art_dir: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-shopper RFM table and affinities, from a built artifact folder or computed from a shop folder."""
    from recsys.profiles import ProfileStore

    if art_dir:
        from assistant.shopdata.artifacts import read_manifest, verify_files

        store = ProfileStore.load(verify_files(art_dir, read_manifest(art_dir)))
    elif data_dir:
        shop = load_shop(data_dir, (cfg.recsys.rating_min, cfg.recsys.rating_max))
        store = ProfileStore.build(shop.events, shop.ratings, shop.catalog, cfg.recsys)
    else:
        raise UsageError("give --data DIR or --artifacts ART")
    return store.users, store.affinities


def segment_report(cfg: AppConfig, data_dir: str | None, art_dir: str | None, clusters: int | None) -> dict:
    """RFM segments for campaigns, and k-means groups over selected features when `clusters` > 0 (`segments`)."""
    from recsys.features import feature_matrix, kmeans_segments, select_by_variance
    from recsys.segments import segment_summary

    users, affinities = profile_tables(cfg, data_dir, art_dir)
    report: dict = {"users": len(users), "segments": segment_summary(users).to_dict("records")}
    clusters = clusters if clusters is not None else cfg.recsys.segment_clusters
    if clusters > 0 and len(users):
        features = feature_matrix(users, affinities)
        selected, dropped = select_by_variance(features, cfg.recsys.feature_min_variance)
        _, table = kmeans_segments(selected, clusters, cfg.recsys.seed)
        report.update(clusters=table.to_dict("records"), selected_features=list(selected.columns),
                      dropped_features=dropped, features_total=features.shape[1])
    return report
