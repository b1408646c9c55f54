"""Contract tests every index kind must pass: filters never leak, k come back when k exist,
removed products never return, updates and persistence keep results.

Why one contract for all kinds: the approximate kinds (HNSW, IVF, IVF-PQ) take different paths
under a filter (exact scan of a small allowed set, ANN with a selector, widened beam, exact
fallback); `exact_filter_max=0` forces the ANN path so the widening and fallback are exercised,
and the property test also runs with the exact path on.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.ann import choose_kind
from retrieval.config import RetrievalConfig
from retrieval.filters import filter_mask
from retrieval.index import ProductIndex
from retrieval.synthetic import BRANDS, CATEGORIES, COLORS, clustered_vectors, queries_near, synthetic_catalog
from retrieval.types import Filters

N, DIM = 600, 64
KINDS = ("flat", "hnsw", "ivf", "ivfpq")


def config_for(kind: str, **changes) -> RetrievalConfig:
    base = RetrievalConfig(index=kind, hnsw_m=16, hnsw_ef_construction=40, hnsw_ef_search=16, ivf_nprobe=2,
                           pq_m=8, exact_filter_max=0, ivf_exact_filter_max=0, lexical_weight=0.0)
    return dataclasses.replace(base, **changes)


@pytest.fixture(scope="module")
def data():
    return synthetic_catalog(N, seed=3), clustered_vectors(N, DIM, seed=3, topics=8, subtopics=4)


def make_index(data, kind: str, **changes) -> ProductIndex:
    catalog, vectors = data
    return ProductIndex(catalog, vectors, config=config_for(kind, **changes))


def fresh_copy(data, kind: str, **changes) -> ProductIndex:
    """A mutable copy of the cached index of `kind` (cloning skips IVF/PQ training per example)."""
    import faiss

    base = _cached(data, kind)
    config = config_for(kind, **changes)
    return ProductIndex(data[0], faiss.clone_index(base.store.index), config=config, info=base.info)


filters_strategy = st.builds(
    Filters,
    min_price=st.none() | st.floats(0, 500),
    max_price=st.none() | st.floats(0, 500),
    categories=st.lists(st.sampled_from(CATEGORIES + ("SHOES", "none")), max_size=2).map(tuple),
    brands=st.lists(st.sampled_from(BRANDS + ("nike",)), max_size=3).map(tuple),
    exclude_brands=st.lists(st.sampled_from(BRANDS), max_size=2).map(tuple),
    colors=st.lists(st.sampled_from(COLORS), max_size=2).map(tuple),
    in_stock_only=st.booleans(),
    exclude_ids=st.lists(st.sampled_from([f"S{i}" for i in range(0, N, 7)]), max_size=5).map(tuple),
)


def assert_obeys(hit_ids: list[str], index: ProductIndex, filters: Filters, k: int) -> None:
    allowed = set(index.catalog["product_id"][filter_mask(index.catalog, filters)])
    assert set(hit_ids) <= allowed, "a filtered-out product leaked"
    assert len(hit_ids) == len(set(hit_ids)) == min(k, len(allowed)), "k results must come back when k exist"


@pytest.mark.parametrize("kind", KINDS)
def test_kind_is_built_and_described(data, kind):
    index = _cached(data, kind)
    info = index.describe()
    assert index.kind == info["kind"] == kind and info["products"] == N and info["dead_slots"] == 0
    assert kind == "flat" or info["params"]


def test_auto_kind_follows_catalog_size():
    cfg = RetrievalConfig(flat_max_products=1000, large_index="ivf")
    assert choose_kind(1000, cfg) == "flat" and choose_kind(1001, cfg) == "ivf"
    assert choose_kind(10, RetrievalConfig(index="hnsw")) == "hnsw"
    with pytest.raises(ValueError, match="unknown index kind"):
        choose_kind(10, RetrievalConfig(index="annoy"))


@pytest.mark.parametrize("kind", KINDS)
def test_recall_against_brute_force(data, kind):
    catalog, vectors = data
    index = fresh_copy(data, kind, hnsw_ef_search=64, ivf_nprobe=16)
    queries = queries_near(vectors, 30, seed=5)
    exact = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    got = [index.search_rows(q, k=10).rows for q in queries]
    recall = np.mean([len(set(g) & set(e)) / 10 for g, e in zip(got, exact, strict=True)])
    assert recall == 1.0 if kind == "flat" else recall >= (0.6 if kind == "ivfpq" else 0.9)


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivf"])
def test_selective_filter_takes_exact_path_equal_to_brute_force(data, kind):
    catalog, vectors = data
    index = fresh_copy(data, kind, exact_filter_max=10_000, ivf_exact_filter_max=10_000)
    filters = Filters(categories=("shoes",), colors=("red", "blue"))
    rows = np.flatnonzero(filter_mask(catalog, filters))
    for q in queries_near(vectors, 10, seed=4):
        expected = rows[np.argsort(-(vectors[rows] @ q), kind="stable")[:10]]
        ranked = index.search_rows(q, filters, 10)
        assert ranked.rows.tolist() == expected.tolist()
        np.testing.assert_allclose(ranked.scores, vectors[expected] @ q, rtol=1e-5)


@pytest.mark.parametrize("exact_max", [0, 10_000], ids=["ann-path", "exact-path"])
@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=30, deadline=None)
@given(filters=filters_strategy, seed=st.integers(0, 10_000), k=st.sampled_from([1, 10, 60]))
def test_filters_never_leak_and_k_come_back(data, kind, exact_max, filters, seed, k):
    index = _cached(data, kind)
    index.config = dataclasses.replace(index.config, exact_filter_max=exact_max, ivf_exact_filter_max=exact_max)
    query = queries_near(data[1], 1, seed=seed)[0]
    assert_obeys([h.product.product_id for h in index.search(query, filters, k)], index, filters, k)


_INDEXES: dict[str, ProductIndex] = {}


def _cached(data, kind: str) -> ProductIndex:
    """One read-only index per kind for the property test (hypothesis reruns the body, not fixtures)."""
    if kind not in _INDEXES:
        _INDEXES[kind] = make_index(data, kind)
    return _INDEXES[kind]


operations = st.lists(st.tuples(st.sampled_from(["remove", "upsert"]), st.lists(st.integers(0, N + 50), min_size=1,
                                                                                 max_size=40)), min_size=1, max_size=4)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=15, deadline=None)
@given(ops=operations, filters=filters_strategy, seed=st.integers(0, 1000))
def test_removed_products_never_return(data, kind, ops, filters, seed):
    catalog, vectors = data
    index = fresh_copy(data, kind)
    removed: set[str] = set()
    for op, numbers in ops:
        ids = sorted({f"S{i}" for i in numbers})
        if op == "remove":
            index.remove(ids)
            removed |= set(ids)
        else:  # re-add (or add new) products with fresh vectors
            fresh = synthetic_catalog(N + 51, seed=3).set_index("product_id").loc[ids].reset_index()
            index.upsert(fresh, clustered_vectors(len(ids), DIM, seed=seed + len(removed), topics=8, subtopics=4))
            removed -= set(ids)
    assert not removed & set(index.catalog["product_id"])
    query = queries_near(vectors, 1, seed=seed)[0]
    for f, k in ((Filters(), len(index) + 5), (filters, 25)):
        hit_ids = [h.product.product_id for h in index.search(query, f, k)]
        assert not removed & set(hit_ids)
        assert_obeys(hit_ids, index, f, k)


@pytest.mark.parametrize("kind", KINDS)
def test_upsert_replaces_product_and_vector(data, kind):
    catalog, vectors = data
    index = fresh_copy(data, kind)
    changed = catalog.iloc[[5]].copy()
    changed["price"] = 1.23
    new_vector = queries_near(vectors, 1, seed=99)
    index.upsert(changed, new_vector)
    assert len(index) == N and index.dead_slots == 1
    assert index.product("S5").price == 1.23
    row = index.row("S5")
    tolerance = 0.2 if kind == "ivfpq" else 1e-5
    np.testing.assert_allclose(index.vectors([row])[0], new_vector[0], atol=tolerance)
    assert index.search(new_vector[0], k=1)[0].product.product_id == "S5"
    cheap = Filters(min_price=1.2, max_price=1.25)
    assert [h.product.product_id for h in index.search(new_vector[0], cheap, k=3)] == ["S5"]


@pytest.mark.parametrize("kind", KINDS)
def test_save_load_after_updates_keeps_results(data, kind, tmp_path):
    catalog, vectors = data
    index = fresh_copy(data, kind, lexical_weight=0.3)
    index.remove(["S1", "S2", "S3"])
    index.upsert(catalog.iloc[[10]], vectors[[11]])
    index.save(tmp_path)
    info = json.loads((tmp_path / "index.json").read_text())
    assert info["kind"] == kind and info["dead_slots"] == 4 and info["config"]["index"] == kind
    loaded = ProductIndex.load(tmp_path)
    assert loaded.kind == kind and loaded.config == index.config and loaded.dead_slots == 4
    for q in queries_near(vectors, 5, seed=8):
        for text in (None, "Sony headphones XR-1010"):
            before = [h.product.product_id for h in index.search(q, k=8, text=text)]
            assert [h.product.product_id for h in loaded.search(q, k=8, text=text)] == before
            assert not {"S1", "S2", "S3"} & set(before)
    np.testing.assert_allclose(loaded.vectors([0, 5]), index.vectors([0, 5]))


def test_loads_first_format_directory(data, tmp_path):
    """A build from before index.json/slots.npy existed: only products.faiss and catalog.parquet."""
    import faiss

    catalog, vectors = data
    flat = faiss.IndexFlatIP(DIM)
    flat.add(vectors)
    faiss.write_index(flat, str(tmp_path / "products.faiss"))
    catalog.to_parquet(tmp_path / "catalog.parquet", index=False)
    loaded = ProductIndex.load(tmp_path)
    assert loaded.kind == "flat" and len(loaded) == N
    assert loaded.search(vectors[42], k=1)[0].product.product_id == "S42"
    assert loaded.search(vectors[42], k=1, text="XR-1042")[0].product.product_id == "S42"


def test_constructor_rejects_mismatched_sizes(data):
    import faiss

    catalog, vectors = data
    flat = faiss.IndexFlatIP(DIM)
    flat.add(vectors[:10])
    with pytest.raises(ValueError, match="index holds 10 vectors"):
        ProductIndex(catalog, flat)


def test_build_records_index_in_manifest(tiny_artifacts):
    from assistant.shopdata.artifacts import read_manifest

    stats = read_manifest(tiny_artifacts).stats
    assert stats["index"]["kind"] == "flat" and stats["index"]["products"] > 0
    assert stats["products_per_second"] > 0


def test_cli_index_info_and_search(tiny_artifacts, capsys):
    from ui.cli.main import main

    assert main(["--preset", "tiny", "index-info", "--artifacts", str(tiny_artifacts)]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "flat"
    assert main(["--preset", "tiny", "search", "--artifacts", str(tiny_artifacts), "--k", "3",
                 "--max-price", "80", "running shoes"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split()[:3] == ["score", "dense", "bm25"] and len(lines) == 4


def test_cli_update_products_adds_replaces_and_removes(tiny_artifacts, tmp_path, capsys):
    """`shopassist update-products`: no rebuild, the new build is published with fresh hashes."""
    import shutil

    import pandas as pd

    from assistant.engine import Engine
    from assistant.shopdata.artifacts import read_manifest
    from ui.cli.main import main

    art = tmp_path / "art"
    shutil.copytree(tiny_artifacts, art)  # the session fixture stays untouched
    before = read_manifest(art)
    changes = tmp_path / "changes.csv"
    pd.DataFrame([{"product_id": "P001", "title": "Nike Runner 1 Running Shoes - Black", "price": 1.5,
                   "category": "running shoes", "brand": "Nike", "color": "black"},
                  {"product_id": "NEW1", "title": "Garmin Forerunner 265 GPS Watch", "price": 349.0,
                   "category": "watches", "brand": "Garmin", "color": "black"}]).to_csv(changes, index=False)
    assert main(["--preset", "tiny", "update-products", "--artifacts", str(art), "--products", str(changes),
                 "--remove", "P002", "--remove", "NOPE"]) == 0
    assert "1 replaced, 1 added, 1 removed (1 unknown ids)" in capsys.readouterr().out
    after = read_manifest(art)
    assert after.build_id != before.build_id and after.stats["catalog_updates"][-1]["added"] == 1
    assert after.stats["index"]["dead_slots"] == 2 and after.stats["index"]["products"] == before.stats["index"][
        "products"]
    engine = Engine.load(art)  # verifies every file's sha256
    assert engine.index.product("P001").price == 1.5 and engine.index.product("P002") is None
    assert engine.retrieve("Garmin Forerunner 265 GPS Watch", Filters(), 1)[0].product.product_id == "NEW1"
    assert engine.vocab.brands.get("garmin") == "Garmin"  # the saved vocabulary was computed again
    everything = engine.retrieve("Nike Runner 2 running shoes", Filters(), len(engine.index) + 10)
    assert len(everything) == len(engine.index) and "P002" not in {h.product.product_id for h in everything}
    assert main(["--preset", "tiny", "update-products", "--artifacts", str(art)]) == 2  # nothing to do


def test_manifest_records_index_parameters(tmp_path, tiny_shop):
    """The build manifest and index.json record the index kind, build and search parameters."""
    from assistant.config import build_config
    from assistant.offline.build import build_artifacts
    from assistant.shopdata.artifacts import build_dir, read_manifest

    cfg = build_config("tiny", overrides={"retrieval": {"index": "hnsw", "hnsw_m": 8, "hnsw_ef_search": 24}})
    build_artifacts(tiny_shop, tmp_path, cfg, log=lambda _msg: None)
    manifest = read_manifest(tmp_path)
    index = manifest.stats["index"]
    assert index["kind"] == "hnsw" and index["params"]["m"] == 8 and index["search"]["ef_search"] == 24
    assert manifest.config["retrieval"]["hnsw_m"] == 8
    saved = json.loads((build_dir(tmp_path, manifest) / "index.json").read_text())
    assert saved["params"] == index["params"] and saved["config"]["hnsw_ef_search"] == 24
