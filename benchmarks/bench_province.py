"""The hub at province scale (#15): a durable PostgreSQL hub seeded through the real push path or
by COPY, then every page of the centre's navigation timed, at two sizes for the growth law.

Seeding, `--seed push` (the default): every event is pushed over loopback HTTP to `kiosk-hub
serve` (two workers while seeding) by its own enrolled kiosk, in batches of 500, `--pushers`
kiosks at a time: the push path writes the events, their keys and every read model exactly as
in production. `--seed copy` (`_province_copy`): the same kiosks enrolled the same way, the same
events in the same batches written by `--workers` processes with COPY (events, event_keys, the
kiosks' acked_seq and last_seen) and folded into the read models by the push's own
`read_models.apply` in the same transaction, spread over the two years' monthly partitions as a
hub that lived them received them (`--fill rebuild`: `kiosk-hub rebuild-read-models` instead);
tests/platform/hub/test_province_seed.py checks it stores what the push stores, table by table.
The province: `--stations` stations in 20 regions, two kiosks each, the
busiest station (st-0000) `--busy-share` of the events, the rest spread evenly; the mix of
`_province_mix` (uses, shifts, requests, the medicine box, lending, charging, volunteers) over
the last two years. `--sizes A,B`: the hub is seeded to A events, measured, seeded on to B (the
same stations and two years, denser), measured again. Before each measurement `VACUUM ANALYZE`
(what autovacuum does on a hub that has lived) and a fresh one-worker hub.

Measured at each size (the hub one `kiosk-hub serve` process, one worker):
* every centre page of the navigation, signed in as the centre: all stations, one region (where
  the page takes `?region=`), the busiest station; the pages with a CSV, its CSV (all stations).
  Server time is the hub's own request log (`duration_ms`, the whole response) matched by
  `X-Request-ID`; the first view, then the median of 5 warm views (2 when a view takes over
  10 s); client time to the first byte beside it (the CSV's first byte, over loopback).
  Memory: the hub's peak RSS during the page's views above its RSS before them (VmHWM reset
  through /proc/PID/clear_refs; memory an earlier page freed and this one reused is not seen).
* the same pages signed in as the busiest station's admin (role `station`);
* a new kiosk enrolled at the busiest station until ready (its live pass stored, the kiosk's
  real SyncEngine), beside its floor: the same live pages fetched raw;
* push p50/p99 while `--kiosks-load` (default: every seeded kiosk) push 1–5 events every
  `--interval` s (30) for `--load-s` s.
Floors, same run: per page, the raw SQL count of the events it is about over its range (what a
page folding the log had to read at least). Budgets (#15) beside each figure. One JSON line on
stdout; a table on stderr. `--explain N`: after the last size, the N slowest all-station pages
viewed once more with auto_explain (every statement's plan with its time) into `--plans`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
import psycopg
import uvloop
from _province_copy import KioskPlan, copy_stage, make_partitions, rebuild_read_models
from _province_mix import KioskHistory
from _province_views import (
    BUDGET_PUSH_P99_MS,
    BUDGET_READY_S,
    BUSY,
    NOW,
    PAGES,
    PASSWORD,
    SIZE_TABLES,
    Viewer,
    centre_pages,
    explain,
    growth,
    table,
    verdicts,
)

from tools.benchkiosk import fresh_kiosk, raw_pull
from tools.benchload import Connection, Device, enrol_devices, host_port, push_load
from tools.benchtools import HubServer, enrol, hub_server, sign_in
from tools.pgtemp import TempPostgres

BATCH = 500
REGIONS = 20
SEEDING = {
    "push": "real push over loopback HTTP, batches of 500",
    "copy": "COPY of events, event_keys and the kiosks' push state; the push's folds",
}


# --- seeding --------------------------------------------------------------------------------


def plan(stations: int, busy_share: float, events: int) -> dict[str, int]:
    """Each kiosk's share of `events`: the busiest station `busy_share`, the rest even."""
    rest = (1 - busy_share) / (stations - 1)
    out = {}
    for s in range(stations):
        share = busy_share if s == 0 else rest
        for k in range(2):
            out[f"k-{s:04d}-{k}"] = round(events * share / 2)
    return out


async def seed(
    url: str,
    devices: list[Device],
    histories: dict[str, KioskHistory],
    counts: dict[str, int],
    pushers: int,
) -> None:
    """Each kiosk pushes its count of events in batches of `BATCH`, `pushers` kiosks at once,
    numbered on from its last pushed seq (the push load between sizes pushes some too)."""
    host, port = host_port(url)
    todo = [d for d in devices if counts[d.kiosk] > 0]
    todo.sort(key=lambda d: -counts[d.kiosk])  # the busiest first, so no pusher ends alone

    async def pusher() -> None:
        connection = await Connection.open(host, port)
        try:
            while todo:
                device = todo.pop(0)
                history, left = histories[device.kiosk], counts[device.kiosk]
                auth = f"Bearer {device.token}"
                while left > 0:
                    events = history.batch(min(BATCH, left))
                    for i, event in enumerate(events):
                        event["seq"] = device.next_seq + i
                    body = json.dumps({"kiosk_id": device.kiosk, "events": events}).encode()
                    status, reply = await connection.post("/v1/sync/push", body, auth)
                    if status != 200 or json.loads(reply)["acked_seq"] != events[-1]["seq"]:
                        raise RuntimeError(f"push {device.kiosk}: {status} {reply[:300]!r}")
                    left -= len(events)
                    device.next_seq = events[-1]["seq"] + 1
        finally:
            connection.close()

    await asyncio.gather(*(pusher() for _ in range(pushers)))


class HubDatabase(Protocol):
    """Where the hub's database is (a `TempPostgres`, or one database of a test's cluster)."""

    @property
    def url(self) -> str: ...
    @property
    def dsn(self) -> str: ...


class Province:
    """The province being seeded: its stations, enrolled kiosks, their histories and how many
    events each history has given so far."""

    def __init__(self, stations: int, busy_share: float) -> None:
        self.stations, self.busy_share = stations, busy_share
        self.devices: list[Device] = []
        self.histories: dict[str, KioskHistory] = {}
        self.taken: dict[str, int] = {}
        self.partitions: list[str] = []

    def enrol(self, pg: HubDatabase, url: str) -> None:
        """Stations and kiosks through the admin API and `/v1/enroll` (the real path), and the
        busiest station's admin."""
        stations = [
            {
                "station_id": f"st-{s:04d}",
                "name": f"站点{s:04d}",
                "region": f"片区{s % REGIONS:02d}",
            }
            for s in range(self.stations)
        ]
        kiosks = [f"k-{s:04d}-{k}" for s in range(self.stations) for k in range(2)]
        self.devices = uvloop.run(
            enrol_devices(url, stations, [(f"st-{k[2:6]}", k) for k in kiosks])
        )
        account(pg, "busy-admin", "--role", "station", "--station", BUSY)
        for d in self.devices:
            first = d.kiosk.endswith("-0")
            seed_of = zlib.crc32(d.kiosk.encode())
            self.histories[d.kiosk] = KioskHistory(d.station, d.kiosk, first, NOW, seed_of)
            self.taken[d.kiosk] = 0

    def seed(self, pg: HubDatabase, events: int, args: argparse.Namespace) -> dict[str, Any]:
        """`events` more events, pushed (`--seed push`) or written by COPY and folded by the
        rebuild (`--seed copy`); the seconds each step took."""
        counts = plan(self.stations, self.busy_share, events)
        out: dict[str, Any] = {}
        started = time.perf_counter()
        if args.seed == "push" or not self.devices:
            with hub_server(pg.url, workers=args.seed_workers, pool_size=10) as server:
                if not self.devices:
                    self.enrol(pg, server.url)
                    out["enrol_s"] = round(time.perf_counter() - started, 1)
                if args.seed == "push":
                    uvloop.run(seed(server.url, self.devices, self.histories, counts, args.pushers))
        if args.seed == "copy":
            if not self.partitions:
                self.partitions = make_partitions(pg.url, NOW)
            copied = time.perf_counter()
            plans = [
                KioskPlan(d.station, d.kiosk, d.next_seq, self.taken[d.kiosk], counts[d.kiosk])
                for d in self.devices
            ]
            by_id = {d.kiosk: d for d in self.devices}
            fold = args.fill == "fold"
            for a in copy_stage(pg, plans, NOW, args.workers, fold):
                by_id[a.kiosk].next_seq = a.acked_seq + 1
            out["copy_s"] = round(time.perf_counter() - copied, 1)
            if not fold:
                rebuilt = time.perf_counter()
                out |= rebuild_read_models(pg.url)
                out["rebuild_s"] = round(time.perf_counter() - rebuilt, 1)
        for kiosk, count in counts.items():
            self.taken[kiosk] += count
        out["seed_s"] = round(time.perf_counter() - started, 1)
        out["load"] = loadavg_now()
        return out


def account(pg: HubDatabase, name: str, *role: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "kiosk.hub_cli", "create-account", name, *role, "--password-stdin"],
        input=PASSWORD + "\n" + PASSWORD + "\n",
        text=True,
        check=True,
        env={**os.environ, "HUB_DATABASE_URL": pg.url},
        capture_output=True,
    )


# --- floors and sizes -----------------------------------------------------------------------


def floors(dsn: str) -> dict[str, Any]:
    """Per page, the raw SQL count of its events over its range (median of 3), and the hub's
    sizes: events, keys, the read models' biggest tables, the database."""
    out: dict[str, Any] = {}
    with psycopg.connect(dsn) as conn:
        for page in PAGES:
            if not page.kinds:
                continue
            where = " OR ".join("kind LIKE %s" for _ in page.kinds)
            params: list[Any] = [k + "%" if k.endswith(".") else k for k in page.kinds]
            sql = f"SELECT count(*) FROM events WHERE ({where})"
            if page.days is not None:
                sql += " AND occurred_at >= %s"
                params.append(NOW - timedelta(days=page.days))
            samples, count = [], 0
            for _ in range(3):
                start = time.perf_counter()
                count = conn.execute(sql, params).fetchone()[0]  # type: ignore[index]
                samples.append((time.perf_counter() - start) * 1000)
            out[page.name] = {"events": count, "sql_ms": round(statistics.median(samples), 1)}
        sizes = {}
        for table in SIZE_TABLES:
            try:
                sizes[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
            except psycopg.errors.UndefinedTable:
                conn.rollback()
        sizes["db_mb"] = round(
            conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20  # type: ignore[index]
        )
        sizes["busiest_station_events"] = conn.execute(
            "SELECT count(*) FROM events WHERE station_id = %s", (BUSY,)
        ).fetchone()[0]  # type: ignore[index]
    return {"floors": out, "sizes": sizes}


def bootstrap(server: HubServer, tmp: Path, label: str) -> dict[str, Any]:
    """A new kiosk at the busiest station until ready, and the raw live pages (its floor)."""
    with httpx.Client(base_url=server.url, timeout=600) as client:
        kiosk = fresh_kiosk(client, server.url, BUSY, tmp / f"new-{label}", NOW)
        kiosk.engine._pull_live()
        ready_s = time.perf_counter() - kiosk.started
        held = kiosk.held()
        kiosk.close()
        token = enrol(client, BUSY, f"k-raw-{label}")
    live_s, _, pages = raw_pull(server.url, token, "/v1/sync/live")
    return {
        "ready_s": round(ready_s, 2),
        "live_events": held,
        "floor_raw_live_s": round(live_s, 2),
        "live_pages": len(pages),
        "budget_s": BUDGET_READY_S,
        "met": ready_s <= BUDGET_READY_S,
    }


def loadavg_now() -> list[str]:
    return Path("/proc/loadavg").read_text().split()[:3]


def cpu_s(pid: int) -> float:
    """CPU seconds (user and system) the process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def logged_json(server: HubServer) -> list[str]:
    return [x for x in server.log.read_text(errors="replace").splitlines() if x.startswith("{")]


def push_server_side(server: HubServer, cpu: float, pushes: int) -> dict[str, Any]:
    """The pushes' server times from the hub's request log (time in the app; the client's
    figure adds the wait to be read), and the hub's CPU per push: where a p99 comes from."""
    times = [
        float(line["duration_ms"])
        for line in map(json.loads, logged_json(server))
        if line.get("route") == "/v1/sync/push"
    ]
    cuts = statistics.quantiles(times, n=100) if len(times) > 1 else [0.0] * 99
    return {
        "server_p50_ms": round(cuts[49], 1),
        "server_p99_ms": round(cuts[98], 1),
        "hub_cpu_s": round(cpu, 1),
        "hub_cpu_ms_per_push": round(1000 * cpu / max(pushes, 1), 2),
    }


def measure(
    pg: TempPostgres, devices: list[Device], tmp: Path, label: str, args: argparse.Namespace
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        start = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        out["vacuum_analyze_s"] = round(time.perf_counter() - start, 1)
    out |= floors(pg.dsn)
    with hub_server(pg.url) as server:
        with (
            httpx.Client(base_url=server.url, timeout=900) as centre,
            httpx.Client(base_url=server.url, timeout=900) as station,
        ):
            sign_in(centre, "boss", PASSWORD)
            sign_in(station, "busy-admin", PASSWORD)
            started = time.perf_counter()
            out["pages"] = centre_pages(
                Viewer(server, centre, f"c{label}"), Viewer(server, station, f"s{label}")
            )
            out["pages_s"] = round(time.perf_counter() - started, 1)
        out["bootstrap"] = bootstrap(server, tmp, label)
        print(f"  bootstrap: {json.dumps(out['bootstrap'])}", file=sys.stderr, flush=True)
        load = devices[: args.kiosks_load] if args.kiosks_load else devices
        cpu_before = cpu_s(server.pid)
        result = uvloop.run(
            push_load(server.url, load, args.load_s, args.interval, stagger=args.interval)
        )
        result |= push_server_side(server, cpu_s(server.pid) - cpu_before, result["requests"])
        result["machine_load"] = Path("/proc/loadavg").read_text().split()[:3]
        result["pushes_per_s"] = round(result["requests"] / args.load_s, 1)
        result |= {"budget_p99_ms": BUDGET_PUSH_P99_MS}
        result["met"] = result["push_p99_ms"] <= BUDGET_PUSH_P99_MS and not result["errors"]
        out["push_load"] = result
        print(f"  push: {json.dumps(result)}", file=sys.stderr, flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="200000,1000000", help="events, ascending")
    parser.add_argument("--stations", type=int, default=2000)
    parser.add_argument("--busy-share", type=float, default=0.01)
    parser.add_argument("--pushers", type=int, default=4, help="kiosks pushing at once")
    parser.add_argument("--seed", choices=("push", "copy"), default="push", help="how to seed")
    parser.add_argument("--seed-workers", type=int, default=2, help="hub workers while pushing")
    parser.add_argument("--workers", type=int, default=2, help="COPY writers (--seed copy)")
    parser.add_argument(
        "--fill",
        choices=("fold", "rebuild"),
        default="fold",
        help="--seed copy: the read models folded by each writer as the push folds, or rebuilt",
    )
    parser.add_argument("--kiosks-load", type=int, default=0, help="0: every kiosk")
    parser.add_argument("--interval", type=float, default=30.0)
    parser.add_argument("--load-s", type=float, default=45.0)
    parser.add_argument("--explain", type=int, default=0, help="plans of the N worst pages")
    parser.add_argument("--plans", default="/tmp/bench_province_plans.txt")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    result: dict[str, Any] = {
        "bench": "province",
        "stations": args.stations,
        "kiosks": 2 * args.stations,
        "regions": REGIONS,
        "busy_share": args.busy_share,
        "seeding": SEEDING[args.seed]
        if args.seed == "push" or args.fill == "fold"
        else SEEDING[args.seed].replace("the push's folds", "rebuild-read-models"),
        "sizes": [],
    }
    loadavg = Path("/proc/loadavg").read_text().split()[:3]
    result["load_at_start"] = loadavg
    with (
        tempfile.TemporaryDirectory(prefix="province-") as tmp,
        TempPostgres(durable=True, max_connections=200) as pg,
    ):
        account(pg, "boss", "--role", "centre")
        province = Province(args.stations, args.busy_share)
        seeded = 0
        seed_s = 0.0
        for number, target in enumerate(sizes):
            steps = province.seed(pg, target - seeded, args)
            seed_s += steps["seed_s"]
            if "enrol_s" in steps:
                result["enrol_s"] = steps["enrol_s"]
            with psycopg.connect(pg.dsn) as conn:
                seeded = conn.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
            print(
                f"size {number}: {seeded} events, seeded in {seed_s:.0f} s ({json.dumps(steps)})",
                file=sys.stderr,
                flush=True,
            )
            devices = province.devices
            figures = measure(pg, devices, Path(tmp), str(number), args)
            with psycopg.connect(pg.dsn) as conn:
                after = conn.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
            size = {
                "events": seeded,
                "seed_s": round(seed_s, 1),
                "seed_events_per_s": round(seeded / seed_s),
                "seed_steps": steps,
            }
            size |= figures
            size["events_after_load"] = after
            size["load"] = Path("/proc/loadavg").read_text().split()[:3]
            result["sizes"].append(size)
            print(f"size {number} figures: {json.dumps(size, ensure_ascii=False)}", file=sys.stderr)
            seeded = after
        if len(sizes) > 1:
            small, large = result["sizes"][0], result["sizes"][-1]
            result["growth"] = growth(small, large, (small["events"], large["events"]))
        result["verdicts"] = verdicts(result["sizes"][-1])
        if args.explain:
            result["explained"] = explain(pg, result["sizes"][-1], args.explain, Path(args.plans))
            result["plans"] = args.plans
    print(table(result), file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
