"""ANN benchmark on clustered synthetic embeddings: exactness, recall@10, latency, build, memory, filters.

    .venv/bin/python bench/retrieval_ann.py [--size 100000] [--kinds flat,hnsw,ivf,ivfpq] [--sweep]

Vectors: a two-level Gaussian mixture (100 topics x 20 sub-topics), d=384, unit rows; queries are
perturbed stored vectors. Ground truth is exact inner product (faiss.knn). Queries run one at a
time, single-threaded, through `ProductIndex.search_rows` (what the assistant calls, minus
building `Product` objects); builds use every core. The flat index is the baseline: "speed-up"
is flat p50 / kind p50 in the same run. Memory is the serialized index size per product.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import time

import faiss
import numpy as np
from retrieval_common import latencies_ms, markdown, p50, p95, peak_rss_gib, recall_at, save_result

from retrieval.config import RetrievalConfig
from retrieval.index import ProductIndex
from retrieval.synthetic import clustered_vectors, queries_near, synthetic_catalog
from retrieval.types import Filters

THREADS = faiss.omp_get_max_threads()  # restored after single-threaded query timing
SWEEP = {"hnsw": ("hnsw_ef_search", (16, 32, 64, 128, 256)), "ivf": ("ivf_nprobe", (8, 16, 32, 64)),
         "ivfpq": ("ivf_nprobe", (8, 16, 32, 64))}


def exact_topk(queries: np.ndarray, vectors: np.ndarray, k: int, mask: np.ndarray | None = None) -> list[list[int]]:
    """numpy brute force (chunked over queries), optionally among `mask` rows only."""
    rows = np.flatnonzero(mask) if mask is not None else None
    base = vectors if rows is None else vectors[rows]
    out = []
    for start in range(0, len(queries), 32):
        scores = queries[start:start + 32] @ base.T
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        for s, t in zip(scores, top, strict=True):
            t = t[np.argsort(-s[t], kind="stable")]
            out.append((t if rows is None else rows[t]).tolist())
    return out


def run_queries(index: ProductIndex, queries: np.ndarray, filters: Filters | None = None):
    """(latencies ms, result rows per query), single-threaded."""
    faiss.omp_set_num_threads(1)
    results: list[list[int]] = [[] for _ in queries]

    def one(i: int) -> None:
        results[i] = index.search_rows(queries[i], filters, 10).rows.tolist()

    times = latencies_ms(one, len(queries))
    faiss.omp_set_num_threads(THREADS)
    return times, results


def build(catalog, vectors: np.ndarray, cfg: RetrievalConfig, kind: str) -> ProductIndex:
    faiss.omp_set_num_threads(THREADS)
    return ProductIndex(catalog, vectors, config=dataclasses.replace(cfg, index=kind))


def bench_kinds(catalog, vectors, queries, truth, cfg, kinds, sweep: bool) -> tuple[list, dict]:
    rows, kept = [], {}
    base_p50 = None
    for kind in kinds:
        started = time.perf_counter()
        index = build(catalog, vectors, cfg, kind)
        build_s = time.perf_counter() - started
        size = len(faiss.serialize_index(index.store.index)) / len(vectors)
        name, values = SWEEP.get(kind, ("", (None,)))
        default = getattr(cfg, name) if name else None
        for value in (values if sweep else (default,)):
            if name:
                index.config = dataclasses.replace(index.config, **{name: value})
            times, got = run_queries(index, queries)
            base_p50 = base_p50 or (p50(times) if kind == "flat" else None)
            label = kind + (f" {name.split('_')[-1]}={value}" if name else "") + (" *" if value == default else "")
            rows.append([label, recall_at(got, truth), p50(times), p95(times),
                         (base_p50 / p50(times)) if base_p50 else "", build_s, size])
        index.config = dataclasses.replace(index.config, **({name: default} if name else {}))
        if kind == "flat":
            exact = exact_topk(queries, vectors, 10)
            kept["flat_equals_numpy"] = float(np.mean([g == e for g, e in zip(got, exact, strict=True)]))
        kept[kind] = index if kind in ("flat", "hnsw", "ivf") else None
        del index
        gc.collect()
    return rows, kept


def bench_filters(catalog, vectors, queries, indexes: dict) -> list:
    """Unfiltered vs a 1% category filter (exact path and forced ANN path) vs a 50% price filter."""
    one_percent = Filters(categories=("category-50",))
    ten_percent = Filters(categories=tuple(f"category-{i}" for i in range(50, 60)))
    exact = 10**9
    cases = [("none", None, None), ("category, 1%", one_percent, None),
             ("category, 1%, ANN forced", one_percent, 0), ("10 categories, 10%", ten_percent, None),
             ("10 categories, 10%, ANN forced", ten_percent, 0),
             ("10 categories, 10%, exact forced", ten_percent, exact),
             ("price <= 250, ~50%", Filters(max_price=250.0), None)]
    rows = []
    for kind, index in indexes.items():
        if index is None:
            continue
        unfiltered = None
        for label, filters, exact_max in cases:
            if kind == "flat" and exact_max is not None:
                continue
            saved = index.config
            if exact_max is not None:
                index.config = dataclasses.replace(saved, exact_filter_max=exact_max, ivf_exact_filter_max=exact_max)
            mask = None if filters is None else index.allowed_slots(filters)
            truth = exact_topk(queries, vectors, 10, mask)
            times, got = run_queries(index, queries, filters)
            index.config = saved
            unfiltered = unfiltered or p50(times)
            kept = 100.0 * (len(vectors) if mask is None else mask.sum()) / len(vectors)
            rows.append([kind, label, f"{kept:.1f}%", recall_at(got, truth), min(len(g) for g in got),
                         p50(times), p50(times) / unfiltered])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--kinds", default="flat,hnsw,ivf,ivfpq")
    parser.add_argument("--sweep", action="store_true", help="also other efSearch / nprobe values")
    parser.add_argument("--no-filters", action="store_true")
    args = parser.parse_args()
    cfg = RetrievalConfig()
    started = time.perf_counter()
    vectors = clustered_vectors(args.size, args.dim)
    queries = queries_near(vectors, args.queries)
    catalog = synthetic_catalog(args.size, categories=100)
    truth = [row.tolist() for row in faiss.knn(queries, vectors, 10, faiss.METRIC_INNER_PRODUCT)[1]]
    print(f"data: {args.size:,} x {args.dim} clustered vectors, {args.queries} queries, "
          f"prepared in {time.perf_counter() - started:.0f} s; faiss threads for builds: {THREADS}")
    rows, kept = bench_kinds(catalog, vectors, queries, truth, cfg, args.kinds.split(","), args.sweep)
    header = ["index (* = default)", "recall@10", "p50 ms", "p95 ms", "speed-up vs flat", "build s", "bytes/product"]
    print(f"\n### ANN at {args.size:,} products (single-threaded queries, k=10)\n")
    print(markdown(header, rows))
    if "flat_equals_numpy" in kept:
        print(f"\nflat top-10 identical to numpy brute force on {100 * kept['flat_equals_numpy']:.1f}% of queries")
    frows = [] if args.no_filters else bench_filters(catalog, vectors, queries, {k: v for k, v in kept.items()
                                                                                  if k != "flat_equals_numpy"})
    if frows:
        print(f"\n### Filtered search at {args.size:,} products\n")
        print(markdown(["index", "filter", "kept", "recall@10", "min results", "p50 ms", "x unfiltered"], frows))
    print(f"\npeak RSS {peak_rss_gib():.1f} GiB, total {time.perf_counter() - started:.0f} s")
    suffix = "" if args.kinds == parser.get_default("kinds") else "_" + args.kinds.replace(",", "-")
    save_result(f"retrieval_ann_{args.size}{suffix}", {"ann": rows, "filtered": frows, "flat_equals_numpy":
                                               kept.get("flat_equals_numpy")})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
