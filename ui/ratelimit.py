"""Per-client rate limiting: one token bucket per key (a session id, a client IP).

Why token buckets: a shopper types in bursts (a few quick refinements) and then reads, so a
bucket of `burst` tokens refilled at `rate_per_s` lets normal chatting through untouched and
stops a script hammering the model. The buckets live in memory (one server process).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimit:
    """`rate_per_s` messages per second sustained, `burst` at once; rate 0 switches the limit off."""

    rate_per_s: float = 0.0
    burst: int = 10

    @property
    def enabled(self) -> bool:
        return self.rate_per_s > 0


# Defaults of `shopassist serve`: a person chatting never meets them; a loop of requests does. The
# client's is a few times what the server answers with the LM on 2 cores (~2.5-5 turns/s,
# docs/benchmarks.md), so several shoppers behind one address pass and one script cannot take every
# turn; beyond it, the service's bounded waiting line answers 503 instead of queueing without end.
SESSION_LIMIT = RateLimit(rate_per_s=2.0, burst=10)
CLIENT_LIMIT = RateLimit(rate_per_s=8.0, burst=30)


class TokenBuckets:
    """Thread-safe buckets keyed by string; the least recently used beyond `max_keys` are dropped.

    Args:
        limit: the rate and burst of every bucket.
        max_keys: bound on memory under a flood of new keys (a dropped key starts full again).
        clock: monotonic seconds; injectable for tests.
    """

    def __init__(self, limit: RateLimit, max_keys: int = 20000, clock: Callable[[], float] = time.monotonic):
        if limit.burst < 1 or limit.rate_per_s < 0:
            raise ValueError("rate limit needs burst >= 1 and rate_per_s >= 0")
        self.limit = limit
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, last time)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Spend one token for `key`: 0.0 when allowed, else the seconds until one is available."""
        if not self.limit.enabled:
            return 0.0
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.limit.burst), now))
            tokens = min(float(self.limit.burst), tokens + (now - last) * self.limit.rate_per_s)
            wait = 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.limit.rate_per_s
            self._buckets[key] = (tokens - 1.0 if wait == 0.0 else tokens, now)
            self._buckets.move_to_end(key)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        return wait
