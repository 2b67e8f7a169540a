"""`bench_province --seed copy`: the province's events written with COPY, as the push writes them
outside the read models, so a 20M-event hub is seeded in minutes instead of hours.

What the push writes (`repository._PG_PUSH`, one statement a batch, on the fast path every
event of the mix takes): a row in `events` and one in `event_keys` per event, both stamped
`received_at` = the hub's clock; and on the kiosk's row `acked_seq` (its last seq) and
`last_seen` (that push's clock). `clock_offset_s` and `pending` stay as they were (the bench's
pushes send neither `sent_at` nor `pending`), and `rejects` gets nothing (every event of the mix
is valid). The read models are the rest of a push; here they are filled afterwards by the real
`kiosk-hub rebuild-read-models` (the same folds, in the hub's order). `hub_seq` and `txid` are
the columns' own defaults, as in the push. tests/platform/hub/test_province_seed.py compares
every table of a hub seeded this way with one seeded by the push.

Arrival: a hub that lived two years received each kiosk's events over those two years. The
events go month by month (oldest first) into the monthly partitions the hub makes
(`partitions.ensure_ahead`), each writer a transaction a month; within a month `received_at`
climbs evenly in the order written, so `received_at`, `hub_seq` and `txid` are in step as the
push keeps them (a kiosk's events arrive in seq order). A second size's events are spread over
the same months, after the first's (their hub_seq and txid later, their months the same): what
"denser" means without a second two years. `--workers` writers run at once, each its share of
the kiosks.
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
from sqlalchemy import create_engine

from kiosk.platform.hub import partitions

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


def _cuts(count: int, months: int) -> list[int]:
    """`count` events spread evenly over `months`: how many each month."""
    marks = [round(count * (m + 1) / months) for m in range(months)]
    return [b - a for a, b in zip([0, *marks], marks, strict=False)]


def _write(
    dsn: str, plans: Sequence[KioskPlan], now_iso: str, first_kiosk: Sequence[bool]
) -> list[Arrived]:
    """One writer: its kiosks' events month by month, a transaction a month (events, then
    their keys), `received_at` climbing evenly through each month."""
    now = datetime.fromisoformat(now_iso)
    months = history_months(now)
    histories = []
    for plan, first in zip(plans, first_kiosk, strict=True):
        history = KioskHistory(plan.station, plan.kiosk, first, now, zlib.crc32(plan.kiosk.encode()))
        left = plan.skip
        while left > 0:  # what earlier stages took
            left -= len(history.batch(min(BATCH, left)))
        histories.append(history)
    cuts = [_cuts(plan.count, len(months)) for plan in plans]
    taken = [0] * len(plans)  # events taken from each history this stage
    arrived: dict[str, Arrived] = {}
    with psycopg.connect(dsn) as conn:
        for m, (lo, hi) in enumerate(months):
            total = sum(c[m] for c in cuts)
            if not total:
                continue
            step = (hi - lo) / total
            written = 0
            keys: list[tuple[str, str, int, datetime]] = []
            with conn.cursor() as cursor:
                columns = "id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor"
                with cursor.copy(f"COPY events ({columns}, payload) FROM STDIN") as copy:
                    for i, plan in enumerate(plans):
                        want = cuts[i][m]
                        while want > 0:  # a kiosk's stream is one: how it is cut is no matter
                            events = histories[i].batch(min(want, BATCH))
                            want -= len(events)
                            for event in events:
                                seq = plan.next_seq + taken[i]
                                taken[i] += 1
                                at = lo + step * (written + 0.5)
                                written += 1
                                copy.write_row(
                                    (
                                        event["id"],
                                        event["station_id"],
                                        event["kiosk_id"],
                                        seq,
                                        event["kind"],
                                        event["occurred_at"],
                                        at,
                                        event["actor"],
                                        to_json(event["payload"]).decode(),
                                    )
                                )
                                keys.append((event["id"], event["kiosk_id"], seq, at))
                            arrived[plan.kiosk] = Arrived(plan.kiosk, seq, at)
                with cursor.copy("COPY event_keys (id, kiosk_id, seq, received_at) FROM STDIN") as copy:
                    for key in keys:
                        copy.write_row(key)
            conn.commit()
    return list(arrived.values())


def copy_stage(
    dsn: str, plans: Sequence[KioskPlan], now: datetime, workers: int
) -> list[Arrived]:
    """Write every kiosk's events of the stage with `workers` writers at once, then the kiosks'
    push state (acked_seq, last_seen) as their last push would have left it."""
    todo = [p for p in plans if p.count > 0]
    shares: list[list[KioskPlan]] = [todo[w::workers] for w in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        runs = [
            pool.submit(_write, dsn, share, now.isoformat(), [p.kiosk.endswith("-0") for p in share])
            for share in shares
            if share
        ]
        arrived = [a for run in runs for a in run.result()]
    with psycopg.connect(dsn) as conn, conn.cursor() as cursor:
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
