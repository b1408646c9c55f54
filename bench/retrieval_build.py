"""Build-side costs: embedding throughput, index build, persistence (save/load), incremental updates.

    .venv/bin/python bench/retrieval_build.py [--size 100000] [--encoders minilm,e5,hash] [--texts 2000]

Embedding runs on real product texts (BigBasket, as `catalog_texts` makes them) with the torch /
OpenMP thread defaults of this machine. Because the machine is shared, a fixed float32 matmul is
timed in the same run ("CPU GFLOP/s"): compare runs by products/s relative to it. Persistence and
updates use a synthetic catalog of --size products (clustered d=384 vectors); "vs full rebuild"
divides an update's time by the time to rebuild the whole index in the same run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
from retrieval_common import markdown, save_result
from retrieval_quality import load_real_catalog

from retrieval.config import RetrievalConfig
from retrieval.encoders import make_encoder
from retrieval.index import ProductIndex
from retrieval.synthetic import clustered_vectors, queries_near, synthetic_catalog
from retrieval.texts import catalog_texts


def cpu_gflops(n: int = 1024, repeats: int = 5) -> float:
    a = np.random.default_rng(0).standard_normal((n, n), dtype=np.float32)
    best = min(_timed(lambda: a @ a)[1] for _ in range(repeats))
    return 2 * n**3 / best / 1e9


def _timed(call):
    started = time.perf_counter()
    value = call()
    return value, time.perf_counter() - started


def bench_encoders(kinds: list[str], count: int) -> list:
    catalog, _ = load_real_catalog("bigbasket")
    texts = catalog_texts(catalog)
    sample = [texts[i] for i in np.random.default_rng(0).choice(len(texts), size=len(texts), replace=False)]
    rows = []
    for kind in kinds:
        n = count * 10 if kind == "hash" else (count // 4 if kind == "e5" else count)
        encoder, load_s = _timed(lambda kind=kind: make_encoder(kind))
        encoder.encode(sample[:32])  # warm-up: first batch pays one-time costs
        gflops = cpu_gflops()
        _, seconds = _timed(lambda encoder=encoder, n=n: encoder.encode(sample[:n]))
        rows.append([encoder.name, n, load_s, n / seconds, gflops])
    return rows


def bench_persistence(size: int) -> tuple[list, list]:
    catalog = synthetic_catalog(size, categories=100)
    vectors = clustered_vectors(size)
    persist, updates = [], []
    for kind in ("flat", "hnsw"):
        cfg = RetrievalConfig(index=kind)
        index, build_s = _timed(lambda cfg=cfg: ProductIndex(catalog, vectors, config=cfg))
        _, lexical_s = _timed(index.lexical_index)
        with tempfile.TemporaryDirectory() as tmp:
            _, save_s = _timed(lambda index=index, tmp=tmp: index.save(tmp))
            disk = sum(p.stat().st_size for p in Path(tmp).iterdir())
            loaded, load_s = _timed(lambda tmp=tmp: ProductIndex.load(tmp))
            query = queries_near(vectors, 1)[0]
            _, first_s = _timed(lambda loaded=loaded, q=query: loaded.search(q, k=10, text="Sony headphones"))
        persist.append([kind, size, build_s, lexical_s, save_s, load_s, first_s, disk / size])
        updates.extend(bench_updates(index, catalog, vectors, build_s + lexical_s, kind))
    return persist, updates


def bench_updates(index: ProductIndex, catalog, vectors: np.ndarray, rebuild_s: float, kind: str) -> list:
    """Upsert 1,000 changed products, remove 1,000, then the first hybrid search (rebuilds BM25)."""
    changed = catalog.iloc[:1000].copy()
    changed["price"] = changed["price"] + 1
    fresh = clustered_vectors(1000, seed=7)
    _, upsert_s = _timed(lambda: index.upsert(changed, fresh))
    _, remove_s = _timed(lambda: index.remove(catalog["product_id"].iloc[1000:2000].tolist()))
    query = queries_near(vectors, 1)[0]
    _, dense_s = _timed(lambda: index.search(query, k=10))
    _, hybrid_s = _timed(lambda: index.search(query, k=10, text="Sony headphones"))
    return [[kind, "upsert 1,000", upsert_s, upsert_s / rebuild_s],
            [kind, "remove 1,000", remove_s, remove_s / rebuild_s],
            [kind, "first dense search after", dense_s, dense_s / rebuild_s],
            [kind, "first hybrid search after (BM25 rebuilt)", hybrid_s, hybrid_s / rebuild_s]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--encoders", default="minilm,e5,hash")
    parser.add_argument("--texts", type=int, default=2000, help="texts embedded by MiniLM (e5: a quarter)")
    args = parser.parse_args()
    enc_rows = bench_encoders([k for k in args.encoders.split(",") if k], args.texts)
    if enc_rows:
        print("\n### Embedding throughput (BigBasket product texts)\n")
        print(markdown(["encoder", "texts", "load s", "products/s", "CPU GFLOP/s (same run)"], enc_rows))
    persist, updates = bench_persistence(args.size)
    print(f"\n### Build, save and load ({args.size:,} synthetic products, d=384, hybrid on)\n")
    print(markdown(["index", "products", "build s", "BM25 build s", "save s", "load s",
                    "first search after load s", "disk bytes/product"], persist))
    print(f"\n### Incremental updates on {args.size:,} products\n")
    print(markdown(["index", "operation", "seconds", "vs full rebuild"], updates))
    save_result("retrieval_build", {"encoders": enc_rows, "persistence": persist, "updates": updates})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
