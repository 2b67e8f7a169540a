"""Full-jitter exponential backoff (AWS architecture blog's "full jitter"), 1 s to 5 min.

Full jitter spreads a thousand kiosks that lost the hub at the same moment over the whole
window instead of having them knock again in lock-step.
"""

from __future__ import annotations

import random

BASE_S = 1.0
CAP_S = 300.0


def next_delay(failures: int, rng: random.Random, retry_after_s: float | None = None) -> float:
    """Seconds to wait after `failures` consecutive failures (≥ 1); never below Retry-After."""
    ceiling = min(CAP_S, BASE_S * 2 ** max(0, failures - 1))
    delay = rng.uniform(BASE_S, max(BASE_S, ceiling))
    if retry_after_s is not None:
        delay = max(delay, min(retry_after_s, CAP_S))
    return delay
