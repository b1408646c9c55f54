"""BM25 over product names (bm25s): the lexical half of hybrid search.

Why: dense embeddings blur exact tokens. A shopper typing a model number ("WH-1000XM5"), a
rare brand or a pack size ("500ml") wants exactly that product; BM25 rewards rare exact
tokens. The tokenizer keeps compound model numbers whole *and* split, so "wh1000xm5",
"wh-1000xm5" and "1000xm5" all match, and splits number+unit ("500ml" -> "500", "ml"). A query's
plural that no product text uses is looked up as its singular ("knives" -> "knife", "candles" ->
"candle", by inflect), so a shopper's "kitchen knives" matches titles that say "Chef's Knife"; a
plural the catalog itself uses ("earbuds") is looked up as said, so no word counts twice.

Document ids are the dense index's slots (see `index.py`), so one allowed-slot mask filters
both signals, and a removed product (a dead slot) is masked out of both.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_COMPOUND = re.compile(r"[^\W_]+(?:[-./][^\W_]+)+", re.UNICODE)
_QUANTITY = re.compile(r"^(\d+(?:\.\d+)?)([a-z]+)$")
_STOPWORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to with".split()
)
_FILES = {"data_name": "lexical.data.npy", "indices_name": "lexical.indices.npy",
          "indptr_name": "lexical.indptr.npy", "vocab_name": "lexical.vocab.json",
          "params_name": "lexical.params.json"}
LEXICAL_FILES = tuple(_FILES.values())


def tokenize(text: str) -> list[str]:
    """Lower-cased words, plus collapsed compounds and split quantities (see module docstring)."""
    text = text.lower()
    tokens = [w for w in _WORD.findall(text) if w not in _STOPWORDS]
    for compound in _COMPOUND.findall(text):
        tokens.append(re.sub(r"[-./]", "", compound))
    for word in list(tokens):
        quantity = _QUANTITY.match(word)
        if quantity:
            tokens.extend(quantity.groups())
    return tokens


@functools.lru_cache(maxsize=200_000)
def singular(word: str) -> str | None:
    """The singular of an English plural ("knives" -> "knife"); None for a word that is no plural (cached:
    a catalog repeats its words, and one inflect call costs ~0.1 ms)."""
    found = _inflector().singular_noun(word)
    return found if found and found != word else None


@functools.cache
def _inflector():
    import inflect

    return inflect.engine()


class LexicalIndex:
    """BM25 scores of every document for a query; documents are addressed by slot."""

    def __init__(self, retriever) -> None:
        self._retriever = retriever

    @classmethod
    def build(cls, texts: Sequence[str]) -> LexicalIndex:
        """Index one text per slot ("" for a dead slot keeps the numbering)."""
        import bm25s

        retriever = bm25s.BM25()
        retriever.index([tokenize(t) for t in texts], show_progress=False)
        return cls(retriever)

    def __len__(self) -> int:
        return int(self._retriever.scores["num_docs"])

    def scores(self, query: str) -> np.ndarray | None:
        """BM25 score of every document, float32[len(self)]; None when no query word is indexed."""
        indexed = self._retriever.vocab_dict
        said = [t if t in indexed or not (t.endswith("s") and t.isalpha() and len(t) > 3) else (singular(t) or t)
                for t in tokenize(query)]
        ids = self._retriever.get_tokens_ids(said)
        if not ids:
            return None
        return np.asarray(self._retriever.get_scores_from_ids(ids), dtype=np.float32)

    def save(self, directory: str | Path) -> None:
        """Write the files in `LEXICAL_FILES` (flat, so the artifact manifest can hash each one)."""
        self._retriever.save(str(directory), show_progress=False, **_FILES)

    @classmethod
    def load(cls, directory: str | Path) -> LexicalIndex | None:
        """The saved index, or None when `directory` holds none (older builds, hybrid off)."""
        directory = Path(directory)
        if not all((directory / name).exists() for name in LEXICAL_FILES):
            return None
        import bm25s

        return cls(bm25s.BM25.load(str(directory), show_progress=False, **_FILES))
