"""End-to-end push of a 100,000-event backlog from a kiosk's SQLite database to the hub on
PostgreSQL over loopback, through the kiosk's real SyncEngine (read batches, serialise, push,
record each acknowledgement in one SQLite transaction), beside a raw batched
INSERT … ON CONFLICT DO NOTHING of the same rows into the same cluster (same run).

Prints one JSON line: {"events", "push_events_per_s", "backlog_s", "raw_insert_events_per_s",
"ratio"}. Budget (DESIGN §6): ≥ 20,000 events/s, the 100,000 backlog in ≤ 10 s.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
from bench_sync_hub import raw_insert

from kiosk.core.clock import FixedClock
from kiosk.platform.store import eventlog
from kiosk.platform.sync.client import HubClient
from kiosk.platform.sync.credentials import read_token
from kiosk.platform.sync.engine import SyncEngine, enroll
from kiosk.settings import Settings
from kiosk.shell.context import build_services
from tools.benchtools import admin, hub_process, make_events
from tools.pgtemp import TempPostgres

STATION = "st-bench"
BATCH = 500


def fill_backlog(database: Path, kiosk_id: str, events: list[dict[str, object]]) -> None:
    """Write the backlog straight into the kiosk's tables (as 100,000 check-ins would leave it)."""
    with sqlite3.connect(database) as db:
        db.executemany(
            "INSERT INTO events (id, kind, station_id, kiosk_id, seq, occurred_at, actor,"
            " aggregate_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e["id"],
                    e["kind"],
                    e["station_id"],
                    e["kiosk_id"],
                    e["seq"],
                    datetime.fromisoformat(str(e["occurred_at"])).strftime("%Y-%m-%d %H:%M:%S.%f"),
                    e["actor"],
                    e["payload"]["shift_id"],  # type: ignore[index]
                    json.dumps(e["payload"]),
                )
                for e in events
            ],
        )
        db.executemany(
            "INSERT INTO outbox (seq, event_id) VALUES (?, ?)",
            [(e["seq"], e["id"]) for e in events],
        )
        db.execute("UPDATE kiosk_meta SET last_seq = ?", (len(events),))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        TempPostgres(durable=True) as pg,
        hub_process(pg.url) as url,
    ):
        with httpx.Client(base_url=url, timeout=60) as client:
            admin(client, "POST", "/v1/admin/stations", {"station_id": STATION, "name": "bench"})
            code = admin(client, "POST", "/v1/admin/enrol-codes", {"station_id": STATION})["code"]
        clock = FixedClock(datetime(2026, 1, 20, tzinfo=UTC))
        services = build_services(Settings(data_dir=Path(tmp), station_id=STATION), clock)
        with HubClient(url) as enrol_client:
            enroll(services.database, Path(tmp), enrol_client, url, code, clock.now())
        with services.database.read() as session:
            kiosk_id = eventlog.meta(session).kiosk_id
        events = make_events(STATION, kiosk_id, 1, args.events)
        fill_backlog(services.settings.database_path, kiosk_id, events)
        with HubClient(url, read_token(Path(tmp))) as hub_client:
            engine = SyncEngine(services.database, hub_client, clock)
            started = time.perf_counter()
            engine._push_all()
            backlog_s = time.perf_counter() - started
            if engine.status().pending:
                raise SystemExit("backlog not drained")
        services.close()
        batches = [events[i : i + BATCH] for i in range(0, len(events), BATCH)]
        raw_s = raw_insert(pg.dsn, batches)
    push_rate = args.events / backlog_s
    raw_rate = args.events / raw_s
    print(
        json.dumps(
            {
                "events": args.events,
                "push_events_per_s": round(push_rate),
                "backlog_s": round(backlog_s, 2),
                "raw_insert_events_per_s": round(raw_rate),
                "ratio": round(push_rate / raw_rate, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
