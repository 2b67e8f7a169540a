"""A help request ordered through the service with a phone and a few words (the write path
personal data goes through: event + projection + outbox + its key, sealed, FULL sync).

Prints one JSON line: p50/p99 of 1,000 orders with a phone and words (sealed under a new key
each, docs/privacy.md) beside 1,000 orders with neither in the same run (the floor: nothing to
seal), and their ratio. Runs on a build from before sealing too (no `consent` argument then),
which is how the before/after figures in the report were taken.
"""

from __future__ import annotations

import inspect
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.core.clock import FixedClock
from kiosk.settings import Settings
from kiosk.shell.context import build_services

OPERATIONS = 1000


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench(folder: Path, personal: bool) -> list[float]:
    clock = FixedClock(datetime(2026, 11, 2, tzinfo=UTC))
    services = build_services(Settings(data_dir=folder), clock)
    order = services.requests.order
    extra = {"consent": True} if "consent" in inspect.signature(order).parameters else {}
    samples = []
    for i in range(OPERATIONS):
        clock.advance(timedelta(seconds=30))
        start = time.perf_counter()
        if personal:
            order("luggage", phone=f"1390000{i % 10000:04d}", text="两个箱子，在北出口", **extra)
        else:
            order("luggage")
        samples.append((time.perf_counter() - start) * 1000)
    services.close()
    return samples


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plain = bench(Path(tmp) / "plain", personal=False)
        sealed = bench(Path(tmp) / "personal", personal=True)
    print(
        json.dumps(
            {
                "operations": OPERATIONS,
                "personal_p50_ms": round(statistics.median(sealed), 3),
                "personal_p99_ms": round(percentile(sealed, 0.99), 3),
                "plain_p50_ms": round(statistics.median(plain), 3),
                "plain_p99_ms": round(percentile(plain, 0.99), 3),
                "ratio_p50": round(statistics.median(sealed) / statistics.median(plain), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
