"""Which aisle of the shop a whole message sounds like: its cosine to each category's mean product embedding.

Why a second signal beside the noun phrase's best matches (`assistant.evidence`): ten best matches can hinge
on one word a few titles share ("dry" in moisture-wicking tees for "something for her skin, which is very
dry"; "bag" in sports kit bags for "a bag for his back"), and a message that describes a use names no
product word at all ("something that makes quick dinners easy"). A category's centroid averages hundreds of
products, so a coincidental word moves it little while the sense of the whole message moves it a lot.

The centroids come from the index's stored vectors, at most `PER_CATEGORY` sampled rows per category, so
the cost at load stays flat as the catalog grows; they are rebuilt when the number of products changes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from retrieval.encoders import encode_queries

PER_CATEGORY = 2000
# How far the best aisle's cosine must lead the second's for the message to sound like one aisle. Measured on
# the demo shop's development messages: "something that makes quick dinners easy" kitchen by 0.20, "the little
# ear pieces without wires" headphones by 0.23, "something light and floaty ... wedding" dresses by 0.08;
# "a throw rug to match?" (0.004) and "plain white tops for gardening" (0.008) say no one aisle.
CLEAR_MARGIN = 0.08
# The least cosine of the best aisle for the message to sound like a product at all ("a good book for the
# beach": backpacks 0.19).
FLOOR = 0.25


@dataclass(frozen=True)
class AisleReading:
    """A message's cosine to every aisle, best first."""

    scores: tuple[tuple[str, float], ...]

    @property
    def top(self) -> str | None:
        return self.scores[0][0] if self.scores else None

    @property
    def margin(self) -> float:
        if len(self.scores) < 2:
            return 0.0
        return self.scores[0][1] - self.scores[1][1]

    @property
    def clear(self) -> str | None:
        """The one aisle the message sounds like, or None when two are close or none is near."""
        if self.scores and self.scores[0][1] >= FLOOR and self.margin >= CLEAR_MARGIN:
            return self.top
        return None

    def score(self, category: str | None) -> float:
        return dict(self.scores).get(category, 0.0)

    def to_dict(self) -> dict:
        return {c: round(s, 3) for c, s in self.scores[:3]}


class Aisles:
    """Category centroids of one engine's index, and messages read against them (cached per text)."""

    def __init__(self, engine, per_category: int = PER_CATEGORY, seed: int = 0):
        self.engine = engine
        self.per_category = per_category
        self.seed = seed
        self._built_for = -1
        self._names: list[str] = []
        self._centroids = np.zeros((0, 0), dtype=np.float32)
        self._cached = functools.lru_cache(maxsize=2048)(self._read)

    def read(self, text: str) -> AisleReading:
        self._centroids_now()  # a catalog that grew or shrank is averaged again before anything is read
        return self._cached(text)

    def _centroids_now(self) -> tuple[list[str], np.ndarray]:
        index = self.engine.index
        if self._built_for != len(index):
            categories = index.catalog["category"].fillna("").astype(str).to_numpy()
            rng = np.random.default_rng(self.seed)
            names, rows = [], []
            for name in sorted(set(categories) - {""}):
                members = np.flatnonzero(categories == name)
                if len(members) > self.per_category:
                    members = rng.choice(members, self.per_category, replace=False)
                names.append(name)
                rows.append(np.asarray(index.vectors(members.tolist()), dtype=np.float32).mean(axis=0))
            centroids = np.stack(rows) if rows else np.zeros((0, index.dim), dtype=np.float32)
            norms = np.linalg.norm(centroids, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            self._names, self._centroids, self._built_for = names, centroids / norms, len(index)
            self._cached.cache_clear()
        return self._names, self._centroids

    def _read(self, text: str) -> AisleReading:
        names, centroids = self._centroids_now()
        if not text.strip() or not names:
            return AisleReading(())
        query = encode_queries(self.engine.encoder, [text])[0]
        scores = centroids @ (query / (np.linalg.norm(query) or 1.0))
        order = np.argsort(-scores)
        return AisleReading(tuple((names[i], float(scores[i])) for i in order))
