"""Retrieval configuration: one frozen dataclass, `tiny` is a preset value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RetrievalConfig:
    # Which text encoder embeds products and queries: "minilm" (real, default) or "hash"
    # (deterministic, no model, for fast tests).
    encoder: str = "minilm"
    # Dimension of the hashing encoder (MiniLM is fixed at 384).
    hash_dim: int = 256
    # Batch size for encoding the catalog at build time.
    batch_size: int = 64
    # Product text is truncated to this many characters before encoding: MiniLM reads at
    # most 256 word pieces, and long descriptions add noise more than signal.
    max_text_chars: int = 600
    # How many candidates retrieval hands to the reranker.
    candidates: int = 50
