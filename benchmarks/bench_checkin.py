"""Durable check-ins/outs through the service layer (event + projection + outbox, FULL sync).

Prints one JSON line: p50/p99 of 2,000 badge scans through ShiftService, beside a raw sqlite3
insert of the same event + outbox rows with synchronous=FULL in the same run (the floor).
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.features.volunteers.service.serials import BadgeService
from kiosk.settings import Settings
from kiosk.shell.context import build_services

OPERATIONS = 2000
VOLUNTEERS = 40


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_service(folder: Path) -> list[float]:
    clock = FixedClock(datetime(2026, 11, 2, tzinfo=UTC))
    services = build_services(Settings(data_dir=folder), clock)
    people = [
        services.roster.register(f"志愿者{i}", f"N-{i}", f"1380000{i:04d}", "1234")
        for i in range(VOLUNTEERS)
    ]
    badges = services.get(BadgeService)  # serial badges: what a kiosk prints and scans now
    tokens = [badges.issue(p.id).token for p in people]
    samples = []
    for i in range(OPERATIONS):
        clock.advance(timedelta(minutes=7))
        start = time.perf_counter()
        services.shifts.scan_badge(tokens[i % VOLUNTEERS])
        samples.append((time.perf_counter() - start) * 1000)
    services.close()
    return samples


def bench_raw(folder: Path) -> list[float]:
    db = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(
        "CREATE TABLE events (pos INTEGER PRIMARY KEY, id TEXT UNIQUE, kind TEXT, station_id TEXT,"
        " kiosk_id TEXT, seq INTEGER, occurred_at TEXT, actor TEXT, aggregate_id TEXT,"
        " payload TEXT, UNIQUE (kiosk_id, seq))"
    )
    db.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY, event_id TEXT UNIQUE)")
    samples = []
    for seq in range(1, OPERATIONS + 1):
        event_id = new_id()
        start = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "INSERT INTO events (id, kind, station_id, kiosk_id, seq, occurred_at, actor,"
            " aggregate_id, payload) VALUES (?, 'shift.checked_in', 's', 'k', ?, ?, 'v', ?, ?)",
            (event_id, seq, "2026-11-02 00:00:00", event_id, '{"shift_id":"x"}'),
        )
        db.execute("INSERT INTO outbox (seq, event_id) VALUES (?, ?)", (seq, event_id))
        db.execute("COMMIT")
        samples.append((time.perf_counter() - start) * 1000)
    db.close()
    return samples


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        service = bench_service(Path(tmp) / "kiosk")
        raw = bench_raw(Path(tmp))
    print(
        json.dumps(
            {
                "operations": OPERATIONS,
                "p50_ms": round(statistics.median(service), 3),
                "p99_ms": round(percentile(service, 0.99), 3),
                "raw_p50_ms": round(statistics.median(raw), 3),
                "raw_p99_ms": round(percentile(raw, 0.99), 3),
                "ratio_p99": round(percentile(service, 0.99) / percentile(raw, 0.99), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
