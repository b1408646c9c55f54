"""The recommendation metrics on the demo shop and on real e-commerce data (../shared/data).

    .venv/bin/python bench/recsys_real.py [--only demo,uci,amazon,cdnow] [--folds 5]

- demo: the generated demo shop: rating prediction, top-N (per-user split), segments, and the
  bias report for several MMR lambdas (built with the tiny preset: hash encoder, no model download).
- uci: UCI Online Retail (Dec 2010 - Dec 2011), customer x product purchases, time split (the
  last 25% of time is test; only first-time purchases of known customers/products count).
- amazon: Amazon 2018 Magazine Subscriptions ratings, rating prediction with k-fold CV.
- cdnow: CDNOW purchase log (no product ids): RFM profiles and segments, build time.
Data files are read from ../shared/data and written only to a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.shopdata.rating_sources import empty_ratings, read_ratings_source  # noqa: E402
from recsys.cf_eval import evaluate_rating_models  # noqa: E402
from recsys.config import RecsysConfig  # noqa: E402
from recsys.profiles import ProfileStore, rfm_table  # noqa: E402
from recsys.segments import assign_segments, segment_summary  # noqa: E402
from recsys.topn import implicit_feedback  # noqa: E402
from recsys.topn_eval import evaluate_topn  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
RATING_MODELS = ("baseline", "svd-default", "svd", "svd-tuned", "knn-baseline", "blend")


def rating_table(report: dict) -> str:
    lines = ["| model | RMSE | MAE | holdout RMSE | fit s / fold |", "|---|---|---|---|---|"]
    lines += [f"| {r['model']} | {r['cv_rmse']:.4f} ± {r['cv_rmse_std']:.4f} | {r['cv_mae']:.4f} | "
              f"{r['holdout_rmse']:.4f} | {r['fit_seconds']:.1f} |" for r in report["rows"]]
    return "\n".join(lines)


def topn_table(report: dict) -> str:
    k = report["k"]
    lines = [f"| model | nDCG@{k} | precision@{k} | recall@{k} | MAP | coverage | fit s |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['model']} | {r['ndcg']:.4f} | {r['precision']:.4f} | {r['recall']:.4f} | {r['map']:.4f} | "
              f"{r['coverage']:.3f} | {r['fit_seconds']:.1f} |" for r in report["rows"]]
    return "\n".join(lines)


def segments_table(users: pd.DataFrame) -> str:
    lines = ["| segment | customers | share | median recency (days) | mean orders | mean spend | revenue share |",
             "|---|---|---|---|---|---|---|"]
    for r in segment_summary(users).to_dict("records"):
        lines.append(f"| {r['segment']} | {r['users']} | {r['share']:.1%} | {r['recency_days']:.0f} | "
                     f"{r['orders']:.1f} | {r['avg_spend']:.0f} | {r['revenue_share']:.1%} |")
    return "\n".join(lines)


def cli_json(argv: list[str]) -> dict:
    from ui.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0
    return json.loads(out.getvalue())


def bench_demo(tmp: Path, folds: int) -> None:
    from assistant.config import build_config
    from assistant.offline.build import build_artifacts
    from assistant.shopdata.demo import generate_demo_shop
    from assistant.shopdata.load import load_shop

    data, art = tmp / "demo", tmp / "demo-art"
    generate_demo_shop(data)
    cfg = build_config("tiny")
    shop = load_shop(data, (cfg.recsys.rating_min, cfg.recsys.rating_max))
    catalog, ratings, events = shop.catalog, shop.ratings, shop.events
    print(f"\n## Demo shop ({len(catalog)} products, {len(ratings)} ratings, {len(events)} events)\n")
    print("Rating prediction, k-fold CV:\n\n" + rating_table(evaluate_rating_models(
        ratings, RecsysConfig(), folds, 0.2, RATING_MODELS)))
    pairs = implicit_feedback(ratings, events).merge(
        ratings[["user_id", "product_id", "rating"]], on=["user_id", "product_id"], how="left")
    print("\nTop-10, per-user 75/25 split of all interactions (ratings + events):\n\n" + topn_table(
        evaluate_topn(pairs, RecsysConfig(), "user", 10, ("popular", "svd", "ease", "als", "bpr"))))
    rows = [r for penalty in (0.1, 0.3, 0.5) for r in evaluate_topn(
        pairs, RecsysConfig(popularity_penalty=penalty), "user", 10, ("ease",))["rows"]]
    print("\nEASE with popularity_penalty (accuracy cost of the anti-popularity knob):\n\n"
          + topn_table({"k": 10, "rows": [{**r, "model": f"ease, penalty {r['params']['popularity_penalty']}"}
                                          for r in rows]}))
    started = time.process_time()
    store = ProfileStore.build(events, ratings, catalog, RecsysConfig())
    print(f"\nSegments ({len(store.users)} users, profiles in {time.process_time() - started:.2f} CPU s):\n\n"
          + segments_table(store.users))
    build_artifacts(data, art, cfg, log=lambda _m: None)
    report = cli_json(["--preset", "tiny", "eval", "bias", "--artifacts", str(art), "--users", "300",
                       "--lambdas", "1.0,0.7,0.4", "--penalties", "0,0.1,0.3", "--json"])
    print("\nBias of 'recommend me something' top-10 lists, 300 users, by MMR lambda and popularity penalty:\n")
    print("| run | head exposure | head interactions | coverage | intra-list diversity | brand Gini |")
    print("|---|---|---|---|---|---|")
    for run, r in report["runs"].items():
        print(f"| {run} | {r['popularity']['head_exposure_share']:.3f} | "
              f"{r['popularity']['head_interaction_share']:.3f} | {r['coverage']:.3f} | {r['diversity']:.3f} | "
              f"{r['brand_gini']:.3f} |")


def bench_uci(tmp: Path) -> None:
    from assistant.shopdata.importers import import_dataset
    from assistant.shopdata.interactions import load_events

    source = SHARED / "uci-online-retail" / "online_retail_2010-12_to_2011-12_qtypos.parquet"
    import_dataset("uci-retail", [source], tmp / "uci")
    events = load_events(tmp / "uci" / "events.csv")
    pairs = implicit_feedback(empty_ratings(), events)
    print(f"\n## UCI Online Retail 2010-11 ({len(events)} purchase lines, {pairs['user_id'].nunique()} customers, "
          f"{pairs['product_id'].nunique()} products, {len(pairs)} customer-product pairs)\n")
    report = evaluate_topn(pairs, RecsysConfig(), "time", 10, ("popular", "ease", "als", "bpr"))
    print(f"Top-10, time split (first purchases after the 75% time quantile; {report['train']} train / "
          f"{report['test']} test pairs):\n\n" + topn_table(report))
    started = time.process_time()
    users = assign_segments(rfm_table(events))
    print(f"\nRFM segments ({len(users)} customers, {time.process_time() - started:.2f} CPU s):\n\n"
          + segments_table(users))


def bench_amazon(folds: int) -> None:
    path = SHARED / "amazon2018-magazine-subscriptions" / "Magazine_Subscriptions_ratings.csv.gz"
    ratings = read_ratings_source(path, "amazon2018")
    print(f"\n## Amazon 2018 Magazine Subscriptions ({len(ratings)} ratings after keeping the latest per "
          f"user-product pair, {ratings['user_id'].nunique()} users, {ratings['product_id'].nunique()} items)\n")
    print("Rating prediction, k-fold CV:\n\n" + rating_table(evaluate_rating_models(
        ratings, RecsysConfig(), folds, 0.2, RATING_MODELS)))


def bench_cdnow() -> None:
    raw = pd.read_csv(SHARED / "cdnow" / "CDNOW_master.txt.gz", sep=r"\s+", header=0,
                      dtype={"customer_id": str, "date": str})
    cds = raw["number_of_cds"].clip(lower=1)
    events = pd.DataFrame({"user_id": raw["customer_id"], "product_id": "cd", "event": "purchase",
                           "quantity": cds, "price": raw["dollar_value"] / cds,
                           "timestamp": pd.to_datetime(raw["date"], format="%Y%m%d", utc=True)})
    started, cpu = time.perf_counter(), time.process_time()
    users = assign_segments(rfm_table(events))
    print(f"\n## CDNOW ({len(raw)} transactions, {len(users)} customers; RFM + segments in "
          f"{time.perf_counter() - started:.2f} s wall, {time.process_time() - cpu:.2f} CPU s)\n")
    print(segments_table(users))
    print(f"\nmean orders {users['frequency'].mean():.2f}, one-order customers {np.mean(users['frequency'] == 1):.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="demo,uci,amazon,cdnow")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    chosen = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        for name, run in (("demo", lambda: bench_demo(Path(tmp), args.folds)), ("uci", lambda: bench_uci(Path(tmp))),
                          ("amazon", lambda: bench_amazon(args.folds)), ("cdnow", bench_cdnow)):
            if name in chosen:
                started = time.perf_counter()
                run()
                print(f"\n({name}: {time.perf_counter() - started:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
