"""The centre's alerts page at province scale (#15, #16): 2,000 stations, each with a medicine
box of 12 lots and a year of restocks and dispenses (~120 box events a station), a daily check
and a few umbrellas lent, on a SQLite hub (events inserted raw, then `rebuild-read-models` fills
the read models as an upgraded hub does).

Times (medians of 5 views, in-process): the page across all stations (the alerts open now,
their 30-day trend and alert-days by station, a page of 20 stations), one station's, and the
CSV. The floor, same run: the raw SQL read of the box events the page used to fold on each view
(what the read model replaced). Prints one JSON line.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select, text

from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.hub_app import create_app
from kiosk.platform.hub import read_models
from kiosk.platform.hub.models import HubEvent, Station
from kiosk.platform.hub.settings import HubSettings
from tools.benchtools import sign_in

STATIONS = 2000
LOTS = 12
RUNS = 5
PASSWORD = "bench password 1"
NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
ITEMS = ("plaster", "gauze", "iodine_swab", "ibuprofen", "ors", "thermometer_cover")


def seed(app: Any, rng: random.Random) -> int:
    database = app.state.database
    with database.write() as session:
        session.add_all(
            [Station(id=f"st-{i:04d}", name=f"站点{i}", created_at=NOW) for i in range(STATIONS)]
        )
    rows: list[dict[str, Any]] = []
    for i in range(STATIONS):
        station = f"st-{i:04d}"
        seq = 0

        def add(kind: str, at: datetime, payload: dict[str, Any], station: str = station) -> None:
            nonlocal seq
            seq += 1
            rows.append(
                {
                    "id": new_id(),
                    "station_id": station,
                    "kiosk_id": f"k-{station}",
                    "seq": seq,
                    "kind": kind,
                    "occurred_at": at,
                    "received_at": at,
                    "actor": None,
                    "payload": payload,
                }
            )

        for n in range(LOTS):
            item, batch = ITEMS[n % len(ITEMS)], f"B{n}"
            lot = {"lot_id": f"{item}:{batch}", "item_id": item, "batch": batch}
            at = NOW - timedelta(days=rng.randrange(30, 365))
            expiry = (NOW + timedelta(days=rng.randrange(-20, 400))).date().isoformat()
            add("medicine.restocked", at, {**lot, "quantity": 20, "expiry": expiry})
            for _ in range(9):
                at += timedelta(days=rng.randrange(1, 30))
                if at > NOW:
                    break
                add(
                    "medicine.dispensed",
                    at,
                    {**lot, "quantity": 1, "reason": "cut_graze", "volunteer_id": "v-1"},
                )
        add(
            "aed.checked",
            NOW - timedelta(hours=20),
            {
                "check_id": new_id(),
                "day": (NOW - timedelta(days=1)).date().isoformat(),
                "box_checked": True,
                "light": "green",
                "pads_expiry": "2027-06-01",
                "battery_expiry": "2028-01-01",
                "volunteer_id": "v-1",
            },
        )
        add(
            "lending.stocked",
            NOW - timedelta(days=90),
            {"stock_id": new_id(), "item": "umbrella", "quantity": 5},
        )
    with database.write() as session:
        for k in range(0, len(rows), 5000):
            session.execute(insert(HubEvent), rows[k : k + 5000])
    read_models.rebuild(database, app.state.settings)
    return len(rows)


def timed(client: Any, path: str) -> tuple[float, int]:
    samples = []
    size = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.text[:300]
        size = len(response.content)
    return statistics.median(samples), size


def main() -> None:
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    rng = random.Random(16)
    profile = "--profile" in sys.argv
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-alerts-") as tmp:
        settings = HubSettings(
            data_dir=Path(tmp),
            database_url=f"sqlite:///{tmp}/hub.sqlite3",
            admin_token="bench-admin-token-0123456789",
        )
        app = create_app(settings, clock=FixedClock(NOW))
        events = seed(app, rng)
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        with TestClient(app, base_url="http://hub.test") as client:
            sign_in(client, "boss", PASSWORD)
            page_ms, page_bytes = timed(client, "/centre/alerts")
            if profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                profiler.enable()
                client.get("/centre/alerts")
                profiler.disable()
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
            station_ms, _ = timed(client, "/centre/alerts?station=st-0007")
            csv_ms, _ = timed(client, "/centre/alerts?format=csv")
        floor: list[float] = []
        with app.state.database.read() as session:
            stmt = select(HubEvent.payload).where(HubEvent.kind.like("medicine.%"))
            for _ in range(RUNS):
                start = time.perf_counter()
                session.execute(stmt).all()
                floor.append((time.perf_counter() - start) * 1000)
            lot_days = int(
                session.execute(text("SELECT count(*) FROM medicine_lot_days")).scalar_one()
            )
    floor_ms = statistics.median(floor)
    print(
        json.dumps(
            {
                "bench": "centre_alerts",
                "stations": STATIONS,
                "events": events,
                "medicine_lot_days": lot_days,
                "all_stations_ms": round(page_ms),
                "all_stations_kb": page_bytes // 1024,
                "one_station_ms": round(station_ms, 1),
                "csv_ms": round(csv_ms),
                "floor_raw_box_events_sql_ms": round(floor_ms),
                "ratio_to_floor": round(page_ms / floor_ms, 1),
                "budget_ms": 300,
            }
        )
    )


if __name__ == "__main__":
    main()
