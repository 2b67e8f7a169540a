"""A volunteer's own records page at a busy station (#15): the shifts it shows read through
`shift_facts` (the volunteer's shifts, their events by id) against the way it read them before
(every shift event of the station over the page's two years, folded), in the same run.

The station: `--shifts` shifts over two years (a check-in and a check-out each; default 15,000,
~30,000 shift events: the busiest station of the issue's 20M-event province held ~108,000
events, 30 % of them shifts) by `--volunteers` volunteers (20), pushed through the hub's real
push path (an enrolled kiosk, 500 a batch, in-process). Timed, best and median of 7 (ms):

* `records_ms`: `records()`, all the page computes (services, months, training, activities);
* `before_ms` (the floor it replaced): the station's shift events since two years ago read
  and folded for the volunteer, as `records()` did before (kept here).

SQLite by default; `--postgres` a temporary PostgreSQL (tools/pgtemp.py). One JSON line."""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.features.shifts.domain import fold_shift
from kiosk.features.volunteer_page.hub import HISTORY, records
from kiosk.hub_app import create_app
from kiosk.platform.hub.hub_events import station_events, to_domain
from kiosk.platform.hub.settings import HubSettings
from tools.pgtemp import TempPostgres

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
STATION = "st-busy"
ADMIN = "bench-admin-token-0123456789"
RUNS = 7


def seed(client: Any, shifts: int, volunteers: int) -> int:
    """Push `shifts` shifts (in and out) spread over two years; return the events pushed."""
    admin = {"Authorization": f"Bearer {ADMIN}"}
    made = client.post(
        "/v1/admin/stations", json={"station_id": STATION, "name": "北京西站"}, headers=admin
    )
    assert made.status_code == 201, made.text
    code = client.post("/v1/admin/enrol-codes", json={"station_id": STATION}, headers=admin)
    enrolled = client.post("/v1/enroll", json={"code": code.json()["code"], "kiosk_id": "k-busy"})
    token = enrolled.json()["device_token"]
    step = (2 * timedelta(days=365)) / shifts
    events: list[dict[str, Any]] = []
    for n in range(shifts):
        at = NOW - 2 * timedelta(days=365) + n * step
        payload = {"shift_id": f"s-{n}", "volunteer_id": f"v-{n % volunteers}", "method": "badge"}
        for kind, when in (
            ("shift.checked_in", at),
            ("shift.checked_out", at + timedelta(hours=3)),
        ):
            events.append(
                {
                    "id": new_id(),
                    "kind": kind,
                    "station_id": STATION,
                    "kiosk_id": "k-busy",
                    "seq": len(events) + 1,
                    "occurred_at": when.isoformat(),
                    "actor": payload["volunteer_id"],
                    "payload": payload,
                }
            )
    for k in range(0, len(events), 500):
        pushed = client.post(
            "/v1/sync/push",
            json={"kiosk_id": "k-busy", "events": events[k : k + 500]},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert pushed.status_code == 200, pushed.text[:300]
    return len(events)


def before(app: Any, volunteer: str) -> int:
    """The volunteer's shifts as `records()` read them before: the station's shift events of
    the two years, grouped and folded."""
    with app.state.database.read() as session:
        rows = station_events(session, "shift.", [STATION], NOW - HISTORY, None)
    grouped: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        if str(row.payload.get("volunteer_id")) == volunteer:
            grouped[str(row.payload.get("shift_id"))].append(to_domain(row))
    folded = [fold_shift(events) for events in grouped.values()]
    return sum(1 for s in folded if s is not None and s.status not in ("open", "cancelled"))


def timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    samples, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = work()
        samples.append((time.perf_counter() - start) * 1000)
    return min(samples), statistics.median(samples), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", action="store_true", help="a temporary PostgreSQL hub")
    parser.add_argument("--shifts", type=int, default=15_000)
    parser.add_argument("--volunteers", type=int, default=20)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-records-") as tmp,
        TempPostgres() if args.postgres else contextlib.nullcontext() as pg,
    ):
        settings = HubSettings(
            data_dir=Path(tmp),
            database_url=pg.url if pg is not None else f"sqlite:///{tmp}/hub.sqlite3",
            admin_token=ADMIN,
        )
        app = create_app(settings, clock=FixedClock(NOW))
        with TestClient(app, base_url="http://hub.test") as client:
            start = time.perf_counter()
            pushed = seed(client, args.shifts, args.volunteers)
            seed_s = time.perf_counter() - start
        state = app.state
        if pg is not None:
            with state.database.write() as session:
                session.connection().exec_driver_sql("ANALYZE")

        def page() -> int:
            mine = records(state.database, state.settings, state.tz, STATION, "v-0", NOW)
            return len(mine.services)

        best, median, shown = timed(page)
        floor_best, floor_median, folded = timed(lambda: before(app, "v-0"))
        assert shown == folded, (shown, folded)  # the same services, both ways
    print(
        json.dumps(
            {
                "bench": "volunteer_records",
                "database": "postgresql" if args.postgres else "sqlite",
                "station_events": pushed,
                "volunteers": args.volunteers,
                "services_shown": shown,
                "seed_s": round(seed_s, 1),
                "records_ms": round(median, 1),
                "records_best_ms": round(best, 1),
                "before_ms": round(floor_median, 1),
                "before_best_ms": round(floor_best, 1),
                "speedup": round(floor_median / median, 1),
                "budget_ms": 100,
            }
        )
    )


if __name__ == "__main__":
    main()
