"""A new kiosk enrolled at a station with a long history (#15): how long until it is ready
(the live state stored: `ready_s`) and until it holds every event (`all_s`), through the
kiosk's real SyncEngine pulling from `kiosk-hub serve` on a durable PostgreSQL over loopback;
and, in the same run, a kiosk that pulls everything the old way, page by page from cursor ""
(`before_all_s`: before live-first, that was also its time to ready).

The station's history is pushed first through the real push path by two older kiosks (60 %
uses, 40 % check-ins and check-outs over the last 365 days, and a few shifts open now). Then
fresh kiosks (their own data directory, migrations, services) enrol and pull. Floors in the
same run: the same pages fetched raw over HTTP with nothing stored (the live pass's and the
whole pull's: the hub's and the wire's share), and the kiosk storing the events alone, without
projecting them (raw SQLite INSERTs of the same rows). `floor_ready_s` is the raw live pages
plus the raw store of their rows. Budget (#15): a new kiosk ready at the busiest station in
≤ 10 s.

Prints one JSON line; `--events` sets the history (default 50,000); `--explain` prints
PostgreSQL's EXPLAIN ANALYZE of the first live page to stderr, after copying the history under
`--other-stations N` other stations (a hub of many stations; after the timings).

`--mix province`: the station's history is bench_province's mix instead (benchmarks/
_province_mix.py: uses, shifts, requests, the medicine box, umbrella loans, charging; a few of
each left open), so the live pass's rules for every family are measured.

`--hub-code DIR` (twice or more; e.g. a `git archive` of main, then this checkout): an A/B of
the hub alone. The history is pushed once through the first tree's hub, then each tree gets a
copy of that database, migrated by its own code, and its own `kiosk-hub serve` running its own
`kiosk` and `db/` (each child checks it: the editable install maps `kiosk` to one checkout);
then, `--runs` rounds in lock-step, a fresh kiosk (this checkout's kiosk code, the same for
every tree) makes its live pass against each hub in turn: `ready_s` median (min) and the live
events per tree, the raw live pages' floor beside them, and the load average.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.abc
import importlib.util
import json
import os
import pstats
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent.parent


class _TreeData(importlib.abc.MetaPathFinder):
    """`kiosk._migrations` and `kiosk._resources` from the tree served: the editable install
    maps them to its own checkout, so a tree would otherwise migrate with the other's db/."""

    def __init__(self, code: Path) -> None:
        self.folders = {"kiosk._migrations": code / "db", "kiosk._resources": code / "resources"}

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        folder = self.folders.get(fullname)
        if folder is None:
            return None
        return importlib.util.spec_from_file_location(
            fullname, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )


# A child serving one tree's hub (`--tree DIR serve …`) loads that tree before anything else.
TREE = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 and sys.argv[1] == "--tree" else None
if TREE is not None:
    sys.path.insert(0, str(TREE))
    sys.meta_path.insert(0, _TreeData(TREE))
else:
    sys.path.insert(0, str(HERE))

import httpx  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from kiosk.core.ids import new_id  # noqa: E402
from kiosk.platform.sync.protocol import MAX_PULL_LIMIT  # noqa: E402
from tools.benchkiosk import FreshKiosk, fresh_kiosk, raw_pull  # noqa: E402
from tools.benchtools import admin, enrol, hub_process, hub_server  # noqa: E402
from tools.pgtemp import TempPostgres  # noqa: E402

STATION = "st-busy"
BATCH = 500
SERVICES = ("water", "phone_charging", "rest", "transport", "medicine")
AUDIENCES = ("rider", "courier", "traveller", "elderly", "none")
NOW = datetime.now(UTC).replace(microsecond=0)


def history(kiosk: str, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """One kiosk's year: uses and whole shifts, in its seq order."""
    out: list[dict[str, Any]] = []

    def add(kind: str, at: datetime, payload: dict[str, Any]) -> None:
        out.append(
            {
                "id": new_id(),
                "kind": kind,
                "station_id": STATION,
                "kiosk_id": kiosk,
                "seq": len(out) + 1,
                "occurred_at": at.isoformat(),
                "actor": None,
                "payload": payload,
            }
        )

    while len(out) < count:
        at = NOW - timedelta(days=rng.randrange(1, 365), minutes=rng.randrange(600))
        if rng.random() < 0.6 or count - len(out) < 2:
            use = {
                "use_id": new_id(),
                "service_id": rng.choice(SERVICES),
                "audience": rng.choice(AUDIENCES),
                "count": rng.randint(1, 3),
                "day": (at + timedelta(hours=8)).date().isoformat(),
            }
            add("service.used", at, use)
        else:
            shift = {"shift_id": new_id(), "volunteer_id": f"v-{rng.randrange(30)}"}
            add("shift.checked_in", at, {**shift, "method": "badge"})
            out_at = at + timedelta(minutes=rng.randint(30, 300))
            add("shift.checked_out", out_at, {**shift, "method": "badge"})
    for n in range(3):  # on duty now: what a new kiosk's duty board must show at once
        shift = {"shift_id": new_id(), "volunteer_id": f"v-on-{kiosk}-{n}"}
        add("shift.checked_in", NOW - timedelta(hours=n + 1), {**shift, "method": "badge"})
    return out


def province_history(kiosk: str, first: bool, count: int, seed: int) -> list[dict[str, Any]]:
    """One kiosk's `count` events of bench_province's mix at the busy station."""
    from benchmarks._province_mix import KioskHistory

    return KioskHistory(STATION, kiosk, first, NOW, seed).batch(count)


def serve_tree(args: list[str]) -> None:
    """The child: `kiosk-hub serve` of this tree's code and migrations (checked)."""
    import kiosk
    from kiosk.hub_cli import main as hub_main
    from kiosk.resources import migrations_path

    assert TREE is not None
    assert Path(kiosk.__file__).resolve().is_relative_to(TREE), kiosk.__file__
    assert migrations_path("hub").resolve().is_relative_to(TREE), migrations_path("hub")
    raise SystemExit(hub_main(args))


def _seed(url: str, events: int, mix: str, rng: random.Random) -> list[dict[str, Any]]:
    """The station's history pushed by two older kiosks through the real push path."""
    pushed: list[dict[str, Any]] = []
    with httpx.Client(base_url=url, timeout=120) as client:
        admin(client, "POST", "/v1/admin/stations", {"station_id": STATION, "name": "busy"})
        for k in range(2):
            kiosk = f"k-old-{k}"
            token = enrol(client, STATION, kiosk)
            if mix == "province":
                events_k = province_history(kiosk, k == 0, events // 2, 15 + k)
            else:
                events_k = history(kiosk, events // 2, rng)
            for i in range(0, len(events_k), BATCH):
                body = {"kiosk_id": kiosk, "events": events_k[i : i + BATCH]}
                reply = client.post(
                    "/v1/sync/push", json=body, headers={"Authorization": f"Bearer {token}"}
                )
                reply.raise_for_status()
            pushed += events_k
    return pushed


def _tree_hub(stack: ExitStack, url: str, code: Path) -> str:
    entry = [__file__, "--tree", str(code)]
    return stack.enter_context(hub_server(url, entry=entry)).url


def _copies(pg: TempPostgres, names: list[str]) -> list[str]:
    """A copy of the seeded database per tree (each then migrated by its own tree)."""
    engine = create_engine(pg.url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for name in names:
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg.dbname}"'))
    finally:
        engine.dispose()
    return [pg.url.rsplit("/", 1)[0] + f"/{name}" for name in names]


def ab(args: argparse.Namespace) -> dict[str, Any]:
    """Each tree's hub over a copy of one seeded database; fresh kiosks' live passes in
    lock-step (module docstring)."""
    codes = [Path(c).resolve() for c in args.hub_code]
    out: dict[str, Any] = {"events": args.events, "mix": args.mix, "trees": [str(c) for c in codes]}
    ready: dict[str, list[float]] = {str(c): [] for c in codes}
    live: dict[str, set[int]] = {str(c): set() for c in codes}
    floor: dict[str, list[float]] = {str(c): [] for c in codes}
    with tempfile.TemporaryDirectory() as tmp, TempPostgres(durable=True) as pg:
        started = time.perf_counter()
        with hub_server(pg.url, entry=[__file__, "--tree", str(codes[0])]) as first:
            pushed = _seed(first.url, args.events, args.mix, random.Random(15))
        out["seed_s"] = round(time.perf_counter() - started, 1)
        out["pushed"] = len(pushed)
        urls = _copies(pg, [f"tree{n}" for n in range(len(codes))])
        with ExitStack() as stack:
            started = time.perf_counter()
            hubs = [_tree_hub(stack, u, c) for u, c in zip(urls, codes, strict=True)]
            out["migrate_and_start_s"] = round(time.perf_counter() - started, 1)
            tokens = []
            for hub in hubs:
                with httpx.Client(base_url=hub, timeout=120) as client:
                    tokens.append(enrol(client, STATION, "k-raw"))
            for run in range(args.runs):
                order = list(zip(codes, hubs, tokens, strict=True))
                if run % 2:
                    order.reverse()  # neither tree always first
                for code, hub, token in order:
                    with httpx.Client(base_url=hub, timeout=120) as client:
                        new = fresh_kiosk(
                            client, hub, STATION, Path(tmp) / f"k{run}-{hubs.index(hub)}", NOW
                        )
                        new.engine._pull_live()
                        ready[str(code)].append(time.perf_counter() - new.started)
                        live[str(code)].add(new.held())
                        new.close()
                    floor[str(code)].append(raw_pull(hub, token, "/v1/sync/live")[0])
    out["load_avg"] = [round(x, 2) for x in os.getloadavg()]
    for code in codes:
        key = str(code)
        out[key] = {
            "ready_s_median": round(statistics.median(ready[key]), 2),
            "ready_s_min": round(min(ready[key]), 2),
            "ready_s": [round(x, 2) for x in ready[key]],
            "live_events": sorted(live[key]),
            "floor_raw_live_s_median": round(statistics.median(floor[key]), 2),
            "floor_raw_live_s_min": round(min(floor[key]), 2),
        }
    out["budget_s"] = 10
    return out


def raw_store(rows: list[dict[str, Any]], path: Path) -> float:
    """The floor of storing: the same events as plain rows in one SQLite file (FULL sync),
    one transaction per 1,000 as the pull's pages."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(
        "CREATE TABLE events (id TEXT PRIMARY KEY, kind TEXT, station_id TEXT, kiosk_id TEXT,"
        " seq INTEGER, occurred_at TEXT, actor TEXT, payload TEXT)"
    )
    started = time.perf_counter()
    for i in range(0, len(rows), MAX_PULL_LIMIT):
        with db:
            db.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        r["id"],
                        r["kind"],
                        r["station_id"],
                        r["kiosk_id"],
                        r["seq"],
                        r["occurred_at"],
                        r["actor"],
                        json.dumps(r["payload"]),
                    )
                    for r in rows[i : i + MAX_PULL_LIMIT]
                ],
            )
    took = time.perf_counter() - started
    db.close()
    return took


def add_other_stations(database_url: str, copies: int) -> None:
    """The busy station's history again under `copies` other stations (new event ids, kiosks
    and shift ids; their `shift_facts`, `ticket_facts`, `lending_loans` and
    `charging_sessions` rows too), written straight into PostgreSQL: a hub of
    many stations, to show the live page's plans touch one station's rows only."""
    from kiosk.platform.hub.db import make_engine

    engine = make_engine(database_url, 2)
    shift = "payload->>'shift_id' || '-' || CAST(:c AS text)"
    try:
        for c in range(copies):
            with engine.begin() as conn:
                params = {"c": c, "st": f"st-other-{c}", "busy": STATION}
                conn.execute(
                    text(
                        "INSERT INTO events (id, station_id, kiosk_id, seq, kind, occurred_at,"
                        " received_at, actor, payload) SELECT gen_random_uuid()::text, :st,"
                        " kiosk_id || '-' || CAST(:c AS text), seq, kind, occurred_at,"
                        " received_at, actor, CASE WHEN kind LIKE 'shift.%' THEN"
                        " CAST(jsonb_set(CAST(payload AS jsonb), '{shift_id}',"
                        f" to_jsonb({shift})) AS json) ELSE payload END"
                        " FROM events WHERE station_id = :busy"
                    ),
                    params,
                )
                conn.execute(
                    text(
                        "INSERT INTO shift_facts SELECT shift_id || '-' || CAST(:c AS text), :st,"
                        " volunteer_id, day, status, minutes, credited, flagged, events, version"
                        " FROM shift_facts WHERE station_id = :busy"
                    ),
                    params,
                )
                for table in ("ticket_facts", "lending_loans", "charging_sessions"):
                    # the live rules' read models too, so their plans face many stations
                    names = [
                        str(r[0])
                        for r in conn.execute(
                            text(
                                "SELECT column_name FROM information_schema.columns"
                                " WHERE table_name = :t ORDER BY ordinal_position"
                            ),
                            {"t": table},
                        )
                    ]
                    values = [":st" if n == "station_id" else n for n in names]
                    conn.execute(
                        text(
                            f"INSERT INTO {table} ({', '.join(names)})"
                            f" SELECT {', '.join(values)} FROM {table} WHERE station_id = :busy"
                        ),
                        params,
                    )
    finally:
        engine.dispose()


def explain_first_page(database_url: str) -> None:
    """EXPLAIN ANALYZE of the first live page's two statements, on stderr."""
    from sqlalchemy.orm import Session

    from kiosk.features.charging.hub import LIVE_CHARGING
    from kiosk.features.lending.hub import LIVE_LOANS
    from kiosk.features.requests.hub.ticket_facts import LIVE_REQUESTS
    from kiosk.features.shifts.hub import LIVE_SHIFTS
    from kiosk.features.uses.hub import LIVE_USES
    from kiosk.platform.hub import live
    from kiosk.platform.hub.db import make_engine

    live.register((LIVE_USES, LIVE_SHIFTS, LIVE_REQUESTS, LIVE_LOANS, LIVE_CHARGING))
    tz = ZoneInfo("Asia/Shanghai")
    window = live.LiveWindow.starting(STATION, live.window_start(NOW, tz, 7), tz)
    engine = make_engine(database_url, 2)
    try:
        with Session(engine) as session:
            session.execute(text("ANALYZE"))
            total = session.execute(text("SELECT count(*) FROM events")).scalar_one()
            plan = live.explain(session, window, "k-raw", (0, 0), MAX_PULL_LIMIT)
            plan.insert(0, f"-- {total:,} events on the hub")
    finally:
        engine.dispose()
    print("\n".join(plan), file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--mix", choices=("year", "province"), default="year")
    parser.add_argument(
        "--hub-code", action="append", default=[], help="a code tree to serve (A/B; twice+)"
    )
    parser.add_argument("--runs", type=int, default=3, help="with --hub-code: rounds")
    parser.add_argument("--profile", action="store_true", help="cProfile the kiosk's pull")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN the first live page")
    parser.add_argument(
        "--other-stations",
        type=int,
        default=0,
        help="with --explain: copy the history under N other stations first (after timing)",
    )
    args = parser.parse_args()
    if args.hub_code:
        print(json.dumps(ab(args)))
        return
    rng = random.Random(15)
    out: dict[str, Any] = {"events": args.events}
    with (
        tempfile.TemporaryDirectory() as tmp,
        TempPostgres(durable=True) as pg,
        hub_process(pg.url) as url,
    ):
        pushed: list[dict[str, Any]] = []
        with httpx.Client(base_url=url, timeout=120) as client:
            admin(client, "POST", "/v1/admin/stations", {"station_id": STATION, "name": "busy"})
            started = time.perf_counter()
            for k in range(2):
                kiosk = f"k-old-{k}"
                token = enrol(client, STATION, kiosk)
                if args.mix == "province":
                    events = province_history(kiosk, k == 0, args.events // 2, 15 + k)
                else:
                    events = history(kiosk, args.events // 2, rng)
                for i in range(0, len(events), BATCH):
                    body = {"kiosk_id": kiosk, "events": events[i : i + BATCH]}
                    reply = client.post(
                        "/v1/sync/push", json=body, headers={"Authorization": f"Bearer {token}"}
                    )
                    reply.raise_for_status()
                pushed += events
            out["seed_s"] = round(time.perf_counter() - started, 1)
            raw_token = enrol(client, STATION, "k-raw")

        def fresh(name: str, old_way: bool) -> FreshKiosk:
            return fresh_kiosk(client, url, STATION, Path(tmp) / name, NOW, old_way)

        with httpx.Client(base_url=url, timeout=120) as client:
            new = fresh("old-way", old_way=True)
            new.engine._pull_all()
            before_all_s = time.perf_counter() - new.started
            if new.held() < len(pushed):
                raise SystemExit(f"the old way holds {new.held()} of {len(pushed)} events")
            new.close()

            profiler = cProfile.Profile() if args.profile else None
            new = fresh("new-kiosk", old_way=False)
            if profiler:
                profiler.enable()
            new.engine._pull_live()
            ready_s = time.perf_counter() - new.started
            live_held = new.held()
            new.engine._pull_all()
            all_s = time.perf_counter() - new.started
            if profiler:
                profiler.disable()
            if new.held() < len(pushed):
                raise SystemExit(f"the new kiosk holds {new.held()} of {len(pushed)} events")
            new.close()
        live_s, live_events, _ = raw_pull(url, raw_token, "/v1/sync/live")
        live_store_s = raw_store(live_events, Path(tmp) / "raw-live.sqlite")
        raw_s, raw_events, pages = raw_pull(url, raw_token)
        store_s = raw_store(pushed, Path(tmp) / "raw.sqlite")
        pages.sort()
        out |= {
            "ready_s": round(ready_s, 2),
            "live_events": live_held,
            "floor_raw_live_s": round(live_s, 2),
            "floor_ready_s": round(live_s + live_store_s, 2),
            "ratio_ready": round(ready_s / (live_s + live_store_s), 2),
            "all_s": round(all_s, 2),
            "before_all_s": round(before_all_s, 2),
            "events_per_s": round(len(pushed) / all_s),
            "floor_raw_pull_s": round(raw_s, 2),
            "floor_raw_page_ms_median": round(pages[len(pages) // 2], 1),
            "floor_raw_page_ms_p99": round(pages[min(len(pages) - 1, int(len(pages) * 0.99))], 1),
            "floor_raw_store_s": round(store_s, 2),
            "ratio_all": round(all_s / (raw_s + store_s), 2),
            "ratio_before_all": round(before_all_s / (raw_s + store_s), 2),
            "budget_s": 10,
        }
        if len(raw_events) != len(pushed):
            raise SystemExit(f"raw pull saw {len(raw_events)} of {len(pushed)} events")
        if args.explain:
            add_other_stations(pg.url, args.other_stations)
            explain_first_page(pg.url)
    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(30)
    print(json.dumps(out))


if __name__ == "__main__":
    if TREE is not None:
        serve_tree(sys.argv[3:])
    else:
        main()
