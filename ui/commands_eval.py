"""Evaluation and segmentation commands: eval cf, eval topn, eval bias, segments.

    shopassist eval cf --ratings u.data --format movielens --folds 5
    shopassist eval topn --ratings u.data --format movielens --split user
    shopassist eval topn --data shop/ --split time          # events and/or ratings of a shop
    shopassist eval bias --artifacts art/ --lambdas 1.0,0.7,0.4
    shopassist segments --data shop/ [--clusters 4] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json

import numpy as np
import pandas as pd

from ui.commands_core import config_of


def format_table(rows: list[dict], columns: list[str], digits: int = 4) -> str:
    """Plain-text table: floats rounded, columns padded (stable output for README pasting)."""
    def cell(value) -> str:
        if isinstance(value, float):
            return "nan" if value != value else f"{value:.{digits}f}"
        return str(value)
    body = [[cell(r.get(c, "")) for c in columns] for r in rows]
    widths = [max(len(c), *(len(b[i]) for b in body)) if body else len(c) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(b, widths, strict=True)) for b in body]
    return "\n".join(lines)


def _emit(args: argparse.Namespace, report: dict, text: str) -> int:
    print(json.dumps(report, indent=2, default=str) if args.json else text)
    return 0


def _shop_frames(data_dir: str, cfg) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Validated catalog, ratings and events of a shop folder (missing files -> empty frames)."""
    from assistant.build import input_files
    from recsys.data import load_events, load_ratings
    from recsys.sources import empty_events, empty_ratings
    from retrieval.catalog import load_catalog

    files = input_files(data_dir)
    catalog = load_catalog(files["products"])
    ids = set(catalog["product_id"])
    scale = (cfg.recsys.rating_min, cfg.recsys.rating_max)
    ratings = load_ratings(files["ratings"], ids, scale) if "ratings" in files else empty_ratings()
    events = load_events(files["events"], ids) if "events" in files else empty_events()
    return catalog, ratings, events


def cmd_eval_cf(args: argparse.Namespace) -> int:
    from recsys.cf_eval import evaluate_rating_models
    from recsys.sources import read_ratings_source

    cfg = config_of(args).recsys
    cfg = dataclasses.replace(cfg, svd_tune=args.tune or cfg.svd_tune, n_jobs=args.jobs)
    ratings = read_ratings_source(args.ratings, args.format, (cfg.rating_min, cfg.rating_max))
    models = tuple(args.models.split(",")) + (("svd-tuned",) if args.tune and args.tune != "none" else ())
    report = evaluate_rating_models(ratings, cfg, args.folds, args.test_size, models)
    text = format_table(report["rows"], ["model", "cv_rmse", "cv_rmse_std", "cv_mae", "holdout_rmse",
                                         "holdout_mae", "fit_seconds"])
    header = f"{report['ratings']} ratings, {args.folds}-fold CV and a {args.test_size:g} holdout (same seed)"
    chosen = [t["params"] for t in report["tuning"]]
    footer = f"\nsvd-tuned params per split (nested search): {chosen}" if chosen else ""
    return _emit(args, report, f"{header}\n{text}{footer}")


def _interactions(args: argparse.Namespace, cfg) -> pd.DataFrame:
    from recsys.sources import read_ratings_source
    from recsys.topn import implicit_feedback

    if args.ratings:
        return read_ratings_source(args.ratings, args.format, (cfg.recsys.rating_min, cfg.recsys.rating_max))
    if not args.data:
        raise ValueError("give --ratings FILE or --data DIR")
    _, ratings, events = _shop_frames(args.data, cfg)
    pairs = implicit_feedback(ratings, events)
    if len(ratings):  # keep the star rating so the "svd" ranker can be compared
        pairs = pairs.merge(ratings[["user_id", "product_id", "rating"]].drop_duplicates(["user_id", "product_id"]),
                            on=["user_id", "product_id"], how="left")
    return pairs


def cmd_eval_topn(args: argparse.Namespace) -> int:
    from recsys.topn_eval import evaluate_topn

    cfg = config_of(args)
    frame = _interactions(args, cfg)
    recsys_cfg = dataclasses.replace(cfg.recsys, num_threads=args.jobs)
    report = evaluate_topn(frame, recsys_cfg, args.split, args.k, tuple(args.models.split(",")))
    k = args.k
    rows = [{**r, f"precision@{k}": r["precision"], f"recall@{k}": r["recall"], f"ndcg@{k}": r["ndcg"]}
            for r in report["rows"]]
    text = format_table(rows, ["model", f"precision@{k}", f"recall@{k}", f"ndcg@{k}", "map", "coverage",
                               "fit_seconds"])
    header = (f"{report['users']} users, {report['items']} items, split '{args.split}': "
              f"{report['train']} train / {report['test']} test interactions")
    return _emit(args, report, f"{header}\n{text}")


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


def cmd_eval_bias(args: argparse.Namespace) -> int:
    from assistant.engine import Engine

    base = Engine.load(args.artifacts, config_of(args))
    users, counts, vectors = _bias_inputs(base)
    users = sorted(users)[: args.users]
    reports, rows = {}, []
    for penalty in (float(v) for v in args.penalties.split(",")):
        for lam in (float(v) for v in args.lambdas.split(",")):
            report = _bias_for(base, users, args.k, lam, penalty, (counts, vectors), args.group_by)
            reports[f"lambda={lam:g},penalty={penalty:g}"] = report
            pop = report["popularity"]
            rows.append({"mmr_lambda": f"{lam:g}", "pop_penalty": f"{penalty:g}",
                         "head_exposure": pop["head_exposure_share"],
                         "head_interactions": pop["head_interaction_share"],
                         "coverage": report["coverage"], "diversity": report["diversity"],
                         f"{args.group_by}_gini": report["brand_gini"]})
    text = format_table(rows, list(rows[0]) if rows else ["mmr_lambda"])
    first_key = next(iter(reports), "")
    top = format_table(reports[first_key]["exposure"][:10] if reports else [],
                       ["label", "items", "exposure_share", "catalog_share", "interaction_share"])
    note = f"{len(users)} users, top-{args.k} 'recommend me something' lists; head = top 10% items by interactions"
    return _emit(args, {"users": len(users), "k": args.k, "runs": reports},
                 f"{note}\n{text}\n\nexposure by {args.group_by} ({first_key}):\n{top}")


def _profile_tables(args: argparse.Namespace, cfg) -> tuple[pd.DataFrame, pd.DataFrame]:
    from recsys.profiles import ProfileStore

    if args.artifacts:
        from assistant.artifacts import read_manifest, verify_files

        store = ProfileStore.load(verify_files(args.artifacts, read_manifest(args.artifacts)))
    elif args.data:
        catalog, ratings, events = _shop_frames(args.data, cfg)
        store = ProfileStore.build(events, ratings, catalog, cfg.recsys)
    else:
        raise ValueError("give --data DIR or --artifacts ART")
    return store.users, store.affinities


def cmd_segments(args: argparse.Namespace) -> int:
    from recsys.features import feature_matrix, kmeans_segments, select_by_variance
    from recsys.segments import segment_summary

    cfg = config_of(args)
    users, affinities = _profile_tables(args, cfg)
    summary = segment_summary(users)
    report: dict = {"users": len(users), "segments": summary.to_dict("records")}
    text = format_table(report["segments"], ["segment", "users", "share", "recency_days", "orders", "avg_spend",
                                             "revenue_share", "campaign"], digits=2)
    clusters = args.clusters if args.clusters is not None else cfg.recsys.segment_clusters
    if clusters > 0 and len(users):
        features = feature_matrix(users, affinities)
        selected, dropped = select_by_variance(features, cfg.recsys.feature_min_variance)
        _, table = kmeans_segments(selected, clusters, cfg.recsys.seed)
        report.update(clusters=table.to_dict("records"), selected_features=list(selected.columns),
                      dropped_features=dropped)
        text += (f"\n\nk-means on {selected.shape[1]} of {features.shape[1]} features "
                 f"(variance >= {cfg.recsys.feature_min_variance:g} after scaling):\n"
                 + format_table(report["clusters"], ["cluster", "users", "distinctive"]))
    return _emit(args, report, text)


def register(sub) -> None:
    _register_eval(sub)
    s = sub.add_parser("segments", help="RFM customer segments (and optional k-means groups) for campaigns")
    s.add_argument("--data", help="shop folder (products, events, ratings)")
    s.add_argument("--artifacts", help="built artifacts (profiles)")
    s.add_argument("--clusters", type=int, default=None, help="also k-means on selected features (0 = off)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_segments)


def _register_eval(sub) -> None:
    ev = sub.add_parser("eval", help="evaluate recommenders: rating error, top-N ranking, bias").add_subparsers(
        dest="eval_command", required=True)
    s = ev.add_parser("cf", help="RMSE/MAE of rating models: k-fold CV and a holdout split")
    s.add_argument("--ratings", required=True, help="ratings file (or the ml-100k folder with --format movielens)")
    s.add_argument("--format", default="shopassist", help="shopassist, movielens or amazon2018")
    s.add_argument("--folds", type=int, default=5)
    s.add_argument("--test-size", type=float, default=0.2)
    s.add_argument("--models", default="baseline,svd-default,svd,knn-baseline,blend",
                   help="comma list of baseline, svd-default, svd, svd-tuned, knn-baseline, svdpp, blend")
    s.add_argument("--tune", choices=("none", "grid", "random"), default=None,
                   help="add svd-tuned, searched inside each training split (nested CV)")
    s.add_argument("--jobs", type=int, default=1, help="parallel jobs for the search")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_eval_cf)

    s = ev.add_parser("topn", help="precision/recall/nDCG@k and MAP of top-N models")
    s.add_argument("--ratings", help="ratings file (any rating counts as an interaction)")
    s.add_argument("--format", default="shopassist", help="shopassist, movielens or amazon2018")
    s.add_argument("--data", help="shop folder: its ratings and events are the interactions")
    s.add_argument("--split", choices=("user", "time"), default="user",
                   help="user: random 75/25 per user; time: last 25%% of time is test")
    s.add_argument("--k", type=int, default=10)
    s.add_argument("--models", default="popular,ease,als", help="comma list of popular, svd, ease, als, bpr")
    s.add_argument("--jobs", type=int, default=1, help="threads for implicit")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_eval_topn)

    s = ev.add_parser("bias", help="popularity bias, coverage, diversity and brand exposure of recommendations")
    s.add_argument("--artifacts", required=True)
    s.add_argument("--users", type=int, default=200, help="evaluate this many users (sorted ids)")
    s.add_argument("--k", type=int, default=10)
    s.add_argument("--lambdas", default="1.0,0.8,0.6,0.4", help="MMR diversity knob values to compare")
    s.add_argument("--penalties", default="0", help="popularity_penalty values to compare, e.g. 0,0.3,0.6")
    s.add_argument("--group-by", default="brand", help="catalog column for the exposure table")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_eval_bias)
