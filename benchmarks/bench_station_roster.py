"""The roster's views before and after `station_roster` (#15, h0019), on one seeded durable
PostgreSQL: `--events` events over 24 months (bench_event_partitions' seed) and, among them,
`--volunteers` volunteers over 200 stations, each registered, given a PIN and a setup code, one
in five deactivated (the hub's own events: the kinds its roster views read). Seeded at h0013 and
upgraded to the head (h0019 fills the roster from the log: timed). Then, for the busiest
station, best of 5 in the same run (ms):

* member: a volunteer's sign-in by number (`station_member`): before, the station's
  `volunteer.` events of every age folded (the code before h0019, kept here as the floor);
  after, the read model's row of that number;
* roster: the centre's volunteers list's fold (every volunteer of the station, `fold_volunteer`):
  before from the log, after from the read model.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg

from benchmarks.bench_event_partitions import _SEED, CHUNK, MONTHS, migrate_to
from kiosk.core.events import Event
from kiosk.features.volunteers import hub_roster
from kiosk.features.volunteers.domain.folds import fold_volunteer
from kiosk.features.volunteers.hub import station_member
from kiosk.platform.hub import migrate
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.hub_events import station_events, to_domain
from tools.pgtemp import TempPostgres

STATIONS = 200
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# Per volunteer n: registered, pin_set, setup_code_issued (and deactivated for one in five),
# spread over the 24 months as the other events are.
_VOLUNTEERS = """
INSERT INTO events (id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor, payload)
SELECT md5('v' || n || k)::uuid::text, 'st-' || (n %% 200), 'k-' || (n %% 400),
       1000000000 + n * 4 + k, kinds[k + 1], at, at, NULL,
       CASE k WHEN 0 THEN json_build_object('volunteer_id', 'v-' || n, 'name', '志愿者' || n,
                                            'number', 'N-' || lpad(n::text, 6, '0'))
              WHEN 1 THEN json_build_object('volunteer_id', 'v-' || n, 'pin_hash', 'h' || n)
              WHEN 2 THEN json_build_object('volunteer_id', 'v-' || n, 'code_hash', 'c' || n,
                                            'expires_at', to_char(at, 'YYYY-MM-DD"T"HH24:MI:SSOF'))
              ELSE json_build_object('volunteer_id', 'v-' || n) END
FROM (SELECT n, k, ARRAY['volunteer.registered', 'volunteer.pin_set',
             'volunteer.setup_code_issued', 'volunteer.deactivated'] AS kinds,
             timestamptz '2025-01-01 00:00+00'
             + (n::float8 / CAST(%(total)s AS float8)) * make_interval(months => 24)
             + make_interval(mins => k) AS at
      FROM generate_series(1, CAST(%(total)s AS bigint)) AS n,
           generate_series(0, 3) AS k WHERE k < 3 OR n %% 5 = 0) AS s
"""


def _old_member(database: Database, station_id: str, number: str) -> tuple[str, str | None]:
    """`station_member` before h0019: every `volunteer.` event of the station, of any age."""
    with database.read() as session:
        by_number: dict[str, str] = {}
        pins: dict[str, str] = {}
        for row in station_events(session, "volunteer.", [station_id], EPOCH, None):
            volunteer = str(row.payload.get("volunteer_id"))
            if row.kind == "volunteer.registered":
                by_number[str(row.payload.get("number"))] = volunteer
            elif row.kind == "volunteer.pin_set":
                pins[volunteer] = str(row.payload.get("pin_hash"))
    found = by_number[number]
    return found, pins.get(found)


def _old_roster(database: Database, station_id: str) -> int:
    with database.read() as session:
        found: dict[str, list[Event]] = {}
        for row in station_events(session, "volunteer.", [station_id], EPOCH, None):
            found.setdefault(str(row.payload.get("volunteer_id")), []).append(to_domain(row))
    return len([s for s in map(fold_volunteer, found.values()) if s])


def _new_roster(database: Database, station_id: str) -> int:
    with database.read() as session:
        rows = hub_roster.roster_events(session, station_id).values()
    folded = (fold_volunteer(hub_roster.of_kind(e, "volunteer.")) for e in rows)
    return len([s for s in folded if s])


def _best(work: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(6):  # the first warms the cache
        started = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - started) * 1000)
    return round(min(times[1:]), 2), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--volunteers", type=int, default=20_000)
    args = parser.parse_args()
    with TempPostgres(durable=True) as pg:
        engine = make_engine(pg.url)
        migrate_to(engine, "h0013")
        with psycopg.connect(pg.dsn, autocommit=True) as conn:
            for lo in range(1, args.events + 1, CHUNK):
                hi = min(lo + CHUNK - 1, args.events)
                params = {"total": args.events, "months": MONTHS, "lo": lo, "hi": hi}
                conn.execute(_SEED, params)  # type: ignore[arg-type]
            conn.execute(_VOLUNTEERS, {"total": args.volunteers})  # type: ignore[arg-type]
        migrate_to(engine, "h0017")
        started = time.perf_counter()
        migrate.upgrade(engine)  # h0019: events_log, and the roster filled from the log
        fill_s = time.perf_counter() - started
        with psycopg.connect(pg.dsn, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            rows = conn.execute("SELECT count(*) FROM station_roster").fetchone()
        database = Database(engine)
        station, number = "st-7", f"N-{7 + STATIONS * (args.volunteers // STATIONS // 2):06d}"
        old_ms, old = _best(lambda: _old_member(database, station, number))
        new_ms, new = _best(lambda: station_member(database, station, number))
        assert new is not None and (new.volunteer_id, new.pin_hash) == old, (old, new)
        old_roster_ms, many = _best(lambda: _old_roster(database, station))
        new_roster_ms, same = _best(lambda: _new_roster(database, station))
        assert many == same, (many, same)
        engine.dispose()
    figures = {
        "events": args.events + args.volunteers * 3 + args.volunteers // 5,
        "volunteers": args.volunteers,
        "station_volunteers": many,
        "roster_rows": rows[0] if rows else None,
        "h0019_fill_s": round(fill_s, 1),
        "member_before_ms": old_ms,
        "member_ms": new_ms,
        "roster_before_ms": old_roster_ms,
        "roster_ms": new_roster_ms,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
