"""Lending's and charging's read models (#15, h0018) over real HTTP against a real hub (SQLite
and PostgreSQL): two kiosks of a station lend, return at the other exit, write off, charge,
lock and collect (at both exits), pushed in batches cut anywhere, some sent twice, the exits'
pushes interleaved; then each loan's and session's row is the kiosks' fold of its events, the
live tables equal a rebuild, the alerts they give equal the kiosks' rules over the events, and
a hub upgraded from h0017 fills the tables from its events."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from kiosk.core.ids import new_id
from kiosk.features.charging.domain import fold_charging, is_overdue
from kiosk.features.charging.hub import charging_overdue
from kiosk.features.lending.domain import fold_loan
from kiosk.features.lending.hub import _lending_names, find_alerts, lending_alerts
from kiosk.hub_app import create_app
from kiosk.platform.hub import read_models
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.hub_events import to_domain
from kiosk.platform.hub.models import HubChargingSession, HubEvent, HubLendingStock, HubLoan
from kiosk.platform.hub.published import published_entries_by_station
from tests.platform.hub.conftest import STATION, Hub, Kiosk, wire_event
from tests.platform.hub.test_hub_station_names import migrate

BASE = datetime.now(UTC).replace(microsecond=0) - timedelta(days=3)
ITEMS = ("umbrella", "power_bank")


def _story(rng: random.Random) -> tuple[list[tuple[str, dict[str, Any], datetime]], ...]:
    """What the north (a) and south (b) exits record, each in its own order."""
    a: list[tuple[str, dict[str, Any], datetime]] = []
    b: list[tuple[str, dict[str, Any], datetime]] = []
    for item in ITEMS:
        a.append(("lending.stocked", {"stock_id": new_id(), "item": item, "quantity": 2}, BASE))
    for n in range(8):
        at = BASE + timedelta(hours=n)
        loan = {"loan_id": f"loan-{n}", "item": rng.choice(ITEMS)}
        lender, other = (a, b) if rng.random() < 0.5 else (b, a)
        due = at + timedelta(hours=rng.choice((2, 200)))
        borrow = {**loan, "method": "phone", "phone": "13800001111", "due_at": due.isoformat()}
        lender.append(("lending.borrowed", borrow, at))
        fate = rng.random()
        if fate < 0.4:  # back at the other exit (maybe pushed before the borrow)
            other.append(("lending.returned", loan, at + timedelta(hours=1)))
        elif fate < 0.55:
            lender.append(
                ("lending.written_off", {**loan, "reason": "lost"}, at + timedelta(hours=3))
            )
        elif fate < 0.7:  # returned at both exits: the first counts, the loan is flagged
            a.append(("lending.returned", loan, at + timedelta(hours=1)))
            b.append(("lending.returned", loan, at + timedelta(hours=2)))
    for n in range(6):
        at = BASE + timedelta(hours=n, minutes=30)
        session = {"session_id": f"cs-{n}", "slot": f"A{n}"}
        a.append(("charging.started", {**session, "code_hash": "x" * 40}, at))
        if rng.random() < 0.4:
            a.append(("charging.locked", session, at + timedelta(minutes=5)))
            if rng.random() < 0.5:
                b.append(("charging.unlocked", session, at + timedelta(minutes=9)))
        fate = rng.random()
        if fate < 0.3:
            b.append(("charging.collected", {**session, "by": "code"}, at + timedelta(hours=1)))
        elif fate < 0.5:  # collected at both exits
            a.append(("charging.collected", {**session, "by": "code"}, at + timedelta(hours=1)))
            b.append(
                (
                    "charging.collected",
                    {**session, "by": "volunteer", "reason": "unclaimed"},
                    at + timedelta(hours=2),
                )
            )
    for exit_ in (a, b):
        exit_.sort(key=lambda e: e[2])
    return a, b


def _wire(kiosk: Kiosk, recorded: list[tuple[str, dict[str, Any], datetime]]) -> list[Any]:
    return [
        wire_event(kiosk.kiosk_id, i + 1, kind=kind, payload=payload, occurred_at=at)
        for i, (kind, payload, at) in enumerate(recorded)
    ]


def _push(rng: random.Random, kiosks: list[Kiosk], wires: list[list[Any]]) -> None:
    """Both exits' events in batches cut at random, interleaved, every other batch twice."""
    batches: list[tuple[Kiosk, list[Any]]] = []
    for kiosk, wire in zip(kiosks, wires, strict=True):
        i = 0
        mine = []
        while i < len(wire):
            n = rng.randrange(1, 6)
            mine.append((kiosk, wire[i : i + n]))
            i += n
        batches.append(mine)  # type: ignore[arg-type]
    queues = [list(q) for q in batches]  # type: ignore[arg-type]
    sent = 0
    while any(queues):
        queue = rng.choice([q for q in queues if q])
        kiosk, batch = queue.pop(0)  # type: ignore[misc]
        for _ in range(1 + sent % 2):
            reply = kiosk.push(batch)
            assert reply.status_code == 200, reply.text
        sent += 1


def _tables(hub: Hub) -> dict[str, set[tuple[Any, ...]]]:
    with hub.app.state.database.read() as session:
        out = {}
        for model in (HubLoan, HubLendingStock, HubChargingSession):
            rows = session.execute(select(model.__table__)).all()
            out[model.__tablename__] = {tuple(repr(v) for v in r) for r in rows}
        return out


def _events(hub: Hub, prefix: str) -> list[Any]:
    with hub.app.state.database.read() as session:
        rows = session.scalars(
            select(HubEvent).where(HubEvent.kind.startswith(prefix)).order_by(HubEvent.hub_seq)
        ).all()
        return [to_domain(r) for r in rows]


def _check_rows_are_the_folds(hub: Hub) -> None:
    lending = _events(hub, "lending.")
    by_loan: dict[str, list[Any]] = {}
    for e in lending:
        if e.kind != "lending.stocked":
            by_loan.setdefault(e.payload["loan_id"], []).append(e)
    charging = _events(hub, "charging.")
    by_session: dict[str, list[Any]] = {}
    for e in charging:
        by_session.setdefault(e.payload["session_id"], []).append(e)
    with hub.app.state.database.read() as session:
        loans = {r.loan_id: r for r in session.scalars(select(HubLoan))}
        sessions = {r.session_id: r for r in session.scalars(select(HubChargingSession))}
        stock = {r.item: r.stocked for r in session.scalars(select(HubLendingStock))}
    assert set(loans) == set(by_loan) and set(sessions) == set(by_session)
    for loan_id, events in by_loan.items():
        state, row = fold_loan(events), loans[loan_id]
        assert state is not None
        got = (row.item, row.status, row.borrowed_at, row.due_at, row.returned_at)
        want_loan = (state.item, state.status, state.borrowed_at, state.due_at, state.returned_at)
        assert got == want_loan, loan_id
        assert all("phone" not in e[6] for e in row.events)  # nobody's phone kept
    for session_id, events in by_session.items():
        folded, held = fold_charging(events), sessions[session_id]
        assert folded is not None
        got_session = (held.slot, held.status, held.locked, held.started_at, held.closed_at)
        want = (folded.slot, folded.status, folded.locked, folded.started_at, folded.closed_at)
        assert got_session == want, session_id
    assert stock == dict.fromkeys(ITEMS, 2)


def _check_alerts_are_the_rules(hub: Hub) -> None:
    app = hub.app
    now = BASE + timedelta(hours=30)
    with app.state.database.read() as session:
        listed = published_entries_by_station(
            session, "lending_items", [STATION], "lending_items.json"
        )
    names = _lending_names(listed[STATION])
    want = lending_alerts(STATION, _events(hub, "lending."), names, now)
    got = find_alerts(app.state.database, [STATION], now, app.state.settings)
    assert want  # something to alert on
    assert [(a.kind, a.subject, a.urgent, a.zh, a.en) for a in got] == [
        (a.kind, a.subject, a.urgent, a.zh, a.en) for a in want
    ]
    after = timedelta(hours=app.state.settings.charging_overdue_hours)
    by_session: dict[str, list[Any]] = {}
    for e in _events(hub, "charging."):
        by_session.setdefault(e.payload["session_id"], []).append(e)
    folded = [fold_charging(g) for g in by_session.values()]
    open_ = sorted(
        (s.slot, s.started_at, s.locked)
        for s in folded
        if s and s.status == "open" and is_overdue(s.started_at, now, after)
    )
    assert open_  # some phones left too long
    held = charging_overdue(app.state.database, [STATION], now, after)
    assert sorted((a.slot, a.started_at, a.locked) for a in held) == open_


@pytest.mark.parametrize("seed", [3, 11])
def test_live_lending_and_charging_models_equal_the_folds_and_a_rebuild(
    hub: Hub, seed: int
) -> None:
    rng = random.Random(seed)
    kiosks = [hub.enrol("k-north"), hub.enrol("k-south")]
    a, b = _story(rng)
    _push(rng, kiosks, [_wire(kiosks[0], a), _wire(kiosks[1], b)])
    _check_rows_are_the_folds(hub)
    _check_alerts_are_the_rules(hub)
    live = _tables(hub)
    assert all(live.values())
    read_models.rebuild(hub.app.state.database, hub.app.state.settings)
    assert _tables(hub) == live


def test_a_hub_upgraded_past_h0018_fills_loans_and_sessions_from_its_events(
    settings: Any, database_url: str
) -> None:
    rng = random.Random(5)
    a, b = _story(rng)
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0017")
        with engine.begin() as db:
            for kiosk, recorded in (("k-north", a), ("k-south", b)):
                for seq, (kind, payload, at) in enumerate(recorded, 1):
                    db.execute(
                        HubEvent.__table__.insert().values(
                            id=new_id(),
                            station_id=STATION,
                            kiosk_id=kiosk,
                            seq=seq,
                            kind=kind,
                            occurred_at=at,
                            received_at=at,
                            actor=None,
                            payload=payload,
                        )
                    )
    finally:
        engine.dispose()
    app = create_app(settings)
    try:
        hub = Hub(None, app)  # type: ignore[arg-type]
        filled = _tables(hub)
        assert all(filled.values())
        _check_rows_are_the_folds(hub)
        read_models.rebuild(app.state.database, app.state.settings)
        assert _tables(hub) == filled
    finally:
        app.state.database.dispose()


def test_h0027_fills_return_and_close_times_from_the_rows_held(hub: Hub, database_url: str) -> None:
    """A hub past h0018 holding loans and sessions: h0027 gives each returned loan its
    `returned_at` and each closed session its `closed_at` from the events its row keeps (no
    rebuild, the log not read): the rows equal those the folds keep live."""
    rng = random.Random(7)
    kiosks = [hub.enrol("k-north"), hub.enrol("k-south")]
    a, b = _story(rng)
    _push(rng, kiosks, [_wire(kiosks[0], a), _wire(kiosks[1], b)])
    live = _tables(hub)
    with hub.app.state.database.read() as session:
        returned = session.scalars(select(HubLoan.returned_at)).all()
        closed = session.scalars(select(HubChargingSession.closed_at)).all()
    assert any(returned) and not all(returned) and any(closed) and not all(closed)
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0026", down=True)
        with engine.begin() as db:  # the log emptied: the fill reads the rows alone
            db.execute(HubEvent.__table__.delete())
        migrate(engine, "head")
    finally:
        engine.dispose()
    assert _tables(hub) == live


def test_two_exits_pushing_the_same_loans_at_once_fold_each_whole(hub: Hub) -> None:
    """Umbrellas lent at the north exit while the south exit pushes their returns, at the same
    time, in batches of 25: every loan ends returned with both its events (on PostgreSQL the
    rows made or locked by one push are waited for by the other), and equals a rebuild."""
    north, south = hub.enrol("k-north"), hub.enrol("k-south")
    loans = 200
    for n in range(loans):
        loan = {"loan_id": f"race-{n}", "item": "umbrella"}
        at = BASE + timedelta(minutes=n)
        due = (at + timedelta(days=1)).isoformat()
        borrow = {**loan, "method": "phone", "phone": "13800001111", "due_at": due}
        north.write(1, kind="lending.borrowed", payload=borrow, occurred_at=at)
        south.write(1, kind="lending.returned", payload=loan, occurred_at=at + timedelta(hours=1))

    def push_all(kiosk: Kiosk) -> None:
        with httpx.Client(base_url=str(hub.client.base_url), timeout=60) as client:
            for i in range(0, loans, 25):
                body = {"kiosk_id": kiosk.kiosk_id, "events": kiosk.events[i : i + 25]}
                response = client.post("/v1/sync/push", json=body, headers=kiosk.auth)
                assert response.status_code == 200, response.text

    with ThreadPoolExecutor(2) as pool:
        for done in [pool.submit(push_all, north), pool.submit(push_all, south)]:
            done.result()

    with hub.app.state.database.read() as session:
        rows = session.scalars(select(HubLoan)).all()
    assert len(rows) == loans
    assert all(r.status == "returned" and len(r.events) == 2 for r in rows)
    assert all(r.borrowed_at is not None for r in rows)
    live = _tables(hub)
    read_models.rebuild(hub.app.state.database, hub.app.state.settings)
    assert _tables(hub) == live
