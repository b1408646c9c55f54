"""Loaded artifacts and the search step (retrieve + rerank) the turn loop uses.

Kept apart from the turn loop so the loop reads as conversation logic, and so the offline
evaluation can call `Engine.rank` without a dialogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.artifacts import read_manifest, verify_files
from assistant.config import AppConfig, config_from_dict
from assistant.vocab import CatalogVocab
from recsys.cf import MODEL_FILE, SVDRecommender
from recsys.profiles import ProfileStore
from recsys.rerank import mmr_order, score_candidates
from recsys.types import Candidate
from retrieval.encoders import Encoder, make_encoder
from retrieval.filters import filter_mask
from retrieval.index import ProductIndex
from retrieval.types import Filters, Hit


@dataclass
class Engine:
    index: ProductIndex
    encoder: Encoder
    recommender: SVDRecommender | None
    profiles: ProfileStore
    vocab: CatalogVocab
    config: AppConfig

    @classmethod
    def load(cls, art_dir: str | Path, config: AppConfig | None = None) -> Engine:
        """Load a verified build; the encoder must be the one the index was built with."""
        manifest = read_manifest(art_dir)
        directory = verify_files(art_dir, manifest)
        built = config_from_dict(manifest.config)
        # Retrieval settings must match the build (same embedding space); the rest may differ.
        config = built if config is None else AppConfig(built.retrieval, config.recsys, config.assistant)
        index = ProductIndex.load(directory)
        recommender = SVDRecommender.load(directory) if (directory / MODEL_FILE).exists() else None
        rc = config.retrieval
        return cls(index=index, encoder=make_encoder(rc.encoder, rc.hash_dim, rc.batch_size),
                   recommender=recommender, profiles=ProfileStore.load(directory),
                   vocab=CatalogVocab.from_catalog(index.catalog), config=config)

    def retrieve(self, text: str, filters: Filters, k: int) -> list[Hit]:
        if not text:
            return self._popular(filters, k)
        vector = self.encoder.encode([text])[0]
        return self.index.search(vector, filters, k)

    def _popular(self, filters: Filters, k: int) -> list[Hit]:
        """No query text: the best-rated products passing the filters (rating x log reviews)."""
        catalog = self.index.catalog
        mask = filter_mask(catalog, filters)
        rating = catalog["rating"].fillna(0).to_numpy(dtype=float)
        reviews = catalog["review_count"].fillna(0).to_numpy(dtype=float)
        score = np.where(mask, rating / 5.0 * np.log1p(reviews) / np.log1p(max(reviews.max(), 1)), -np.inf)
        rows = [r for r in np.argsort(-score)[:k] if mask[r]]
        return [Hit(self.index.products[r], float(score[r])) for r in rows]

    def recommend_hits(self, user_id: str | None, filters: Filters, k: int) -> list[Hit]:
        """"Recommend me something": CF's top predictions for a known user, else popular items."""
        if self.recommender is None or not self.recommender.knows_user(user_id):
            return self._popular(filters, k)
        rows = np.flatnonzero(filter_mask(self.index.catalog, filters))
        ids = self.index.catalog["product_id"].to_numpy()[rows].tolist()
        predicted = self.recommender.score(user_id, ids)
        order = np.argsort(-np.nan_to_num(predicted, nan=0.0))[:k]
        low, high = self.config.recsys.rating_min, self.config.recsys.rating_max
        return [Hit(self.index.products[rows[i]], float((np.nan_to_num(predicted[i], nan=low) - low) / (high - low)))
                for i in order]

    def rank(self, hits: list[Hit], user_id: str | None, personalize: bool, k: int,
             matched_terms: tuple[str, ...] = ()) -> list[Candidate]:
        """Rerank hits with CF + profile (unless personalize is off) and MMR; top k."""
        ids = [h.product.product_id for h in hits]
        use_profile = personalize and user_id is not None
        predictions = self.recommender.score(user_id, ids) if (use_profile and self.recommender) else None
        profile = self.profiles.get(user_id) if use_profile else None
        candidates = score_candidates(hits, self.config.recsys, profile=profile, cf_predictions=predictions,
                                      personalize=personalize, matched_terms=matched_terms)
        rows = [self.index.row(pid) for pid in ids]
        vectors = self.index.vectors([r for r in rows if r is not None]) if hits else None
        return mmr_order(candidates, vectors, self.config.recsys.mmr_lambda, k)
