from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.encoders import HashingEncoder, product_text
from retrieval.filters import filter_mask
from retrieval.index import ProductIndex
from retrieval.types import Filters
from tests.shopfixtures import products


@pytest.fixture(scope="module")
def catalog():
    from retrieval.catalog import validate_catalog

    return validate_catalog(products().astype(str), "fixture.csv")


@pytest.fixture(scope="module")
def index(catalog):
    encoder = HashingEncoder(128)
    texts = [product_text(r.title, r.brand, r.category, r.color, r.description) for r in catalog.itertuples()]
    return ProductIndex(catalog, encoder.encode(texts))


def test_hashing_encoder_is_deterministic_and_unit_norm():
    enc = HashingEncoder(64)
    a, b = enc.encode(["blue running shoes", "headphones"]), enc.encode(["blue running shoes", "headphones"])
    assert a.shape == (2, 64) and a.dtype == np.float32
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, rtol=1e-5)


def test_own_title_retrieves_product_first(index, catalog):
    enc = HashingEncoder(128)
    for row in catalog.itertuples():
        hits = index.search(enc.encode([row.title])[0], k=1)
        assert hits[0].product.product_id == row.product_id


def test_flat_search_equals_numpy_brute_force(index):
    rng = np.random.default_rng(0)
    vectors = index.vectors(list(range(len(index))))
    for _ in range(10):
        q = rng.normal(size=index.dim).astype(np.float32)
        q /= np.linalg.norm(q)
        expected = np.argsort(-(vectors @ q))[:7]
        got = [index.row(h.product.product_id) for h in index.search(q, k=7)]
        assert got == expected.tolist()
        np.testing.assert_allclose([h.score for h in index.search(q, k=7)], (vectors @ q)[expected], rtol=1e-5)


def test_filtered_search_returns_k_when_k_exist(index, catalog):
    filters = Filters(categories=("headphones",), max_price=200)
    allowed = int(filter_mask(catalog, filters).sum())
    q = HashingEncoder(128).encode(["jacket"])[0]  # a query that prefers other categories
    hits = index.search(q, filters, k=allowed)
    assert len(hits) == allowed
    assert all(h.product.category == "headphones" and h.product.price <= 200 for h in hits)


filters_strategy = st.builds(
    Filters,
    min_price=st.none() | st.floats(0, 300),
    max_price=st.none() | st.floats(0, 300),
    categories=st.lists(st.sampled_from(["running shoes", "headphones", "jackets", "Jackets", "toys"]),
                        max_size=2).map(tuple),
    brands=st.lists(st.sampled_from(["Nike", "sony", "Bose", "Acme"]), max_size=2).map(tuple),
    exclude_brands=st.lists(st.sampled_from(["Nike", "Asics"]), max_size=1).map(tuple),
    colors=st.lists(st.sampled_from(["black", "Blue", "red"]), max_size=2).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(filters=filters_strategy, seed=st.integers(0, 10_000))
def test_filters_never_leak(index, filters, seed):
    q = np.random.default_rng(seed).normal(size=index.dim).astype(np.float32)
    hits = index.search(q / np.linalg.norm(q), filters, k=10)
    lower = lambda values: {v.lower() for v in values}  # noqa: E731
    for h in hits:
        p = h.product
        assert filters.min_price is None or p.price >= filters.min_price
        assert filters.max_price is None or p.price <= filters.max_price
        assert not filters.categories or p.category.lower() in lower(filters.categories)
        assert not filters.brands or p.brand.lower() in lower(filters.brands)
        assert p.brand.lower() not in lower(filters.exclude_brands)
        assert not filters.colors or p.color.lower() in lower(filters.colors)
    expected = min(10, int(filter_mask(index.catalog, filters).sum()))
    assert len(hits) == expected


def test_save_and_load_roundtrip(index, tmp_path):
    index.save(tmp_path)
    loaded = ProductIndex.load(tmp_path)
    q = HashingEncoder(128).encode(["sony headphones"])[0]
    assert [h.product.product_id for h in loaded.search(q, k=5)] == [h.product.product_id for h in index.search(q, k=5)]


@pytest.mark.slow
def test_minilm_own_title_and_paraphrase(catalog):
    from retrieval.encoders import make_encoder

    enc = make_encoder("minilm")
    texts = [product_text(r.title, r.brand, r.category, r.color, r.description) for r in catalog.itertuples()]
    idx = ProductIndex(catalog, enc.encode(texts))
    assert enc.encode(["x"]).shape == (1, 384)
    for row in list(catalog.itertuples())[:10]:
        assert idx.search(enc.encode([row.title])[0], k=1)[0].product.product_id == row.product_id
    hits = idx.search(enc.encode(["noise cancelling earphones"])[0], k=3)
    assert all(h.product.category == "headphones" for h in hits)
