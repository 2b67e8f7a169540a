"""A new kiosk enrolled at a station with a long history (#15): how long until it holds the
station's events and is ready, through the kiosk's real SyncEngine pulling from `kiosk-hub
serve` on a durable PostgreSQL over loopback.

The station's history is pushed first through the real push path by two older kiosks (60 %
uses, 40 % check-ins and check-outs over the last 365 days). Then a fresh kiosk (its own data
directory, migrations, services) enrols and pulls every page. Two floors in the same run: the
same pages fetched raw over HTTP with nothing stored (the hub's and the wire's share), and the
kiosk storing the events alone, without projecting them (`eventlog.append`-free raw SQLite
INSERTs of the same rows). Budget (#15): a new kiosk ready at the busiest station in ≤ 10 s.

Prints one JSON line; `--events` sets the history (default 50,000).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.platform.sync.client import HubClient
from kiosk.platform.sync.engine import SyncEngine, enroll
from kiosk.platform.sync.protocol import MAX_PULL_LIMIT
from kiosk.settings import Settings
from kiosk.shell.context import build_services
from tools.benchtools import admin, enrol, hub_process
from tools.pgtemp import TempPostgres

STATION = "st-busy"
BATCH = 500
SERVICES = ("water", "phone_charging", "rest", "transport", "medicine")
AUDIENCES = ("rider", "courier", "traveller", "elderly", "none")
NOW = datetime.now(UTC).replace(microsecond=0)


def history(kiosk: str, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """One kiosk's year: uses and whole shifts, in its seq order."""
    out: list[dict[str, Any]] = []

    def add(kind: str, at: datetime, payload: dict[str, Any]) -> None:
        out.append(
            {
                "id": new_id(),
                "kind": kind,
                "station_id": STATION,
                "kiosk_id": kiosk,
                "seq": len(out) + 1,
                "occurred_at": at.isoformat(),
                "actor": None,
                "payload": payload,
            }
        )

    while len(out) < count:
        at = NOW - timedelta(days=rng.randrange(1, 365), minutes=rng.randrange(600))
        if rng.random() < 0.6 or count - len(out) < 2:
            use = {
                "use_id": new_id(),
                "service_id": rng.choice(SERVICES),
                "audience": rng.choice(AUDIENCES),
                "count": rng.randint(1, 3),
                "day": (at + timedelta(hours=8)).date().isoformat(),
            }
            add("service.used", at, use)
        else:
            shift = {"shift_id": new_id(), "volunteer_id": f"v-{rng.randrange(30)}"}
            add("shift.checked_in", at, {**shift, "method": "badge"})
            out_at = at + timedelta(minutes=rng.randint(30, 300))
            add("shift.checked_out", out_at, {**shift, "method": "badge"})
    return out


def raw_pull(url: str, token: str) -> tuple[float, int, list[float]]:
    """Every page fetched and parsed, nothing stored: seconds, events, each page's ms."""
    pages: list[float] = []
    events = 0
    cursor = ""
    started = time.perf_counter()
    with httpx.Client(base_url=url, timeout=120) as client:
        while True:
            t = time.perf_counter()
            reply = client.get(
                "/v1/sync/pull",
                params={"after": cursor, "limit": MAX_PULL_LIMIT},
                headers={"Authorization": f"Bearer {token}"},
            )
            reply.raise_for_status()
            body = reply.json()
            pages.append((time.perf_counter() - t) * 1000)
            events += len(body["events"])
            cursor = body["next_cursor"]
            if not body["has_more"]:
                break
    return time.perf_counter() - started, events, pages


def raw_store(rows: list[dict[str, Any]], path: Path) -> float:
    """The floor of storing: the same events as plain rows in one SQLite file (FULL sync),
    one transaction per 1,000 as the pull's pages."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(
        "CREATE TABLE events (id TEXT PRIMARY KEY, kind TEXT, station_id TEXT, kiosk_id TEXT,"
        " seq INTEGER, occurred_at TEXT, actor TEXT, payload TEXT)"
    )
    started = time.perf_counter()
    for i in range(0, len(rows), MAX_PULL_LIMIT):
        with db:
            db.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        r["id"],
                        r["kind"],
                        r["station_id"],
                        r["kiosk_id"],
                        r["seq"],
                        r["occurred_at"],
                        r["actor"],
                        json.dumps(r["payload"]),
                    )
                    for r in rows[i : i + MAX_PULL_LIMIT]
                ],
            )
    took = time.perf_counter() - started
    db.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--profile", action="store_true", help="cProfile the kiosk's pull")
    args = parser.parse_args()
    rng = random.Random(15)
    out: dict[str, Any] = {"events": args.events}
    with (
        tempfile.TemporaryDirectory() as tmp,
        TempPostgres(durable=True) as pg,
        hub_process(pg.url) as url,
    ):
        pushed: list[dict[str, Any]] = []
        with httpx.Client(base_url=url, timeout=120) as client:
            admin(client, "POST", "/v1/admin/stations", {"station_id": STATION, "name": "busy"})
            started = time.perf_counter()
            for k in range(2):
                kiosk = f"k-old-{k}"
                token = enrol(client, STATION, kiosk)
                events = history(kiosk, args.events // 2, rng)
                for i in range(0, len(events), BATCH):
                    body = {"kiosk_id": kiosk, "events": events[i : i + BATCH]}
                    reply = client.post(
                        "/v1/sync/push", json=body, headers={"Authorization": f"Bearer {token}"}
                    )
                    reply.raise_for_status()
                pushed += events
            out["seed_s"] = round(time.perf_counter() - started, 1)
            code = admin(client, "POST", "/v1/admin/enrol-codes", {"station_id": STATION})["code"]
            raw_token = enrol(client, STATION, "k-raw")

        data = Path(tmp) / "new-kiosk"
        data.mkdir()
        clock = FixedClock(NOW)
        started = time.perf_counter()
        services = build_services(Settings(data_dir=data, station_id=STATION), clock)
        with HubClient(url) as enrol_client:
            enroll(services.database, data, enrol_client, url, code, clock.now())
        from kiosk.platform.sync.credentials import read_token

        profiler = cProfile.Profile() if args.profile else None
        with HubClient(url, read_token(data)) as hub_client:
            engine = SyncEngine(services.database, hub_client, clock)
            pull_started = time.perf_counter()
            if profiler:
                profiler.enable()
            engine._pull_all()
            if profiler:
                profiler.disable()
            pull_s = time.perf_counter() - pull_started
        ready_s = time.perf_counter() - started
        with services.database.read() as session:
            from sqlalchemy import text

            held = session.execute(text("SELECT count(*) FROM events")).scalar_one()
        services.close()
        if held < len(pushed):
            raise SystemExit(f"the new kiosk holds {held} of {len(pushed)} events")
        raw_s, raw_events, pages = raw_pull(url, raw_token)
        store_s = raw_store(pushed, Path(tmp) / "raw.sqlite")
        pages.sort()
        out |= {
            "bootstrap_s": round(ready_s, 2),
            "pull_s": round(pull_s, 2),
            "events_per_s": round(len(pushed) / pull_s),
            "floor_raw_pull_s": round(raw_s, 2),
            "floor_raw_page_ms_median": round(pages[len(pages) // 2], 1),
            "floor_raw_page_ms_p99": round(pages[min(len(pages) - 1, int(len(pages) * 0.99))], 1),
            "floor_raw_store_s": round(store_s, 2),
            "ratio": round(pull_s / (raw_s + store_s), 2),
            "budget_s": 10,
        }
        if raw_events != len(pushed):
            raise SystemExit(f"raw pull saw {raw_events} of {len(pushed)} events")
    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(30)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
