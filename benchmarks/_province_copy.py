"""`bench_province --seed copy`: the province's events written with COPY, as the push writes them,
without HTTP, so a province is seeded several times faster than by pushing.

What the push writes (`repository._PG_PUSH`, one statement a batch, on the fast path every
event of the mix takes): a row in `events` and one in `event_keys` per event, both stamped
`received_at` = the hub's clock; on the kiosk's row `acked_seq` (its last seq) and `last_seen`
(that push's clock). `clock_offset_s` and `pending` stay as they were (the bench's pushes send
neither `sent_at` nor `pending`), `rejects` gets nothing (every event of the mix is valid).
`hub_seq` and `txid` are the columns' own defaults, as in the push. Then the read models, in the
same transaction: `read_models.apply` over the batch's events, the function the push calls,
with the models every feature's hub part registers. Which is why a writer cuts each kiosk's
history as the push does (batches of 500 from the stage's start, one COPY and one fold each):
a read-model row's `version` counts the pushes that touched it.

Not the rebuild (`--fill rebuild` runs the real `kiosk-hub rebuild-read-models` instead): it is
one transaction in one process, 720–1,700 events/s on this machine (200k and 600k events, load
~7), so 20M would take hours; the folds in the writers run in parallel and only over the new
events of a stage. tests/platform/hub/test_province_seed.py compares every table and every
centre CSV of a province seeded this way with one seeded by the push.

Arrival: a hub that lived two years received each kiosk's pushes over those two years. A kiosk's
batches are spread evenly over the months lived (oldest first), into the monthly partitions the
hub makes (`partitions.ensure_ahead`); each writer writes a month in one transaction, and
`received_at` climbs evenly through a month in the order written, so `received_at`, `hub_seq`
and `txid` are in step as the push keeps them. A second size's pushes are spread over the same
months after the first's (later hub_seq and txid, the same months): "denser" without a second
two years. `--workers` writers run at once, each a share of the stations (a station's kiosks in
one writer, so two writers' folds never wait on each other's rows).
"""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
from _province_mix import DAYS, KioskHistory
from pydantic_core import to_json
from sqlalchemy import Connection, create_engine
from sqlalchemy.pool import NullPool

from kiosk.core.events import Event
from kiosk.platform.hub import partitions, read_models
from kiosk.platform.hub.settings import HubSettings

BATCH = 500  # events made at once by a kiosk's history


@dataclass(frozen=True)
class KioskPlan:
    """One kiosk's part of a stage: its history's events `skip` onwards, `count` of them,
    numbered from `next_seq`."""

    station: str
    kiosk: str
    next_seq: int
    skip: int
    count: int


@dataclass(frozen=True)
class Arrived:
    """What a writer stored of one kiosk: its last seq and when its last event arrived."""

    kiosk: str
    acked_seq: int
    last_seen: datetime


def history_months(now: datetime) -> list[tuple[datetime, datetime]]:
    """The months the hub lived through (two years to `now`), as [lo, hi) arrival windows; the
    last ends at `now`."""
    first = partitions.month_of(now - timedelta(days=DAYS))
    out = []
    month = first
    while month <= partitions.month_of(now):
        nxt = partitions.add_months(month, 1)
        lo = datetime(month.year, month.month, 1, tzinfo=UTC)
        hi = min(datetime(nxt.year, nxt.month, 1, tzinfo=UTC), now)
        out.append((lo, hi))
        month = nxt
    return out


def make_partitions(url: str, now: datetime) -> list[str]:
    """The monthly partitions a hub running these two years made (its start-up and hourly
    `ensure_ahead`): every month lived and the three ahead."""
    first: date = partitions.month_of(now - timedelta(days=DAYS))
    lived = len(history_months(now))
    engine = create_engine(url)
    try:
        start = datetime(first.year, first.month, 1, tzinfo=UTC)
        return partitions.ensure_ahead(engine, start, ahead=lived - 1 + partitions.MONTHS_AHEAD)
    finally:
        engine.dispose()


def _cuts(count: int, months: int, offset: int) -> list[list[int]]:
    """`count` events cut as the push cuts them (batches of `BATCH`), the batches spread
    evenly over `months` from `offset` (0 ≤ offset < months: a kiosk with fewer batches than
    months does not put them all in the first ones): each month's batch sizes. A batch is one
    push: what the folds write (a row's `version` counts the pushes that touched it) depends
    on where the cuts fall."""
    sizes = [min(BATCH, count - start) for start in range(0, count, BATCH)]
    out: list[list[int]] = [[] for _ in range(months)]
    for j, size in enumerate(sizes):
        out[(j * months + offset) // len(sizes)].append(size)
    return out


_EVENT_COLUMNS = "id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor, payload"


def _folding() -> read_models.ReadContext:
    """The read models the hub registers (every feature's hub part), without building an app
    (which would publish a badge key of its own), and the default settings' context."""
    from kiosk.hub_app import hub_parts

    context = read_models.ReadContext.of(HubSettings.model_construct())
    read_models.register((m for p in hub_parts() for m in p.read_models), context)
    return context


class _Chunk:
    """One push's rows: COPY them, then fold them as the push does."""

    def __init__(self, connection: Connection, context: read_models.ReadContext | None) -> None:
        self.connection, self.context = connection, context
        self.rows: list[tuple[Any, ...]] = []
        self.events: list[Event] = []

    def add(self, event: dict[str, Any], seq: int, at: datetime) -> None:
        payload = to_json(event["payload"]).decode()
        head = (event["id"], event["station_id"], event["kiosk_id"], seq, event["kind"])
        self.rows.append((*head, event["occurred_at"], at, event["actor"], payload))
        if self.context is not None:
            self.events.append(read_models.as_event({**event, "seq": seq}))

    def flush(self) -> None:
        raw: Any = self.connection.connection.driver_connection
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY events ({_EVENT_COLUMNS}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row(row)
            with cursor.copy("COPY event_keys (id, kiosk_id, seq, received_at) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row((row[0], row[2], row[3], row[6]))
        if self.context is not None and self.events:
            read_models.apply(self.connection, self.events, self.context)
        self.rows, self.events = [], []


def _write(
    url: str, plans: Sequence[KioskPlan], now_iso: str, first_kiosk: Sequence[bool], fold: bool
) -> list[Arrived]:
    """One writer: its kiosks' events month by month, a transaction a month (events, their
    keys and, with `fold`, the push's folds of them), `received_at` climbing evenly through
    each month."""
    now = datetime.fromisoformat(now_iso)
    months = history_months(now)
    context = _folding() if fold else None
    histories = []
    for plan, first in zip(plans, first_kiosk, strict=True):
        seed = zlib.crc32(plan.kiosk.encode())
        history = KioskHistory(plan.station, plan.kiosk, first, now, seed)
        left = plan.skip
        while left > 0:  # what earlier stages took
            left -= len(history.batch(min(BATCH, left)))
        histories.append(history)
    offsets = [zlib.crc32(plan.kiosk.encode()) % len(months) for plan in plans]
    cuts = [_cuts(p.count, len(months), o) for p, o in zip(plans, offsets, strict=True)]
    taken = [0] * len(plans)  # events taken from each history this stage
    arrived: dict[str, Arrived] = {}
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            for m, (lo, hi) in enumerate(months):
                total = sum(sum(c[m]) for c in cuts)
                if not total:
                    continue
                step = (hi - lo) / total
                written = 0
                for i, plan in enumerate(plans):
                    for size in cuts[i][m]:  # one push each
                        chunk = _Chunk(connection, context)
                        for event in histories[i].batch(size):
                            seq = plan.next_seq + taken[i]
                            taken[i] += 1
                            at = lo + step * (written + 0.5)
                            written += 1
                            chunk.add(event, seq, at)
                        chunk.flush()
                        arrived[plan.kiosk] = Arrived(plan.kiosk, seq, at)
                connection.commit()
    finally:
        engine.dispose()
    return list(arrived.values())


def copy_stage(
    pg: Any, plans: Sequence[KioskPlan], now: datetime, workers: int, fold: bool
) -> list[Arrived]:
    """Write every kiosk's events of the stage with `workers` writers at once (a station's
    kiosks in one writer, so two writers' folds never wait on each other's rows), then the
    kiosks' push state (acked_seq, last_seen) as their last push would have left it. `fold`:
    the push's folds in each writer's transaction; else the read models are left to
    `rebuild_read_models`."""
    todo = [p for p in plans if p.count > 0]
    shares = [
        [p for p in todo if zlib.crc32(p.station.encode()) % workers == w] for w in range(workers)
    ]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        runs = [
            pool.submit(
                _write,
                pg.url,
                share,
                now.isoformat(),
                [p.kiosk.endswith("-0") for p in share],
                fold,
            )
            for share in shares
            if share
        ]
        arrived = [a for run in runs for a in run.result()]
    with psycopg.connect(pg.dsn) as conn, conn.cursor() as cursor:
        cursor.executemany(
            "UPDATE kiosks SET acked_seq = %s, last_seen = %s WHERE id = %s",
            [(a.acked_seq, a.last_seen, a.kiosk) for a in arrived],
        )
    return arrived


def rebuild_read_models(url: str) -> dict[str, Any]:
    """Fill the read models from the stored events: the real `kiosk-hub rebuild-read-models`
    (the push's folds, in the hub's order); its own line of output."""
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.hub_cli", "rebuild-read-models"],
        env={**os.environ, "HUB_DATABASE_URL": url},
        check=True,
        capture_output=True,
        text=True,
    )
    return {"rebuild": done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""}
