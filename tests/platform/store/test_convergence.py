"""Kiosks holding the same events show the same shared state, whatever order the events arrived
in (DESIGN §3): the same station history is pulled by three kiosks in random orders and pages,
with pages pulled again and the hub's roster landing anywhere, and every projection table is
compared row by row, every column."""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, insert, select

from kiosk.core.clock import FixedClock
from kiosk.core.events import Event, validate_payload
from kiosk.features.lending.store import LoanRow
from kiosk.platform.store import sync_store
from kiosk.platform.store.db import Database
from kiosk.platform.store.models import EventRow
from kiosk.platform.store.projections import projection_tables
from kiosk.platform.store.store import open_database, rebuild_projections
from kiosk.settings import Settings
from tests.conftest import START
from tests.platform.store.histories import T0, History, station_histories

STATION = Settings().station_id  # the station the migrated template was made for
RECEIVERS = 3


def projections(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every projection table, every column, rows in primary-key order.

    No column is left out: none is local to a kiosk (no autoincrement ids, no arrival times),
    so two kiosks that hold the same events must agree on all of them.
    """
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with database.read() as session:
        for model in projection_tables():
            table = model.__table__
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            tables[table.name] = [tuple(row) for row in rows]
    return tables


def _no_fsync(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA synchronous=OFF")


@pytest.fixture(scope="session")
def receivers(
    migrated_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[int], AbstractContextManager[list[Database]]]:
    """Makes `count` kiosk databases by the real migrations (copies of the migrated template),
    in a fresh folder of pytest's temporary directory that is removed afterwards (hypothesis
    runs many examples in one test, so the test's own `tmp_path` cannot be fresh each time)."""

    @contextmanager
    def make(count: int) -> Iterator[list[Database]]:
        folder = tmp_path_factory.mktemp("station")
        try:
            with ExitStack() as stack:
                made = []
                for n in range(count):
                    path = folder / f"kiosk{n}" / "kiosk.sqlite3"
                    path.parent.mkdir()
                    shutil.copyfile(migrated_template / "kiosk.sqlite3", path)
                    database = open_database(path, STATION, FixedClock(START))
                    stack.callback(database.close)
                    # What is compared here is the rows, not their durability: without an
                    # fsync per pulled page, a loaded CI machine runs the examples 2-3x faster.
                    event.listen(database.engine, "connect", _no_fsync)
                    database.engine.dispose()
                    made.append(database)
                yield made
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return make


def roster_item(history: History) -> list[dict[str, Any]]:
    if history.roster is None:
        return []
    published = T0 + timedelta(days=1)
    return [
        {
            "kind": "roster",
            "station_id": STATION,
            "version": 1,
            "published_at": published,
            "body": history.roster,
        }
    ]


def pull(database: Database, history: History, delivery: dict[str, Any]) -> None:
    """Deliver the history the way the sync pull does: pages through `sync_store.apply_page`."""
    events = [history.events[i] for i in delivery["order"]]
    events += [history.events[i] for i in delivery["again"]]  # a page pulled twice
    size = delivery["page"]
    pages = [events[i : i + size] for i in range(0, len(events), size)] or [[]]
    roster_at = delivery["roster_at"] % len(pages)
    for n, page in enumerate(pages):
        config = roster_item(history) if n == roster_at else []
        with database.write() as session:
            sync_store.apply_page(session, page, config, f"cursor-{n}")


@st.composite
def deliveries(draw: st.DrawFn, count: int) -> dict[str, Any]:
    indices = range(count)
    return {
        "order": draw(st.permutations(list(indices))),
        "again": draw(st.lists(st.sampled_from(indices), max_size=4)) if count else [],
        "page": draw(st.integers(1, 40)),  # few commits: each one is an fsync
        "roster_at": draw(st.integers(0, 50)),
    }


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[History, list[dict[str, Any]]]:
    history = draw(station_histories(STATION))
    return history, [draw(deliveries(len(history.events))) for _ in range(RECEIVERS)]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_kiosks_holding_the_same_events_have_identical_projections(
    receivers: Callable[[int], AbstractContextManager[list[Database]]],
    scenario: tuple[History, list[dict[str, Any]]],
) -> None:
    history, plans = scenario
    with receivers(RECEIVERS) as kiosks:
        for database, delivery in zip(kiosks, plans, strict=True):
            pull(database, history, delivery)
        first, *others = [projections(database) for database in kiosks]
        assert first["shifts"] and first["volunteers"]  # the history reached the tables
        for other in others:
            for name, rows in first.items():
                assert other[name] == rows, name
        rebuild_projections(kiosks[0])  # and the log folded afresh says the same
        assert projections(kiosks[0]) == first


def test_an_event_an_older_build_could_not_fold_is_folded_with_its_aggregate_after_upgrade(
    receivers: Callable[[int], AbstractContextManager[list[Database]]],
) -> None:
    """A return pulled by a build that did not know `lending.returned` yet was filed under its
    own id; after the upgrade's rebuild that kiosk shows the loan as every other kiosk does."""
    loan = {"loan_id": "l-1", "item": "umbrella"}
    due = (T0 + timedelta(days=3)).isoformat()
    lent = {"method": "phone", "phone": "13812341234", "due_at": due}
    borrowed = remote("lending.borrowed", loan | lent, 1)
    returned = remote("lending.returned", loan, 2)
    with receivers(2) as (older, current):
        with current.write() as session:
            sync_store.apply_page(session, [borrowed, returned], [], "c-1")
        with older.write() as session:
            sync_store.apply_page(session, [borrowed], [], "c-1")
            session.execute(  # what the older build's ingest stored: filed under its own id
                insert(EventRow).values(
                    id=returned.id,
                    kind=returned.kind,
                    station_id=returned.station_id,
                    kiosk_id=returned.kiosk_id,
                    seq=returned.seq,
                    occurred_at=returned.occurred_at,
                    actor=None,
                    aggregate_id=returned.id,
                    payload=json.dumps(returned.payload),
                )
            )
        rebuild_projections(older)  # the upgraded build's first start
        assert projections(older) == projections(current)
        with older.read() as session:
            row = session.get(LoanRow, "l-1")
            assert row is not None and row.status == "returned" and not row.flagged


def remote(kind: str, payload: dict[str, Any], seq: int) -> Event:
    return Event(
        id=str(uuid.UUID(int=10_000 + seq)),
        kind=kind,
        station_id=STATION,
        kiosk_id="k-north",
        seq=seq,
        occurred_at=T0 + timedelta(minutes=seq),
        actor=None,
        payload=validate_payload(kind, payload).model_dump(mode="json"),
    )
