"""The centre's 人次 and tickets pages at two history sizes, code trees alternated (#15): are
they flat in events? A province's read models (what `bench_province`'s mix folds into: 55 % of
events uses, 6 % requests, over the last 730 days, 2,000 stations, the busiest 1 %) written by
SQL at each size, not pushed: this measures the pages' reads, and reaches 20M events in minutes
(the folds that keep these tables are tested against the events: test_read_models.py).

One PostgreSQL cluster (durable); per size a database seeded at h0020 (main's head), then one
copy of it per code tree (`CREATE DATABASE … TEMPLATE`), so each tree migrates its own copy.
Each round views every page once per size per tree, the trees alternated (lock-step), each in
a fresh process with that tree first on `sys.path` (`--trees main=/tmp/main-src,branch=.`).
A view's time is the request in process (TestClient: the server's whole time, no socket),
median of 5 warm views after one; a CSV's is its first byte. The floors, in the same child: the
raw SQL sum of the 30 days' day lines (人次) and the count of the 365 days' tickets.

Prints one JSON line (every round's figures, then medians and min per page, size and tree) and
a table on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
NOW = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)  # 12:00 in Beijing
DAYS = 730
RUNS = 5
PASSWORD = "bench password 1"
SERVICES = ("water", "phone_charging", "rest", "transport", "medicine")
AUDIENCES = ("rider", "courier", "traveller", "elderly", "none")
BUSY = "st-0000"
SHUFFLED = ("usage_station_daily", "usage_station_monthly", "usage_groups", "usage_monthly")

# (name, path, params, csv); the range: the last 30 or 365 days (the page's default is 30)
YEAR = {"from": (NOW.date() - timedelta(days=364)).isoformat(), "to": NOW.date().isoformat()}
VIEWS: tuple[tuple[str, str, dict[str, str], bool, str], ...] = (
    ("usage_30d", "/centre/usage", {}, False, "boss"),
    ("usage_365d", "/centre/usage", YEAR, False, "boss"),
    ("usage_365d_busiest", "/centre/usage", {**YEAR, "station": BUSY}, False, "boss"),
    ("usage_30d_csv", "/centre/usage", {"format": "csv"}, True, "boss"),
    ("usage_365d_admin", "/centre/usage", YEAR, False, "admin"),
    ("tickets_30d", "/centre/tickets", {}, False, "boss"),
    ("tickets_365d", "/centre/tickets", YEAR, False, "boss"),
    ("tickets_365d_busiest", "/centre/tickets", {**YEAR, "station": BUSY}, False, "boss"),
    ("tickets_365d_csv", "/centre/tickets", {**YEAR, "format": "csv"}, True, "boss"),
    ("tickets_365d_admin", "/centre/tickets", YEAR, False, "admin"),
)


def _seed_sql(stations: int, events: int) -> list[tuple[str, dict[str, Any]]]:
    """The read models of `events` events of the mix: uses (1-3 people) and tickets spread
    uniformly over the last 730 days, the busiest station 1 % of them."""
    uses, tickets = int(events * 0.55), int(events * 0.06 / 3)  # a request: 3 events
    last = NOW.date() - timedelta(days=1)
    station = (
        "'st-' || lpad((CASE WHEN random() < 0.01 THEN 0"
        f" ELSE 1 + floor(random() * {stations - 1}) END)::int::text, 4, '0')"
    )
    services = "ARRAY[" + ",".join(f"'{s}'" for s in SERVICES) + "]"
    audiences = "ARRAY[" + ",".join(f"'{a}'" for a in AUDIENCES) + "]"
    # day_slot of a calendar day
    slot = "CAST(substr(day, 6, 2) AS integer) * 32 + CAST(substr(day, 9, 2) AS integer)"
    p = {"n": stations, "last": last}
    return [
        (
            "INSERT INTO stations (id, name, created_at, region)"
            " SELECT 'st-' || lpad(s::text, 4, '0'), '站点 ' || s, now(), '片区 ' || (s % 20)"
            " FROM generate_series(0, :n - 1) AS s",
            p,
        ),
        (
            "INSERT INTO usage_daily (station_id, day, service_id, audience, people, records)"
            " SELECT station_id, day, service_id, audience, sum(people), count(*) FROM ("
            f" SELECT {station} AS station_id,"
            f" to_char(CAST(:last AS date) - floor(random() * {DAYS - 1})::int, 'YYYY-MM-DD')"
            " AS day,"
            f" ({services})[1 + floor(random() * 5)::int] AS service_id,"
            f" ({audiences})[1 + floor(random() * 5)::int] AS audience,"
            " 1 + floor(random() * 3)::int AS people"
            f" FROM generate_series(1, {uses})) AS u GROUP BY 1, 2, 3, 4",
            p,
        ),
        (
            "INSERT INTO usage_monthly (station_id, month, service_id, audience, people,"
            " records) SELECT station_id, substr(day, 1, 7), service_id, audience, sum(people),"
            " sum(records) FROM usage_daily GROUP BY 1, 2, 3, 4",
            {},
        ),
        (
            "INSERT INTO usage_station_daily (day, station_id, people, records)"
            " SELECT day, station_id, sum(people), sum(records) FROM usage_daily GROUP BY 1, 2",
            {},
        ),
        (
            "INSERT INTO usage_station_monthly (month, station_id, people, records)"
            " SELECT month, station_id, sum(people), sum(records) FROM usage_monthly"
            " GROUP BY 1, 2",
            {},
        ),
        (
            "INSERT INTO usage_groups (year, station_id, service_id, audience, days)"
            " SELECT year, station_id, service_id, audience,"
            " bit_or(set_bit(CAST(repeat('0', 836) AS bit(836)), bit, 1))"
            " FROM (SELECT substr(day, 1, 4) AS year, station_id, service_id, audience,"
            f" 418 + {slot} AS bit FROM usage_daily"
            " UNION ALL SELECT (CAST(substr(day, 1, 4) AS integer) + 1)::text,"
            f" station_id, service_id, audience, {slot} FROM usage_daily) AS b"
            " GROUP BY 1, 2, 3, 4",
            {},
        ),
        (
            "INSERT INTO ticket_facts (station_id, kind, aggregate_id, ticket, category,"
            " channel, status, train, made_at, day, departs_at, accepted_at, closed_at,"
            " response_min, flagged, events, version)"
            " SELECT station_id, 'request', 'r-' || i, lpad((i % 1000000)::text, 6, '0'),"
            " (ARRAY['luggage','wheelchair','directions','lost'])[1 + i % 4], 'kiosk',"
            " CASE WHEN open THEN 'ordered' ELSE 'completed' END, NULL, made_at,"
            " to_char(made_at + interval '8 hours', 'YYYY-MM-DD'), NULL,"
            " CASE WHEN open THEN NULL ELSE made_at + response * interval '1 minute' END,"
            " CASE WHEN open THEN NULL ELSE made_at + interval '20 minutes' END,"
            " CASE WHEN open THEN NULL ELSE response END, false,"
            " CAST('[\"' || md5(i::text) || '\",\"' || md5((i + 1)::text) || '\",\"'"
            " || md5((i + 2)::text) || '\"]' AS json), 1"
            f" FROM (SELECT i, {station} AS station_id,"
            " CAST(:last AS timestamptz) - random() * interval '729 days' AS made_at,"
            " random() < 0.03 AS open, round((0.5 + random() * 30)::numeric, 2)::float8"
            f" AS response FROM generate_series(1, {tickets}) AS i) AS t",
            p,
        ),
    ]


def seed(url: str, stations: int, events: int) -> dict[str, Any]:
    """A hub at h0020 holding the read models of `events` events (run with main's code)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from kiosk.platform.hub.db import make_engine
    from kiosk.resources import migrations_path

    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(migrations_path("hub")))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "h0020")
    started = time.perf_counter()
    with engine.begin() as db:
        for sql, params in _seed_sql(stations, events):
            db.execute(text(sql), params)
        # rows in no order of day, as the province bench's pushes (uses of any day of two
        # years) leave them, not in the order a GROUP BY happened to write them
        for table in SHUFFLED:
            db.execute(
                text(f"CREATE TEMP TABLE shuffled AS SELECT * FROM {table} ORDER BY random()")
            )
            db.execute(text(f"TRUNCATE {table}"))
            db.execute(text(f"INSERT INTO {table} SELECT * FROM shuffled"))
            db.execute(text("DROP TABLE shuffled"))
    with engine.connect() as db:
        db.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
        counts = {
            t: int(db.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
            for t in ("usage_daily", "usage_groups", "usage_station_daily", "ticket_facts")
        }
    engine.dispose()
    return {"events": events, "seed_s": round(time.perf_counter() - started, 1), **counts}


def _timed(client: Any, path: str, params: dict[str, str], csv: bool) -> float:
    samples = []
    for n in range(RUNS + 1):
        start = time.perf_counter()
        with client.stream("GET", path, params=params) as response:
            assert response.status_code == 200, response.status_code
            chunks = response.iter_bytes()
            next(chunks)
            if not csv:
                for _ in chunks:
                    pass
        if n:  # the first view warms the caches
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _floors(database: Any) -> dict[str, float]:
    from sqlalchemy import text

    month = (NOW.date() - timedelta(days=29)).isoformat(), NOW.date().isoformat()
    year_start = NOW - timedelta(days=365)
    queries = {
        "floor_usage_30d": (
            "SELECT count(*), sum(people) FROM usage_daily WHERE day BETWEEN :a AND :b",
            {"a": month[0], "b": month[1]},
        ),
        "floor_tickets_365d": (
            "SELECT count(*), sum(response_min) FROM ticket_facts WHERE made_at >= :a",
            {"a": year_start},
        ),
    }
    out = {}
    with database.engine.connect() as db:
        for name, (sql, params) in queries.items():
            samples = []
            for _ in range(RUNS + 1):
                start = time.perf_counter()
                db.execute(text(sql), params).all()
                samples.append((time.perf_counter() - start) * 1000)
            out[name] = statistics.median(samples[1:])
    return out


def views(url: str) -> dict[str, float]:
    """Every view's median on the hub at `url`, with this process's code (the tree first on
    sys.path), signed in as accounts of its own."""
    from fastapi.testclient import TestClient
    from sqlalchemy import text

    from kiosk.core.clock import FixedClock
    from kiosk.hub_app import create_app
    from kiosk.platform.hub.settings import HubSettings
    from tools.benchtools import sign_in

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-history-") as tmp:
        settings = HubSettings(
            data_dir=Path(tmp), database_url=url, admin_token="bench-admin-token-0123456789"
        )
        app = create_app(settings, clock=FixedClock(NOW))
        database = app.state.database
        # accounts of this process's own, and the sign-in buckets emptied: the hub limits a
        # client's sign-ins (rate_buckets), and every round signs in again from the same one
        with database.engine.begin() as db:
            db.execute(text("DELETE FROM rate_buckets"))
        who_is = {"boss": f"boss{os.getpid()}", "admin": f"admin{os.getpid()}"}
        app.state.account_service.create(who_is["boss"], PASSWORD, "centre", [])
        app.state.account_service.create(who_is["admin"], PASSWORD, "station", [BUSY])
        out: dict[str, float] = {}
        clients = {}
        try:
            for who in ("boss", "admin"):
                clients[who] = TestClient(app, base_url="http://hub.test").__enter__()
                sign_in(clients[who], who_is[who], PASSWORD)
            for name, path, params, csv, who in VIEWS:
                out[name] = _timed(clients[who], path, params, csv)
        finally:
            for client in clients.values():
                client.__exit__(None, None, None)
        out.update(_floors(database))
        database.dispose()
    return out


def _own_data(tree: Path) -> None:
    """The tree's own migrations and resources: an editable install maps `kiosk._migrations`
    and `kiosk._resources` to its checkout whatever is first on sys.path (main's code would
    otherwise migrate with the branch's revisions)."""
    import importlib.util

    for name, folder in (("kiosk._migrations", "db"), ("kiosk._resources", "resources")):
        spec = importlib.util.spec_from_file_location(
            name, tree / folder / "__init__.py", submodule_search_locations=[str(tree / folder)]
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)


def _run_child(tree: Path, *args: str) -> Any:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, str(HERE), *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000000,20000000", help="events, ascending")
    parser.add_argument("--stations", type=int, default=2000)
    parser.add_argument("--trees", default=f"branch={HERE.parent.parent}", help="name=dir,…")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--hold", help="after seeding, write the cluster's URL here and wait while it exists"
    )
    parser.add_argument(
        "--cluster", help="a cluster this bench seeded and left (its URL, no database): rounds only"
    )
    parser.add_argument("--seed-url", help=argparse.SUPPRESS)  # child: seed this database
    parser.add_argument("--views-url", help=argparse.SUPPRESS)  # child: view this database
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    sys.path.insert(0, os.getcwd())
    if args.seed_url or args.views_url:
        _own_data(Path(os.getcwd()))
    if args.seed_url:
        print(json.dumps(seed(args.seed_url, args.stations, int(args.sizes))))
        return
    if args.views_url:
        print(json.dumps(views(args.views_url)))
        return

    from sqlalchemy import create_engine, text

    from tools.pgtemp import TempPostgres

    trees = dict(t.split("=", 1) for t in args.trees.split(","))
    sizes = [int(s) for s in args.sizes.split(",")]
    seed_tree = Path(next(iter(trees.values()))).resolve()  # the first tree: main's schema
    out: dict[str, Any] = {"bench": "centre_history", "stations": args.stations, "sizes": {}}
    with contextlib.nullcontext() if args.cluster else TempPostgres(durable=True) as pg:
        base = args.cluster or pg.url.rsplit("/", 1)[0]
        admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
        for size in sizes if pg is not None else ():
            with admin.connect() as db:
                db.execute(text(f"CREATE DATABASE seed_{size}"))
            out["sizes"][size] = _run_child(
                seed_tree, "--seed-url", f"{base}/seed_{size}", "--sizes", str(size),
                "--stations", str(args.stations),
            )  # fmt: skip
            with admin.connect() as db:
                for name in trees:
                    db.execute(text(f"CREATE DATABASE {name}_{size} TEMPLATE seed_{size}"))
            print(f"seeded {out['sizes'][size]}", file=sys.stderr)
        admin.dispose()
        if args.hold:  # to explain and profile on the seeded hub before the rounds
            Path(args.hold).write_text(base)
            while Path(args.hold).exists():
                time.sleep(5)
        rounds: list[dict[str, Any]] = []
        for r in range(args.rounds):
            for size in sizes:
                for name, tree in trees.items():
                    load = os.getloadavg()[0]
                    found = _run_child(Path(tree).resolve(), "--views-url", f"{base}/{name}_{size}")
                    rounds.append({"round": r, "size": size, "tree": name, "load": load, **found})
                    print(json.dumps(rounds[-1]), file=sys.stderr)
    out["rounds"] = rounds
    summary: dict[str, Any] = {}
    for size in sizes:
        for name in trees:
            mine = [x for x in rounds if x["size"] == size and x["tree"] == name]
            summary[f"{name}_{size}"] = {
                k: f"{statistics.median(x[k] for x in mine):.0f} ({min(x[k] for x in mine):.0f})"
                for k in mine[0]
                if k not in ("round", "size", "tree")
            }
    out["median_min"] = summary
    for key, figures in summary.items():
        print(key, figures, file=sys.stderr)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
