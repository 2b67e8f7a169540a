"""The centre's alerts page at province scale (#15, #16): 2,000 stations, each with a medicine
box of 12 lots and a year of restocks and dispenses (~120 box events a station), a daily check
and a few umbrellas lent, on a SQLite hub, or PostgreSQL with `--postgres` (events inserted raw,
then `rebuild-read-models` fills the read models as an upgraded hub does).

Times (in-process): the page across all stations (the alerts open now, their 30-day trend and
alert-days by station, a page of 20 stations): its first view after the rebuild (`cold`: the
trend's `stock_alert_days` empty, every station counted and kept), then the median of 5 views
(warm), then the first view after a day ends (each station's new day counted); one station's
page and the CSV (medians of 5; the CSV whole and its first chunk, in-process); the peak of
Python memory allocated by one warm view's trend, summary and shown alerts (tracemalloc). The
floor, same run: the raw SQL read of the box events the page used to fold on each view (what
the read model replaced). `--profile` prints where one cold and one warm view's alerts and
trend spend their time. Prints one JSON line.
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

from sqlalchemy import insert, inspect, select, text

from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.hub_app import create_app
from kiosk.platform.hub import read_models
from kiosk.platform.hub.models import HubEvent, Station
from kiosk.platform.hub.settings import HubSettings
from tools.benchtools import sign_in
from tools.pgtemp import TempPostgres

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


def once(client: Any, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    return (time.perf_counter() - start) * 1000


def profiled(app: Any, stations: list[str]) -> None:
    """Where the alerts and the trend of one view spend their time (stderr)."""
    import cProfile
    import pstats

    alerts, tz = app.state.alerts, app.state.tz
    today = NOW.astimezone(tz).date()
    profiler = cProfile.Profile()
    profiler.enable()
    alerts.history(stations, today - timedelta(days=29), today)
    alerts.summary(stations, NOW)
    alerts.for_stations(stations[:20], NOW)
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumtime").print_stats(30)


def peak_mb(app: Any, stations: list[str]) -> float:
    """Python memory allocated at the peak of one view's alerts and trend."""
    import tracemalloc

    alerts, tz = app.state.alerts, app.state.tz
    today = NOW.astimezone(tz).date()
    tracemalloc.start()
    alerts.history(stations, today - timedelta(days=29), today)
    alerts.summary(stations, NOW)
    alerts.for_stations(stations[:20], NOW)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


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


def first_chunk(app: Any, stations: list[str]) -> float:
    """Median time the CSV takes to make its first chunk of lines (`CSV_CHUNK_ROWS`), what it
    sends as its first bytes (the test client buffers a streamed body, so it is timed here)."""
    from itertools import islice

    from kiosk.platform.hub import web_centre

    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        rows = web_centre._alert_rows(app.state.alerts, stations, NOW)
        list(islice(rows, web_centre.CSV_CHUNK_ROWS))
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    warnings.simplefilter("ignore")
    from contextlib import nullcontext

    from fastapi.testclient import TestClient

    rng = random.Random(16)
    profile = "--profile" in sys.argv
    postgres = "--postgres" in sys.argv
    out: dict[str, Any] = {"bench": "centre_alerts", "database": "sqlite", "stations": STATIONS}
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-alerts-") as tmp,
        TempPostgres(durable=True) if postgres else nullcontext() as pg,
    ):
        url = pg.url if pg is not None else f"sqlite:///{tmp}/hub.sqlite3"
        out["database"] = "postgresql" if pg is not None else "sqlite"
        settings = HubSettings(
            data_dir=Path(tmp), database_url=url, admin_token="bench-admin-token-0123456789"
        )
        clock = FixedClock(NOW)
        app = create_app(settings, clock=clock)
        out["events"] = seed(app, rng)
        stations = [f"st-{i:04d}" for i in range(STATIONS)]
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        with TestClient(app, base_url="http://hub.test") as client:
            sign_in(client, "boss", PASSWORD)
            if profile:
                print("--- cold", file=sys.stderr)
                profiled(app, stations)
                read_models.rebuild(app.state.database, settings)  # empty again
            out["all_stations_cold_ms"] = round(once(client, "/centre/alerts"))
            page_ms, page_bytes = timed(client, "/centre/alerts")
            out["all_stations_ms"] = round(page_ms)
            out["all_stations_kb"] = page_bytes // 1024
            if profile:
                print("--- warm", file=sys.stderr)
                profiled(app, stations)
            out["peak_mb_alerts_and_trend"] = round(peak_mb(app, stations), 1)
            station_ms, _ = timed(client, "/centre/alerts?station=st-0007")
            out["one_station_ms"] = round(station_ms, 1)
            out["csv_ms"] = round(timed(client, "/centre/alerts?format=csv")[0])
            out["csv_first_chunk_ms"] = round(first_chunk(app, stations))
            clock.advance(timedelta(days=1))
            sign_in(client, "boss", PASSWORD)
            out["all_stations_after_a_day_ends_ms"] = round(once(client, "/centre/alerts"))
        floor: list[float] = []
        with app.state.database.read() as session:
            stmt = select(HubEvent.payload).where(HubEvent.kind.like("medicine.%"))
            for _ in range(RUNS):
                start = time.perf_counter()
                session.execute(stmt).all()
                floor.append((time.perf_counter() - start) * 1000)
            held = inspect(session.connection()).get_table_names()
            for table in ("medicine_lot_days", "stock_alert_days"):
                if table in held:  # not before h0016 (measuring the code before it)
                    count = session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                    out[table] = int(count)
        app.state.database.dispose()
    floor_ms = statistics.median(floor)
    out["floor_raw_box_events_sql_ms"] = round(floor_ms)
    out["ratio_to_floor"] = round(page_ms / floor_ms, 2)
    out["budget_ms"] = 300
    print(json.dumps(out))


if __name__ == "__main__":
    main()
