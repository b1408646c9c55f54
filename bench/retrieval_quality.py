"""Retrieval quality on real catalogs: dense (MiniLM) vs lexical (BM25) vs fused, recall@10 and nDCG@10.

    .venv/bin/python bench/retrieval_quality.py [--datasets bigbasket,sephora] [--queries 400] [--encoder minilm]

Catalogs: ../shared/data (BigBasket 27,554 products, Sephora 5,504), imported with shopassist's
importers; products are embedded as in a real build (`catalog_texts`). Neither set has shopper
queries, so queries are derived from the catalog, with the relevant products known:
- noisy title: a product's title with ~40% of its words dropped, lower-cased, one typo in 30%
  of queries; relevant = products with the same title and brand.
- brand + type: "<brand> <leaf type>" (BigBasket `type`, Sephora `tertiary_category`); relevant =
  every product of that brand and type.
- type only: "<leaf type>"; relevant = every product of that type (a broad, category-level query).
recall@10 is |top-10 ∩ relevant| / min(10, |relevant|); nDCG@10 uses binary relevance.
Embeddings are cached under bench/results/ (keyed by the texts' hash).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from retrieval_common import RESULTS, SHARED_DATA, markdown, save_result

from retrieval.config import RetrievalConfig
from retrieval.encoders import encode_queries, make_encoder
from retrieval.index import ProductIndex
from retrieval.texts import catalog_texts

SOURCES = {"bigbasket": ("bigbasket-products/bigbasket_products.csv.gz", "type"),
           "sephora": ("sephora-products/sephora_product_info_trimmed.csv.gz", "tertiary_category")}
SYSTEMS = {"dense": (0.0, "linear"), "bm25": (1.0, "bm25"), "fused linear w=0.1": (0.1, "linear"),
           "fused linear w=0.2": (0.2, "linear"), "fused linear w=0.3": (0.3, "linear"),
           "fused linear w=0.5": (0.5, "linear"), "fused rrf w=0.5": (0.5, "rrf")}


def load_real_catalog(name: str) -> tuple[pd.DataFrame, str]:
    """Import a shared data set with shopassist's importer and validate it."""
    from assistant.shopdata.importers import import_dataset
    from retrieval.catalog import load_catalog

    path, type_column = SOURCES[name]
    out = Path(tempfile.mkdtemp(prefix=f"shopassist-{name}-"))
    import_dataset(name, [SHARED_DATA / path], out)
    return load_catalog(next(out.glob("products.*"))), type_column


def embed_cached(texts: list[str], encoder_kind: str, tag: str) -> np.ndarray:
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:12]
    path = RESULTS / f"emb_{tag}_{encoder_kind}_{digest}.npy"
    if path.exists():
        return np.load(path)
    started = time.perf_counter()
    vectors = make_encoder(encoder_kind).encode(texts, show_progress=True)
    print(f"embedded {len(texts)} texts with {encoder_kind} in {time.perf_counter() - started:.0f} s")
    RESULTS.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def _noisy(title: str, rng: np.random.Generator) -> str:
    words = title.lower().replace(" - ", " ").split()
    keep = [w for w in words if rng.random() > 0.4] or words[:2]
    if rng.random() < 0.3:
        long_words = [i for i, w in enumerate(keep) if len(w) > 5]
        if long_words:
            i = int(rng.choice(long_words))
            cut = int(rng.integers(1, len(keep[i]) - 1))
            keep[i] = keep[i][:cut] + keep[i][cut + 1:]
    return " ".join(keep)


def make_queries(catalog: pd.DataFrame, type_column: str, count: int, seed: int = 0) -> dict[str, list]:
    """{query type: [(text, set of relevant rows)]} (see module docstring)."""
    rng = np.random.default_rng(seed)
    key = catalog["title"].str.lower() + "\x00" + catalog["brand"].str.lower()
    same_title = catalog.groupby(key).indices
    brand_type = catalog.groupby([catalog["brand"], catalog[type_column]]).indices
    of_type = catalog.groupby(catalog[type_column]).indices
    rows = rng.choice(len(catalog), size=count, replace=False)
    noisy = [(_noisy(catalog["title"].iat[r], rng), set(same_title[key.iat[r]].tolist())) for r in rows]
    pairs = [p for p in brand_type if p[0] and p[1]]
    chosen = [pairs[i] for i in rng.choice(len(pairs), size=min(count, len(pairs)), replace=False)]
    branded = [(f"{b} {t}".lower(), set(brand_type[(b, t)].tolist())) for b, t in chosen]
    types = [t for t in of_type if t]
    picked = [types[i] for i in rng.choice(len(types), size=min(count, len(types)), replace=False)]
    generic = [(t.lower(), set(of_type[t].tolist())) for t in picked]
    return {"noisy title": noisy, "brand + type": branded, "type only": generic}


def scores_at_10(ranked: list[int], relevant: set[int]) -> tuple[float, float]:
    """(recall@10 capped at min(10, |relevant|), nDCG@10 with binary relevance)."""
    gains = [1.0 if r in relevant else 0.0 for r in ranked[:10]]
    ideal = sum(1.0 / np.log2(i + 2) for i in range(min(10, len(relevant))))
    dcg = sum(g / np.log2(i + 2) for i, g in enumerate(gains))
    return sum(gains) / min(10, len(relevant)), dcg / ideal


def evaluate(index: ProductIndex, vectors: np.ndarray, queries: list, system: tuple[float, str]) -> tuple[float, float]:
    weight, method = system
    index.config = dataclasses.replace(index.config, lexical_weight=weight,
                                       fusion=method if method != "bm25" else "linear")
    results = []
    for (text, relevant), vector in zip(queries, vectors, strict=True):
        if method == "bm25":
            scores = index.lexical_index().scores(text)
            ranked = [] if scores is None else np.argsort(-scores, kind="stable")[:10].tolist()
        else:
            ranked = index.search_rows(vector, None, 10, text=text).rows.tolist()
        results.append(scores_at_10(ranked, relevant))
    return tuple(np.mean(results, axis=0))


def run_dataset(name: str, count: int, encoder_kind: str) -> tuple[list, list[str]]:
    catalog, type_column = load_real_catalog(name)
    vectors = embed_cached(catalog_texts(catalog, RetrievalConfig().max_text_chars), encoder_kind, name)
    index = ProductIndex(catalog, vectors, config=RetrievalConfig(index="flat"))
    queries = make_queries(catalog, type_column, count)
    encoder = make_encoder(encoder_kind)
    query_vectors = {kind: encode_queries(encoder, [t for t, _ in qs]) for kind, qs in queries.items()}
    rows = []
    for label, system in SYSTEMS.items():
        row: list = [label]
        for kind, qs in queries.items():
            row.extend(evaluate(index, query_vectors[kind], qs, system))
        rows.append(row)
    header = ["system"] + [f"{kind} {m}" for kind in queries for m in ("R@10", "nDCG@10")]
    sizes = ", ".join(f"{kind}: {len(qs)}" for kind, qs in queries.items())
    print(f"\n### {name}: {len(catalog):,} products, queries per type ({sizes}), encoder {encoder_kind}\n")
    print(markdown(header, rows))
    return rows, header


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="bigbasket,sephora")
    parser.add_argument("--queries", type=int, default=400, help="queries per type")
    parser.add_argument("--encoder", default="minilm")
    args = parser.parse_args()
    report = {}
    for name in args.datasets.split(","):
        rows, header = run_dataset(name, args.queries, args.encoder)
        report[name] = {"header": header, "rows": rows}
    save_result(f"retrieval_quality_{args.encoder}", report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
