"""The centre's 人次 page at province scale (#15): a PostgreSQL hub (durable: fsync on) whose
read model holds 2,000 stations × 365 days × 5 lines a day (3.65 M day lines, what a province's
year of uses folds into; `--days 730`: two years, the same pages, to see them flat in history).

The hub is made at migration h0015 and its day and month lines written by SQL
(`generate_series`, the month lines by the same SQL as h0015), not pushed: this measures the
page's reads; the fold that keeps the tables is tested against the events (tests/platform/hub/
test_usage_months.py, test_read_models.py). Then the app starts, which runs h0017 (the lines by
station and day or month, each group's days): its time is `h0017_fill_s`. Times (medians of 5
views, in-process, server time): the page over all stations for the last 365 days (its first
page and its last) and for the last 30, its CSV's first byte and whole. The floors, in the same
run (the machine is shared): the raw SQL sum of the range's day lines (what a page over every
day line would read). Prints one JSON line.
"""

from __future__ import annotations

import argparse
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

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from kiosk.hub_app import create_app
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.settings import HubSettings
from kiosk.resources import migrations_path
from tools.benchtools import get_ms, sign_in
from tools.pgtemp import TempPostgres

STATIONS = 2000
DAYS = 365
RUNS = 5
PASSWORD = "bench password 1"
LAST = date(2026, 12, 3)


def seed(engine: Any, days: int) -> int:
    """The stations and `days` of their lines up to LAST, on a hub at h0015."""
    first = LAST - timedelta(days=days - 1)
    with engine.begin() as db:
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
            {"n": STATIONS, "days": days, "first": first},
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
        return int(db.execute(text("SELECT count(*) FROM usage_daily")).scalar_one())


def at_h0015(engine: Any) -> None:
    config = Config()
    config.set_main_option("script_location", str(migrations_path("hub")))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "h0015")


def vacuum(engine: Any) -> None:
    with engine.connect() as db:
        db.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))


def timed(
    client: Any, path: str, params: dict[str, str], stream: bool = False, whole: bool = False
) -> float:
    return statistics.median(get_ms(client, path, params, stream, whole) for _ in range(RUNS))


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

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--days", type=int, default=DAYS, help="history held (the pages read the last 365 and 30)"
    )
    history = parser.parse_args().days
    out: dict[str, Any] = {"bench": "centre_usage", "stations": STATIONS, "days": history}
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-usage-") as tmp,
        TempPostgres(durable=True) as pg,
    ):
        engine = make_engine(pg.url)
        started = time.perf_counter()
        at_h0015(engine)
        out["day_lines"] = seed(engine, history)
        vacuum(engine)
        out["seed_s"] = round(time.perf_counter() - started, 1)
        engine.dispose()
        settings = HubSettings(
            data_dir=Path(tmp), database_url=pg.url, admin_token="bench-admin-token-0123456789"
        )
        started = time.perf_counter()
        app = create_app(settings)  # migrates: h0017 fills its tables from the lines
        out["h0017_fill_s"] = round(time.perf_counter() - started, 1)
        vacuum(app.state.database.engine)
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        year = {"from": (LAST - timedelta(days=DAYS - 1)).isoformat(), "to": LAST.isoformat()}
        month = {"from": (LAST - timedelta(days=29)).isoformat(), "to": LAST.isoformat()}
        with TestClient(app, base_url="http://hub.test") as client:
            sign_in(client, "boss", PASSWORD)
            out["year_page_ms"] = round(timed(client, "/centre/usage", year))
            out["year_last_page_ms"] = round(
                timed(client, "/centre/usage", {**year, "page": "100000"})
            )
            csv = {**year, "format": "csv"}
            out["year_csv_first_byte_ms"] = round(timed(client, "/centre/usage", csv, stream=True))
            out["year_csv_whole_ms"] = round(
                timed(client, "/centre/usage", csv, stream=True, whole=True)
            )
            out["month_page_ms"] = round(timed(client, "/centre/usage", month))
            out["month_csv_first_byte_ms"] = round(
                timed(client, "/centre/usage", {**month, "format": "csv"}, stream=True)
            )
        out["floor_year_day_lines_sql_ms"] = round(floor(app, LAST - timedelta(days=DAYS - 1)))
        out["floor_30_days_day_lines_sql_ms"] = round(floor(app, LAST - timedelta(days=29)))
        out["budget_ms"] = 300
        app.state.database.dispose()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
