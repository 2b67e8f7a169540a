"""The events table before and after h0014 (monthly partitions, #15), on one seeded PostgreSQL
(durable: fsync on): seeds a hub at h0013 with `--events` events over 24 months (received_at =
occurred_at, 200 stations, 400 kiosks, in transactions of 20,000 so txids differ), the rows a
push writes; times the pull's first and middle page of the busiest station and a read-model
rebuild's batch (EXPLAIN ANALYZE, plans to --plans), then upgrades to h0014 (the copy into the
partitions, timed) and times the same queries again. Prints one JSON line (ms); the floor of
each query is its own time before the upgrade, in the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from kiosk.platform.hub import migrate, partitions
from kiosk.platform.hub.db import make_engine
from kiosk.resources import migrations_path
from tools.pgtemp import TempPostgres

CHUNK = 20_000
MONTHS = 24
# One row as a push stores it: kinds and payloads in the mix of bench_province (uses, shifts).
_SEED = """
INSERT INTO events (id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor, payload)
SELECT md5(n::text)::uuid::text, 'st-' || (n %% 200), 'k-' || (n %% 400), n / 400 + 1,
       CASE WHEN n %% 5 < 3 THEN 'service.used' WHEN n %% 5 = 3 THEN 'shift.checked_in'
            ELSE 'shift.checked_out' END,
       at, at, NULL,
       json_build_object('use_id', 'u-' || n, 'service_id', 'water', 'count', 1 + n %% 3,
                         'day', to_char(at, 'YYYY-MM-DD'))
FROM (SELECT n, timestamptz '2025-01-01 00:00+00'
             + (n::float8 / CAST(%(total)s AS float8))
               * make_interval(months => CAST(%(months)s AS int)) AS at
      FROM generate_series(CAST(%(lo)s AS bigint), CAST(%(hi)s AS bigint)) AS n) AS s
"""
_PULL = (
    "SELECT txid::text::bigint AS tx, hub_seq, id, kind, station_id, kiosk_id, seq, occurred_at,"
    " actor, payload FROM events WHERE station_id = %(station)s"
    " AND txid < pg_snapshot_xmin(pg_current_snapshot())"
    " AND (txid, hub_seq) > (CAST(%(tx)s AS xid8), %(pos)s) ORDER BY txid, hub_seq LIMIT 1000"
)
_REBUILD = (
    "SELECT hub_seq, id, kind, station_id, kiosk_id, seq, occurred_at, actor, payload"
    " FROM events WHERE (kind LIKE 'shift.%%' OR kind = 'service.used') AND hub_seq > %(last)s"
    " ORDER BY hub_seq LIMIT 5000"
)
# A read model's refold reads its aggregate's events back by id (ticket_facts' shape): through
# the events' unique index before, through the event's key (naming its partition) after.
_BY_ID = (
    "SELECT e.hub_seq, e.kind, e.payload FROM unnest(CAST(%(ids)s AS text[])) AS j(v)"
    " JOIN LATERAL (SELECT * FROM events e WHERE e.id = j.v LIMIT 1) AS e ON true"
)
_BY_KEY = (
    "SELECT e.hub_seq, e.kind, e.payload FROM unnest(CAST(%(ids)s AS text[])) AS j(v)"
    " JOIN LATERAL (SELECT k.received_at FROM event_keys k WHERE k.id = j.v LIMIT 1) AS k"
    " ON true JOIN LATERAL (SELECT * FROM events e"
    " WHERE e.id = j.v AND e.received_at = k.received_at LIMIT 1) AS e ON true"
)


def migrate_to(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(migrations_path("hub")))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


# 500 stored events' ids spread over the whole log (the seed's ids are md5 of n).
_SOME_IDS = (
    "SELECT md5(n::text)::uuid::text FROM generate_series(1, CAST(%(total)s AS bigint),"
    " CAST(%(total)s AS bigint) / 500) AS n LIMIT 500"
)


def _explain(conn: psycopg.Connection[Any], sql: str, params: dict[str, Any]) -> tuple[float, str]:
    rows = conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params).fetchall()
    plan = "\n".join(str(r[0]) for r in rows)
    best = min(_timed(conn, sql, params) for _ in range(5))
    return best, plan


def _timed(conn: psycopg.Connection[Any], sql: str, params: dict[str, Any]) -> float:
    started = time.perf_counter()
    conn.execute(sql, params).fetchall()
    return (time.perf_counter() - started) * 1000


def _queries(conn: psycopg.Connection[Any], total: int, by_id: str) -> dict[str, tuple[float, str]]:
    middle = conn.execute(
        "SELECT txid::text, hub_seq FROM events WHERE station_id = 'st-7'"
        " ORDER BY txid, hub_seq OFFSET %(n)s LIMIT 1",
        {"n": total // 400},
    ).fetchone()
    assert middle is not None
    ids = [r[0] for r in conn.execute(_SOME_IDS, {"total": total}).fetchall()]
    return {
        "pull_first": _explain(conn, _PULL, {"station": "st-7", "tx": "0", "pos": 0}),
        "pull_middle": _explain(
            conn, _PULL, {"station": "st-7", "tx": middle[0], "pos": middle[1]}
        ),
        "rebuild_batch": _explain(conn, _REBUILD, {"last": total // 2}),
        "by_id_500": _explain(conn, by_id, {"ids": ids}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--plans", type=Path, help="write the EXPLAIN ANALYZE plans here")
    args = parser.parse_args()
    with TempPostgres(durable=True) as pg:
        engine = make_engine(pg.url)
        migrate_to(engine, "h0013")
        with psycopg.connect(pg.dsn, autocommit=True) as conn:
            started = time.perf_counter()
            for lo in range(1, args.events + 1, CHUNK):
                hi = min(lo + CHUNK - 1, args.events)
                params = {"total": args.events, "months": MONTHS, "lo": lo, "hi": hi}
                conn.execute(_SEED, params)  # type: ignore[arg-type]
            seed_s = time.perf_counter() - started
            conn.execute("VACUUM ANALYZE events")
            before = _queries(conn, args.events, _BY_ID)
        started = time.perf_counter()
        migrate.upgrade(engine)
        upgrade_s = time.perf_counter() - started
        partitions.ensure_ahead(engine, datetime.now(UTC))
        engine.dispose()
        with psycopg.connect(pg.dsn, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE events")
            count = conn.execute(
                "SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass"
            ).fetchone()
            after = _queries(conn, args.events, _BY_KEY)
            sizes = conn.execute(
                "SELECT (SELECT sum(pg_total_relation_size(relid)) FROM"
                " pg_partition_tree('events')), pg_total_relation_size('event_keys')"
            ).fetchone()
    if args.plans:
        with args.plans.open("w") as out:
            for name in before:
                out.write(f"== {name}, h0013 (one table)\n{before[name][1]}\n\n")
                out.write(f"== {name}, h0014 (partitioned)\n{after[name][1]}\n\n")
    figures: dict[str, Any] = {
        "events": args.events,
        "partitions": count[0] if count else None,
        "seed_s": round(seed_s, 1),
        "upgrade_s": round(upgrade_s, 1),
        "events_mb": round(int(sizes[0]) / 2**20) if sizes else None,
        "event_keys_mb": round(int(sizes[1]) / 2**20) if sizes else None,
    }
    for name in before:
        figures[f"{name}_ms"] = round(after[name][0], 2)
        figures[f"{name}_before_ms"] = round(before[name][0], 2)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
