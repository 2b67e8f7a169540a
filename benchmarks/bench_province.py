"""The centre's 人次 and hours pages at province scale (#15, first slice): a PostgreSQL hub
(durable: fsync on) seeded **through the real push path** — every event pushed over loopback HTTP
to `kiosk-hub serve` by its kiosk, in batches of 500, so the read models are kept exactly as in
production — then the usage and hours pages and CSVs timed, all stations and one station.

Default size: 200 stations, 400 kiosks, 400,000 events over the last 365 days (60 % uses, 40 %
check-ins and check-outs); `--stations`, `--events` scale it. The floor is the raw SQL count
of the same events by the event log (what a page without read models had to read).
Prints one JSON line; times are medians of 5 views, in ms, server and client on one machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import psycopg

from kiosk.core.ids import new_id
from tools.benchtools import admin, enrol, hub_process
from tools.pgtemp import TempPostgres

BATCH = 500
RUNS = 5
PASSWORD = "bench password 1"
SERVICES = ("water", "phone_charging", "rest", "transport", "medicine")
AUDIENCES = ("rider", "courier", "traveller", "elderly", "none")
TODAY = datetime.now(UTC).date()


def kiosk_events(station: str, kiosk: str, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """`count` events of one kiosk over the last 365 days: uses, and shifts in and out."""
    out: list[dict[str, Any]] = []
    seq = 0

    def add(kind: str, at: datetime, payload: dict[str, Any]) -> None:
        nonlocal seq
        seq += 1
        out.append(
            {
                "id": new_id(),
                "kind": kind,
                "station_id": station,
                "kiosk_id": kiosk,
                "seq": seq,
                "occurred_at": at.isoformat(),
                "actor": None,
                "payload": payload,
            }
        )

    while seq < count:
        day = TODAY - timedelta(days=rng.randrange(365))
        at = datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)
        at += timedelta(minutes=rng.randrange(600))
        if rng.random() < 0.6 or count - seq < 2:
            use = {
                "use_id": new_id(),
                "service_id": rng.choice(SERVICES),
                "audience": rng.choice(AUDIENCES),
                "count": rng.randint(1, 3),
                "day": (at + timedelta(hours=8)).date().isoformat(),
            }
            add("service.used", at, use)
        else:
            shift = {"shift_id": new_id(), "volunteer_id": f"v-{station}-{rng.randrange(30)}"}
            add("shift.checked_in", at, {**shift, "method": "badge"})
            out_at = at + timedelta(minutes=rng.randint(30, 300))
            add("shift.checked_out", out_at, {**shift, "method": "badge"})
    return out


def timed(client: httpx.Client, path: str, params: dict[str, str]) -> tuple[float, float, int]:
    """Median ms to the whole response and to its first byte, and its size."""
    whole, first = [], []
    size = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        with client.stream("GET", path, params=params) as response:
            chunks = response.iter_bytes()
            head = next(chunks, b"")
            first.append((time.perf_counter() - start) * 1000)
            size = len(head) + sum(len(c) for c in chunks)
        whole.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, path
    return statistics.median(whole), statistics.median(first), size


def sign_in(client: httpx.Client) -> None:
    form = client.get("/centre/login")
    token = form.text.split('name="csrf" value="')[1].split('"')[0]
    signed = client.post(
        "/centre/login", data={"csrf": token, "username": "boss", "password": PASSWORD}
    )
    assert signed.status_code == 303, signed.text[:300]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--events", type=int, default=400_000)
    args = parser.parse_args()
    kiosks = 2 * args.stations
    per_kiosk = args.events // kiosks
    rng = random.Random(15)
    out: dict[str, Any] = {"stations": args.stations, "kiosks": kiosks}
    with TempPostgres(durable=True) as pg, hub_process(pg.url) as url:
        env = {"HUB_DATABASE_URL": pg.url}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk.hub_cli",
                "create-account",
                "boss",
                "--role",
                "centre",
                "--password-stdin",
            ],
            input=PASSWORD + "\n" + PASSWORD + "\n",
            text=True,
            check=True,
            env={**os.environ, **env},
            capture_output=True,
        )
        with httpx.Client(base_url=url, timeout=120) as client:
            started = time.perf_counter()
            pushed = 0
            for s in range(args.stations):
                station = f"st-{s:04d}"
                admin(
                    client, "POST", "/v1/admin/stations", {"station_id": station, "name": station}
                )
                for k in range(2):
                    kiosk = f"k-{s:04d}-{k}"
                    token = enrol(client, station, kiosk)
                    events = kiosk_events(station, kiosk, per_kiosk, rng)
                    headers = {"Authorization": f"Bearer {token}"}
                    for i in range(0, len(events), BATCH):
                        body = {"kiosk_id": kiosk, "events": events[i : i + BATCH]}
                        response = client.post("/v1/sync/push", json=body, headers=headers)
                        response.raise_for_status()
                    pushed += len(events)
            seed_s = time.perf_counter() - started
            out |= {
                "events": pushed,
                "seed_s": round(seed_s, 1),
                "seed_events_per_s": round(pushed / seed_s),
            }
            sign_in(client)
            last = TODAY.isoformat()
            for days in (30, 365):
                span = {"from": (TODAY - timedelta(days=days - 1)).isoformat(), "to": last}
                for page in ("usage", "hours"):
                    path = f"/centre/{page}"
                    ms, _, size = timed(client, path, span)
                    one_ms, _, _ = timed(client, path, {**span, "station": "st-0007"})
                    csv_ms, csv_first_ms, csv_bytes = timed(client, path, {**span, "format": "csv"})
                    out |= {
                        f"{page}_{days}d_all_ms": round(ms, 1),
                        f"{page}_{days}d_all_kb": round(size / 1024),
                        f"{page}_{days}d_station_ms": round(one_ms, 1),
                        f"{page}_{days}d_csv_ms": round(csv_ms, 1),
                        f"{page}_{days}d_csv_first_byte_ms": round(csv_first_ms, 1),
                        f"{page}_{days}d_csv_kb": round(csv_bytes / 1024),
                    }
        with psycopg.connect(pg.dsn) as conn:
            first = (TODAY - timedelta(days=364)).isoformat()
            samples = []
            for _ in range(RUNS):
                start = time.perf_counter()
                conn.execute(
                    "SELECT count(*), sum((payload->>'count')::int) FROM events"
                    " WHERE kind = 'service.used' AND payload->>'day' >= %s",
                    (first,),
                ).fetchone()
                samples.append((time.perf_counter() - start) * 1000)
            out["floor_raw_usage_365d_sql_ms"] = round(statistics.median(samples), 1)
            out["usage_daily_rows"] = conn.execute("SELECT count(*) FROM usage_daily").fetchone()[0]
            out["shift_facts_rows"] = conn.execute("SELECT count(*) FROM shift_facts").fetchone()[0]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
