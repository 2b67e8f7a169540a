"""The centre's requests-and-wishes page at province scale: 2,000 stations with 10 requests
each in the last 30 days (half accepted), on a SQLite hub, with its floor measured in the same
run.

The events are written straight into the events table, then folded into the read model
`ticket_facts` by `rebuild` (as a hub upgraded past h0013 does on start; its time is reported).
The page reads that table (counts, medians and a page of 50 in SQL), so its time grows with the
tickets in range, not with their events. The floor is the raw SQL read of the same events (no
fold, no page): what the page did before the read model, minus its folds. One station's list
and one ticket's page are the drill-down a centre admin uses most (DESIGN §6: every centre
page ≤ 300 ms). `--postgres`: the same on a temporary PostgreSQL (tools/pgtemp.py). Prints
one JSON line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
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
from tools.pgtemp import TempPostgres

STATIONS = 2000
PER_STATION = 10
RUNS = 5
PASSWORD = "bench password 1"
NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def seed(app: Any) -> None:
    database = app.state.database
    with database.write() as session:
        session.add_all(
            [Station(id=f"st-{i:04d}", name=f"站点{i}", created_at=NOW) for i in range(STATIONS)]
        )
    rows: list[dict[str, Any]] = []
    for i in range(STATIONS):
        station = f"st-{i:04d}"
        for j in range(PER_STATION):
            request_id, at = new_id(), NOW - timedelta(minutes=5 + 37 * j)
            payload = {
                "request_id": request_id,
                "ticket": str(100_000 + i * PER_STATION + j),
                "category": "luggage",
                "channel": "kiosk",
                "train": None,
                "departs_at": None,
                "phone": None,
                "text": "",
            }
            common = {"station_id": station, "kiosk_id": f"k-{station}", "received_at": at}
            rows.append(
                common
                | {
                    "id": new_id(),
                    "seq": 2 * j + 1,
                    "kind": "request.ordered",
                    "occurred_at": at,
                    "actor": None,
                    "payload": payload,
                }
            )
            if j % 2:
                rows.append(
                    common
                    | {
                        "id": new_id(),
                        "seq": 2 * j + 2,
                        "kind": "request.accepted",
                        "occurred_at": at + timedelta(minutes=3),
                        "actor": "v-1",
                        "payload": {"request_id": request_id, "volunteer_id": "v-1"},
                    }
                )
    with database.write() as session:
        for k in range(0, len(rows), 5000):
            session.execute(insert(HubEvent), rows[k : k + 5000])


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
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", action="store_true", help="a temporary PostgreSQL hub")
    postgres = parser.parse_args().postgres
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-centre-") as tmp,
        TempPostgres() if postgres else contextlib.nullcontext() as pg,
    ):
        settings = HubSettings(
            data_dir=Path(tmp),
            database_url=pg.url if pg is not None else f"sqlite:///{tmp}/hub.sqlite3",
            admin_token="bench-admin-token-0123456789",
        )
        app = create_app(settings, clock=FixedClock(NOW))
        seed(app)
        start = time.perf_counter()
        read_models.rebuild(app.state.database, settings)
        rebuild_ms = (time.perf_counter() - start) * 1000
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        with TestClient(app, base_url="http://hub.test") as client:
            sign_in(client, "boss", PASSWORD)
            page_ms, page_bytes = timed(client, "/centre/tickets")
            station_ms, _ = timed(client, "/centre/tickets?station=st-0007")
            ticket_ms, _ = timed(client, f"/centre/tickets/st-0007/{100_000 + 7 * PER_STATION}")
        floor: list[float] = []
        with app.state.database.read() as session:
            stmt = select(HubEvent.payload).where(
                HubEvent.kind.like("request.%"), HubEvent.occurred_at >= NOW - timedelta(days=30)
            )
            for _ in range(RUNS):
                start = time.perf_counter()
                found = session.execute(stmt).all()
                floor.append((time.perf_counter() - start) * 1000)
            events = int(session.execute(text("SELECT count(*) FROM events")).scalar_one())
        assert len(found) == events
    floor_ms = statistics.median(floor)
    print(
        json.dumps(
            {
                "bench": "centre_tickets",
                "database": "postgresql" if postgres else "sqlite",
                "stations": STATIONS,
                "events": events,
                "all_stations_ms": round(page_ms),
                "all_stations_kb": page_bytes // 1024,
                "floor_sql_ms": round(floor_ms),
                "ratio_to_floor": round(page_ms / floor_ms, 1),
                "one_station_ms": round(station_ms, 1),
                "one_ticket_ms": round(ticket_ms, 1),
                "rebuild_read_models_ms": round(rebuild_ms),
                "budget_ms": 300,
            }
        )
    )


if __name__ == "__main__":
    main()
