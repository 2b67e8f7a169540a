"""Per-client token buckets for the web pages: a phone page must not become a way to flood a
station's kiosks with tickets, nor the sign-in page a way to guess passwords.

In-process and in memory: one hub process serves a city's stations, and a restart forgetting
the buckets only gives every client a fresh burst. With `--workers N` each worker has its own
buckets, so the effective limit is N times the setting (documented in docs/hub.md).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

MAX_CLIENTS = 20_000  # buckets kept per limiter; the least recently used are forgotten


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """A token bucket per key: `burst` at once, refilled at `per_second`."""

    def __init__(
        self,
        burst: int,
        per_second: float,
        monotonic: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_CLIENTS,
    ) -> None:
        self.burst = float(burst)
        self.per_second = per_second
        self._now = monotonic
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Spend one token for `key`: 0.0 if allowed, else the seconds until one is back."""
        now = self._now()
        with self._lock:
            bucket = self._buckets.pop(key, None)
            if bucket is None:
                bucket = _Bucket(self.burst, now)
            else:
                elapsed = max(0.0, now - bucket.at)
                bucket.tokens = min(self.burst, bucket.tokens + elapsed * self.per_second)
                bucket.at = now
            self._buckets[key] = bucket
            if len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.per_second


@dataclass(frozen=True)
class WebLimits:
    """The three limiters of the web pages."""

    view: RateLimiter
    submit: RateLimiter
    login: RateLimiter
