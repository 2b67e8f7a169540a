"""Hub-side push throughput: a 100,000-event backlog in 500-event batches over loopback HTTP to
`kiosk-hub serve` on PostgreSQL (durable: fsync on), beside a raw batched
INSERT … ON CONFLICT DO NOTHING of the same rows into a plain table shaped as `events` was
before h0014 (same run, same cluster). Prints one JSON line:
{"events", "kinds", "push_events_per_s", "backlog_s", "raw_insert_events_per_s", "ratio"}.
Budget (DESIGN §6): ≥ 20,000 events/s and the backlog in ≤ 10 s.

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
BATCH = 500


def raw_insert(dsn: str, batches: list[list[dict[str, object]]]) -> float:
    """Seconds to INSERT … ON CONFLICT DO NOTHING every batch, one statement and commit each."""
    with psycopg.connect(dsn) as conn:
        # The events table as it was before h0014 (one plain table, its own unique id and
        # (kiosk_id, seq)), so the floor is the same whatever the hub's table has become.
        conn.execute(
            "CREATE TABLE events_raw (LIKE events INCLUDING DEFAULTS,"
            " PRIMARY KEY (hub_seq), UNIQUE (id), UNIQUE (kiosk_id, seq))"
        )
        conn.execute("CREATE INDEX ON events_raw (station_id, txid, hub_seq)")
        conn.execute("CREATE INDEX ON events_raw (kind, station_id, occurred_at)")
        conn.commit()
        columns = "id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor, payload"
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
            batches = [events[i : i + BATCH] for i in range(0, len(events), BATCH)]
            bodies = [json.dumps({"kiosk_id": KIOSK, "events": b}).encode() for b in batches]
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            started = time.perf_counter()
            for body, batch in zip(bodies, batches, strict=True):
                response = client.post("/v1/sync/push", content=body, headers=headers)
                response.raise_for_status()
                if response.json()["acked_seq"] != batch[-1]["seq"]:
                    raise SystemExit(f"hub did not ack batch ending {batch[-1]['seq']}")
            backlog_s = time.perf_counter() - started
        raw_s = raw_insert(pg.dsn, batches)
    push_rate = args.events / backlog_s
    raw_rate = args.events / raw_s
    print(
        json.dumps(
            {
                "events": args.events,
                "kinds": args.kinds,
                "push_events_per_s": round(push_rate),
                "backlog_s": round(backlog_s, 2),
                "raw_insert_events_per_s": round(raw_rate),
                "ratio": round(push_rate / raw_rate, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
