"""The push's one statement before and after h0014, side by side on one durable PostgreSQL:
two databases, one at h0013 (one events table, the statement as it was) and one at head
(partitioned events, `event_keys`, `repository._PG_PUSH`), fed the same 500-event batches of
check-ins and check-outs alternately, each statement its own transaction (autocommit, as a
push). Only the database's work is timed (no HTTP, no folds: those are the same in both).
Prints one JSON line: events/s of each and their ratio (after / before).
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

from alembic import command
from alembic.config import Config
from pydantic_core import to_json
from sqlalchemy import Engine, text

from kiosk.platform.hub import partitions, repository
from kiosk.platform.hub.db import make_engine
from kiosk.resources import migrations_path
from tools.benchtools import make_events
from tools.pgtemp import TempPostgres

STATION = "st-bench"
KIOSK = "k-bench"
BATCH = 500
# The statement as it was before h0014 (git show 48ee6a3:kiosk/platform/hub/repository.py).
_BEFORE = text(
    "WITH k AS ("
    " SELECT id, acked_seq FROM kiosks WHERE token_hash = :token_hash AND id = :kiosk_id"
    " AND station_id = :station_id AND NOT revoked FOR UPDATE),"
    " go AS (SELECT id, acked_seq FROM k WHERE acked_seq + 1 >= :first_seq),"
    " ins AS ("
    " INSERT INTO events"
    " (id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor, payload)"
    " SELECT x.id, x.station_id, x.kiosk_id, x.seq, x.kind, x.occurred_at, :now, x.actor,"
    " x.payload FROM go, json_to_recordset(CAST(:rows AS json)) AS x(id text, station_id text,"
    " kiosk_id text, seq bigint, kind text, occurred_at timestamptz, actor text, payload json)"
    " WHERE x.seq > go.acked_seq ORDER BY x.seq"
    " ON CONFLICT DO NOTHING RETURNING seq),"
    " upd AS ("
    " UPDATE kiosks SET acked_seq = GREATEST(kiosks.acked_seq, :last_seq), last_seen = :now"
    " FROM go WHERE kiosks.id = go.id RETURNING kiosks.id)"
    " SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM upd)"
)


def _database(pg: TempPostgres, name: str, revision: str) -> Engine:
    engine = make_engine(pg.fresh_database(name))
    config = Config()
    config.set_main_option("script_location", str(migrations_path("hub")))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        now = datetime.now(UTC)
        connection.execute(
            text("INSERT INTO stations (id, name, created_at) VALUES (:s, 'bench', :now)"),
            {"s": STATION, "now": now},
        )
        connection.execute(
            text(
                "INSERT INTO kiosks (id, station_id, token_hash, revoked, enrolled_at, acked_seq)"
                " VALUES (:k, :s, 'token', false, :now, 0)"
            ),
            {"k": KIOSK, "s": STATION, "now": now},
        )
    if revision == "head":
        partitions.ensure_ahead(engine, datetime.now(UTC))
    return engine


def _push(engine: Engine, statement: Any, batch: list[dict[str, Any]], after: bool) -> float:
    params = {
        "token_hash": "token",
        "kiosk_id": KIOSK,
        "station_id": STATION,
        "first_seq": batch[0]["seq"],
        "last_seq": batch[-1]["seq"],
        "rows": to_json(batch).decode(),
        "now": datetime.now(UTC),
    }
    started = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if after:
            outcome = repository.push_pg(
                connection,
                token_hash="token",
                kiosk_id=KIOSK,
                station_id=STATION,
                first_seq=params["first_seq"],
                last_seq=params["last_seq"],
                rows_json=params["rows"],
                now=params["now"],
                event_rows=len(batch),
                rejects_json="[]",
                clock_offset_s=None,
            )
            assert outcome is not None and outcome.inserted == len(batch)
        else:
            inserted = connection.execute(statement, params).scalar_one()
            assert inserted == len(batch)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    events = make_events(STATION, KIOSK, 1, args.events)
    batches = [events[i : i + BATCH] for i in range(0, len(events), BATCH)]
    with TempPostgres(durable=True) as pg:
        before, after = _database(pg, "before", "h0013"), _database(pg, "after", "head")
        spent = {"before": 0.0, "after": 0.0}
        for i, batch in enumerate(batches):
            order = ("before", "after") if i % 2 else ("after", "before")
            for name in order:
                engine = before if name == "before" else after
                spent[name] += _push(engine, _BEFORE, batch, name == "after")
        before.dispose()
        after.dispose()
    rate = {name: args.events / seconds for name, seconds in spent.items()}
    print(
        json.dumps(
            {
                "events": args.events,
                "before_events_per_s": round(rate["before"]),
                "after_events_per_s": round(rate["after"]),
                "ratio": round(rate["after"] / rate["before"], 3),
            }
        )
    )


if __name__ == "__main__":
    main()
