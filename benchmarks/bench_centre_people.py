"""The centre's training, activities and rota pages at province scale, two code trees in
lock-step on one seeded hub (#15; docs/hub.md, "The centre's people pages").

Seeds a temporary PostgreSQL hub (`--sqlite`: a SQLite file) with `--stations` stations of
`--volunteers` volunteers each, registered as the hub stores them (name and phone sealed under
each volunteer's own key, `HubVault.seal`), straight into the events table, then the read models
rebuilt (`station_roster`, as a hub upgraded past h0019 does). Each volunteer has one training
record (expiries spread so some lapse), a weekly rota line, and signs in to one of two
activities of their station in the last 30 days. Seeded once, by the first `--code` tree's own
code (put the oldest first: main, then the branch), then one copy of the database per tree
(PostgreSQL `CREATE DATABASE … TEMPLATE`, or a copy of the SQLite file), each migrated to its
tree's own head by its tree's own code (a branch's migration fills its read models as an
upgraded hub's would), and served by `kiosk-hub serve` running that tree: `--code DIR`
(repeated: a checkout or a `git archive` of a branch; this tree if none). Every child process
loads its tree's `kiosk` first on sys.path and its own `db/` and `resources/` (the editable
install maps `kiosk._migrations` to the checkout it was made from: earlier runs of this bench
served one tree's code twice), and asserts it did. Before timing, every tree's training and rota
totals (all records, needs attention, rota lines) must equal SQL over the events. Then each view
alternates one view on each tree, `--runs` times: all stations, the CSV (first byte and whole),
the busiest station, and the same page signed in as that station's admin. Times are the
client's, on loopback, to the whole response (a CSV's first byte separately); the load average
is printed beside them. Floor: the raw SQL read of the pages' events (`training.`, `activity.`,
`rota.`), same run. Prints one JSON line (median and min per view per tree) and a table on
stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent.parent


# A child running one tree (`--tree DIR TASK …`) loads that tree before anything imports kiosk.
TREE = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 and sys.argv[1] == "--tree" else None
sys.path.insert(0, str(HERE))  # this checkout's tools (tools.benchtree before any kiosk)

from tools.benchtree import check_tree, load_tree  # noqa: E402

if TREE is not None:
    load_tree(TREE)

import httpx  # noqa: E402
from sqlalchemy import create_engine, insert, select, text  # noqa: E402

from kiosk.core.ids import new_id  # noqa: E402
from kiosk.hub_app import create_app  # noqa: E402
from kiosk.platform.hub import read_models  # noqa: E402
from kiosk.platform.hub.models import HubEvent, Station  # noqa: E402
from kiosk.platform.hub.settings import HubSettings  # noqa: E402
from tools.benchtools import hub_server, sign_in  # noqa: E402
from tools.pgtemp import TempPostgres  # noqa: E402

PASSWORD = "bench password 1"
BUSIEST = "st-0000"
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # the training page read events from this day on


def _rows(station: int, volunteers: int, now: datetime, vault: Any, session: Any) -> list[Any]:
    """One station's events: registrations (sealed), training, rota, two activities."""
    sid = f"st-{station:04d}"
    kiosk = f"k-{sid}"
    out: list[dict[str, Any]] = []
    seq = 0

    def event(kind: str, payload: dict[str, Any], at: datetime) -> None:
        nonlocal seq
        seq += 1
        out.append(
            {
                "id": new_id(),
                "station_id": sid,
                "kiosk_id": kiosk,
                "seq": seq,
                "kind": kind,
                "occurred_at": at,
                "received_at": now,
                "actor": None,
                "payload": payload,
            }
        )

    today = now.date()
    people = [new_id() for _ in range(volunteers)]
    activities = [(new_id(), now - timedelta(days=3 + 10 * a, hours=station % 7)) for a in range(2)]
    for a, (activity_id, starts) in enumerate(activities):
        created = {
            "activity_id": activity_id,
            "title": f"例会 {a + 1}",
            "kind": "meeting",
            "place": "值班室",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=1)).isoformat(),
            "invited": [],
        }
        event("activity.created", created, starts - timedelta(days=2))
    for n, volunteer in enumerate(people):
        at = now - timedelta(days=400 - n)
        personal = {"name": f"志愿者{station}-{n}", "phone": f"139{station:04d}{n:04d}"}
        sealed = vault.seal(session, sid, volunteer, personal, at)
        registered = {"volunteer_id": volunteer, "number": f"{sid}-{n:03d}", "sealed": sealed}
        event("volunteer.registered", registered, at)
        trained = {
            "training_id": new_id(),
            "volunteer_id": volunteer,
            "kind": "first_aid" if n % 2 else "cpr",
            "trained_on": (today - timedelta(days=300)).isoformat(),
            "trainer": "红十字会",
            "certificate_no": f"RC-{sid}-{n:03d}",
            "expires_on": (today + timedelta(days=3 * n - 10 + station % 5)).isoformat(),
        }
        event("training.recorded", trained, at + timedelta(days=1))
        pattern = {
            "rota_id": new_id(),
            "volunteer_id": volunteer,
            "weekday": n % 7,
            "starts": f"{8 + n % 10:02d}:00",
            "ends": f"{10 + n % 10:02d}:00",
            "valid_from": (today - timedelta(days=60)).isoformat(),
            "valid_until": None,
        }
        event("rota.pattern_set", pattern, at + timedelta(days=2))
        activity_id, starts = activities[n % 2]
        signed = {"activity_id": activity_id, "volunteer_id": volunteer, "method": "badge"}
        event("activity.signed_in", signed, starts + timedelta(minutes=n))
    return out


def seed(app: Any, stations: int, volunteers: int, now: datetime) -> int:
    database = app.state.database
    vault = app.state.vault
    with database.write() as session:
        names = [
            Station(id=f"st-{i:04d}", name=f"站点{i}", created_at=now) for i in range(stations)
        ]
        session.add_all(names)
    total = 0
    for first in range(0, stations, 100):
        with database.write() as session:
            rows: list[dict[str, Any]] = []
            for i in range(first, min(stations, first + 100)):
                rows += _rows(i, volunteers, now, vault, session)
            session.flush()
            for k in range(0, len(rows), 5000):
                session.execute(insert(HubEvent), rows[k : k + 5000])
            total += len(rows)
    return total


def _views(now: datetime) -> list[tuple[str, str, str]]:
    """(page, view, path) for every view timed."""
    span = f"from={(now - timedelta(days=30)).date()}&to={now.date()}"
    out: list[tuple[str, str, str]] = []
    for page, path in (
        ("training", "/centre/training?show=all"),
        ("training attention", "/centre/training?"),
        ("activities", f"/centre/activities?{span}"),
        ("rota", "/centre/rota?"),
    ):
        sep = "&" if not path.endswith("?") else ""
        out.append((page, "all", path))
        out.append((page, "csv", f"{path}{sep}format=csv"))
        out.append((page, "busiest", f"{path}{sep}station={BUSIEST}"))
        out.append((page, "admin", f"{path}{sep}station={BUSIEST}"))
    return out


def _time(client: httpx.Client, path: str) -> tuple[float, float, int]:
    """(ms to the first byte, ms to the whole, bytes)."""
    start = time.perf_counter()
    with client.stream("GET", path) as response:
        first = None
        size = 0
        for chunk in response.iter_raw():
            if first is None:
                first = time.perf_counter()
            size += len(chunk)
        assert response.status_code == 200, path
    end = time.perf_counter()
    return ((first or end) - start) * 1000, (end - start) * 1000, size


def _training_parts(database: Any, runs: int) -> dict[str, float]:
    """Where the training page's time went before its read model (h0024), in the seeding
    tree's process: reading every station's `training.` events since 2000, folding them, the
    roster's numbers, and naming a page of 500 (median ms)."""
    from kiosk.features.training.domain import fold_training
    from kiosk.features.volunteers.hub import roster_names, roster_numbers
    from kiosk.platform.hub.hub_events import station_events, to_domain

    with database.read() as session:
        stations = [str(s) for s in session.scalars(select(Station.id).order_by(Station.id))]
    times: dict[str, list[float]] = {}

    def timed(name: str, started: float) -> None:
        times.setdefault(name, []).append((time.perf_counter() - started) * 1000)

    for _ in range(runs):
        with database.read() as session:
            t0 = time.perf_counter()
            rows = station_events(session, "training.", stations, EPOCH, None)
            timed("read_events", t0)
            t0 = time.perf_counter()
            by_record: dict[str, list[Any]] = {}
            for row in rows:
                by_record.setdefault(str(row.payload.get("training_id")), []).append(to_domain(row))
            records = [r for r in map(fold_training, by_record.values()) if r is not None]
            timed("fold", t0)
            t0 = time.perf_counter()
            roster_numbers(session, stations)
            timed("roster_numbers", t0)
            page = records[:500]
            t0 = time.perf_counter()
            roster_names(
                session, sorted({r.station_id for r in page}), {r.volunteer_id for r in page}
            )
            timed("names_of_a_page", t0)
    return {k: round(statistics.median(v), 1) for k, v in times.items()} | {"records": len(records)}


def _tree_task(task: str, args: list[str]) -> None:
    """One tree's part, in a child of its own: `seed` the database (the first tree), `migrate`
    a copy to the tree's head, or `serve-hub` it (`kiosk-hub serve` with the arguments)."""
    assert TREE is not None
    check_tree(TREE)
    if task == "serve-hub":
        from kiosk.hub_cli import main as hub_main

        raise SystemExit(hub_main(args))
    url, data_dir = args[0], Path(args[1])
    settings = HubSettings(data_dir=data_dir, database_url=url, admin_token="b" * 32)
    start = time.perf_counter()
    app = create_app(settings)  # migrates to this tree's head
    out: dict[str, Any] = {"migrate_s": round(time.perf_counter() - start, 1)}
    if task == "seed":
        stations, volunteers, runs = int(args[2]), int(args[3]), int(args[4])
        now = datetime.fromisoformat(args[5])
        start = time.perf_counter()
        out["events"] = seed(app, stations, volunteers, now)
        out["seed_s"] = round(time.perf_counter() - start, 1)
        start = time.perf_counter()
        read_models.rebuild(app.state.database, settings)
        out["rebuild_s"] = round(time.perf_counter() - start, 1)
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        app.state.account_service.create("west", PASSWORD, "station", [BUSIEST])
        out |= _floor_and_parts(app, runs)
    elif app.state.database.dialect == "postgresql":
        with app.state.database.write() as session:
            session.execute(text("ANALYZE"))
    app.state.database.engine.dispose()
    print(json.dumps(out), flush=True)


def _floor_and_parts(app: Any, runs: int) -> dict[str, Any]:
    """The floor (the raw SQL read of the pages' events) and the old training path's parts."""
    if app.state.database.dialect == "postgresql":
        with app.state.database.write() as session:
            session.execute(text("ANALYZE"))
    floor: list[float] = []
    with app.state.database.read() as session:
        stmt = select(HubEvent.payload).where(
            HubEvent.kind.like("training.%")
            | HubEvent.kind.like("activity.%")
            | HubEvent.kind.like("rota.%")
        )
        for _ in range(runs):
            t0 = time.perf_counter()
            session.execute(stmt).all()
            floor.append((time.perf_counter() - t0) * 1000)
    parts = _training_parts(app.state.database, runs)
    return {"floor_sql_ms": round(statistics.median(floor), 1), "training_parts_ms": parts}


def _in_tree(code: Path, task: str, *args: str) -> dict[str, Any]:
    """Run a tree task in a child with that tree's code; its JSON answer."""
    done = subprocess.run(
        [sys.executable, __file__, "--tree", str(code), task, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{code} {task}: {done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@contextlib.contextmanager
def _served(url: str, data_dir: Path, code: Path) -> Iterator[dict[str, httpx.Client]]:
    env = {"HUB_DATA_DIR": str(data_dir)}
    entry = [__file__, "--tree", str(code), "serve-hub"]
    with hub_server(url, pool_size=5, extra_env=env, entry=entry) as server:
        clients = {who: httpx.Client(base_url=server.url, timeout=120) for who in ("boss", "west")}
        try:
            sign_in(clients["boss"], "boss", PASSWORD)
            sign_in(clients["west"], "west", PASSWORD)
            yield clients
        finally:
            for client in clients.values():
                client.close()


def _copies(url: str, tmp: Path, names: list[str]) -> list[str]:
    """A copy of the seeded database per tree (each then migrated by its own tree)."""
    if url.startswith("sqlite"):
        out = []
        for name in names:
            shutil.copy(tmp / "hub.sqlite3", tmp / f"{name}.sqlite3")
            out.append(f"sqlite:///{tmp}/{name}.sqlite3")
        return out
    engine = create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for name in names:
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE hub'))
    finally:
        engine.dispose()
    return [url.rsplit("/", 1)[0] + f"/{name}" for name in names]


def _expected_totals(url: str, now: datetime) -> dict[str, int]:
    """The training and rota totals SQL gives over the seeded events (no voids, no removals
    in the seed): every record, those needing attention (a last day within 30 days of the
    hub's today), every rota line."""
    cut = now.astimezone(ZoneInfo(HubSettings.model_fields["timezone"].default)).date()
    cut += timedelta(days=30)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            one = lambda q, **p: int(conn.execute(text(q), p).scalar_one())  # noqa: E731
            return {
                "training all": one("SELECT count(*) FROM events WHERE kind = 'training.recorded'"),
                "training attention": one(
                    "SELECT count(*) FROM events WHERE kind = 'training.recorded'"
                    " AND payload ->> 'expires_on' <= :cut",
                    cut=cut.isoformat(),
                ),
                "rota": one("SELECT count(*) FROM events WHERE kind = 'rota.pattern_set'"),
            }
    finally:
        engine.dispose()


TOTAL_PAGES = {
    "training all": "/centre/training?show=all",
    "training attention": "/centre/training",
    "rota": "/centre/rota",
}


def _shown_totals(client: httpx.Client) -> dict[str, int]:
    """The totals the pages show (the pager's "共 N 行")."""
    out = {}
    for key, path in TOTAL_PAGES.items():
        found = re.search(r"共 (\d+) 行", client.get(path).text)
        out[key] = int(found.group(1)) if found else -1
    return out


def main() -> None:
    if TREE is not None:
        _tree_task(sys.argv[3], sys.argv[4:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, default=2000)
    parser.add_argument("--volunteers", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument(
        "--code", action="append", type=Path, default=[], help="a code tree (the first seeds)"
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    now = datetime.now(UTC).replace(microsecond=0)
    codes: list[Path] = [c.resolve() for c in args.code] or [HERE]
    names = [f"tree{i}" for i in range(len(codes))]
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-people-") as tmp,
        contextlib.nullcontext() if args.sqlite else TempPostgres() as pg,
    ):
        data_dir = Path(tmp)
        url = f"sqlite:///{tmp}/hub.sqlite3" if pg is None else pg.url
        seeded = _in_tree(
            codes[0],
            "seed",
            url,
            tmp,
            str(args.stations),
            str(args.volunteers),
            str(args.runs),
            now.isoformat(),
        )
        expected = _expected_totals(url, now)
        urls = _copies(url, data_dir, names)
        migrated = {
            str(code): _in_tree(code, "migrate", tree_url, tmp)["migrate_s"]
            for code, tree_url in zip(codes, urls, strict=True)
        }
        load_before = os.getloadavg()
        samples: dict[str, dict[str, list[tuple[float, float, int]]]] = {}
        with contextlib.ExitStack() as stack:
            served = [
                stack.enter_context(_served(u, data_dir, c))
                for c, u in zip(codes, urls, strict=True)
            ]
            for code, clients in zip(codes, served, strict=True):  # a fast wrong page is none
                shown = _shown_totals(clients["boss"])
                assert shown == expected, (str(code), shown, expected)
            for page, view, path in _views(now):
                key = f"{page} / {view}"
                if view in ("all", "csv"):  # every tree names the people it shows
                    for clients in served:
                        shown_page = clients["boss"].get(path).text
                        assert "志愿者0-" in shown_page, (key, shown_page[:300])
                for clients in served:  # a first view each, not counted
                    _time(clients["west" if view == "admin" else "boss"], path)
                for _ in range(args.runs):
                    for code, clients in zip(codes, served, strict=True):
                        who = clients["west" if view == "admin" else "boss"]
                        found = _time(who, path)
                        samples.setdefault(str(code), {}).setdefault(key, []).append(found)
        load_after = os.getloadavg()

    def summary(found: list[tuple[float, float, int]]) -> dict[str, Any]:
        firsts = [f for f, _, _ in found]
        wholes = [w for _, w, _ in found]
        return {
            "first_byte_ms": round(statistics.median(firsts), 1),
            "whole_ms": round(statistics.median(wholes), 1),
            "whole_min_ms": round(min(wholes), 1),
            "kb": found[-1][2] // 1024,
        }

    figures = {
        code: {key: summary(found) for key, found in views.items()}
        for code, views in samples.items()
    }
    print(f"{'view':32}" + "".join(f"{c[-24:]:>34}" for c in figures), file=sys.stderr)
    for key in next(iter(figures.values())):
        cells = "".join(
            f"{f[key]['whole_ms']:>10} ({f[key]['whole_min_ms']}) fb {f[key]['first_byte_ms']:>7}"
            for f in figures.values()
        )
        print(f"{key:32}{cells}", file=sys.stderr)
    print(
        json.dumps(
            {
                "bench": "centre_people",
                "database": "sqlite" if args.sqlite else "postgresql",
                "stations": args.stations,
                "volunteers": args.stations * args.volunteers,
                "trees": [str(c) for c in codes],
                **seeded,
                "migrate_s": migrated,
                "totals_checked": expected,
                "load_before": [round(x, 1) for x in load_before],
                "load_after": [round(x, 1) for x in load_after],
                "runs": args.runs,
                "budget_ms": {"all": 300, "csv_first_byte": 300, "admin": 100},
                "figures": figures,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
