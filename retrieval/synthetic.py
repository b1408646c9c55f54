"""Synthetic catalogs and clustered embeddings for retrieval tests and benchmarks.

Why clustered: real product embeddings crowd into categories and sub-categories; uniform random
vectors give an ANN index no structure to exploit and make filters look easier than they are.
Why here (not under tests/): the benchmarks in `bench/` and the tests use the same generators.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from retrieval.catalog import validate_catalog

CATEGORIES = ("shoes", "headphones", "jackets", "toys", "kitchen", "beauty", "laptops", "watches")
BRANDS = ("Nike", "Sony", "Bose", "Acme", "Asics", "Casio", "Dell", "Tefal", "Lego", "Olay", "Puma", "JBL")
COLORS = ("black", "blue", "red", "white", "green")


def synthetic_catalog(n: int, seed: int = 0, categories: int = len(CATEGORIES)) -> pd.DataFrame:
    """A validated catalog of n products, each with a unique model number ("XR-1042") in its title.

    Args:
        categories: more than len(CATEGORIES) adds generic ones ("category-17"), so that at scale a
            category filter can keep 1% of the catalog.
    """
    rng = np.random.default_rng(seed)
    names = np.asarray(list(CATEGORIES) + [f"category-{i}" for i in range(len(CATEGORIES), categories)])
    frame = pd.DataFrame({
        "product_id": [f"S{i}" for i in range(n)],
        "category": names[rng.integers(0, categories, n)],
        "brand": np.asarray(BRANDS)[rng.integers(0, len(BRANDS), n)],
        "color": np.asarray(COLORS)[rng.integers(0, len(COLORS), n)],
        "price": np.round(rng.uniform(1, 500, n), 2).astype(str),
        "in_stock": np.where(rng.random(n) < 0.9, "true", "false"),
    })
    frame["title"] = frame["brand"] + " " + frame["category"] + " XR-" + (1000 + np.arange(n)).astype(str)
    return validate_catalog(frame, "synthetic.csv")


def _jitter(base: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    """Unit rows of base + a random direction of length ~`noise` (base rows are unit)."""
    step = rng.standard_normal(base.shape, dtype=np.float32) * np.float32(noise / np.sqrt(base.shape[1]))
    out = base + step
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def clustered_vectors(n: int, dim: int = 384, seed: int = 0, topics: int = 100, subtopics: int = 20,
                      spread: float = 0.6, chunk: int = 100_000) -> np.ndarray:
    """float32[n, dim] unit rows from a two-level Gaussian mixture: topics, sub-topics, products.

    Sub-topics lie at noise 0.7 around their topic, products at `spread` around their sub-topic.
    Memory: the output (n * dim * 4 bytes) plus one chunk.
    """
    rng = np.random.default_rng(seed)
    centres = _jitter(np.zeros((topics, dim), dtype=np.float32), 1.0, rng)
    subs = _jitter(np.repeat(centres, subtopics, axis=0), 0.7, rng)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, chunk):
        size = min(chunk, n - start)
        out[start:start + size] = _jitter(subs[rng.integers(0, len(subs), size)], spread, rng)
    return out


def queries_near(vectors: np.ndarray, count: int, seed: int = 1, noise: float = 0.5) -> np.ndarray:
    """Queries at `noise` around random stored vectors: like products, never one of them."""
    rng = np.random.default_rng(seed)
    return _jitter(vectors[rng.integers(0, len(vectors), count)], noise, rng)
