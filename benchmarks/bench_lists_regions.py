"""The centre's lists page at province scale, all stations, with and without regions (#19 §1):
a hub (`kiosk-hub serve`, SQLite by default, `--database-url` for PostgreSQL) holding every
station's lists (the demo's 18 `lists.*` events per station, written as the centre writes them,
`append_hub_event`), then `/centre/lists` timed over all stations: first with no station in a
region, then with the stations spread over `--regions` regions (the per-region table added).

Prints one JSON line; times are medians of 5 views, in ms, server and client on one machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from kiosk.features.lists.demo import demo_events
from kiosk.features.lists.hub.figures import refold
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.web_events import append_hub_event
from tools.benchtools import admin, hub_process

RUNS = 5
PASSWORD = "bench password 1"


def timed(client: httpx.Client, path: str, params: dict[str, str]) -> tuple[float, int]:
    """Median ms to the whole response, and its size."""
    samples, size = [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(path, params=params)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.text[:300]
        size = len(response.content)
    return statistics.median(samples), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--regions", type=int, default=10)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='lists-bench-')}/hub.sqlite3"
    out: dict[str, Any] = {"stations": args.stations, "regions": args.regions}
    env = {**os.environ, "HUB_DATABASE_URL": url}
    with hub_process(url) as base, httpx.Client(base_url=base, timeout=120) as client:
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
            env=env,
            capture_output=True,
        )
        stations = [f"st-{s:04d}" for s in range(args.stations)]
        for station in stations:
            admin(client, "POST", "/v1/admin/stations", {"station_id": station, "name": station})
        database = Database(make_engine(url, 2))
        now = datetime.now(UTC)
        events = 0
        with database.write() as session:
            for station in stations:
                for e in demo_events(station, now):
                    append_hub_event(session, station, e.kind, e.payload, now, "centre:bench")
                    events += 1
            # The hub folds them into `list_figures` as it writes them; this process built no
            # hub app (no read models registered), so it folds them as the hub would.
            refold(session.connection(), stations)
        database.engine.dispose()
        out["lists_events"] = events
        form = client.get("/centre/login")
        token = form.text.split('name="csrf" value="')[1].split('"')[0]
        signed = client.post(
            "/centre/login", data={"csrf": token, "username": "boss", "password": PASSWORD}
        )
        assert signed.status_code == 303
        ms, size = timed(client, "/centre/lists", {})
        out |= {"all_no_regions_ms": round(ms, 1), "all_no_regions_kb": round(size / 1024)}
        for i, station in enumerate(stations):
            body = {"region": f"片区{i % args.regions:02d}"}
            admin(client, "PUT", f"/v1/admin/stations/{station}/region", body)
        ms, size = timed(client, "/centre/lists", {})
        out |= {"all_regions_ms": round(ms, 1), "all_regions_kb": round(size / 1024)}
        ms, _ = timed(client, "/centre/lists", {"region": "片区03"})
        out["one_region_ms"] = round(ms, 1)
        ms, _ = timed(client, "/centre/lists", {"station": "st-0007"})
        out["one_station_ms"] = round(ms, 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
