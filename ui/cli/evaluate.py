"""Evaluation and segmentation commands: eval cf, eval topn, eval bias, segments.

    shopassist eval cf --ratings u.data --format movielens --folds 5
    shopassist eval topn --ratings u.data --format movielens --split user
    shopassist eval topn --data shop/ --split time          # events and/or ratings of a shop
    shopassist eval bias --artifacts art/ --lambdas 1.0,0.7,0.4
    ... --report report.html     # any eval: also a self-contained HTML page with charts (assistant/offline/report.py)
    shopassist segments --data shop/ [--clusters 4] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys

from ui.cli.core import config_of


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


CURVE_KS = (1, 5, 10, 20)  # list lengths of the precision/recall/nDCG curves in `eval topn --report`


def _emit(args: argparse.Namespace, report: dict, text: str, page=None) -> int:
    """Print the table (or JSON); then, with --report, write the HTML page. The output comes first, so
    a report that fails cannot take it away; a chart that fails to draw is noted in the page."""
    print(json.dumps(report, indent=2, default=str) if args.json else text, flush=True)
    if getattr(args, "report", None) and page is not None:
        from assistant.offline.report import write_report

        write_report(page(), args.report, lambda message: print(message, file=sys.stderr))
    return 0


def _check_report(args: argparse.Namespace) -> None:
    """A --report whose folder is missing fails before the evaluation runs, not after."""
    from assistant.offline.report import check_target

    check_target(getattr(args, "report", None))


def cmd_eval_cf(args: argparse.Namespace) -> int:
    from assistant.offline.evaluation import rating_report
    from assistant.offline.report import cf_page

    _check_report(args)
    report = rating_report(args.ratings, args.format, config_of(args), args.folds, args.test_size,
                           tuple(args.models.split(",")), args.tune, args.jobs)
    text = format_table(report["rows"], ["model", "cv_rmse", "cv_rmse_std", "cv_mae", "holdout_rmse",
                                         "holdout_mae", "fit_seconds"])
    header = f"{report['ratings']} ratings, {args.folds}-fold CV and a {args.test_size:g} holdout (same seed)"
    chosen = [t["params"] for t in report["tuning"]]
    footer = f"\nsvd-tuned params per split (nested search): {chosen}" if chosen else ""
    return _emit(args, report, f"{header}\n{text}{footer}", lambda: cf_page(report))


def cmd_eval_topn(args: argparse.Namespace) -> int:
    from assistant.offline.evaluation import interactions, topn_report
    from assistant.offline.report import topn_page

    _check_report(args)
    cfg = config_of(args)
    frame = interactions(cfg, args.ratings, args.format, args.data)
    curve_ks = tuple(sorted({*CURVE_KS, args.k})) if args.report else ()
    report = topn_report(frame, cfg, args.split, args.k, tuple(args.models.split(",")), args.jobs, curve_ks)
    k = args.k
    rows = [{**r, f"precision@{k}": r["precision"], f"recall@{k}": r["recall"], f"ndcg@{k}": r["ndcg"]}
            for r in report["rows"]]
    text = format_table(rows, ["model", f"precision@{k}", f"recall@{k}", f"ndcg@{k}", "map", "coverage",
                               "fit_seconds"])
    header = (f"{report['users']} users, {report['items']} items, split '{args.split}': "
              f"{report['train']} train / {report['test']} test interactions")
    return _emit(args, report, f"{header}\n{text}", lambda: topn_page(report))


def cmd_eval_bias(args: argparse.Namespace) -> int:
    from assistant.offline.evaluation import bias_runs
    from assistant.offline.report import bias_page

    _check_report(args)
    users, reports = bias_runs(args.artifacts, config_of(args), args.users, args.k,
                               [float(v) for v in args.lambdas.split(",")],
                               [float(v) for v in args.penalties.split(",")], args.group_by)
    rows = []
    for key, report in reports.items():
        lam, penalty = (part.split("=")[1] for part in key.split(","))
        pop = report["popularity"]
        rows.append({"mmr_lambda": lam, "pop_penalty": penalty,
                     "head_exposure": pop["head_exposure_share"],
                     "head_interactions": pop["head_interaction_share"],
                     "coverage": report["coverage"], "diversity": report["diversity"],
                     f"{args.group_by}_gini": report["brand_gini"]})
    text = format_table(rows, list(rows[0]) if rows else ["mmr_lambda"])
    first_key = next(iter(reports), "")
    top = format_table(reports[first_key]["exposure"][:10] if reports else [],
                       ["label", "items", "exposure_share", "catalog_share", "interaction_share"])
    note = f"{len(users)} users, top-{args.k} 'recommend me something' lists; head = top 10% items by interactions"
    exposure = reports[first_key]["exposure"][:10] if reports else []
    return _emit(args, {"users": len(users), "k": args.k, "runs": reports},
                 f"{note}\n{text}\n\nexposure by {args.group_by} ({first_key}):\n{top}",
                 lambda: bias_page(rows, f"{args.group_by}_gini", note, exposure,
                                   f"exposure by {args.group_by} ({first_key})"))


def cmd_segments(args: argparse.Namespace) -> int:
    from assistant.offline.evaluation import segment_report

    cfg = config_of(args)
    report = segment_report(cfg, args.data, args.artifacts, args.clusters)
    text = format_table(report["segments"], ["segment", "users", "share", "recency_days", "orders", "avg_spend",
                                             "revenue_share", "campaign"], digits=2)
    if "clusters" in report:
        selected = report["selected_features"]
        text += (f"\n\nk-means on {len(selected)} of {report.pop('features_total')} features "
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


HELP_REPORT = "also write a self-contained HTML page with charts (opens offline)"


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
    s.add_argument("--report", metavar="FILE.html", default=None, help=HELP_REPORT)
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
    s.add_argument("--report", metavar="FILE.html", default=None, help=HELP_REPORT)
    s.set_defaults(func=cmd_eval_topn)

    s = ev.add_parser("bias", help="popularity bias, coverage, diversity and brand exposure of recommendations")
    s.add_argument("--artifacts", required=True)
    s.add_argument("--users", type=int, default=200, help="evaluate this many users (sorted ids)")
    s.add_argument("--k", type=int, default=10)
    s.add_argument("--lambdas", default="1.0,0.8,0.6,0.4", help="MMR diversity knob values to compare")
    s.add_argument("--penalties", default="0", help="popularity_penalty values to compare, e.g. 0,0.3,0.6")
    s.add_argument("--group-by", default="brand", help="catalog column for the exposure table")
    s.add_argument("--json", action="store_true")
    s.add_argument("--report", metavar="FILE.html", default=None, help=HELP_REPORT)
    s.set_defaults(func=cmd_eval_bias)
