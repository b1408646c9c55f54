"""The Milvus vector store (Milvus Lite, embedded) keeps the FAISS store's contract behind `ProductIndex`:
the same exact results, filters pushed down never leak, k come back when k exist, removed products never
return, BM25 fusion and persistence work. A server URI runs the same code against a cluster.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.config import RetrievalConfig
from retrieval.index import ProductIndex
from retrieval.synthetic import clustered_vectors, queries_near, synthetic_catalog
from retrieval.types import Filters
from tests.test_retrieval_index import assert_obeys, filters_strategy

pytest.importorskip("milvus_lite")
from retrieval.milvus import MilvusVectors, milvus_expression  # noqa: E402
from retrieval.vectors import VectorStore  # noqa: E402

N, DIM = 600, 64


def milvus_index(catalog, vectors, uri: str, collection: str, cfg: RetrievalConfig) -> ProductIndex:
    return ProductIndex(catalog, MilvusVectors.build(catalog, vectors, cfg, uri=uri, collection=collection), config=cfg)


@pytest.fixture(scope="module")
def data():
    return synthetic_catalog(N, seed=3), clustered_vectors(N, DIM, seed=3, topics=8, subtopics=4)


@pytest.fixture(scope="module")
def flat_pair(data, tmp_path_factory):
    """The same catalog in Milvus (exact FLAT index) and in FAISS flat."""
    catalog, vectors = data
    cfg = RetrievalConfig(index="flat", milvus_index="FLAT", lexical_weight=0.0)
    uri = str(tmp_path_factory.mktemp("milvus") / "products.db")
    milvus = milvus_index(catalog, vectors, uri, "flat", cfg)
    yield milvus, ProductIndex(catalog, vectors, config=cfg)
    milvus.store.close()


@settings(max_examples=40, deadline=None)
@given(filters=filters_strategy, seed=st.integers(0, 10_000), k=st.sampled_from([1, 10, 60]))
def test_pushed_down_filters_give_faiss_exact_results(flat_pair, data, filters, seed, k):
    milvus, faiss_index = flat_pair
    query = queries_near(data[1], 1, seed=seed)[0]
    got, want = milvus.search(query, filters, k), faiss_index.search(query, filters, k)
    assert_obeys([h.product.product_id for h in got], milvus, filters, k)
    assert np.allclose([h.score for h in got], [h.score for h in want], atol=1e-4)  # ties may swap ids


@pytest.fixture(scope="module", params=["IVF_FLAT", "HNSW"])
def approximate(data, tmp_path_factory, request):
    catalog, vectors = data
    cfg = RetrievalConfig(milvus_index=request.param, lexical_weight=0.0)
    index = milvus_index(catalog, vectors, str(tmp_path_factory.mktemp("approx") / "p.db"), "approx", cfg)
    yield index
    index.close()


@settings(max_examples=30, deadline=None)
@given(filters=filters_strategy, seed=st.integers(0, 10_000))
def test_an_approximate_collection_gives_k_under_selective_filters(approximate, data, filters, seed):
    """IVF probes 16 of 97 lists here: a selective filter leaves most probed lists empty, and the search
    must widen (then go exact) until k come back, as FAISS's does."""
    query = queries_near(data[1], 1, seed=seed)[0]
    hits = approximate.search(query, filters, 10)
    assert_obeys([h.product.product_id for h in hits], approximate, filters, 10)


def test_both_stores_implement_the_seam(flat_pair):
    milvus, faiss_index = flat_pair
    assert isinstance(milvus.store, VectorStore) and isinstance(faiss_index.store, VectorStore)
    assert (milvus.store.name, faiss_index.store.name) == ("milvus", "faiss")
    assert milvus.describe()["vector_store"] == "milvus" and milvus.kind == "milvus-flat"


def test_an_excluded_brand_covers_its_family_and_quotes_are_escaped():
    expression = milvus_expression(Filters(exclude_brands=("Cadbury",), brands=('Joe "J" Co',)),
                                   ["cadbury", "cadbury bournville", "nestle"])
    assert 'brand not in ["cadbury", "cadbury bournville"]' in expression
    assert 'brand in ["joe \\"j\\" co"]' in expression
    assert milvus_expression(Filters(), []) == ""


def test_updates_removals_fusion_and_reload(data, tmp_path):
    catalog, vectors = data
    cfg = RetrievalConfig(lexical_weight=0.3, milvus_index="IVF_FLAT")
    uri = str(tmp_path / "products.db")
    index = milvus_index(catalog, vectors, uri, "live", cfg)
    assert index.kind == "milvus-ivf_flat" and len(index) == N
    doomed = catalog["product_id"].iloc[:50].tolist()
    assert index.remove(doomed) == 50
    changed = catalog.iloc[[60]].assign(title="Zanzibar Carbon Racket", price=12.5)
    index.upsert(changed, vectors[[7]])
    query = vectors[7]
    hits = index.search(query, Filters(), 10, text="zanzibar racket")
    ids = [h.product.product_id for h in hits]
    assert not set(ids) & set(doomed), "a removed product came back"
    assert ids[0] == changed["product_id"].iloc[0] and hits[0].product.title == "Zanzibar Carbon Racket"
    assert hits[0].lexical_score > 0  # BM25 fused in over the catalog kept here
    index.save(tmp_path)
    index.store.close()
    again = ProductIndex.load(tmp_path)
    assert again.store.name == "milvus" and again.config.vector_store == "milvus"
    assert len(again) == N - 50 and again.dead_slots == index.dead_slots
    assert [h.product.product_id for h in again.search(query, Filters(), 10, text="zanzibar racket")] == ids
    again.store.close()


@pytest.mark.parametrize("kind", ["IVF_FLAT", "HNSW"])
def test_approximate_recall_against_exact(data, tmp_path, kind):
    catalog, vectors = data
    cfg = dataclasses.replace(RetrievalConfig(lexical_weight=0.0), milvus_index=kind)
    index = milvus_index(catalog, vectors, str(tmp_path / "p.db"), "approx", cfg)
    queries = queries_near(vectors, 20, seed=1)
    exact = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    found = [set(index.search_rows(q, None, 10).rows) for q in queries]
    recall = np.mean([len(f & set(e)) / 10 for f, e in zip(found, exact, strict=True)])
    assert recall >= 0.95
    index.store.close()


def test_an_excluded_brand_family_is_spelled_out_before_it_is_pushed_down(data, tmp_path):
    catalog, vectors = data
    catalog = catalog.iloc[:60].copy()
    catalog["brand"] = ["Cadbury", "Cadbury Bournville", "Nestle"] * 20
    cfg = RetrievalConfig(lexical_weight=0.0)
    index = milvus_index(catalog, vectors[:60], str(tmp_path / "family.db"), "family", cfg)
    hits = index.search(vectors[0], Filters(exclude_brands=("cadbury",)), 60)
    assert len(hits) == 20 and {h.product.brand for h in hits} == {"Nestle"}
    index.close()
