"""The centre's volunteer-hours pages at province scale (#15): 2,000 stations × 20 volunteers
over two years of shifts (`--every 10`: each volunteer a shift every 10 days, 2.92 M shifts,
about the shifts of a 20 M-event province at bench_province's mix), on a durable PostgreSQL.

`shift_facts` is written by SQL (`generate_series`), row for row what `fold_shifts` writes for
a closed shift (its two events' ids, version 1), and the hours layers the seeding tree has
filled from it as their migrations fill them (`LAYERS`): this measures the pages' reads; the fold is
tested against the events (tests/platform/hub/test_read_models.py). The code under test runs
in worker processes, one per `--code` tree (e.g. the branch and `git archive` of main), each on
its own copy of the seeded database (`CREATE DATABASE … TEMPLATE`), so each tree migrates its
own copy to its own head; views then alternate between the trees (lock-step, one view each),
the machine's load average read before and after. Times, in-process (TestClient, so server
time): the page over all stations for the last 30 and 365 days, their CSVs' first byte, the
365-day CSV whole (once a round), the busiest station's 365 days as the centre sees it and as
its station admin does. Floor, same run: the raw SQL count and sum of the range's shifts.
Prints one JSON line: per tree, per view, the median and min over the rounds.
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
import warnings
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))  # this checkout's tools; each worker then loads its own tree

from tools.benchtree import check_tree, load_tree  # noqa: E402

STATIONS = 2000
VOLUNTEERS = 20
DAYS = 730
PASSWORD = "bench password 1"
LAST = date(2026, 12, 3)
YEAR = {"from": (LAST - timedelta(days=364)).isoformat(), "to": LAST.isoformat()}
MONTH = {"from": (LAST - timedelta(days=29)).isoformat(), "to": LAST.isoformat()}
BUSIEST = "st-0000"
VIEWS = (
    "page_30d",
    "page_365d",
    "csv_30d_first_byte",
    "csv_365d_first_byte",
    "csv_365d_whole",
    "station_365d",
    "station_admin_365d",
)


def seed_sql(stations: int, every: int) -> list[tuple[str, dict[str, Any]]]:
    """The stations and their shifts: volunteer v of station s works every `every` days (offset
    by s + v), 60-299 minutes, credited by the default rule (whole minutes), 1 in 50 flagged,
    1 in 40 cancelled; as `fold_shifts` stores them, day by day."""
    first = LAST - timedelta(days=DAYS - 1)
    return [
        (
            "INSERT INTO stations (id, name, created_at)"
            " SELECT 'st-' || lpad(s::text, 4, '0'), '站点 ' || s, now()"
            " FROM generate_series(0, %(n)s - 1) AS s",
            {"n": stations},
        ),
        (
            "INSERT INTO shift_facts (shift_id, station_id, volunteer_id, day, status, minutes,"
            " credited, flagged, events, version)"
            " SELECT 'sh-' || s || '-' || v || '-' || d, 'st-' || lpad(s::text, 4, '0'),"
            " 'v-' || lpad(s::text, 4, '0') || '-' || v, to_char(CAST(%(first)s AS date) + d,"
            " 'YYYY-MM-DD'), CASE WHEN (s + v + d) %% 40 = 0 THEN 'cancelled' ELSE 'closed' END,"
            " 60 + (s * 7 + v * 13 + d) %% 240, 60 + (s * 7 + v * 13 + d) %% 240,"
            " (s + 3 * v + d) %% 50 = 0,"
            " json_build_array('ev-i-' || s || '-' || v || '-' || d,"
            " 'ev-o-' || s || '-' || v || '-' || d), 1"
            " FROM generate_series(0, %(n)s - 1) AS s, generate_series(0, %(v)s - 1) AS v,"
            " LATERAL generate_series((s + v) %% %(every)s, %(days)s - 1, %(every)s) AS d"
            # in the order a hub receives them (a day's shifts pushed that day): a range of
            # days is then a range of the table's pages, as on a hub that has been running
            " ORDER BY d, s, v",
            {"n": stations, "v": VOLUNTEERS, "days": DAYS, "every": every, "first": first},
        ),
    ]


# The read models the push keeps beside `shift_facts`, each filled as its migration fills it,
# for the tables the seeding tree has (a tree without one makes it from these when it migrates).
LAYERS = (
    (
        "shift_hours_monthly",  # h0021
        "INSERT INTO shift_hours_monthly"
        " (station_id, volunteer_id, month, shifts, minutes, credited, flagged)"
        " SELECT station_id, volunteer_id, substr(day, 1, 7), count(*), sum(minutes),"
        " sum(credited), sum(CASE WHEN flagged THEN 1 ELSE 0 END) FROM shift_facts"
        " WHERE day IS NOT NULL AND status <> 'cancelled'"
        " GROUP BY station_id, volunteer_id, substr(day, 1, 7)",
    ),
    (
        "shift_hours_station_monthly",  # h0026
        "INSERT INTO shift_hours_station_monthly"
        " (station_id, month, shifts, minutes, credited, flagged)"
        " SELECT station_id, month, sum(shifts), sum(minutes), sum(credited), sum(flagged)"
        " FROM shift_hours_monthly GROUP BY station_id, month",
    ),
    (
        "shift_hours_volunteer_years",  # h0026
        "INSERT INTO shift_hours_volunteer_years (station_id, volunteer_id, year, months)"
        " SELECT station_id, volunteer_id, substr(month, 1, 4),"
        " sum(1 << (CAST(substr(month, 6, 2) AS INTEGER) - 1))"
        " FROM shift_hours_monthly GROUP BY station_id, volunteer_id, substr(month, 1, 4)",
    ),
)


# --- the worker: one code tree, one database ------------------------------------------------


def worker(code: str, url: str, accounts: bool) -> None:
    """Serve views named on stdin, one JSON line of ms on stdout each, with `code`'s kiosk."""
    tree = load_tree(code)
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from kiosk.hub_app import create_app
    from kiosk.platform.hub.settings import HubSettings
    from tools.benchtools import sign_in

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-hours-") as tmp:
        settings = HubSettings(
            data_dir=Path(tmp), database_url=url, admin_token="bench-admin-token-0123456789"
        )
        check_tree(tree)
        started = time.perf_counter()
        app = create_app(settings)  # migrates this copy to this tree's head
        migrated_s = time.perf_counter() - started
        if not accounts:  # only the schema was asked for (the seed's)
            print(json.dumps({"ready": True, "migrate_s": round(migrated_s, 1)}), flush=True)
            app.state.database.dispose()
            return
        if accounts:
            app.state.account_service.create("boss", PASSWORD, "centre", [])
            app.state.account_service.create("adm", PASSWORD, "station", [BUSIEST])
        with (
            TestClient(app, base_url="http://hub.test") as boss,
            TestClient(app, base_url="http://hub.test") as adm,
        ):
            sign_in(boss, "boss", PASSWORD)
            sign_in(adm, "adm", PASSWORD)
            print(json.dumps({"ready": True, "migrate_s": round(migrated_s, 1)}), flush=True)
            for line in sys.stdin:
                view = line.strip()
                if view == "totals":  # what the pages say, to check against SQL
                    print(json.dumps({"totals": _totals(boss)}), flush=True)
                elif view:
                    print(json.dumps({view: round(_view(boss, adm, view), 1)}), flush=True)
        app.state.database.dispose()


def _totals(boss: Any) -> dict[str, str]:
    """Each range's total hours and rows as its page shows them."""
    import re

    out = {}
    for name, span in (("30d", MONTH), ("365d", YEAR)):
        html = boss.get("/centre/hours", params=span).text
        total = re.search(r'id="total">([^<]+)<', html)
        rows = re.search(r"共 (\d+) 行", html)
        out[name] = f"{total.group(1) if total else '?'} h, {rows.group(1) if rows else '?'} rows"
    return out


def _view(boss: Any, adm: Any, view: str) -> float:
    from tools.benchtools import get_ms  # in the worker, once its tree is loaded

    path = "/centre/hours"
    client, params, stream, whole = {
        "page_30d": (boss, MONTH, False, False),
        "page_365d": (boss, YEAR, False, False),
        "csv_30d_first_byte": (boss, {**MONTH, "format": "csv"}, True, False),
        "csv_365d_first_byte": (boss, {**YEAR, "format": "csv"}, True, False),
        "csv_365d_whole": (boss, {**YEAR, "format": "csv"}, True, True),
        "station_365d": (boss, {**YEAR, "station": BUSIEST}, False, False),
        "station_admin_365d": (adm, YEAR, False, False),
    }[view]
    return get_ms(client, path, params, stream, whole)


# --- the conductor --------------------------------------------------------------------------


def _start(code: str, url: str, accounts: bool) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, __file__, "--worker", code, url, *(["--accounts"] if accounts else [])],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=code,
    )
    return proc


def _ask(proc: subprocess.Popen[str], view: str) -> dict[str, Any]:
    assert proc.stdin is not None and proc.stdout is not None
    if view:
        proc.stdin.write(view + "\n")
        proc.stdin.flush()
    line = proc.stdout.readline()
    if not line:
        raise RuntimeError(f"worker ended before answering {view!r}")
    return dict(json.loads(line))


def _floor(dsn: str, params: dict[str, str], runs: int) -> float:
    import psycopg

    samples = []
    with psycopg.connect(dsn) as conn:
        for _ in range(runs):
            start = time.perf_counter()
            conn.execute(
                "SELECT count(*), sum(credited) FROM shift_facts WHERE day BETWEEN %s AND %s"
                " AND status <> 'cancelled'",
                (params["from"], params["to"]),
            ).fetchone()
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", nargs=2, metavar=("CODE", "URL"), help=argparse.SUPPRESS)
    parser.add_argument("--accounts", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--code",
        action="append",
        metavar="NAME=DIR",
        help="a tree to measure (repeatable), e.g. main=/tmp/hours-main; default this tree",
    )
    parser.add_argument("--stations", type=int, default=STATIONS)
    parser.add_argument("--every", type=int, default=10, help="a shift every N days a volunteer")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], args.worker[1], args.accounts)
        return
    from tools.pgtemp import TempPostgres

    trees = [tuple(c.split("=", 1)) for c in (args.code or [f"branch={HERE}"])]
    out: dict[str, Any] = {
        "bench": "centre_hours",
        "stations": args.stations,
        "volunteers": VOLUNTEERS,
        "days": DAYS,
        "every": args.every,
        "trees": [n for n, _ in trees],
    }
    import psycopg

    with TempPostgres(durable=True, dbname="seed") as pg:
        started = time.perf_counter()
        # the first tree's hub makes the schema, then the shifts go in
        first = _start(trees[0][1], pg.url, accounts=False)
        _ask(first, "")
        first.stdin.close()  # type: ignore[union-attr]
        first.wait()
        with psycopg.connect(pg.dsn, autocommit=True) as conn:
            for sql, params in seed_sql(args.stations, args.every):
                conn.execute(sql, params)
            for table, sql in LAYERS:  # what the push keeps beside the shifts, where the
                if conn.execute("SELECT to_regclass(%s)", (table,)).fetchone()[0]:  # tree has it
                    conn.execute(sql)
            conn.execute("VACUUM ANALYZE")
            out["shifts"] = conn.execute("SELECT count(*) FROM shift_facts").fetchone()[0]
        out["seed_s"] = round(time.perf_counter() - started, 1)
        with psycopg.connect(pg.admin_dsn, autocommit=True) as conn:
            for name, _ in trees:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE seed')
        base = pg.url.rsplit("/", 1)[0]
        workers = {name: _start(code, f"{base}/{name}", accounts=True) for name, code in trees}
        for name, proc in workers.items():
            out[f"{name}_migrate_s"] = _ask(proc, "")["migrate_s"]
        dsns = {name: pg.dsn.replace("dbname=seed", f"dbname={name}") for name, _ in trees}
        for name in workers:
            with psycopg.connect(dsns[name], autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE")
        # every tree shows the totals SQL gives over the shifts: a fast wrong page is no page
        expected = {}
        with psycopg.connect(dsns[trees[0][0]]) as conn:
            for name, span in (("30d", MONTH), ("365d", YEAR)):
                minutes, rows = conn.execute(
                    "SELECT sum(credited), count(DISTINCT (station_id, volunteer_id))"
                    " FROM shift_facts WHERE day BETWEEN %s AND %s AND status <> 'cancelled'",
                    (span["from"], span["to"]),
                ).fetchone()
                expected[name] = f"{minutes / 60:.2f} h, {rows} rows"
        for name, proc in workers.items():
            shown = _ask(proc, "totals")["totals"]
            assert shown == expected, (name, shown, expected)
        out["totals_checked"] = expected
        out["load_before"] = os.getloadavg()
        samples: dict[str, dict[str, list[float]]] = {n: {v: [] for v in VIEWS} for n in workers}
        for proc in workers.values():  # one unmeasured view of each: caches warm alike
            for view in VIEWS:
                _ask(proc, view)
        for _ in range(args.rounds):
            for view in VIEWS:
                for name, proc in workers.items():
                    samples[name][view].append(_ask(proc, view)[view])
        out["load_after"] = os.getloadavg()
        for name, proc in workers.items():
            proc.stdin.close()  # type: ignore[union-attr]
            proc.wait()
            for view, ms in samples[name].items():
                out[f"{name}_{view}_ms"] = [round(statistics.median(ms)), round(min(ms))]
        any_db = dsns[trees[0][0]]
        out["floor_30d_sql_ms"] = round(_floor(any_db, MONTH, args.rounds), 1)
        out["floor_365d_sql_ms"] = round(_floor(any_db, YEAR, args.rounds), 1)
        out["budget_ms"] = {"centre": 300, "station_admin": 100}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
