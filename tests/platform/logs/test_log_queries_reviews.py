"""The SQL of the newer logs (first aid, lending, requests, needs and wishes, audit): keyset pages
walked to the end equal a brute-force filter and sort of the whole table, counts agree, and
every first page reads an index in order (no sort of the whole log)."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.features import FEATURES
from kiosk.platform.logs import query as logs
from kiosk.platform.logs.query import Cursor, Filter
from kiosk.platform.logs.registry import log_specs

QUERIES = {spec.key: spec.query for spec in log_specs(FEATURES)}  # each log's query by name

T0 = datetime(2024, 1, 1, tzinfo=UTC)
KIOSKS = ("k-north", "k-south")
VOLUNTEERS = ("v1", "v2", "v3")
ACTIONS = ("login", "logout", "pin_reset")
ROWS = 400


def _insert(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> None:
    """Insert a row giving every NOT NULL column a value (the migration sets no defaults)."""
    row: dict[str, Any] = {}
    for _cid, name, kind, notnull, _default, pk in conn.execute(f"PRAGMA table_info({table})"):
        if name in values:
            row[name] = values[name]
        elif notnull and not (pk and kind.upper() == "INTEGER"):  # a rowid: SQLite numbers it
            row[name] = 0 if kind.upper() in ("INTEGER", "BOOLEAN") else ""
    names = ", ".join(row)
    conn.execute(
        f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
    )


def _at(rnd: random.Random) -> str:
    return logs.stored(T0 + timedelta(hours=rnd.randrange(0, 24 * 40)))  # many ties


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    from kiosk.core.clock import FixedClock
    from kiosk.settings import Settings
    from kiosk.shell.context import build_services

    folder: Path = tmp_path_factory.mktemp("review-logs")
    build_services(Settings(data_dir=folder), FixedClock(T0)).close()
    conn = sqlite3.connect(folder / "kiosk.sqlite3")
    rnd = random.Random(11)
    for v in VOLUNTEERS:
        _insert(conn, "volunteers", {"id": v, "name": f"name-{v}", "number": v, "phone": "1"})
    for i in range(ROWS):
        kiosk = KIOSKS[i % 2]
        _insert(
            conn,
            "requests",
            {
                "id": f"r{i:04d}",
                "ticket": f"{100000 + i}",
                "category": rnd.choice(("luggage", "wheelchair", "lost")),
                "channel": "kiosk",
                "kiosk_id": kiosk,
                "status": rnd.choice(("ordered", "accepted", "completed")),
                "ordered_at": _at(rnd),
                "accepted_by": rnd.choice((None, *VOLUNTEERS)),
                "refused": "[]",
            },
        )
        _insert(
            conn,
            "wishes",
            {
                "id": f"w{i:04d}",
                "ticket": f"{200000 + i}",
                "category": rnd.choice(("rest", "wages")),
                "channel": "phone",
                "kiosk_id": kiosk,
                "status": rnd.choice(("received", "answered")),
                "text": rnd.choice(("more chairs", "50% off?", "hot water", "")),
                "submitted_at": _at(rnd),
                "updated_at": _at(rnd),
            },
        )
        _insert(
            conn,
            "lending_loans",
            {
                "id": f"l{i:04d}",
                "item": rnd.choice(("umbrella", "book")),
                "status": rnd.choice(("out", "returned", "written_off")),
                "borrowed_at": None if i % 17 == 0 else _at(rnd),  # a return seen first
                "borrow_kiosk_id": kiosk,
                "approved_by": rnd.choice((None, *VOLUNTEERS)),
            },
        )
        _insert(
            conn,
            "incidents",
            {
                "id": f"i{i:04d}",
                "kiosk_id": kiosk,
                "happened_at": _at(rnd),
                "place": "platform",
                "what": rnd.choice(("fall", "heat")),
                "first_aid": "[]",
                "items_used": "[]",
                "outcome": rnd.choice(("recovered", "hospital")),
                "attended": json.dumps(rnd.sample(VOLUNTEERS, rnd.randint(1, 2))),
                "note": rnd.choice(("knee", "", "50%_ok")),
                "recorded_at": _at(rnd),
            },
        )
        kind = "admin.audited" if i % 3 else "service.used"  # the audit is one kind of many
        _insert(
            conn,
            "events",
            {
                "id": f"e{i}",
                "kind": kind,
                "station_id": "st",
                "kiosk_id": kiosk,
                "seq": i + 1,
                "occurred_at": _at(rnd),
                "actor": rnd.choice(("station_admin", "tl-v1")),
                "aggregate_id": f"a{i}",
                "payload": json.dumps(
                    {"action": rnd.choice(ACTIONS), "target": rnd.choice(("v1", "v2", ""))}
                ),
            },
        )
    conn.commit()
    conn.execute("ANALYZE")
    yield conn
    conn.close()


# Per log: the brute-force row (key, at, choice, group value, kiosk, volunteers, texts, ticket).
Rowish = tuple[Any, str | None, str, str, str, tuple[str, ...], tuple[str, ...], str | None]
BRUTE: dict[str, tuple[str, Callable[[tuple[Any, ...]], Rowish]]] = {
    "requests": (
        "SELECT id, ordered_at, status, category, kiosk_id, accepted_by, ticket FROM requests",
        lambda r: (r[0], r[1], r[2], r[3], r[4], (r[5],), (), r[6]),
    ),
    "wishes": (
        "SELECT id, submitted_at, status, category, kiosk_id, text, ticket, answer FROM wishes",
        lambda r: (r[0], r[1], r[2], r[3], r[4], (), (r[6], r[5], r[7]), r[6]),
    ),
    "lending": (
        "SELECT id, borrowed_at, status, item, borrow_kiosk_id, approved_by FROM lending_loans",
        lambda r: (r[0], r[1], r[2], r[3], r[4], (r[5],), (), None),
    ),
    "incidents": (
        "SELECT id, happened_at, what, outcome, kiosk_id, attended, note FROM incidents",
        lambda r: (r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5])), (r[6],), None),
    ),
    "audit": (
        "SELECT pos, occurred_at, json_extract(payload, '$.action'), '', kiosk_id, actor,"
        " json_extract(payload, '$.target') FROM events WHERE kind = 'admin.audited'",
        lambda r: (r[0], r[1], r[2], r[3], r[4], (r[5],), (r[6],), None),
    ),
}
GROUP = {"requests": "category", "wishes": "category", "lending": "item", "incidents": "outcome"}


def brute_force(conn: sqlite3.Connection, log: str, where: Filter) -> list[Any]:
    sql, shape = BRUTE[log]
    rows = [shape(r) for r in conn.execute(sql)]

    def choice_ok(row: Rowish) -> bool:
        if where.choice is None:
            return True
        group, _, value = where.choice.partition(":")
        if value and GROUP.get(log) == group:
            return row[3] == value
        return row[2] == where.choice

    def search_ok(row: Rowish) -> bool:
        by_volunteer = where.volunteers is not None and log != "wishes"
        by_text = bool(where.text) and log in ("wishes", "incidents")
        if not by_volunteer and not by_text:
            return True
        hit = by_volunteer and any(v in (where.volunteers or ()) for v in row[5])
        return hit or (by_text and any(where.text in (t or "") for t in row[6]))

    kept = [
        r
        for r in rows
        if r[1] is not None
        and (where.start is None or r[1] >= where.start)
        and (where.end is None or r[1] < where.end)
        and choice_ok(r)
        and (where.kiosk_id is None or r[4] == where.kiosk_id)
        and (where.ticket is None or log not in ("requests", "wishes") or r[7] == where.ticket)
        and search_ok(r)
    ]
    kept.sort(key=lambda r: (r[1], r[0]), reverse=True)
    return [r[0] for r in kept]


def walk(conn: sqlite3.Connection, log: str, where: Filter, limit: int) -> list[Any]:
    seen: list[Any] = []
    after: Cursor | None = None
    while True:
        sql, params = logs.page_sql(QUERIES[log], where, after, limit)
        page = conn.execute(sql, params).fetchall()
        seen += [r[0] for r in page]
        if len(page) < limit:
            return seen
        after = logs.cursor_of(QUERIES[log], page[-1])


CHOICES = {
    "requests": ("accepted", "category:luggage", "category:nope"),
    "wishes": ("answered", "category:rest"),
    "lending": ("out", "item:book"),
    "incidents": ("fall", "outcome:hospital"),
    "audit": ACTIONS,
}


@st.composite
def filters(draw: st.DrawFn) -> tuple[str, Filter]:
    log = draw(st.sampled_from(sorted(BRUTE)))
    day = st.integers(0, 40).map(lambda d: logs.stored(T0 + timedelta(d)))
    volunteers = (
        st.sampled_from([("v1",), ("v2", "v3"), (), ("station_admin",), ("tl-v1",)])
        if log != "wishes"
        else st.just(None)
    )
    return log, Filter(
        start=draw(st.one_of(st.none(), day)),
        end=draw(st.one_of(st.none(), day)),
        choice=draw(st.one_of(st.none(), st.sampled_from(CHOICES[log]))),
        kiosk_id=draw(st.one_of(st.none(), st.sampled_from(KIOSKS))),
        volunteers=draw(st.one_of(st.none(), volunteers)),
        text=draw(st.one_of(st.none(), st.sampled_from(["10001", "chair", "50%", "_", "v1"]))),
        ticket=draw(st.one_of(st.none(), st.sampled_from(["100007", "200042", "999999"]))),
    )


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=filters(), limit=st.sampled_from([1, 7, 200]))
def test_paging_to_the_end_gives_the_brute_force_order(
    db: sqlite3.Connection, case: tuple[str, Filter], limit: int
) -> None:
    log, where = case
    assert walk(db, log, where, limit) == brute_force(db, log, where)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=filters())
def test_count_matches_the_brute_force(db: sqlite3.Connection, case: tuple[str, Filter]) -> None:
    log, where = case
    sql, params = logs.count_sql(QUERIES[log], where)
    assert db.execute(sql, params).fetchone()[0] == len(brute_force(db, log, where))


def test_search_takes_percent_and_underscore_literally(db: sqlite3.Connection) -> None:
    where = Filter(text="50%")
    found = walk(db, "wishes", where, 200)
    texts = {
        r[0]
        for r in db.execute(
            f"SELECT text FROM wishes WHERE id IN ({','.join('?' * len(found))})", found
        )
    }
    assert found and texts == {"50% off?"}
    assert set(walk(db, "incidents", Filter(text="_"), 200)) == {
        r[0] for r in db.execute("SELECT id FROM incidents WHERE note = '50%_ok'")
    }


def plan(conn: sqlite3.Connection, log: str, where: Filter) -> str:
    sql, params = logs.page_sql(QUERIES[log], where, Cursor(logs.stored(T0 + timedelta(20)), "zz"))
    return " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))


@pytest.mark.parametrize(
    ("log", "where", "index"),
    [
        ("requests", Filter(), "ix_requests_ordered_id"),
        ("requests", Filter(choice="accepted"), "ix_requests_status_ordered_id"),
        ("requests", Filter(choice="category:luggage"), "ix_requests_category_ordered_id"),
        ("requests", Filter(volunteers=("v1",)), "ix_requests_helper_ordered"),
        ("wishes", Filter(), "ix_wishes_submitted_id"),
        ("wishes", Filter(choice="answered"), "ix_wishes_status_submitted_id"),
        ("lending", Filter(), "ix_lending_loans_borrowed"),
        ("lending", Filter(choice="out"), "ix_lending_loans_status_borrowed"),
        ("incidents", Filter(), "ix_incidents_happened"),
        ("audit", Filter(), "ix_events_kind_occurred"),
        ("audit", Filter(choice="login", kiosk_id="k-north"), "ix_events_kind_occurred"),
        ("audit", Filter(volunteers=("tl-v1",)), "ix_events_actor_occurred"),
    ],
)
def test_each_log_reads_its_index_in_order(
    db: sqlite3.Connection, log: str, where: Filter, index: str
) -> None:
    found = plan(db, log, where)
    assert f"USING INDEX {index}" in found or f"USING COVERING INDEX {index}" in found, found
    assert "TEMP B-TREE" not in found, found  # no sort: the page stops after `limit` rows


def test_audit_rows_are_only_audit_events(db: sqlite3.Connection) -> None:
    sql, params = logs.page_sql(QUERIES["audit"], Filter(), None, 1000)
    positions = [r[0] for r in db.execute(sql, params)]
    kinds = {
        r[0]
        for r in db.execute(
            f"SELECT DISTINCT kind FROM events WHERE pos IN ({','.join('?' * len(positions))})",
            positions,
        )
    }
    assert kinds == {"admin.audited"}


def test_a_whole_ticket_reads_the_ticket_index(db: sqlite3.Connection) -> None:
    found = plan(db, "requests", Filter(ticket="100007"))
    assert "ix_requests_ticket" in found, found
    assert walk(db, "requests", Filter(ticket="100007"), 200) == ["r0007"]


def test_a_search_that_found_nobody_reads_nothing() -> None:
    assert logs.matches_nothing(QUERIES["requests"], Filter(volunteers=(), text="1234"))
    assert logs.matches_nothing(QUERIES["events"], Filter(volunteers=()))
    assert not logs.matches_nothing(QUERIES["wishes"], Filter(volunteers=(), text="chairs"))
    assert logs.matches_nothing(QUERIES["audit"], Filter(volunteers=(), text="v1"))  # accounts only
