"""Keyset pages of the logs: walking every page gives exactly the brute-force ordering, for any
filter, and each filter's page is read in order off an index (no scan, no sort)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from kiosk.features import FEATURES
from kiosk.platform.logs import query as logs
from kiosk.platform.logs.query import Cursor, Filter
from kiosk.platform.logs.registry import log_specs
from kiosk.shell.context import KioskServices

QUERIES = {spec.key: spec.query for spec in log_specs(FEATURES)}  # each log's query by name

KINDS = ("shift.checked_in", "shift.checked_out", "service.used", "admin.exported")
KIOSKS = ("k-north", "k-south", "k-east")
ACTORS = (None, "v1", "v2", "v3")
T0 = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    """A migrated kiosk database with 3,000 events: many share a timestamp (ties on pos)."""
    from kiosk.core.clock import FixedClock
    from kiosk.settings import Settings
    from kiosk.shell.context import build_services

    folder: Path = tmp_path_factory.mktemp("logs")
    services: KioskServices = build_services(Settings(data_dir=folder), FixedClock(T0))
    services.close()
    conn = sqlite3.connect(folder / "kiosk.sqlite3")
    rnd = random.Random(7)
    rows = []
    for i in range(3000):
        at = T0 + timedelta(hours=rnd.randrange(0, 24 * 60))
        rows.append(
            (
                f"e{i}",
                rnd.choice(KINDS),
                "st",
                KIOSKS[i % 3],
                i + 1,
                logs.stored(at),
                rnd.choice(ACTORS),
                f"a{i}",
                "{}",
            )
        )
    conn.executemany(
        "INSERT INTO events (id, kind, station_id, kiosk_id, seq, occurred_at, actor,"
        " aggregate_id, payload) VALUES (?,?,?,?,?,?,?,?,?)",
        [(r[0], r[1], r[2], r[3], r[4] + 10_000 * KIOSKS.index(r[3]), *r[5:]) for r in rows],
    )
    conn.commit()
    yield conn
    conn.close()


def brute_force(conn: sqlite3.Connection, where: Filter) -> list[int]:
    rows = conn.execute("SELECT pos, occurred_at, kind, kiosk_id, actor FROM events").fetchall()
    kept = [
        r
        for r in rows
        if (where.start is None or r[1] >= where.start)
        and (where.end is None or r[1] < where.end)
        and (where.choice is None or r[2] == where.choice)
        and (where.kiosk_id is None or r[3] == where.kiosk_id)
        and (where.volunteers is None or r[4] in where.volunteers)
    ]
    kept.sort(key=lambda r: (r[1], r[0]), reverse=True)
    return [r[0] for r in kept]


def walk(conn: sqlite3.Connection, where: Filter, limit: int) -> list[int]:
    seen: list[int] = []
    after: Cursor | None = None
    while True:
        sql, params = logs.page_sql(QUERIES["events"], where, after, limit)
        page = conn.execute(sql, params).fetchall()
        seen += [r[0] for r in page]
        if len(page) < limit:
            return seen
        after = logs.cursor_of(QUERIES["events"], page[-1])


filters = st.builds(
    Filter,
    start=st.one_of(st.none(), st.integers(0, 60).map(lambda d: logs.stored(T0 + timedelta(d)))),
    end=st.one_of(st.none(), st.integers(0, 60).map(lambda d: logs.stored(T0 + timedelta(d)))),
    choice=st.one_of(st.none(), st.sampled_from(KINDS)),
    kiosk_id=st.one_of(st.none(), st.sampled_from(KIOSKS)),
    volunteers=st.one_of(st.none(), st.sampled_from([("v1",), ("v2", "v3"), ()])),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(where=filters, limit=st.sampled_from([1, 7, 200]))
def test_paging_to_the_end_gives_the_brute_force_order(
    db: sqlite3.Connection, where: Filter, limit: int
) -> None:
    assert walk(db, where, limit) == brute_force(db, where)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(where=filters)
def test_count_matches_the_brute_force(db: sqlite3.Connection, where: Filter) -> None:
    sql, params = logs.count_sql(QUERIES["events"], where)
    assert db.execute(sql, params).fetchone()[0] == len(brute_force(db, where))


def plan(conn: sqlite3.Connection, log: str, where: Filter) -> str:
    sql, params = logs.page_sql(QUERIES[log], where, Cursor(logs.stored(T0 + timedelta(30)), 10**9))
    return " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))


@pytest.mark.parametrize(
    ("log", "where", "index"),
    [
        ("events", Filter(), "ix_events_occurred"),
        ("events", Filter(choice="service.used", start="2024-02-01"), "ix_events_kind_occurred"),
        ("events", Filter(kiosk_id="k-north"), "ix_events_kiosk_occurred"),
        ("events", Filter(volunteers=("v1",)), "ix_events_actor_occurred"),
        ("uses", Filter(), "ix_service_uses_occurred"),
        ("uses", Filter(choice="water"), "ix_service_uses_service"),
        ("uses", Filter(choice="audience:elderly"), "ix_service_uses_occurred"),
        ("shifts", Filter(), "ix_shifts_in_id"),
    ],
)
def test_each_filter_reads_its_index_in_order(
    db: sqlite3.Connection, log: str, where: Filter, index: str
) -> None:
    found = plan(db, log, where)
    assert f"USING INDEX {index}" in found or f"USING COVERING INDEX {index}" in found, found
    assert "TEMP B-TREE" not in found, found  # no sort: the page stops after `limit` rows


def test_service_pages_through_sqlalchemy_like_sqlite3(
    db: sqlite3.Connection, services: KioskServices
) -> None:
    """The same SQL runs through the session (the service's path) without change."""
    where = Filter(choice="shift.checked_in")
    with services.database.read() as session:
        assert session.execute(text("SELECT 1")).scalar() == 1
        assert (
            logs.page(session, QUERIES["events"], where) == []
        )  # a fresh kiosk has no shift events
