"""Remembered reply decodes: the writer's prompts repeat, so their greedy continuations are kept.

Why: the writer's prompt holds only the intent kind, the number of results and the names of the
active constraints ("reply: refine | n=5 | cat | under"), never a value, so a few hundred prompts
cover a shop's traffic, and greedy decoding of one prompt by one model always gives the same
pieces. A remembered prompt costs no forward pass, which leaves the model to the parses (each
shopper's own words) when many shoppers talk at once. The pieces are replayed in order, so a
streamed reply looks the same; a decode its reader stopped early is kept as far as it went and
decoded again only if a later reader wants more.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class _Decode:
    pieces: list[str] = field(default_factory=list)
    complete: bool = False  # the model reached EOS or the token limit: nothing follows


class ReplyMemo:
    """Bounded, least recently used first out; safe across the server's threads."""

    def __init__(self, size: int = 1024):
        if size < 1:
            raise ValueError(f"reply memo size must be at least 1, got {size}")
        self.size = size
        self._decodes: OrderedDict[tuple, _Decode] = OrderedDict()
        self._lock = threading.Lock()
        self.counts = {"hits": 0, "misses": 0}

    def stream(self, lm: Any, prompt: str, max_new_tokens: int, expected: str | None = None) -> Iterator[str]:
        """`lm.stream(prompt, max_new_tokens, expected)`, from memory where it was decoded before."""
        key = (prompt, max_new_tokens, expected)
        with self._lock:
            known = self._decodes.get(key)
            if known is not None:
                self._decodes.move_to_end(key)
        decode: _Decode | None = None  # stays None while the reader is served from memory alone
        try:
            sent = 0
            if known is not None:
                for piece in list(known.pieces):
                    sent += len(piece)
                    yield piece
                if known.complete:
                    return
            decode = _Decode()
            decoded = 0
            for piece in lm.stream(prompt, max_new_tokens, expected):
                decode.pieces.append(piece)
                start, decoded = decoded, decoded + len(piece)
                if decoded > sent:  # past what was replayed: new to the reader
                    yield piece[max(0, sent - start):]
                    sent = decoded
            decode.complete = True
        finally:
            with self._lock:
                self.counts["hits" if decode is None else "misses"] += 1
            if decode is not None:
                self._keep(key, decode)

    def _keep(self, key: tuple, decode: _Decode) -> None:
        with self._lock:
            known = self._decodes.get(key)
            if known is not None and not decode.complete and len(known.pieces) >= len(decode.pieces):
                return  # an earlier reader got further
            self._decodes[key] = decode
            self._decodes.move_to_end(key)
            while len(self._decodes) > self.size:
                self._decodes.popitem(last=False)
