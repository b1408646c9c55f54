"""Loaded artifacts and the search step (retrieve + rerank) the turn loop uses.

Kept apart from the turn loop so the loop reads as conversation logic, and so the offline
evaluation can call `Engine.rank` without a dialogue.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.config import AppConfig, config_from_dict
from assistant.money import DEFAULT_CURRENCY
from assistant.shopdata.artifacts import read_manifest, verify_files
from assistant.vocab import VOCAB_FILE, CatalogVocab
from recsys.cf import MODEL_FILE, SVDRecommender
from recsys.profiles import ProfileStore
from recsys.rerank import mmr_order, score_candidates
from recsys.types import Candidate, Profile
from retrieval.encoders import Encoder, encode_queries, encoder_for
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
    build_id: str = ""  # the manifest's build this engine serves (a server reloads when it changes)
    currency: str = DEFAULT_CURRENCY  # what the catalog's prices are in (the data folder's shop.json)

    @classmethod
    def load(cls, art_dir: str | Path, config: AppConfig | None = None) -> Engine:
        """Load a verified build; the encoder must be the one the index was built with.

        Retrieval settings are the build's (same embedding space, same vector store), except
        `milvus_uri` when `config` sets one: where a Milvus build's collection is reached from here.
        """
        manifest = read_manifest(art_dir)
        directory = verify_files(art_dir, manifest)
        built = config_from_dict(manifest.config)
        if config is not None:
            retrieval = built.retrieval
            if config.retrieval.milvus_uri:
                retrieval = dataclasses.replace(retrieval, milvus_uri=config.retrieval.milvus_uri)
            config = AppConfig(retrieval, config.recsys, config.assistant)
        else:
            config = built
        index = ProductIndex.load(directory, config.retrieval)
        recommender = SVDRecommender.load(directory) if (directory / MODEL_FILE).exists() else None
        rc = config.retrieval
        return cls(index=index, encoder=encoder_for(rc),
                   recommender=recommender, profiles=ProfileStore.load(directory),
                   vocab=CatalogVocab.load_or_build(directory / VOCAB_FILE, index.catalog), config=config,
                   build_id=manifest.build_id,
                   currency=manifest.stats.get("currency", DEFAULT_CURRENCY))

    def close(self) -> None:
        """Release the index's vector store (a Milvus connection; nothing for FAISS)."""
        self.index.close()

    def retrieve(self, text: str, filters: Filters, k: int) -> list[Hit]:
        if not text:
            return self._popular(filters, k)
        # The raw text goes along too: the index fuses BM25 (exact model numbers, brands) with the cosine.
        vector = encode_queries(self.encoder, [text])[0]
        return self.index.search(vector, filters, k, text=text)

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
        """"Recommend me something": top-N picks for a known user, else CF's top predictions, else popular.

        The top-N model (implicit feedback) ranks far better than predicted ratings (docs/benchmarks.md
        "Top-N"), so it goes first; each fallback is the next-best signal that exists.
        """
        rows = np.flatnonzero(filter_mask(self.index.catalog, filters))
        ids = self.index.catalog["product_id"].to_numpy()[rows].tolist()
        topn = self.profiles.topn
        if topn is not None and topn.knows_user(user_id):
            picks = topn.recommend(user_id, k, ids, popularity_penalty=self.config.recsys.popularity_penalty)
            if picks:
                return [Hit(self.index.products[self.index.row(pid)], score) for pid, score in picks]
        if self.recommender is None or not self.recommender.knows_user(user_id):
            return self._popular(filters, k)
        predicted = self.recommender.score(user_id, ids)
        order = np.argsort(-np.nan_to_num(predicted, nan=0.0))[:k]
        low, high = self.config.recsys.rating_min, self.config.recsys.rating_max
        return [Hit(self.index.products[rows[i]], float((np.nan_to_num(predicted[i], nan=low) - low) / (high - low)))
                for i in order]

    def rank(self, hits: list[Hit], user_id: str | None, personalize: bool, k: int,
             matched_terms: tuple[str, ...] = (), source: str = "search",
             profile: Profile | None = None) -> list[Candidate]:
        """Rerank hits with CF + top-N + profile (unless personalize is off) and MMR; top k.

        `source="recommend"` says the hits came from `recommend_hits` (no query), so the
        reasons say "picked for you" instead of "similar to what you asked for". `profile`: the
        shopper's profile with this session folded in (`recsys.live_profile`); None: the build's.
        """
        ids = [h.product.product_id for h in hits]
        use_profile = personalize and user_id is not None
        predictions = self.recommender.score(user_id, ids) if (use_profile and self.recommender) else None
        topn = self.profiles.topn
        penalty = self.config.recsys.popularity_penalty
        topn_scores = topn.score(user_id, ids, penalty) if (use_profile and topn is not None) else None
        profile = (profile or self.profiles.get(user_id)) if use_profile else None
        candidates = score_candidates(hits, self.config.recsys, profile=profile, cf_predictions=predictions,
                                      personalize=personalize, matched_terms=matched_terms,
                                      topn_scores=topn_scores, source=source)
        rows = [self.index.row(pid) for pid in ids]
        # MMR needs one vector per candidate; without them it falls back to score order.
        vectors = self.index.vectors(rows) if hits and None not in rows else None
        return mmr_order(candidates, vectors, self.config.recsys.mmr_lambda, k)
