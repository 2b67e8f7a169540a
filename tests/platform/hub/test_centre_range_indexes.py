"""Migration h0022 (#15): on PostgreSQL the 人次 station sums and the tickets of a range are read
from covering indexes alone, not from heap pages spread over the whole history; the migration
goes down and up again with the rows untouched; on SQLite it does nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, inspect, text

from kiosk.platform.hub.db import make_engine
from tests.platform.hub.test_hub_station_names import migrate

INDEXES = {
    "ix_usage_station_daily_sums": "usage_station_daily",
    "ix_usage_station_monthly_sums": "usage_station_monthly",
    "ix_ticket_facts_made_at": "ticket_facts",
    "ix_ticket_facts_open": "ticket_facts",
}
LAST = date(2026, 12, 6)


def _indexes(engine: Engine) -> set[str]:
    found = inspect(engine)
    return {i["name"] for t in set(INDEXES.values()) for i in found.get_indexes(t)} & set(INDEXES)


def _seed(engine: Engine) -> None:
    """Two years of a province's station days, written in no order of day (as pushes arrive),
    and a year of tickets."""
    postgres = engine.dialect.name == "postgresql"
    days = [(LAST - timedelta(days=n)).isoformat() for n in range(730)]
    order = sorted(range(730), key=lambda n: (n * 7919) % 730)  # scattered
    with engine.begin() as db:
        db.execute(
            text(
                "INSERT INTO usage_station_daily (day, station_id, people, records)"
                " VALUES (:day, :station, :people, 1)"
            ),
            [
                {"day": days[n], "station": f"st-{s:03d}", "people": 1 + (n + s) % 5}
                for n in order
                for s in range(60)
            ],
        )
        made = datetime(2026, 12, 6, tzinfo=UTC)
        db.execute(
            text(
                "INSERT INTO ticket_facts (station_id, kind, aggregate_id, status, made_at, day,"
                " response_min, flagged, events, version)"
                " VALUES (:station, 'request', :id, :status, :made, :day, 2.5, :no, '[]', 1)"
            ),
            [
                {
                    "station": f"st-{n % 60:03d}",
                    "id": f"r-{n}",
                    "made": made - timedelta(hours=3 * n),
                    "day": (made - timedelta(hours=3 * n)).date().isoformat(),
                    "no": False,
                    "status": "ordered" if n % 30 == 0 else "completed",
                }
                for n in range(5000)
            ],
        )
    if postgres:
        with engine.connect() as db:
            db.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))


def _plan(engine: Engine, sql: str) -> str:
    with engine.connect() as db:
        return "\n".join(str(r[0]) for r in db.execute(text("EXPLAIN " + sql)))


def test_ranges_are_read_from_the_indexes_and_down_works(database_url: str) -> None:
    engine = make_engine(database_url)
    postgres = engine.dialect.name == "postgresql"
    try:
        migrate(engine, "h0020")
        _seed(engine)
        assert _indexes(engine) == set()
        migrate(engine, "h0022")
        assert _indexes(engine) == (set(INDEXES) if postgres else set())
        if postgres:
            with engine.connect() as db:
                db.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
            # a 30-day range over every station, and a year of tickets, as the pages ask
            month = _plan(
                engine,
                "SELECT station_id, sum(people), sum(records) FROM usage_station_daily"
                " WHERE day >= '2026-11-07' AND day <= '2026-12-06' GROUP BY station_id",
            )
            assert "Index Only Scan using ix_usage_station_daily_sums" in month, month
            year = _plan(
                engine,
                "SELECT station_id, count(*) FROM ticket_facts"
                " WHERE made_at >= '2026-06-01' AND made_at < '2026-07-01' GROUP BY station_id",
            )
            assert "Index Only Scan using ix_ticket_facts_made_at" in year, year
            waiting = _plan(
                engine,
                "SELECT station_id, kind, ticket, category, channel, status, made_at,"
                " response_min, departs_at FROM ticket_facts"
                " WHERE made_at >= '2026-06-01' AND made_at < '2026-07-01'"
                " AND status IN ('ordered', 'accepted', 'received', 'in_progress')"
                " ORDER BY made_at, station_id, aggregate_id LIMIT 50",
            )
            assert "ix_ticket_facts_open" in waiting, waiting
        with engine.connect() as db:
            before = db.execute(text("SELECT count(*), sum(people) FROM usage_station_daily")).one()
        migrate(engine, "h0020", down=True)
        assert _indexes(engine) == set()
        migrate(engine, "h0022")
        with engine.connect() as db:
            after = db.execute(text("SELECT count(*), sum(people) FROM usage_station_daily")).one()
            tickets = db.execute(text("SELECT count(*) FROM ticket_facts")).scalar_one()
        assert tuple(after) == tuple(before) and after[0] == 730 * 60
        assert tickets == 5000
        assert _indexes(engine) == (set(INDEXES) if postgres else set())
    finally:
        engine.dispose()
