"""The centre's 人次 page at province scale (#15): a PostgreSQL hub (durable: fsync on) whose
read model holds 2,000 stations × 365 days × 5 lines a day (3.65 M day lines, what a province's
year of uses folds into), the month lines filled by the same SQL as migration h0015.

The lines are written by SQL (`generate_series`), not pushed: this measures the page's reads;
the fold that keeps both tables is tested against the events (tests/platform/hub/
test_usage_months.py, test_read_models.py). Times (medians of 5 views, in-process, server time):
the page over all stations for the last 365 days and for the last 30, and its CSV's first byte,
reading whole months from `usage_monthly` (now) and, in the same run, reading day lines only
(before h0015). The floor: the raw SQL sum of the range's day lines (what any page over day
lines must read). Prints one JSON line.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

import kiosk.features.uses.hub as uses_hub
from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings
from tools.benchtools import sign_in
from tools.pgtemp import TempPostgres

STATIONS = 2000
DAYS = 365
RUNS = 5
PASSWORD = "bench password 1"
LAST = date(2026, 12, 3)


def seed(app: Any) -> int:
    first = LAST - timedelta(days=DAYS - 1)
    with app.state.database.engine.begin() as db:
        db.execute(
            text(
                "INSERT INTO stations (id, name, created_at)"
                " SELECT 'st-' || lpad(s::text, 4, '0'), '站点 ' || s, now()"
                " FROM generate_series(0, :n - 1) AS s"
            ),
            {"n": STATIONS},
        )
        db.execute(
            text(
                "INSERT INTO usage_daily (station_id, day, service_id, audience, people, records)"
                " SELECT 'st-' || lpad(s::text, 4, '0'), to_char(:first + d, 'YYYY-MM-DD'),"
                " (ARRAY['water','phone_charging','rest','transport','medicine'])[1 + (s + d) % 5],"
                " (ARRAY['rider','courier','traveller','elderly','none'])[1 + k],"
                " 1 + (s * 7 + d * 3 + k) % 11, 1 + (s + d + k) % 4"
                " FROM generate_series(0, :n - 1) AS s, generate_series(0, :days - 1) AS d,"
                " generate_series(0, 4) AS k"
            ),
            {"n": STATIONS, "days": DAYS, "first": first},
        )
        db.execute(
            text(
                "INSERT INTO usage_monthly"
                " (station_id, month, service_id, audience, people, records)"
                " SELECT station_id, substr(day, 1, 7), service_id, audience, sum(people),"
                " sum(records) FROM usage_daily"
                " GROUP BY station_id, substr(day, 1, 7), service_id, audience"
            )
        )
        lines = int(db.execute(text("SELECT count(*) FROM usage_daily")).scalar_one())
    with app.state.database.engine.connect() as db:
        db.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    return lines


def timed(client: Any, path: str, params: dict[str, str], stream: bool = False) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        if stream:
            with client.stream("GET", path, params=params) as response:
                assert response.status_code == 200
                next(response.iter_bytes())
        else:
            response = client.get(path, params=params)
            assert response.status_code == 200, response.text[:300]
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def floor(app: Any, first: date) -> float:
    samples = []
    with app.state.database.engine.connect() as db:
        for _ in range(RUNS):
            start = time.perf_counter()
            db.execute(
                text("SELECT count(*), sum(people) FROM usage_daily WHERE day BETWEEN :a AND :b"),
                {"a": first.isoformat(), "b": LAST.isoformat()},
            ).one()
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    out: dict[str, Any] = {"bench": "centre_usage", "stations": STATIONS, "days": DAYS}
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-usage-") as tmp,
        TempPostgres(durable=True) as pg,
    ):
        settings = HubSettings(
            data_dir=Path(tmp), database_url=pg.url, admin_token="bench-admin-token-0123456789"
        )
        app = create_app(settings)
        started = time.perf_counter()
        out["day_lines"] = seed(app)
        out["seed_s"] = round(time.perf_counter() - started, 1)
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        year = {"from": (LAST - timedelta(days=DAYS - 1)).isoformat(), "to": LAST.isoformat()}
        month = {"from": (LAST - timedelta(days=29)).isoformat(), "to": LAST.isoformat()}
        with TestClient(app, base_url="http://hub.test") as client:
            sign_in(client, "boss", PASSWORD)
            months_cover = uses_hub.cover
            for label, cover in (("months", months_cover), ("days_only", None)):
                if cover is None:  # as before h0015: every day line of the range
                    uses_hub.cover = lambda first, last: ([(first, last)], None)  # type: ignore[assignment]
                out[f"year_page_ms_{label}"] = round(timed(client, "/centre/usage", year))
                out[f"year_csv_first_byte_ms_{label}"] = round(
                    timed(client, "/centre/usage", {**year, "format": "csv"}, stream=True)
                )
                out[f"month_page_ms_{label}"] = round(timed(client, "/centre/usage", month))
            uses_hub.cover = months_cover
        out["floor_year_day_lines_sql_ms"] = round(floor(app, LAST - timedelta(days=DAYS - 1)))
        out["floor_30_days_day_lines_sql_ms"] = round(floor(app, LAST - timedelta(days=29)))
        out["budget_ms"] = 300
        app.state.database.dispose()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
