"""Two pushes folding the same loan at once on PostgreSQL (#15): the races the read model's
write must survive (`aggregates.write`: the rows already there locked and read, every other
row written as if new, in one statement; a row made meanwhile read again, locked), made
certain by holding one push's transaction open, which the HTTP test of two exits cannot
arrange, while the other, a real push over HTTP, waits for it."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, select, text

from kiosk.features.lending.domain import LoanStatus, fold_loan
from kiosk.features.lending.hub import LENDING_LOANS
from kiosk.platform.hub import read_models
from kiosk.platform.hub.models import HubLoan
from tests.platform.hub.conftest import Hub, Kiosk
from tests.platform.hub.test_lending_charging_models import BASE

LOAN = {"loan_id": "loan-race", "item": "umbrella"}


@pytest.fixture
def backend() -> str:
    return "postgresql"  # SQLite writes one at a time: no race to lose


def _borrow(kiosk: Kiosk) -> dict[str, Any]:
    due = (BASE + timedelta(days=1)).isoformat()
    payload = {**LOAN, "method": "phone", "phone": "13800001111", "due_at": due}
    return kiosk.write(1, kind="lending.borrowed", payload=payload, occurred_at=BASE)[0]


@contextmanager
def _push_in_flight(hub: Hub, wire: dict[str, Any]) -> Iterator[Connection]:
    """A push of `wire` in the middle of its transaction: its events stored and folded into
    the read model, not yet committed (committed on leaving)."""
    database = hub.app.state.database
    with database.engine.connect() as connection, connection.begin():
        read_models.apply(
            connection,
            [read_models.as_event(wire)],
            read_models.ReadContext.of(hub.app.state.settings),
        )
        yield connection


def _push_while_held(hub: Hub, kiosk: Kiosk, wire: dict[str, Any], held: Connection) -> None:
    """Push `wire` over HTTP; once it waits for the held transaction's rows, commit that."""
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    with ThreadPoolExecutor(1) as pool:
        pushed = pool.submit(kiosk.push, [wire])
        with hub.app.state.database.engine.connect() as watch:
            while not watch.execute(waiting).scalar_one():
                assert not pushed.done(), pushed.result().text  # it cannot end before
                watch.rollback()  # a fresh view of the sessions
        held.commit()
        response = pushed.result()
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["status"] == "applied"


def _loan(hub: Hub) -> HubLoan:
    with hub.app.state.database.read() as session:
        return session.scalars(select(HubLoan).where(HubLoan.loan_id == LOAN["loan_id"])).one()


def test_a_loan_made_by_a_push_not_yet_committed_is_refolded_with_its_return(hub: Hub) -> None:
    """The north exit's push making the loan's row has not committed when the south exit's
    return arrives: the return's push waits for it and folds the loan with both events (its
    own snapshot never saw the row)."""
    north, south = hub.enrol("k-north"), hub.enrol("k-south")
    borrow = _borrow(north)
    back = south.write(
        1, kind="lending.returned", payload=LOAN, occurred_at=BASE + timedelta(hours=1)
    )[0]
    with _push_in_flight(hub, borrow) as held:
        _push_while_held(hub, south, back, held)

    loan = _loan(hub)
    assert loan.status == LoanStatus.RETURNED
    assert loan.item == "umbrella" and loan.borrowed_at is not None
    assert [e[0] for e in loan.events] == [borrow["id"], back["id"]]


def test_a_loan_refolded_by_another_push_meanwhile_is_read_again(hub: Hub) -> None:
    """The loan is lent (stored); a write-off is being folded by one push when a return
    arrives at the other exit: the return's push waits for the row, reads it as the other
    committed it (two events) and folds all three (the return beats the write-off)."""
    north, south = hub.enrol("k-north"), hub.enrol("k-south")
    borrow = _borrow(north)
    assert north.push([borrow]).status_code == 200
    write_off = north.write(
        1,
        kind="lending.written_off",
        payload={**LOAN, "reason": "lost"},
        occurred_at=BASE + timedelta(hours=3),
    )[0]
    back = south.write(
        1, kind="lending.returned", payload=LOAN, occurred_at=BASE + timedelta(hours=1)
    )[0]
    with _push_in_flight(hub, write_off) as held:
        _push_while_held(hub, south, back, held)

    loan = _loan(hub)
    assert {e[0] for e in loan.events} == {borrow["id"], write_off["id"], back["id"]}
    events = [read_models.as_event(w) for w in (borrow, back, write_off)]
    state = fold_loan(events)
    assert state is not None and state.status == LoanStatus.RETURNED
    assert loan.status == state.status and loan.borrowed_at == state.borrowed_at
    assert LENDING_LOANS.prepare is not None  # the push path used the two halves
