"""FAISS against Milvus (Milvus Lite, embedded) in one run: recall@10, latency, build time, memory.

    .venv/bin/python bench/retrieval_milvus.py [--size 1000000] [--queries 200] [--milvus-index IVF_FLAT]

Same clustered synthetic vectors as bench/retrieval_ann.py (d=384, unit rows, perturbed stored
vectors as queries); FAISS with the default large-catalog index (HNSW M=32, efConstruction=64,
efSearch=256), Milvus with `--milvus-index` (IVF_FLAT: 4 * sqrt(n) lists, nprobe 16), queries one at
a time through `ProductIndex.search_rows` with no filter and with a category filter (about 1 in 8
products). Ground truth is exact inner product. FAISS is the baseline: "p50_ratio" is a row's p50 /
FAISS's unfiltered p50 in the same run.
Memory: FAISS's serialized index size; Milvus's collection files on disk and the growth of this
process's resident memory over the Milvus build (Milvus Lite runs its engine inside the process,
behind a local gRPC socket).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np
from retrieval_ann import exact_topk
from retrieval_common import latencies_ms, markdown, p50, p95, recall_at, save_result

from retrieval.config import RetrievalConfig
from retrieval.filters import filter_mask
from retrieval.index import ProductIndex
from retrieval.milvus import MilvusVectors
from retrieval.synthetic import clustered_vectors, queries_near, synthetic_catalog
from retrieval.types import Filters


def _rss_gib() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**30


def _disk_gib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**30


def _queries(index, queries: np.ndarray, filters: Filters | None) -> tuple[np.ndarray, list[list[int]]]:
    faiss.omp_set_num_threads(1)
    out: list[list[int]] = [[] for _ in queries]

    def one(i: int) -> None:
        out[i] = index.search_rows(queries[i], filters, 10).rows.tolist()

    times = latencies_ms(one, len(queries))
    faiss.omp_set_num_threads(faiss.omp_get_max_threads())
    return times, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--milvus-index", default="IVF_FLAT", choices=("HNSW", "IVF_FLAT", "FLAT"))
    args = ap.parse_args()
    catalog = synthetic_catalog(args.size, seed=0)
    vectors = clustered_vectors(args.size, 384, seed=0, topics=100, subtopics=20)
    queries = queries_near(vectors, args.queries, seed=1)
    cfg = RetrievalConfig(index="hnsw", lexical_weight=0.0, milvus_index=args.milvus_index)
    category = str(catalog["category"].iloc[0])
    filtered = Filters(categories=(category,))
    mask = filter_mask(catalog, filtered)
    truth = {"none": exact_topk(queries, vectors, 10), "category": exact_topk(queries, vectors, 10, mask)}
    rows, payload = [], {"size": args.size, "queries": args.queries, "filter_share": round(float(mask.mean()), 3)}

    t0 = time.perf_counter()
    in_faiss = ProductIndex(catalog, vectors, config=cfg)
    faiss_build = time.perf_counter() - t0
    faiss_mem = len(faiss.serialize_index(in_faiss.store.index)) / 2**30
    faiss_runs = {name: _queries(in_faiss, queries, f) for name, f in (("none", None), ("category", filtered))}
    del in_faiss
    gc.collect()

    with tempfile.TemporaryDirectory() as tmp:
        rss0, t0 = _rss_gib(), time.perf_counter()
        store = MilvusVectors.build(catalog, vectors, cfg, uri=str(Path(tmp) / "bench.db"), collection="bench")
        milvus = ProductIndex(catalog, store, config=cfg)
        milvus_build, milvus_rss = time.perf_counter() - t0, _rss_gib() - rss0
        milvus_runs = {name: _queries(milvus, queries, f) for name, f in (("none", None), ("category", filtered))}
        milvus_disk = _disk_gib(Path(tmp))
        milvus.close()

    base = p50(faiss_runs["none"][0])
    for label, runs, build_s, memory in (("faiss hnsw", faiss_runs, faiss_build, f"index {faiss_mem:.2f} GiB"),
                                          (f"milvus-lite {args.milvus_index.lower()}", milvus_runs, milvus_build,
                                           f"disk {milvus_disk:.2f} GiB, +RSS {milvus_rss:.2f} GiB")):
        for name in ("none", "category"):
            times, found = runs[name]
            row = {"backend": label, "filter": name, "recall@10": round(recall_at(found, truth[name]), 3),
                   "p50_ms": round(p50(times), 2), "p95_ms": round(p95(times), 2),
                   "p50_ratio": round(p50(times) / base, 2), "build_s": round(build_s, 1), "memory": memory}
            rows.append(row)
    payload["rows"] = rows
    print(markdown(list(rows[0]), [list(r.values()) for r in rows]))
    save_result(f"retrieval_milvus_{args.size}", dataclasses.asdict(cfg) | payload)


if __name__ == "__main__":
    main()
