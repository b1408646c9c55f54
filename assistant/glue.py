"""One language's conversational glue said in English: the shared reader of every table `mixed_speech` applies.

Why one reader: shoppers who mix a second language into English chat keep the product words (brands, kinds,
sizes) in English and say the glue (add, remove, cheaper, the second one, not that brand, do you have) in their
own language, which the parsers cannot read. Each language lists its phrases (turned round where its word order
differs from English), its words, and its weak words: short words that are English words too or that several
languages share ("na", "ba", "ko"), mapped only once a phrase or word of that language was, so an English
message is never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Glue:
    """A language's glue: `phrases` (regex, English) read first, in order; then `words`; then `weak` words."""

    phrases: tuple[tuple[str, str], ...]
    words: dict[str, str]
    weak: dict[str, str] = field(default_factory=dict)

    @cached_property
    def _compiled(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        return tuple((re.compile(rf"\b{pattern}", re.I), english) for pattern, english in self.phrases)

    @cached_property
    def _word(self) -> re.Pattern[str]:
        return _alternation(self.words)

    @cached_property
    def _weak(self) -> re.Pattern[str] | None:
        return _alternation(self.weak) if self.weak else None

    def in_english(self, message: str) -> tuple[str, bool]:
        """The message with this language's glue in English, and whether anything changed."""
        text = message
        for pattern, english in self._compiled:
            text = pattern.sub(english, text)
        text = self._word.sub(lambda m: self.words[m[1].lower()], text)
        if text != message:
            if self._weak is not None:
                text = self._weak.sub(lambda m: self.weak[m[1].lower()], text)
            text = re.sub(r"\s+([?.!,])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
        return text, text != message


def _alternation(words: dict[str, str]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b", re.I)
