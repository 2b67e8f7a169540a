"""The centre's stations and lists pages at province scale (#15), main against a branch.

Seeds a throwaway PostgreSQL hub (the real migrations) in a couple of minutes with raw SQL:
`--stations` stations in 20 regions (every third with opening hours), `--kiosks` kiosks per
station (most seen a minute ago, some silent, some never seen, 1 in 50 revoked), `--events`
events of the province's everyday kinds over two years, one reject per 1,000 events, and every
station's lists as the demo writes them (18 `lists.*` events, `append_hub_event`). Then serves
the same database from two hubs, this checkout's and `--main-src`'s (a `git archive` of main),
and views each page on both in lock-step (one view on one, then one on the other, `--views`
times): the stations page (all stations; a station admin's), the lists page (all stations;
one region; a station admin's; the figures CSV). Floor, same run: the raw SQL those pages
cannot do without (the kiosks of one page of stations with their reject counts, and the
count of `lists.*` events by exact kind).

Prints one JSON line (server times from the hubs' request logs, median and min, in ms) and a
table on stderr. Usage:
    git archive main | tar -x -C /tmp/main-src
    .venv/bin/python benchmarks/bench_centre_stations.py --main-src /tmp/main-src
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import psycopg

from kiosk.features.lists.demo import demo_events
from kiosk.features.lists.hub.figures import refold
from kiosk.platform.hub import migrate, partitions
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.web_events import append_hub_event
from tools.benchtools import HubServer, hub_server, sign_in
from tools.pgtemp import temp_postgres

PASSWORD = "bench password 1"
KINDS = (
    "service.used",
    "shift.checked_in",
    "shift.checked_out",
    "request.ordered",
    "medicine.dispensed",
    "lending.borrowed",
    "charging.started",
)
ROOT = Path(__file__).resolve().parent.parent


def _seed(dsn: str, url: str, stations: int, per_station: int, events: int) -> dict[str, Any]:
    now = datetime.now(UTC)
    started = time.perf_counter()
    engine = make_engine(url, 2)
    migrate.upgrade(engine)
    partitions.ensure_ahead(engine, now)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(
            """
            INSERT INTO stations (id, name, created_at, opens_at, closes_at, region)
            SELECT 'st-' || lpad(s::text, 4, '0'), '驿站' || s, now(),
                   CASE WHEN s %% 3 = 0 THEN '07:00' END, CASE WHEN s %% 3 = 0 THEN '22:00' END,
                   '片区' || lpad((s %% 20)::text, 2, '0')
            FROM generate_series(0, %(n)s - 1) s
            """,
            {"n": stations},
        )
        conn.execute(
            """
            INSERT INTO kiosks (id, station_id, name, token_hash, revoked, enrolled_at, acked_seq,
                                last_seen, clock_offset_s, pending, app_version, disk_free_mb)
            SELECT 'k-' || lpad(s::text, 4, '0') || '-' || k, 'st-' || lpad(s::text, 4, '0'),
                   CASE WHEN k = 0 THEN '北出口' END, md5(s::text || '-' || k),
                   (s * 7 + k) %% 50 = 0, now() - interval '400 days', 1000 + s,
                   CASE WHEN (s + k) %% 97 = 0 THEN NULL
                        WHEN (s + k) %% 23 = 0 THEN now() - interval '3 hours'
                        ELSE now() - interval '1 minute' END,
                   0.5, 0, '1.4.0', 20000
            FROM generate_series(0, %(n)s - 1) s, generate_series(0, %(k)s - 1) k
            """,
            {"n": stations, "k": per_station},
        )
        conn.execute(
            """
            INSERT INTO events (id, station_id, kiosk_id, seq, kind, occurred_at, received_at,
                                actor, payload)
            SELECT md5(g::text), 'st-' || lpad((g %% %(n)s)::text, 4, '0'),
                   'k-' || lpad((g %% %(n)s)::text, 4, '0') || '-0', g,
                   (%(kinds)s::text[])[1 + g %% %(nk)s],
                   now() - (g %% 730) * interval '1 day' - (g %% 1440) * interval '1 minute',
                   now(), 'v-' || (g %% 20), '{"service_id": "water", "count": 1}'
            FROM generate_series(1, %(e)s) g
            """,
            {"n": stations, "e": events, "kinds": list(KINDS), "nk": len(KINDS)},
        )
        conn.execute(
            """
            INSERT INTO rejects (kiosk_id, seq, event_id, station_id, kind, reason, payload,
                                 received_at)
            SELECT 'k-' || lpad((g %% %(n)s)::text, 4, '0') || '-1', g, md5('r' || g),
                   'st-' || lpad((g %% %(n)s)::text, 4, '0'), 'service.used', 'bad payload',
                   '{}', now()
            FROM generate_series(1, %(r)s) g
            """,
            {"n": stations, "r": max(1, events // 1000)},
        )
    database = Database(engine)
    lists_events = 0
    with database.write() as session:
        for s in range(stations):
            station = f"st-{s:04d}"
            for e in demo_events(station, now):
                append_hub_event(session, station, e.kind, e.payload, now, "centre:bench")
                lists_events += 1
        # As the hub folds them when it writes them (no hub app here: no read model registered).
        refold(session.connection(), [f"st-{s:04d}" for s in range(stations)])
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    engine.dispose()
    return {"lists_events": lists_events, "seed_s": round(time.perf_counter() - started, 1)}


def _to_revision(url: str, revision: str) -> None:
    """Take the seeded database down to `revision` (main's head), so each hub migrates its
    own copy up as it starts: the branch's copy then fills its read models by its migration."""
    from alembic import command
    from alembic.config import Config

    from kiosk.resources import migrations_path

    engine = make_engine(url, 1)
    config = Config()
    config.set_main_option("script_location", str(migrations_path("hub")))
    config.set_main_option("version_table", "alembic_version")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
    engine.dispose()


def _copy(dsn: str, name: str) -> None:
    """A copy of the seeded database for main's hub (same rows, its own schema version)."""
    admin = dsn.replace("dbname=hub", "dbname=postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE hub')


def _account(url: str, name: str, role: list[str], src: Path) -> None:
    env = {**os.environ, "HUB_DATABASE_URL": url, "PYTHONPATH": str(src)}
    subprocess.run(
        [sys.executable, "-m", "kiosk.hub_cli", "create-account", name, *role, "--password-stdin"],
        input=PASSWORD + "\n" + PASSWORD + "\n",
        text=True,
        check=True,
        env=env,
        capture_output=True,
        cwd=src,
    )


def _server_ms(server: HubServer) -> dict[str, float]:
    out = {}
    for line in server.log.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            logged = json.loads(line)
            out[logged["request_id"]] = float(logged["duration_ms"])
    return out


class Side:
    """One hub (main's code or this checkout's) with a signed-in centre and station admin."""

    def __init__(self, name: str, server: HubServer) -> None:
        self.name, self.server, self.n = name, server, 0
        self.centre = httpx.Client(base_url=server.url, timeout=300)
        self.station = httpx.Client(base_url=server.url, timeout=300)
        sign_in(self.centre, "boss", PASSWORD)
        sign_in(self.station, "keeper", PASSWORD)
        self.views: dict[str, list[tuple[str, float]]] = {}

    def view(self, label: str, who: str, path: str, params: dict[str, str]) -> None:
        self.n += 1
        rid = f"{self.name}-{self.n}"
        client = self.centre if who == "centre" else self.station
        start = time.perf_counter()
        with client.stream("GET", path, params=params, headers={"X-Request-ID": rid}) as r:
            chunks = r.iter_bytes()
            next(chunks, b"")
            first = (time.perf_counter() - start) * 1000
            for _ in chunks:
                pass
        assert r.status_code == 200, (label, r.status_code)
        self.views.setdefault(label, []).append((rid, first))

    def figures(self) -> dict[str, dict[str, float]]:
        logged = _server_ms(self.server)
        out = {}
        for label, views in self.views.items():
            served = [logged[rid] for rid, _ in views[1:]]  # the first view warms up
            firsts = [f for _, f in views[1:]]
            out[label] = {
                "median_ms": round(statistics.median(served), 1),
                "min_ms": round(min(served), 1),
                "first_byte_ms": round(statistics.median(firsts), 1),
            }
        return out


VIEWS = (
    ("stations_all", "centre", "/centre/", {}),
    ("stations_page_50", "centre", "/centre/", {"page": "50"}),
    ("stations_admin", "station", "/centre/", {}),
    ("lists_all", "centre", "/centre/lists", {}),
    ("lists_region", "centre", "/centre/lists", {"region": "片区03"}),
    ("lists_admin", "station", "/centre/lists", {}),
    ("lists_csv", "centre", "/centre/lists", {"format": "csv", "list": "summary"}),
)


def _floor(dsn: str, views: int) -> dict[str, float]:
    """The raw SQL a page cannot do without, timed in the same run (median ms)."""
    kiosks = """
        SELECT k.*, (SELECT count(*) FROM rejects r WHERE r.kiosk_id = k.id)
        FROM kiosks k WHERE k.station_id IN (SELECT id FROM stations ORDER BY id LIMIT 20)
    """
    lists = """
        SELECT kind, count(*) FROM events WHERE kind = ANY(%(k)s) GROUP BY kind
    """
    kinds = [
        "lists.unit_added",
        "lists.resource_added",
        "lists.need_added",
        "lists.project_opened",
        "lists.project_status",
    ]
    out = {}
    with psycopg.connect(dsn) as conn:
        for name, sql, params in (
            ("kiosks_page", kiosks, {}),
            ("lists_count", lists, {"k": kinds}),
        ):
            times = []
            for _ in range(views):
                start = time.perf_counter()
                conn.execute(sql, params).fetchall()
                times.append((time.perf_counter() - start) * 1000)
            out[f"floor_{name}_ms"] = round(statistics.median(times), 2)
    return out


class Seeded:
    """A cluster seeded by an earlier `--seed-only` run (to profile or measure again)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.dsn = f"host=127.0.0.1 port={port} user=postgres dbname=hub"
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/hub"


def _linked(src: Path) -> Path:
    """`src` (a `git archive`) with the data packages the editable install maps into `kiosk`
    (setup.py: kiosk._resources, kiosk._migrations), so its hub reads its own migrations."""
    for package, folder in (("_migrations", "db"), ("_resources", "resources")):
        link = src / "kiosk" / package
        if not (src / "kiosk" / package).exists() and not (src / ".git").exists():
            link.symlink_to(src / folder, target_is_directory=True)
    return src


@contextlib.contextmanager
def _hubs(url: str, main_src: Path | None) -> Iterator[list[Side]]:
    with contextlib.ExitStack() as stack:
        sides = []
        sources = [("branch", _linked(ROOT), url)]
        if main_src:
            sources.append(("main", _linked(main_src), url.rsplit("/", 1)[0] + "/hub_main"))
        for name, src, url in sources:
            env = {"PYTHONPATH": str(src)}
            server = stack.enter_context(hub_server(url, extra_env=env, cwd=src))
            sides.append(Side(name, server))
        yield sides


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, default=2000)
    parser.add_argument("--kiosks", type=int, default=2, help="kiosks per station")
    parser.add_argument("--events", type=int, default=2_000_000)
    parser.add_argument("--views", type=int, default=7)
    parser.add_argument("--main-src", type=Path, default=None)
    parser.add_argument("--main-revision", default="h0020", help="main's head revision")
    parser.add_argument("--seed-only", action="store_true", help="seed, print the DSN, keep it")
    parser.add_argument("--port", type=int, default=0, help="an already seeded cluster's port")
    args = parser.parse_args()
    out: dict[str, Any] = {
        "bench": "centre_stations",
        "stations": args.stations,
        "kiosks": args.stations * args.kiosks,
        "events": args.events,
    }
    with contextlib.ExitStack() as stack:
        if args.port:
            pg: Any = Seeded(args.port)
        else:
            pg = stack.enter_context(temp_postgres(durable=False))
            out |= _seed(pg.dsn, pg.url, args.stations, args.kiosks, args.events)
            _account(pg.url, "boss", ["--role", "centre"], ROOT)
            _account(pg.url, "keeper", ["--role", "station", "--station", "st-0000"], ROOT)
            if args.main_src:
                _to_revision(pg.url, args.main_revision)
        if args.main_src and not args.port:  # a seeded cluster keeps its copy
            _copy(pg.dsn, "hub_main")
        if args.seed_only:
            print(json.dumps({**out, "port": pg.port}), flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)
        out["load_before"] = os.getloadavg()[0]
        with _hubs(pg.url, args.main_src) as sides:
            for _ in range(args.views):
                for label, who, path, params in VIEWS:
                    for side in sides:  # lock-step: one view on each, same data
                        side.view(label, who, path, params)
            for side in sides:
                out[side.name] = side.figures()
        out |= _floor(pg.dsn, args.views)
        out["load_after"] = os.getloadavg()[0]
    print(json.dumps(out, ensure_ascii=False))
    names = [s for s in ("main", "branch") if s in out]
    print(f"{'view':<18}" + "".join(f"{n:>26}" for n in names), file=sys.stderr)
    for label, *_ in VIEWS:
        cells = "".join(
            f"{out[n][label]['median_ms']:>12} ({out[n][label]['min_ms']:>8}) fb "
            f"{out[n][label]['first_byte_ms']:>4.0f}"
            for n in names
        )
        print(f"{label:<18}{cells}", file=sys.stderr)


if __name__ == "__main__":
    main()
