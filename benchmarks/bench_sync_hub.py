"""Hub-side push throughput: a 100,000-event backlog in 500-event batches over loopback HTTP to
`kiosk-hub serve` on PostgreSQL (durable: fsync on), beside a raw batched
INSERT … ON CONFLICT DO NOTHING of the same rows into a plain table shaped as `events` was
before h0014 (same run, same cluster). Prints one JSON line:
{"events", "kinds", "batch", "pushes", "push_events_per_s", "backlog_s",
"raw_insert_events_per_s", "ratio", "raw_copy_events_per_s", "copy_ratio"}.
Budget (DESIGN §6): ≥ 20,000 events/s and the backlog in ≤ 10 s; ≥ 1.2 × the raw INSERT
(`ratio`), aim COPY-class (≥ 3 ×).

`--batch N`: events a push (default: what a kiosk with a backlog sends this hub, the N of its
"push_events:N", each push past 500 events cut at MAX_LARGE_PUSH_BYTES as the kiosk cuts it;
`--batch 500` is a push any hub takes). The floor stays the raw multi-row INSERT of the same rows
in 500-row batches (`ratio` is against it); `raw_copy_events_per_s` is a raw COPY of the same rows
at the push's batch size, one COPY and commit a batch, into the same plain table.

`--kinds shifts` (the default): check-ins and check-outs, every event refolding a shift.
`--kinds tickets`: requests ordered and accepted a batch later, every event refolding a ticket
(`ticket_facts`). `--kinds uses`: uses, every push adding to its day lines (`usage_daily`) and
month lines (`usage_monthly`). `--kinds loans`: umbrellas lent and returned, phones left and
collected, each ended a batch later, so every event refolds a loan or a charging session
(`lending_loans`, `charging_sessions`, h0018; before h0018 no read model read them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import psycopg

from kiosk.platform.sync.protocol import (
    MAX_LARGE_PUSH_BYTES,
    MAX_LARGE_PUSH_EVENTS,
    MAX_PUSH_EVENTS,
)
from tools.benchtools import (
    admin,
    enrol,
    hub_process,
    make_events,
    make_loan_events,
    make_ticket_events,
    make_use_events,
)
from tools.pgtemp import TempPostgres

STATION = "st-bench"
KIOSK = "k-bench"
FLOOR_BATCH = 500  # the raw INSERT's batch: the floor
COLUMNS = "id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor, payload"


def kiosk_batches(events: list[dict[str, object]], limit: int) -> list[list[dict[str, object]]]:
    """`events` cut as a kiosk cuts its backlog for a hub taking `limit` events a push: at most
    `limit`, and past MAX_PUSH_EVENTS no more once the events' JSON passes MAX_LARGE_PUSH_BYTES."""
    out: list[list[dict[str, object]]] = []
    batch: list[dict[str, object]] = []
    size = 0
    for event in events:
        part = len(json.dumps(event, ensure_ascii=False).encode()) + 1
        full = len(batch) >= limit or (
            len(batch) >= MAX_PUSH_EVENTS and size + part > MAX_LARGE_PUSH_BYTES
        )
        if full:
            out.append(batch)
            batch, size = [], 0
        batch.append(event)
        size += part
    if batch:
        out.append(batch)
    return out


def _raw_table(conn: psycopg.Connection, name: str) -> None:
    # The events table as it was before h0014 (one plain table, its own unique id and
    # (kiosk_id, seq)), so the floor is the same whatever the hub's table has become.
    conn.execute(
        f"CREATE TABLE {name} (LIKE events INCLUDING DEFAULTS,"
        " PRIMARY KEY (hub_seq), UNIQUE (id), UNIQUE (kiosk_id, seq))"
    )
    conn.execute(f"CREATE INDEX ON {name} (station_id, txid, hub_seq)")
    conn.execute(f"CREATE INDEX ON {name} (kind, station_id, occurred_at)")
    conn.commit()


def raw_copy(dsn: str, batches: list[list[dict[str, object]]]) -> float:
    """Seconds to COPY every batch into the same plain table, one COPY and commit each."""
    with psycopg.connect(dsn) as conn:
        _raw_table(conn, "events_copy")
        started = time.perf_counter()
        for batch in batches:
            with conn.cursor() as cursor:
                copy = f"COPY events_copy ({COLUMNS}) FROM STDIN"
                with cursor.copy(copy) as out:
                    for e in batch:
                        out.write_row(
                            (
                                e["id"],
                                e["station_id"],
                                e["kiosk_id"],
                                e["seq"],
                                e["kind"],
                                e["occurred_at"],
                                "now",
                                e["actor"],
                                json.dumps(e["payload"]),
                            )
                        )
            conn.commit()
        return time.perf_counter() - started


def raw_insert(dsn: str, batches: list[list[dict[str, object]]]) -> float:
    """Seconds to INSERT … ON CONFLICT DO NOTHING every batch, one statement and commit each."""
    with psycopg.connect(dsn) as conn:
        _raw_table(conn, "events_raw")
        columns = COLUMNS
        started = time.perf_counter()
        for batch in batches:
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, now(), %s, %s)"] * len(batch))
            params: list[object] = []
            for e in batch:
                params += [
                    e["id"],
                    e["station_id"],
                    e["kiosk_id"],
                    e["seq"],
                    e["kind"],
                    e["occurred_at"],
                    e["actor"],
                    json.dumps(e["payload"]),
                ]
            conn.execute(
                f"INSERT INTO events_raw ({columns}) VALUES {values} ON CONFLICT DO NOTHING",
                params,
            )
            conn.commit()
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--kinds", choices=("shifts", "tickets", "uses", "loans"), default="shifts")
    parser.add_argument("--batch", type=int, default=MAX_LARGE_PUSH_EVENTS)
    args = parser.parse_args()
    with TempPostgres(durable=True) as pg, hub_process(pg.url) as url:
        with httpx.Client(base_url=url, timeout=60) as client:
            admin(client, "POST", "/v1/admin/stations", {"station_id": STATION, "name": "bench"})
            token = enrol(client, STATION, KIOSK)
            make = {
                "tickets": make_ticket_events,
                "uses": make_use_events,
                "loans": make_loan_events,
            }.get(args.kinds, make_events)
            events = make(STATION, KIOSK, 1, args.events)
            batches = kiosk_batches(events, args.batch)
            bodies = [json.dumps({"kiosk_id": KIOSK, "events": b}).encode() for b in batches]
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            started = time.perf_counter()
            for body, batch in zip(bodies, batches, strict=True):
                response = client.post("/v1/sync/push", content=body, headers=headers)
                response.raise_for_status()
                if response.json()["acked_seq"] != batch[-1]["seq"]:
                    raise SystemExit(f"hub did not ack batch ending {batch[-1]['seq']}")
            backlog_s = time.perf_counter() - started
        floor = [events[i : i + FLOOR_BATCH] for i in range(0, len(events), FLOOR_BATCH)]
        raw_s = raw_insert(pg.dsn, floor)
        copy_s = raw_copy(pg.dsn, batches)
    push_rate = args.events / backlog_s
    raw_rate = args.events / raw_s
    copy_rate = args.events / copy_s
    print(
        json.dumps(
            {
                "events": args.events,
                "kinds": args.kinds,
                "batch": args.batch,
                "pushes": len(batches),
                "push_events_per_s": round(push_rate),
                "backlog_s": round(backlog_s, 2),
                "raw_insert_events_per_s": round(raw_rate),
                "ratio": round(push_rate / raw_rate, 3),
                "raw_copy_events_per_s": round(copy_rate),
                "copy_ratio": round(push_rate / copy_rate, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
