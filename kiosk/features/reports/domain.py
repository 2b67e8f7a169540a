"""Small statistics for the dashboard's response times: median and 90th percentile.

Nearest-rank percentiles (the value at rank ceil(q·n)), so a figure is always a time that
really happened, never an average of two: "90 % of requests were accepted within 9 minutes".
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float | None:
    """The nearest-rank `q` percentile (0 < q ≤ 1) of `values`; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def median(values: Sequence[float]) -> float | None:
    """The lower median (nearest rank 50 %)."""
    return percentile(values, 0.5)
