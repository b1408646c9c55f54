"""Does replayed chat feedback improve top-N? `refresh` with the database's carts and orders vs the build without.

    .venv/bin/python bench/recsys_feedback.py [--seeds 7,8,9] [--workdir DIR] [--cut 0.5] [--window 0.75]

One run, on demo shops (`shopassist demo-data`, one per seed, shoppers pooled), as an honest time split
of each event log:

    events and ratings before t1 (the --cut quantile of event times)   -> the shop's files; `build --preset rules`
    carts and purchases in [t1, t2) (t2 = the --window quantile)       -> replayed into the live-state database
                                                                          as known shoppers' cart_add / checkout
    purchases at or after t2 of products the shopper never touched before t2  -> held out (the truth)

Then `refresh` folds the database into the models, and both builds rank the whole catalog for the same shoppers
(known to the files-only build and with a held-out purchase), excluding the same products (everything the
shopper touched before t2), scored on the same held-out purchases: nDCG@10 and recall@10, with a paired bootstrap
95% interval of the difference. Views in the window are not replayed: the chat records products shown, not views,
and `refresh` folds only carts and checkouts. Rankers: the build's top-N model (EASE by default), and the
profile affinity the reranker uses (mean of the shopper's category/brand/colour/size/price-level shares), with
the files' popularity as a tie-breaker for both builds; the files' popularity alone for reference.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import build_config  # noqa: E402
from assistant.livestate.db import open_state, state_url  # noqa: E402
from assistant.livestate.store import Event, StateStore  # noqa: E402
from assistant.offline.build import build_artifacts  # noqa: E402
from assistant.offline.refresh import refresh_artifacts  # noqa: E402
from assistant.shopdata.artifacts import read_manifest, verify_files  # noqa: E402
from assistant.shopdata.demo import generate_demo_shop  # noqa: E402
from assistant.shopdata.load import load_shop  # noqa: E402
from recsys.metrics import top_k  # noqa: E402
from recsys.profiles import AFFINITY_KINDS, ProfileStore, _with_price_level  # noqa: E402

K = 10


def split_shop(shop, cut: float, window: float) -> tuple[pd.DataFrame, ...]:
    """(file events, file ratings, window carts/purchases, held-out truth pairs, pairs touched before t2)."""
    events, ratings = shop.events, shop.ratings
    t1, t2 = events["timestamp"].quantile(cut), events["timestamp"].quantile(window)
    s1, s2 = t1.timestamp(), t2.timestamp()
    file_events = events[events["timestamp"] < t1]
    file_ratings = ratings[ratings["timestamp"].isna() | (ratings["timestamp"] < s1)]
    in_window = (events["timestamp"] >= t1) & (events["timestamp"] < t2)
    window_events = events[in_window & events["event"].isin(["cart", "purchase"])]
    before = pd.concat([events.loc[events["timestamp"] < t2, ["user_id", "product_id"]],
                        ratings.loc[ratings["timestamp"].isna() | (ratings["timestamp"] < s2),
                                    ["user_id", "product_id"]]]).drop_duplicates()
    later = events[(events["timestamp"] >= t2) & (events["event"] == "purchase")][["user_id", "product_id"]]
    later = later.drop_duplicates().merge(before, how="left", indicator=True)
    truth = later[later["_merge"] == "left_only"].drop(columns="_merge")
    return file_events, file_ratings, window_events, truth, before


def write_files(shop, events: pd.DataFrame, ratings: pd.DataFrame, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(shop.files["products"], out / shop.files["products"].name)
    ratings.to_csv(out / "ratings.csv", index=False)
    stamped = events.assign(timestamp=events["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%SZ"))
    stamped.to_csv(out / "events.csv", index=False)


def replay(window: pd.DataFrame, url: str) -> int:
    """Record the window's carts and purchases as the chat would: one transaction per shopper and moment."""
    clock = [0.0]
    store = StateStore(open_state(url), clock=lambda: clock[0])
    n = 0
    for (user, stamp), group in window.sort_values("timestamp").groupby(["user_id", "timestamp"], sort=False):
        clock[0] = stamp.timestamp()
        session = f"bench:{user}:{stamp.date()}"
        store.record([Event("checkout" if e.event == "purchase" else "cart_add", e.product_id,
                            value=float(e.quantity), detail=f"bench-{user}-{int(clock[0])}" if e.event == "purchase"
                            else None, user_id=user, session_key=session) for e in group.itertuples()])
        n += len(group)
    store.engine.dispose()
    return n


def topn_scores(profiles: ProfileStore, users: np.ndarray, items: pd.Index) -> np.ndarray:
    """float[len(users), len(items)]: the build's top-N model's raw scores (-inf for products it never saw)."""
    model = profiles.topn
    out = np.full((len(users), len(items)), -np.inf)
    cols = items.get_indexer(model.items.ids)
    scores = model.scores_for_rows(model.users.index(users))
    out[:, cols[cols >= 0]] = np.asarray(scores)[:, cols >= 0]
    return out


def affinity_scores(profiles: ProfileStore, users: np.ndarray, catalog: pd.DataFrame) -> np.ndarray:
    """The reranker's profile affinity for every product: mean of the shopper's shares over the kinds they have."""
    catalog = _with_price_level(catalog, profiles.bands)
    aff = profiles.affinities.astype({"user_id": str, "kind": str, "value": str})
    aff = aff[aff["user_id"].isin(set(users))]
    rows = pd.Index(users)
    total = np.zeros((len(users), len(catalog)))
    present = np.zeros((len(users), len(catalog)))
    for kind in AFFINITY_KINDS:
        if kind not in catalog.columns:
            continue
        values = catalog[kind].fillna("").astype(str)
        codes, uniques = pd.factorize(values)
        part = aff[aff["kind"] == kind]
        table = np.zeros((len(users), len(uniques)))
        cols = pd.Index(uniques).get_indexer(part["value"])
        ok = cols >= 0
        table[rows.get_indexer(part["user_id"])[ok], cols[ok]] = part["weight"].to_numpy()[ok]
        has_kind = np.zeros(len(users), dtype=bool)
        has_kind[rows.get_indexer(part["user_id"])] = True
        has_value = (values != "").to_numpy()
        mask = has_kind[:, None] & has_value[None, :]
        total += np.where(mask, table[:, codes], 0.0)
        present += mask
    return np.divide(total, present, out=np.zeros_like(total), where=present > 0)


def per_user(top: np.ndarray, truth: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """(nDCG@K, recall@K) per user."""
    rows = np.repeat(np.arange(top.shape[0]), top.shape[1])
    hit = (np.asarray(truth[rows, top.ravel()]).ravel() > 0).reshape(top.shape).astype(float)
    n_rel = np.diff(truth.indptr).astype(float)
    discount = 1.0 / np.log2(np.arange(2, K + 2))
    ideal = np.cumsum(discount)[np.minimum(n_rel, K).astype(int) - 1]
    return (hit * discount).sum(axis=1) / ideal, hit.sum(axis=1) / n_rel


def bootstrap(diff: np.ndarray, n: int = 2000, seed: int = 0) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    means = diff[rng.integers(0, len(diff), (n, len(diff)))].mean(axis=1)
    return float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


def run_seed(seed: int, args: argparse.Namespace) -> tuple[dict, str]:
    """One demo shop: build, replay, refresh, score. ({(ranker, build): (nDCG per user, recall per user)}, summary)."""
    work = Path(args.workdir) / f"seed{seed}"
    shutil.rmtree(work, ignore_errors=True)
    generate_demo_shop(work / "demo", seed=seed)
    shop = load_shop(work / "demo")
    file_events, file_ratings, window, truth, before = split_shop(shop, args.cut, args.window)
    write_files(shop, file_events, file_ratings, work / "files")
    art = work / "art"
    build_artifacts(work / "files", art, build_config(args.preset), log=lambda _m: None)
    base = ProfileStore.load(verify_files(art, read_manifest(art)))
    replayed = replay(window, state_url(art))
    result = refresh_artifacts(art, log=lambda _m: None)
    fed = ProfileStore.load(verify_files(art, read_manifest(art)))

    catalog = shop.catalog.reset_index(drop=True)
    items = pd.Index(catalog["product_id"].astype(str))
    truth = truth[truth["user_id"].isin(set(base.topn.users.ids)) & truth["product_id"].isin(items)]
    users = np.asarray(sorted(truth["user_id"].unique()), dtype=object)
    user_rows = pd.Index(users)

    def matrix(pairs: pd.DataFrame) -> sp.csr_matrix:
        pairs = pairs[pairs["user_id"].isin(user_rows)]
        r, c = user_rows.get_indexer(pairs["user_id"]), items.get_indexer(pairs["product_id"])
        ok = c >= 0
        m = sp.csr_matrix((np.ones(ok.sum()), (r[ok], c[ok])), shape=(len(users), len(items)))
        m.sum_duplicates()
        return m.tocsr()

    relevant, seen = matrix(truth), matrix(before)
    popularity = np.bincount(items.get_indexer(file_events["product_id"]), minlength=len(items)).astype(float)
    tiebreak = 1e-9 * popularity / max(popularity.max(), 1.0)
    topn = f"top-N {base.topn.kind}"
    scores = {
        ("popular (files)", "files only"): np.tile(popularity, (len(users), 1)),
        (topn, "files only"): topn_scores(base, users, items),
        (topn, "files + DB feedback"): topn_scores(fed, users, items),
        ("profile affinity", "files only"): affinity_scores(base, users, catalog) + tiebreak,
        ("profile affinity", "files + DB feedback"): affinity_scores(fed, users, catalog) + tiebreak,
    }
    folded, refresh = result.manifest.stats["state_events"], result.manifest.stats["refresh"]
    summary = (f"seed {seed}: files {len(file_events)} events + {len(file_ratings)} ratings; replayed {replayed} "
               f"carts/purchases; refresh folded {folded['cart']} cart lines + {folded['purchase']} purchases of "
               f"{folded['users']} shoppers (index {refresh['index']}, SVD {refresh['svd']}, {refresh['seconds']} s); "
               f"held out {len(truth)} first-time purchases of {len(users)} shoppers")
    return {key: per_user(top_k(value, K, seen), relevant) for key, value in scores.items()}, summary


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--workdir", default="/tmp/shopassist-feedback")
    p.add_argument("--preset", default="rules")
    p.add_argument("--seeds", default="7,8,9", help="demo shop seeds; each is a shop, their shoppers are pooled")
    p.add_argument("--cut", type=float, default=0.5, help="time quantile where the shop's files end")
    p.add_argument("--window", type=float, default=0.75, help="time quantile where the replayed feedback ends")
    args = p.parse_args()
    started = time.perf_counter()
    pooled: dict = {}
    for seed in [int(s) for s in args.seeds.split(",")]:
        results, summary = run_seed(seed, args)
        print(summary, flush=True)
        for key, (ndcg, recall) in results.items():
            old = pooled.get(key, (np.zeros(0), np.zeros(0)))
            pooled[key] = (np.concatenate([old[0], ndcg]), np.concatenate([old[1], recall]))
    print(f"\nfiles: events before the {args.cut:.0%} time quantile; database: carts and purchases up to the "
          f"{args.window:.0%} quantile; truth: later first-time purchases; shoppers pooled over seeds {args.seeds}\n")
    print(f"| ranker | build | nDCG@{K} | recall@{K} | shoppers |")
    print("|---|---|---:|---:|---:|")
    for name in dict.fromkeys(r for r, _ in pooled):
        builds = {b: v for (r, b), v in pooled.items() if r == name}
        for build, (ndcg, recall) in builds.items():
            print(f"| {name} | {build} | {ndcg.mean():.4f} | {recall.mean():.4f} | {len(ndcg)} |")
        if len(builds) == 2:
            (n0, r0), (n1, r1) = builds.values()
            lo, hi = bootstrap(n1 - n0)
            rlo, rhi = bootstrap(r1 - r0)
            print(f"| {name} | difference, 95% CI | {(n1 - n0).mean():+.4f} [{lo:+.4f}, {hi:+.4f}] | "
                  f"{(r1 - r0).mean():+.4f} [{rlo:+.4f}, {rhi:+.4f}] | {len(n0)} |")
    print(f"\n{time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
