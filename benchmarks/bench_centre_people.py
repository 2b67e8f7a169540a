"""The centre's training, activities and rota pages at province scale, two code trees in
lock-step on one seeded hub (#15; docs/hub.md, "The centre's people pages").

Seeds a temporary PostgreSQL hub (`--sqlite`: a SQLite file) with `--stations` stations of
`--volunteers` volunteers each, registered as the hub stores them (name and phone sealed under
each volunteer's own key, `HubVault.seal`), straight into the events table, then the read
models rebuilt (`station_roster`, as a hub upgraded past h0019 does). Each volunteer has one
training record (expiries spread so some lapse), a weekly rota line, and signs in to one of
two activities of their station in the last 30 days. Then serves the same database and vault
key with `kiosk-hub serve` once per code tree (`--code DIR`, repeated: a checkout or a `git
archive` of a branch; the current tree if none) and views every page on each, alternating one
view on each tree, `--runs` times: all stations, the CSV (first byte and whole), the busiest
station, and the same page signed in as that station's admin. Times are the client's, on
loopback, to the whole response (a CSV's first byte separately); the load average is printed
beside them. Floor: the raw SQL read of the pages' events (`training.`, `activity.`, `rota.`),
same run. Prints one JSON line (median and min per view per tree) and a table on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import insert, select, text

from kiosk.core.ids import new_id
from kiosk.hub_app import create_app
from kiosk.platform.hub import read_models
from kiosk.platform.hub.models import HubEvent, Station
from kiosk.platform.hub.settings import HubSettings
from tools.benchtools import hub_server, sign_in
from tools.pgtemp import TempPostgres

PASSWORD = "bench password 1"
BUSIEST = "st-0000"


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
    """Where the training page's time goes, in this process (this tree's code): reading every
    station's `training.` events since 2000, folding them, the roster's numbers, and naming a
    page of 500 (median ms)."""
    from kiosk.features.training import hub as training
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
            rows = station_events(session, "training.", stations, training._EPOCH, None)
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


@contextlib.contextmanager
def _served(url: str, data_dir: Path, code: Path | None) -> Iterator[dict[str, httpx.Client]]:
    env = {"HUB_DATA_DIR": str(data_dir)}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    with hub_server(url, pool_size=5, extra_env=env) as server:
        clients = {who: httpx.Client(base_url=server.url, timeout=120) for who in ("boss", "west")}
        try:
            sign_in(clients["boss"], "boss", PASSWORD)
            sign_in(clients["west"], "west", PASSWORD)
            yield clients
        finally:
            for client in clients.values():
                client.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, default=2000)
    parser.add_argument("--volunteers", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--code", action="append", type=Path, default=[], help="a code tree")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    now = datetime.now(UTC).replace(microsecond=0)
    codes: list[Path | None] = list(args.code) or [None]
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-people-") as tmp,
        contextlib.nullcontext() if args.sqlite else TempPostgres() as pg,
    ):
        data_dir = Path(tmp)
        url = f"sqlite:///{tmp}/hub.sqlite3" if pg is None else pg.url
        settings = HubSettings(data_dir=data_dir, database_url=url, admin_token="b" * 32)
        app = create_app(settings)
        start = time.perf_counter()
        events = seed(app, args.stations, args.volunteers, now)
        seed_s = time.perf_counter() - start
        read_models.rebuild(app.state.database, settings)
        rebuild_s = time.perf_counter() - start - seed_s
        app.state.account_service.create("boss", PASSWORD, "centre", [])
        app.state.account_service.create("west", PASSWORD, "station", [BUSIEST])
        with app.state.database.write() as session:
            if pg is not None:
                session.execute(text("ANALYZE"))
        floor: list[float] = []
        with app.state.database.read() as session:
            stmt = select(HubEvent.payload).where(
                HubEvent.kind.like("training.%")
                | HubEvent.kind.like("activity.%")
                | HubEvent.kind.like("rota.%")
            )
            for _ in range(args.runs):
                t0 = time.perf_counter()
                session.execute(stmt).all()
                floor.append((time.perf_counter() - t0) * 1000)
        parts = _training_parts(app.state.database, args.runs)
        app.state.database.engine.dispose()
        load_before = os.getloadavg()
        samples: dict[str, dict[str, list[tuple[float, float, int]]]] = {}
        with contextlib.ExitStack() as stack:
            served = [stack.enter_context(_served(url, data_dir, c)) for c in codes]
            for page, view, path in _views(now):
                key = f"{page} / {view}"
                if view in ("all", "csv"):  # every tree names the people it shows
                    for clients in served:
                        shown = clients["boss"].get(path).text
                        assert "志愿者0-" in shown, (key, shown[:300])
                for clients in served:  # a first view each, not counted
                    _time(clients["west" if view == "admin" else "boss"], path)
                for _ in range(args.runs):
                    for code, clients in zip(codes, served, strict=True):
                        who = clients["west" if view == "admin" else "boss"]
                        found = _time(who, path)
                        samples.setdefault(str(code or "."), {}).setdefault(key, []).append(found)
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
                "events": events,
                "seed_s": round(seed_s, 1),
                "rebuild_s": round(rebuild_s, 1),
                "floor_sql_ms": round(statistics.median(floor), 1),
                "training_parts_ms": parts,
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
