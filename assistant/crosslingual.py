"""Catalog categories for messages in other languages, through the multilingual encoder.

Why: the rule parser finds categories by the catalog's (English) words, so "蓝色跑鞋" (blue
running shoes) had no category, was read as out of scope and never reached the multilingual
index. The e5 encoder puts both languages in one space, so the category whose name is nearest
to the message is the one the shopper means, when it is clearly nearer than the others.

The thresholds were read off e5-small on the demo shop's 16 categories: category requests
("耳机" headphones, "笔记本电脑" laptops, "红色连衣裙" red dress) scored 0.83-0.88 with a lead of
0.02-0.05 over the runner-up; greetings, "cheaper" and off-topic questions scored at most 0.85
but led by under 0.01. The lead is what separates them, so both must hold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from retrieval.encoders import Encoder, encode_queries

# Letters outside Latin (CJK, Cyrillic, Arabic, ...): the messages the English vocabulary cannot read.
_NON_LATIN = re.compile(r"[^\W\d_a-zA-Z\u00C0-\u024F]")


def has_non_latin_letters(text: str) -> bool:
    return bool(_NON_LATIN.search(text))


class CategoryMatcher:
    """`matcher(text) -> category | None`; category names are embedded once, on first use."""

    def __init__(self, encoder: Encoder, categories: Sequence[str], min_score: float = 0.82,
                 min_lead: float = 0.02):
        self.encoder = encoder
        self.categories = list(categories)
        self.min_score = min_score
        self.min_lead = min_lead
        self._vectors: np.ndarray | None = None

    def __call__(self, text: str) -> str | None:
        if len(self.categories) < 2 or not text.strip():
            return None
        if self._vectors is None:
            self._vectors = encode_queries(self.encoder, self.categories)
        scores = self._vectors @ encode_queries(self.encoder, [text])[0]
        first, second = np.argsort(-scores)[:2]
        if scores[first] >= self.min_score and scores[first] - scores[second] >= self.min_lead:
            return self.categories[int(first)]
        return None
