"""What reading the log through `events_log` (h0019: `events` and its archived months) costs, on
one seeded durable PostgreSQL: `--events` events over 24 months (bench_event_partitions' seed:
200 stations, 400 kiosks, received_at = occurred_at), brought to the head revision. Each query
is timed (best of 5, ms) on `events` (the floor) and on `events_log`, first with no month
archived (what every hub that never archives pays), then after `archive_older_than` detached
the first 12 months (what an archiving hub pays to still see them):

* by_id_500: a refold's 500 events read back by id through their keys (ids spread over the
  whole log: after the archive, half of them in archived months);
* station_all: one station's `shift.` events of every age, in the hub's order (the shape of
  `station_events(…, _EPOCH, None)`, the roster's views before a read model);
* station_30d: the same over the last 30 days (a window that starts after the archive);
* pull_first, pull_middle: a page of 1,000 of the station's feed (the pull's statement), from
  the start and from a cursor a quarter in (in the months archived after).

Prints one JSON line.
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

from benchmarks.bench_event_partitions import _SEED, _SOME_IDS, CHUNK, MONTHS, migrate_to
from kiosk.platform.hub import migrate, partitions
from kiosk.platform.hub.db import make_engine
from tools.pgtemp import TempPostgres

NOW = datetime(2026, 12, 20, tzinfo=UTC)  # the seed ends with 2026
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_BY_KEY = (
    "SELECT e.hub_seq, e.kind, e.payload FROM unnest(CAST(%(ids)s AS text[])) AS j(v)"
    " JOIN LATERAL (SELECT k.received_at FROM event_keys k WHERE k.id = j.v LIMIT 1) AS k"
    " ON true JOIN LATERAL (SELECT * FROM {log} e"
    " WHERE e.id = j.v AND e.received_at = k.received_at LIMIT 1) AS e ON true"
)
_STATION = (
    "SELECT hub_seq, id, kind, kiosk_id, seq, occurred_at, actor, payload FROM {log}"
    " WHERE kind LIKE 'shift.%%' AND station_id = 'st-7' AND occurred_at >= %(start)s"
    " ORDER BY hub_seq"
)


_PULL = (
    "SELECT txid::text::bigint AS tx, hub_seq, id, kind, station_id, kiosk_id, seq, occurred_at,"
    " actor, payload FROM {log} WHERE station_id = %(station)s"
    " AND txid < pg_snapshot_xmin(pg_current_snapshot())"
    " AND (txid, hub_seq) > (CAST(%(tx)s AS xid8), %(pos)s) ORDER BY txid, hub_seq LIMIT 1000"
)


def _timed(conn: psycopg.Connection[Any], sql: str, params: dict[str, Any]) -> float:
    started = time.perf_counter()
    conn.execute(sql, params).fetchall()  # type: ignore[arg-type]
    return (time.perf_counter() - started) * 1000


def _round(
    conn: psycopg.Connection[Any], ids: list[str], middle: Any, logs: tuple[str, ...]
) -> dict[str, Any]:
    """Each query on each of `logs`: once to warm the cache, then best of 5, the logs taking
    turns (so the machine's noise falls on both alike)."""
    shapes = {"by_id_500": (_BY_KEY, {"ids": ids})}
    shapes["pull_first"] = (_PULL, {"station": "st-7", "tx": "0", "pos": 0})
    shapes["pull_middle"] = (_PULL, {"station": "st-7", "tx": middle[0], "pos": middle[1]})
    shapes["station_all"] = (_STATION, {"start": EPOCH})
    shapes["station_30d"] = (_STATION, {"start": datetime(2026, 11, 20, tzinfo=UTC)})
    out: dict[str, Any] = {}
    for name, (sql, params) in shapes.items():
        for log in logs:
            _timed(conn, sql.format(log=log), params)
        times: dict[str, list[float]] = {log: [] for log in logs}
        for _ in range(5):
            for log in logs:
                times[log].append(_timed(conn, sql.format(log=log), params))
        for log in logs:
            out[f"{name}_{log}_ms"] = round(min(times[log]), 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    with TempPostgres(durable=True) as pg:
        engine = make_engine(pg.url)
        migrate_to(engine, "h0013")
        with psycopg.connect(pg.dsn, autocommit=True) as conn:
            for lo in range(1, args.events + 1, CHUNK):
                hi = min(lo + CHUNK - 1, args.events)
                params = {"total": args.events, "months": MONTHS, "lo": lo, "hi": hi}
                conn.execute(_SEED, params)  # type: ignore[arg-type]
        migrate.upgrade(engine)  # h0014 (the partitions) … h0019 (events_log)
        partitions.ensure_ahead(engine, NOW)
        with psycopg.connect(pg.dsn, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            ids = [r[0] for r in conn.execute(_SOME_IDS, {"total": args.events}).fetchall()]
            figures: dict[str, Any] = {"events": args.events}
            middle = conn.execute(  # a cursor in the months to be archived
                "SELECT txid::text, hub_seq FROM events WHERE station_id = 'st-7'"
                " ORDER BY txid, hub_seq OFFSET %(n)s LIMIT 1",
                {"n": args.events // 800},
            ).fetchone()
            before = _round(conn, ids, middle, ("events", "events_log"))
            figures.update({f"none_{k}": v for k, v in before.items()})
        started = time.perf_counter()
        done = partitions.archive_older_than(engine, NOW, keep_months=11)
        figures["archive_s"] = round(time.perf_counter() - started, 1)
        figures["archived_months"] = len(done)
        figures["archived_events"] = sum(a.rows for a in done)
        engine.dispose()
        with psycopg.connect(pg.dsn, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            after = _round(conn, ids, middle, ("events_log",))
            figures.update({f"archived_{k}": v for k, v in after.items()})
            # what `events` alone still finds (the months archived are gone from it)
            figures["archived_by_id_found_events"] = len(
                conn.execute(_BY_KEY.format(log="events"), {"ids": ids}).fetchall()
            )
            figures["archived_by_id_found_events_log"] = len(
                conn.execute(_BY_KEY.format(log="events_log"), {"ids": ids}).fetchall()
            )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
