"""The centre's read models (#15): after any sequence of pushes — events split across batches
and kiosks, a shift's check-in and check-out in different pushes, a request ordered at one
kiosk and accepted at the other, batches sent twice — the live tables equal a rebuild from the
event log, and each shift's, lot's and ticket's row is the kiosks' own fold of its events. On
SQLite (the general push path) and PostgreSQL (the one-statement path)."""

from __future__ import annotations

import functools
import itertools
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from kiosk import hub_cli as cli
from kiosk.features.medicine.domain import fold_lot
from kiosk.features.requests.domain import fold_request, fold_wish
from kiosk.features.shifts.domain import credited_minutes, fold_shift
from kiosk.features.shifts.hub import hours_rule
from kiosk.features.uses.domain import use_line
from kiosk.hub_app import create_app
from kiosk.platform.hub import read_models
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.models import (
    USAGE_DAY_SLOTS,
    EventKey,
    HubEvent,
    MedicineLot,
    MedicineLotDay,
    ShiftFact,
    ShiftHoursMonthly,
    ShiftHoursStationMonthly,
    ShiftHoursVolunteerYear,
    TicketFact,
    TicketMonth,
    UsageDaily,
    UsageGroup,
    UsageMonthly,
    UsageStationDaily,
    UsageStationMonthly,
    day_bits,
)
from kiosk.platform.hub.read_models import as_event
from tests.platform.hub.conftest import STATION, Hub, Kiosk
from tests.platform.hub.test_hub_station_names import migrate
from tests.platform.hub.test_web_centre import PASSWORD, csrf_of, signed_in
from tests.platform.hub.test_web_ticket_desk import on_duty, ticket_of

START = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
_runs = itertools.count()

use = st.builds(
    lambda service, audience, count, day: (
        "use",
        {"service_id": service, "audience": audience, "count": count, "day": day},
    ),
    st.sampled_from(["water", "tea"]),
    st.sampled_from(["rider", "none", "elderly"]),
    st.integers(1, 5),
    # two days of a month, its last, the next month's and year's first; one no calendar has
    st.sampled_from(
        ["2026-11-20", "2026-11-21", "2026-11-30", "2026-12-01", "2027-01-01", "2026-02-30"]
    ),
)
shift = st.tuples(
    st.sampled_from(["checked_in", "checked_out", "auto_closed", "cancelled", "approved"]),
    st.integers(0, 3),  # which shift
    # minutes after START; or 15 days on, in the next month (a late check-in moves the month)
    st.one_of(st.integers(0, 600), st.integers(15 * 24 * 60, 15 * 24 * 60 + 600)),
)
medicine = st.tuples(
    st.just("medicine"),
    st.sampled_from(["restocked", "restocked", "dispensed", "discarded"]),
    st.integers(0, 2),  # which lot
    st.sampled_from(["2027-01-31", "2027-06-30"]),  # two kiosks may restock it differently
    st.integers(1, 9),
    st.integers(0, 3 * 24 * 60),  # minutes after START: three station days
)
request = st.tuples(
    st.just("request"),
    st.sampled_from(["ordered", "ordered", "accepted", "accepted", "completed", "rated"]),
    st.integers(0, 2),  # which request (both kiosks may order one: the first in order wins)
    st.integers(0, 600),  # minutes after START
    st.sampled_from(["luggage", "medical"]),
)
cancelled = st.tuples(
    st.just("request"), st.just("cancelled"), st.integers(0, 2), st.integers(0, 600), st.none()
)
wish = st.tuples(
    st.just("wish"),
    st.sampled_from(["submitted", "submitted", "in_progress", "answered"]),
    st.integers(0, 1),  # which wish
    st.integers(0, 600),
    st.sampled_from(["job", "rest"]),
)
# (kiosk, what it records)
step = st.tuples(st.integers(0, 1), st.one_of(use, shift, medicine, request, cancelled, wish))


def _ticket_event(kiosk: Kiosk, run: int, what: Any) -> dict[str, Any]:
    """A request's or wish's event: its order or submission, or a later step (which may reach
    the hub before what it follows, from the other kiosk)."""
    kind, verb, n, minutes, category = what
    at = START + timedelta(minutes=minutes)
    if kind == "wish":
        payload: dict[str, Any] = {"wish_id": f"w-{run}-{n}"}
        if verb == "submitted":
            payload |= {"ticket": f"{200_000 + n}", "category": category, "channel": "kiosk"}
            payload["text"] = "需要找工作"
            return kiosk.write(1, kind="wish.submitted", payload=payload, occurred_at=at)[0]
        payload |= {"status": verb, "answer": "周五招聘会" if verb == "answered" else ""}
        return kiosk.write(1, kind="wish.status_set", payload=payload, occurred_at=at)[0]
    payload = {"request_id": f"r-{run}-{n}"}
    if verb == "ordered":
        payload |= {"ticket": f"{100_000 + n}", "category": category, "channel": "kiosk"}
        payload["departs_at"] = (at + timedelta(minutes=45)).isoformat()
        payload["train"] = "G1234"
    elif verb in ("accepted", "completed"):
        payload["volunteer_id"] = f"v-{kiosk.kiosk_id}"
    elif verb == "rated":
        payload["rating"] = "good"
    return kiosk.write(1, kind=f"request.{verb}", payload=payload, occurred_at=at)[0]


def _event(kiosk: Kiosk, run: int, what: Any) -> dict[str, Any]:
    if what[0] in ("request", "wish"):
        return _ticket_event(kiosk, run, what)
    if what[0] == "use":
        payload = {"use_id": f"u-{run}-{len(kiosk.events)}-{kiosk.kiosk_id}", **what[1]}
        return kiosk.write(1, kind="service.used", payload=payload)[0]
    if what[0] == "medicine":
        _, verb, n, expiry, quantity, minutes = what
        batch = f"B{run}-{n}"
        payload = {"lot_id": f"plaster:{batch}", "item_id": "plaster", "batch": batch}
        payload["quantity"] = quantity
        if verb == "restocked":
            payload["expiry"] = expiry
        elif verb == "dispensed":
            payload |= {"reason": "cut_graze", "volunteer_id": "v-1"}
        else:
            payload["reason"] = "expired"
        at = START + timedelta(minutes=minutes)
        return kiosk.write(1, kind=f"medicine.{verb}", payload=payload, occurred_at=at)[0]
    verb, n, minutes = what
    payload = {"shift_id": f"sh-{run}-{n}", "volunteer_id": f"v-{n}"}
    if verb in ("checked_in", "checked_out"):
        payload["method"] = "badge"
    if verb == "auto_closed":
        payload["credited_minutes"] = 240
    at = START + timedelta(minutes=minutes)
    return kiosk.write(1, kind=f"shift.{verb}", payload=payload, occurred_at=at)[0]


Rows = set[tuple[Any, ...]]


def _tables(hub: Hub) -> tuple[Rows, Rows, Rows, Rows, Rows]:
    database = hub.app.state.database
    with database.read() as session:
        lots = {tuple(r) for r in session.execute(select(MedicineLot.__table__)).all()}
        lot_days = {tuple(r) for r in session.execute(select(MedicineLotDay.__table__)).all()}
        usage = {tuple(r) for r in session.execute(select(UsageDaily.__table__)).all()}
        usage |= {("month", *r) for r in session.execute(select(UsageMonthly.__table__)).all()}
        for name, model in (
            ("station_day", UsageStationDaily),
            ("station_month", UsageStationMonthly),
            ("group", UsageGroup),
        ):
            usage |= {(name, *r) for r in session.execute(select(model.__table__)).all()}
        facts = {
            (
                r.shift_id,
                r.station_id,
                r.volunteer_id,
                r.day,
                r.status,
                r.minutes,
                r.credited,
                r.flagged,
                tuple(sorted(r.events)),
            )
            for r in session.execute(select(ShiftFact.__table__)).all()
        }
        facts |= {("month", *r) for r in session.execute(select(ShiftHoursMonthly.__table__))}
        for layer in (ShiftHoursStationMonthly, ShiftHoursVolunteerYear):
            facts |= {(layer.__tablename__, *r) for r in session.execute(select(layer.__table__))}
        tickets = {
            (
                *(getattr(r, c) for c in r._fields if c not in ("events", "version")),
                tuple(sorted(r.events)),
            )
            for r in session.execute(select(TicketFact.__table__)).all()
        }
        # and their station-months (h0028), each month's minutes as a tuple
        tickets |= {
            ("month", *r[:-1], tuple(r[-1]))
            for r in session.execute(select(TicketMonth.__table__)).all()
        }
    return usage, facts, lots, lot_days, tickets


def _check_tickets_against_the_fold(hub: Hub) -> None:
    """Each ticket's row is `fold_request` / `fold_wish` of every stored event of that ticket
    (what the kiosks' queue and ticket lookup show); one not opened yet keeps only its
    events."""
    database = hub.app.state.database
    tz = hub.app.state.tz
    with database.read() as session:
        stored = session.scalars(
            select(HubEvent).where(
                HubEvent.kind.startswith("request.") | HubEvent.kind.startswith("wish.")
            )
        ).all()
        rows = {(r.kind, r.aggregate_id): r for r in session.scalars(select(TicketFact)).all()}
    by_ticket: dict[tuple[str, str], list[Any]] = {}
    for row in stored:
        kind = row.kind.split(".")[0]
        key = (kind, row.payload[f"{kind}_id"])
        by_ticket.setdefault(key, []).append(
            as_event({c: getattr(row, c) for c in read_models_columns()})
        )
    assert set(by_ticket) == set(rows)
    for (kind, _), events in by_ticket.items():
        row = rows[(kind, events[0].payload[f"{kind}_id"])]
        assert sorted(row.events) == sorted(e.id for e in events)
        if kind == "request":
            state = fold_request(events)
            if state is None:
                assert (row.status, row.made_at, row.ticket) == (None, None, None)
                continue
            response = None
            if state.accepted_at is not None:
                response = max(0.0, (state.accepted_at - state.ordered_at).total_seconds() / 60)
            closed = state.completed_at if state.completed_at is not None else None
            if state.status == "cancelled":
                closed = state.cancelled_at
            assert (
                row.ticket,
                row.category,
                row.status,
                row.made_at,
                row.departs_at,
                row.accepted_at,
                row.closed_at,
                row.response_min,
                row.flagged,
            ) == (
                state.ticket,
                state.category,
                state.status,
                state.ordered_at,
                state.departs_at,
                state.accepted_at,
                closed,
                response,
                state.flagged,
            )
            assert row.day == state.ordered_at.astimezone(tz).date().isoformat()
        else:
            wish = fold_wish(events)
            if wish is None:
                assert (row.status, row.made_at, row.ticket) == (None, None, None)
                continue
            assert (row.ticket, row.category, row.status, row.made_at, row.closed_at) == (
                wish.ticket,
                wish.category,
                wish.status,
                wish.submitted_at,
                wish.answered_at if wish.status == "answered" else None,
            )


def _check_lots_against_the_fold(hub: Hub) -> None:
    """Each lot's row is `fold_lot` of every stored event of that lot: its expiry, and its
    stock the sum of its day changes (and up to a day, the fold of that day's events)."""
    database = hub.app.state.database
    tz = hub.app.state.tz
    with database.read() as session:
        stored = session.scalars(
            select(HubEvent).where(HubEvent.kind.startswith("medicine."))
        ).all()
        lots = {r.lot_id: r for r in session.scalars(select(MedicineLot)).all()}
        days = session.scalars(select(MedicineLotDay)).all()
    by_lot: dict[str, list[Any]] = {}
    for row in stored:
        by_lot.setdefault(row.payload["lot_id"], []).append(
            as_event({c: getattr(row, c) for c in read_models_columns()})
        )
    assert {d.lot_id for d in days} == set(by_lot)
    for lot_id, events in by_lot.items():
        state = fold_lot(events)
        mine = [d for d in days if d.lot_id == lot_id]
        if state is None:  # no restock yet: the lot is not known, its changes are kept
            assert lot_id not in lots
            continue
        assert lots[lot_id].expiry == state.expiry.isoformat()
        assert sum(d.change for d in mine) == state.quantity
        for day in {d.day for d in mine}:
            upto = [e for e in events if e.occurred_at.astimezone(tz).date().isoformat() <= day]
            folded = fold_lot(upto)
            changes = sum(d.change for d in mine if d.day <= day)
            assert changes == (folded.quantity if folded else changes)


def _check_against_the_fold(hub: Hub) -> None:
    """Each shift's row is `fold_shift` of every stored event of that shift (and each lot's
    and ticket's row its own fold's)."""
    _check_lots_against_the_fold(hub)
    _check_tickets_against_the_fold(hub)
    database = hub.app.state.database
    rule = hours_rule(hub.app.state.settings)
    with database.read() as session:
        stored = session.scalars(select(HubEvent).where(HubEvent.kind.startswith("shift."))).all()
        facts = {r.shift_id: r for r in session.scalars(select(ShiftFact)).all()}
    by_shift: dict[str, list[Any]] = {}
    for row in stored:
        by_shift.setdefault(row.payload["shift_id"], []).append(
            as_event({c: getattr(row, c) for c in read_models_columns()})
        )
    assert set(by_shift) == set(facts)
    for shift_id, events in by_shift.items():
        state = fold_shift(events)
        assert state is not None
        fact = facts[shift_id]
        assert (fact.status, fact.minutes, fact.flagged) == (
            state.status,
            state.minutes or 0,
            state.flagged,
        )
        assert fact.credited == credited_minutes(state.minutes or 0, rule)
    _check_hours_months_against_the_shifts(hub)


def _check_hours_months_against_the_shifts(hub: Hub) -> None:
    """`shift_hours_monthly` is the counted shifts (a day, not cancelled) of `shift_facts`
    summed by station, volunteer and month: no month without a shift, none missing."""
    with hub.app.state.database.read() as session:
        facts = session.scalars(select(ShiftFact)).all()
        held = {tuple(r) for r in session.execute(select(ShiftHoursMonthly.__table__))}
    sums: dict[tuple[str, str, str], list[int]] = {}
    for f in facts:
        if f.day is not None and f.status != "cancelled":
            line = sums.setdefault((f.station_id, f.volunteer_id, f.day[:7]), [0, 0, 0, 0])
            for i, v in enumerate((1, f.minutes, f.credited, int(f.flagged))):
                line[i] += v
    assert held == {(*k, *v) for k, v in sums.items()}
    # h0026's layers: each station's month is its volunteers' lines summed, and each
    # volunteer's year has a bit for every month holding their line, and no other
    with hub.app.state.database.read() as session:
        stations = {tuple(r) for r in session.execute(select(ShiftHoursStationMonthly.__table__))}
        years = {tuple(r) for r in session.execute(select(ShiftHoursVolunteerYear.__table__))}
    per_station: dict[tuple[str, str], list[int]] = {}
    masks: dict[tuple[str, str, str], int] = {}
    for (station, volunteer, month), line in sums.items():
        held_line = per_station.setdefault((station, month), [0, 0, 0, 0])
        for i, v in enumerate(line):
            held_line[i] += v
        year = (station, volunteer, month[:4])
        masks[year] = masks.get(year, 0) | 1 << (int(month[5:]) - 1)
    assert stations == {(*k, *v) for k, v in per_station.items()}
    assert years == {(*k, v) for k, v in masks.items()}


def _check_usage_against_the_events(hub: Hub) -> None:
    """Every 人次 table is the kiosks' rule (`use_line`) over the stored uses: each group's
    lines by day and month, each station's by day and month, each group's days of a year."""
    database = hub.app.state.database
    with database.read() as session:
        stored = session.scalars(select(HubEvent).where(HubEvent.kind == "service.used")).all()
        tables = {
            model: {tuple(r) for r in session.execute(select(model.__table__)).all()}
            for model in (
                UsageDaily,
                UsageMonthly,
                UsageStationDaily,
                UsageStationMonthly,
                UsageGroup,
            )
        }
    sums: dict[Any, dict[tuple[str, ...], list[int]]] = {m: {} for m in tables}
    days: dict[tuple[str, ...], set[int]] = {}
    for row in stored:
        (day, service, audience), people = use_line(row.payload)
        for model, key in (
            (UsageDaily, (row.station_id, day, service, audience)),
            (UsageMonthly, (row.station_id, day[:7], service, audience)),
            (UsageStationDaily, (day, row.station_id)),
            (UsageStationMonthly, (day[:7], row.station_id)),
        ):
            line = sums[model].setdefault(key, [0, 0])
            line[0] += people
            line[1] += 1
        for year, bit in day_bits(day):
            days.setdefault((year, row.station_id, service, audience), set()).add(bit)
    for model, lines in sums.items():
        if model is not UsageGroup:
            assert tables[model] == {(*k, p, n) for k, (p, n) in lines.items()}, model
    bits = {
        (*key, "".join("1" if i in slots else "0" for i in range(2 * USAGE_DAY_SLOTS)))
        for key, slots in days.items()
    }
    assert tables[UsageGroup] == bits


def read_models_columns() -> tuple[str, ...]:
    return ("id", "kind", "station_id", "kiosk_id", "seq", "occurred_at", "actor", "payload")


def _push_in_batches(kiosk: Kiosk, events: list[dict[str, Any]], cuts: list[int]) -> None:
    """`events` in batches cut at `cuts`; every other batch is sent twice (a lost reply)."""
    edges = sorted({0, len(events), *(c % (len(events) + 1) for c in cuts)})
    for n, (a, b) in enumerate(itertools.pairwise(edges)):
        for _ in range(1 + n % 2):
            response = kiosk.push(events[a:b])
            assert response.status_code == 200, response.text


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=25), cuts=st.lists(st.integers(0, 30)))
def test_live_read_models_equal_a_rebuild(hub: Hub, steps: list[Any], cuts: list[int]) -> None:
    run = next(_runs)
    kiosks = [hub.enrol(f"k-{run}-a"), hub.enrol(f"k-{run}-b")]
    written: list[list[dict[str, Any]]] = [[], []]
    for which, what in steps:
        written[which].append(_event(kiosks[which], run, what))
    # interleave the two kiosks' pushes: a's first half, b's whole, a's rest
    half = len(written[0]) // 2
    _push_in_batches(kiosks[0], written[0][:half], cuts)
    _push_in_batches(kiosks[1], written[1], cuts)
    _push_in_batches(kiosks[0], written[0][half:], cuts)

    live = _tables(hub)
    _check_against_the_fold(hub)
    _check_usage_against_the_events(hub)
    read_models.rebuild(hub.app.state.database, hub.app.state.settings)
    assert _tables(hub) == live


def test_rebuild_command_refills_the_tables(
    hub: Hub, monkeypatch: Any, capsys: Any, database_url: str
) -> None:
    kiosk = hub.enrol("k-cli")
    shift = {"shift_id": "sh-cli", "volunteer_id": "v-1", "method": "badge"}
    events = kiosk.write(1, kind="shift.checked_in", payload=shift, occurred_at=START)
    events += kiosk.write(
        1, kind="shift.checked_out", payload=shift, occurred_at=START + timedelta(minutes=95)
    )
    use = {"use_id": "u-cli", "service_id": "water", "count": 3, "day": "2026-11-20"}
    events += kiosk.write(1, kind="service.used", payload=use)
    assert kiosk.push(events).status_code == 200
    live = _tables(hub)
    # the use's day line and month line, its station's day and month, its group's two rows
    # the shift, its volunteer's month, its station's month, its volunteer's year (h0026)
    assert len(live[0]) == 6 and len(live[1]) == 4
    assert ("shift_hours_volunteer_years", STATION, "v-1", "2026", 1 << 10) in live[1]
    with hub.app.state.database.write() as session:  # as if the tables were lost
        session.execute(UsageDaily.__table__.delete())
        session.execute(UsageMonthly.__table__.delete())
        session.execute(UsageStationDaily.__table__.delete())
        session.execute(UsageStationMonthly.__table__.delete())
        session.execute(UsageGroup.__table__.delete())
        session.execute(ShiftFact.__table__.delete())
        session.execute(ShiftHoursStationMonthly.__table__.delete())
        session.execute(ShiftHoursVolunteerYear.__table__.delete())
    monkeypatch.setenv("HUB_DATABASE_URL", database_url)
    monkeypatch.setenv("HUB_DATA_DIR", str(hub.app.state.settings.data_dir))
    assert cli.main(["rebuild-read-models"]) == 0
    assert "3 events" in capsys.readouterr().out
    assert _tables(hub) == live
    assert {
        (STATION, "2026-11-20", "water", "none", 3, 1),
        ("month", STATION, "2026-11", "water", "none", 3, 1),
        ("station_day", "2026-11-20", STATION, 3, 1),
        ("station_month", "2026-11", STATION, 3, 1),
        ("group", "2026", STATION, "water", "none", "0" * 790 + "1" + "0" * 45),
        ("group", "2027", STATION, "water", "none", "0" * 372 + "1" + "0" * 463),
    } == live[0]


def test_a_hub_upgraded_past_h0009_fills_its_read_models_from_its_events(
    settings: Any, database_url: str
) -> None:
    """A hub at h0008 that already holds a use and a whole shift: starting the new version
    (migration h0009 and the rebuild) shows them in the read models; and h0009 goes down."""
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0008")
        shift = {"shift_id": "sh-old", "volunteer_id": "v-1", "method": "badge"}
        rows = [
            (
                "service.used",
                START,
                {
                    "use_id": "u-o",
                    "service_id": "tea",
                    "audience": "rider",
                    "count": 2,
                    "day": "2026-11-20",
                },
            ),
            ("shift.checked_in", START, shift),
            ("shift.checked_out", START + timedelta(minutes=61), shift),
        ]
        with engine.begin() as db:  # the events table as h0008 has it (h0009 leaves it be)
            for seq, (kind, at, payload) in enumerate(rows, 1):
                db.execute(
                    HubEvent.__table__.insert().values(
                        id=f"e-{seq}",
                        station_id=STATION,
                        kiosk_id="k-old",
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
    app = create_app(settings)  # migrates to head, then folds the old events once
    try:
        with app.state.database.read() as session:
            usage = session.execute(select(UsageDaily.__table__)).all()
            fact = session.scalars(select(ShiftFact)).one()
        assert [tuple(u) for u in usage] == [(STATION, "2026-11-20", "tea", "rider", 2, 1)]
        assert (fact.shift_id, fact.minutes, fact.credited, fact.status) == (
            "sh-old",
            61,
            60,
            "closed",
        )
    finally:
        app.state.database.dispose()
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0008", down=True)
        with engine.begin() as db:
            assert db.execute(text("SELECT count(*) FROM events")).scalar() == 3
    finally:
        engine.dispose()


def test_two_exits_pushing_one_shift_at_once_fold_it_whole(hub: Hub) -> None:
    """Check-ins pushed by one kiosk while the other exit pushes the same shifts' check-outs, at
    the same time: every shift ends closed with its minutes (on PostgreSQL the second push's
    compare-and-set misses and it refolds from the first's row), and equals a rebuild."""
    inn, out = hub.enrol("k-in"), hub.enrol("k-out")
    shifts = 300
    for n in range(shifts):
        shift = {"shift_id": f"sh-race-{n}", "volunteer_id": f"v-{n % 7}", "method": "badge"}
        inn.write(1, kind="shift.checked_in", payload=shift, occurred_at=START)
        out.write(
            1,
            kind="shift.checked_out",
            payload=shift,
            occurred_at=START + timedelta(minutes=30 + n % 60),
        )

    def push_all(kiosk: Kiosk) -> None:
        with httpx.Client(base_url=str(hub.client.base_url), timeout=60) as client:
            for i in range(0, shifts, 25):
                body = {"kiosk_id": kiosk.kiosk_id, "events": kiosk.events[i : i + 25]}
                response = client.post("/v1/sync/push", json=body, headers=kiosk.auth)
                assert response.status_code == 200, response.text

    with ThreadPoolExecutor(2) as pool:
        for done in [pool.submit(push_all, inn), pool.submit(push_all, out)]:
            done.result()

    with hub.app.state.database.read() as session:
        facts = session.scalars(select(ShiftFact)).all()
    assert len(facts) == shifts
    assert all(f.status == "closed" and len(f.events) == 2 for f in facts)
    assert sorted(f.minutes for f in facts) == sorted(30 + n % 60 for n in range(shifts))
    live = _tables(hub)
    read_models.rebuild(hub.app.state.database, hub.app.state.settings)
    assert _tables(hub) == live


def test_a_refused_push_folds_nothing(hub: Hub) -> None:
    """A batch after a gap (409) or sent twice is not counted: only stored events are folded."""
    kiosk = hub.enrol("k-gap")
    use = {"service_id": "water", "audience": "rider", "count": 2, "day": "2026-11-20"}
    first = kiosk.write(1, kind="service.used", payload={"use_id": "u-1", **use})
    assert kiosk.push(first).status_code == 200
    assert kiosk.push(first).status_code == 200  # a lost reply: sent again
    kiosk.write(1, kind="service.used", payload={"use_id": "u-2", **use})
    third = kiosk.write(1, kind="service.used", payload={"use_id": "u-3", **use})
    gap = kiosk.push(third)
    assert gap.status_code == 409 and gap.json()["expected_seq"] == 2
    usage, *_ = _tables(hub)
    assert usage == {
        (STATION, "2026-11-20", "water", "rider", 2, 1),
        ("month", STATION, "2026-11", "water", "rider", 2, 1),
        ("station_day", "2026-11-20", STATION, 2, 1),
        ("station_month", "2026-11", STATION, 2, 1),
        ("group", "2026", STATION, "water", "rider", "0" * 790 + "1" + "0" * 45),
        ("group", "2027", STATION, "water", "rider", "0" * 372 + "1" + "0" * 463),
    }


def test_a_row_of_the_first_slice_keeping_whole_events_is_refolded(hub: Hub) -> None:
    """Rows written before `shift_facts` kept only event ids held the events themselves: a
    check-out pushed after the upgrade still finds its check-in (by the kept object's id) and
    the row is rewritten with ids."""
    kiosk = hub.enrol("k-old-row")
    shift = {"shift_id": "sh-old-row", "volunteer_id": "v-1", "method": "badge"}
    checked_in = kiosk.write(1, kind="shift.checked_in", payload=shift, occurred_at=START)
    assert kiosk.push(checked_in).status_code == 200
    with hub.app.state.database.write() as session:  # the first slice's shape of the row
        session.execute(
            ShiftFact.__table__.update().values(events=[{**checked_in[0], "extra": "kept"}])
        )
    checked_out = kiosk.write(
        1, kind="shift.checked_out", payload=shift, occurred_at=START + timedelta(minutes=50)
    )
    assert kiosk.push(checked_out).status_code == 200
    with hub.app.state.database.read() as session:
        fact = session.scalars(select(ShiftFact)).one()
    assert (fact.status, fact.minutes, fact.credited) == ("closed", 50, 45)
    assert sorted(fact.events) == sorted([checked_in[0]["id"], checked_out[0]["id"]])
    _check_against_the_fold(hub)


def test_a_hub_upgraded_past_h0012_fills_the_medicine_lots_from_its_events(
    settings: Any, database_url: str
) -> None:
    """A hub at h0011 holding a box's restock and dispense: starting the new version (h0012
    and the rebuild) shows the lot and its stock by day; and h0012 goes down."""
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0011")
        lot = {"lot_id": "gauze:G1", "item_id": "gauze", "batch": "G1"}
        rows = [
            ("medicine.restocked", START, {**lot, "quantity": 8, "expiry": "2027-03-31"}),
            (
                "medicine.dispensed",
                START + timedelta(days=1),
                {**lot, "quantity": 3, "reason": "cut_graze"},
            ),
        ]
        with engine.begin() as db:
            for seq, (kind, at, payload) in enumerate(rows, 1):
                db.execute(
                    HubEvent.__table__.insert().values(
                        id=f"m-{seq}",
                        station_id=STATION,
                        kiosk_id="k-old",
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
        with app.state.database.read() as session:
            lots = session.execute(select(MedicineLot.expiry)).scalars().all()
            days = session.execute(
                select(MedicineLotDay.day, MedicineLotDay.change).order_by(MedicineLotDay.day)
            ).all()
        assert lots == ["2027-03-31"]
        assert [tuple(d) for d in days] == [("2026-11-20", 8), ("2026-11-21", -3)]
    finally:
        app.state.database.dispose()
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0011", down=True)
        with engine.begin() as db:
            assert db.execute(text("SELECT count(*) FROM events")).scalar() == 2
    finally:
        engine.dispose()


def test_two_kiosks_pushing_one_request_at_once_fold_it_whole(hub: Hub) -> None:
    """Orders pushed by one kiosk while the other pushes the same requests' accepts, at the
    same time: every request ends accepted with its minutes to accept (on PostgreSQL the
    second push's compare-and-set misses and it refolds from the first's row), and equals a
    rebuild."""
    front, back = hub.enrol("k-front"), hub.enrol("k-back")
    requests = 300
    for n in range(requests):
        order = {"request_id": f"r-race-{n}", "ticket": f"{300_000 + n}", "category": "luggage"}
        front.write(1, kind="request.ordered", payload=order | {"channel": "kiosk"})
        front.events[-1]["occurred_at"] = START.isoformat()
        back.write(
            1,
            kind="request.accepted",
            payload={"request_id": f"r-race-{n}", "volunteer_id": "v-1"},
            occurred_at=START + timedelta(minutes=1 + n % 20),
        )
    front.events[:] = [e | {"occurred_at": START.isoformat()} for e in front.events]

    def push_all(kiosk: Kiosk) -> None:
        with httpx.Client(base_url=str(hub.client.base_url), timeout=60) as client:
            for i in range(0, requests, 25):
                body = {"kiosk_id": kiosk.kiosk_id, "events": kiosk.events[i : i + 25]}
                response = client.post("/v1/sync/push", json=body, headers=kiosk.auth)
                assert response.status_code == 200, response.text

    with ThreadPoolExecutor(2) as pool:
        for done in [pool.submit(push_all, front), pool.submit(push_all, back)]:
            done.result()

    with hub.app.state.database.read() as session:
        rows = session.scalars(select(TicketFact)).all()
    assert len(rows) == requests
    assert all(r.status == "accepted" and len(r.events) == 2 for r in rows)
    assert sorted(r.response_min or 0 for r in rows) == sorted(
        float(1 + n % 20) for n in range(requests)
    )
    live = _tables(hub)
    read_models.rebuild(hub.app.state.database, hub.app.state.settings)
    assert _tables(hub) == live


def test_the_centre_and_the_phone_acting_on_tickets_are_folded(hub: Hub) -> None:
    """Events the hub writes itself go through the same fold: a request ordered on a phone,
    assigned at the centre, completed at a kiosk and rated on the phone; a wish answered at the
    centre. The rows follow each step, and the centre's list shows only what is still open."""
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    on_duty(hub)
    request = ticket_of(hub.client.post(f"/s/{STATION}/water/help", data={"category": "lost"}))
    wish = ticket_of(
        hub.client.post(f"/s/{STATION}/water/wish", data={"category": "job", "text": "找工作"})
    )

    row = functools.partial(_row, hub)
    assert (row(request).status, row(request).channel, row(wish).status) == (
        "ordered",
        "phone",
        "received",
    )
    boss = signed_in(hub, "boss")
    try:
        _act_at_the_centre(hub, boss, request, wish)
    finally:
        boss.close()
    _check_tickets_against_the_fold(hub)


def _row(hub: Hub, ticket: str) -> TicketFact:
    with hub.app.state.database.read() as session:
        return session.scalars(select(TicketFact).where(TicketFact.ticket == ticket)).one()


def _act_at_the_centre(hub: Hub, boss: httpx.Client, request: str, wish: str) -> None:
    """Assign the request and answer the wish at the centre, complete the request at a
    kiosk and rate it on the phone: each step shows in the rows and in the open list."""
    row = functools.partial(_row, hub)
    listed = boss.get("/centre/tickets")
    assert "共 2 张" in listed.text and "紧急" in listed.text  # a lost child: urgent
    base = f"/centre/tickets/{STATION}"
    token = csrf_of(boss.get(f"{base}/{request}").text)
    assigned = boss.post(f"{base}/{request}/assign", data={"csrf": token, "volunteer": "v-1"})
    assert assigned.status_code == 200
    assert row(request).status == "accepted" and row(request).accepted_at is not None
    answered = boss.post(f"{base}/{wish}/answer", data={"csrf": token, "answer": "周五招聘会"})
    assert answered.status_code == 200
    assert row(wish).status == "answered" and row(wish).closed_at is not None
    assert "共 1 张" in boss.get("/centre/tickets").text

    kiosk = hub.enrol("k-done")
    request_id = row(request).aggregate_id
    done = kiosk.write(
        1,
        kind="request.completed",
        payload={"request_id": request_id, "volunteer_id": "v-1"},
        occurred_at=(row(request).accepted_at or START) + timedelta(minutes=5),
    )
    assert kiosk.push(done).status_code == 200
    assert row(request).status == "completed"
    rated = hub.client.post(f"/t/{STATION}/{request}/rate", data={"rating": "good"})
    assert rated.status_code in (200, 303), rated.text
    assert row(request).status == "rated" and len(row(request).events) == 4
    assert "共 0 张" in boss.get("/centre/tickets").text


def test_a_hub_upgraded_past_h0013_fills_the_tickets_from_its_events(
    settings: Any, database_url: str
) -> None:
    """A hub at h0012 holding a request ordered and accepted and a wish: starting the new
    version (h0013 and the rebuild) shows both tickets folded; and h0013 goes down."""
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0012")
        order = {"request_id": "r-old", "ticket": "123456", "category": "luggage"}
        rows = [
            ("request.ordered", START, order | {"channel": "kiosk"}),
            (
                "request.accepted",
                START + timedelta(minutes=4),
                {"request_id": "r-old", "volunteer_id": "v-1"},
            ),
            (
                "wish.submitted",
                START,
                {"wish_id": "w-old", "ticket": "654321", "category": "rest", "channel": "kiosk"},
            ),
        ]
        with engine.begin() as db:
            for seq, (kind, at, payload) in enumerate(rows, 1):
                db.execute(
                    HubEvent.__table__.insert().values(
                        id=f"t-{seq}",
                        station_id=STATION,
                        kiosk_id="k-old",
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
        with app.state.database.read() as session:
            found = session.execute(
                select(TicketFact.ticket, TicketFact.status, TicketFact.response_min).order_by(
                    TicketFact.ticket
                )
            ).all()
        assert [tuple(f) for f in found] == [
            ("123456", "accepted", 4.0),
            ("654321", "received", None),
        ]
    finally:
        app.state.database.dispose()
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0012", down=True)
        with engine.begin() as db:
            assert db.execute(text("SELECT count(*) FROM events")).scalar() == 3
    finally:
        engine.dispose()


def _stored_with_its_fold(connection: Any, event: dict[str, Any], hub: Hub) -> None:
    """Store one event and fold it, in `connection`'s transaction (as a push does)."""
    at = datetime.fromisoformat(event["occurred_at"])
    row = {k: event[k] for k in ("id", "kind", "station_id", "kiosk_id", "seq", "payload")}
    connection.execute(
        HubEvent.__table__.insert().values(**row, occurred_at=at, received_at=at, actor=None)
    )
    if connection.dialect.name == "postgresql":  # and its key, as every writer there (h0014)
        key = {k: row[k] for k in ("id", "kiosk_id", "seq")}
        connection.execute(EventKey.__table__.insert().values(**key, received_at=at))
    context = read_models.ReadContext.of(hub.app.state.settings)
    read_models.apply(connection, [as_event(row | {"occurred_at": at})], context)


def test_a_fold_that_raced_another_refolds_with_its_events(hub: Hub, backend: str) -> None:
    """PostgreSQL, two transactions on one ticket: the accept's fold reads no row (the order's
    is not committed yet), then its write waits for the order's; once that commits, the
    compare-and-set misses and the accept's fold reads the row again and refolds both events,
    instead of overwriting the order with a row of the accept alone."""
    if backend != "postgresql":
        return  # SQLite has one writer: nothing can race
    front, back = hub.enrol("k-race-front"), hub.enrol("k-race-back")
    order = {"request_id": "r-cas", "ticket": "424242", "category": "luggage", "channel": "kiosk"}
    ordered = front.write(1, kind="request.ordered", payload=order, occurred_at=START)[0]
    accept = {"request_id": "r-cas", "volunteer_id": "v-1"}
    at = START + timedelta(minutes=7)
    accepted = back.write(1, kind="request.accepted", payload=accept, occurred_at=at)[0]
    engine = hub.app.state.database.engine
    with engine.connect() as first, engine.connect() as second:
        first.begin()
        _stored_with_its_fold(first, ordered, hub)  # the row is made, not committed
        pid = second.execute(text("SELECT pg_backend_pid()")).scalar_one()  # (autobegins)

        def accept_it() -> None:
            _stored_with_its_fold(second, accepted, hub)
            second.commit()

        with ThreadPoolExecutor(1) as pool:
            racing = pool.submit(accept_it)
            waiting = text(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE pid = :pid AND wait_event_type = 'Lock'"
            )
            with engine.connect() as watch:  # until the accept's write waits for the order's
                while not watch.execute(waiting, {"pid": pid}).scalar_one():
                    assert not racing.done(), racing.exception()
            first.commit()
            racing.result()
    with hub.app.state.database.read() as session:
        row = session.scalars(select(TicketFact)).one()
    assert (row.status, row.ticket, row.response_min, row.version) == (
        "accepted",
        "424242",
        7.0,
        2,
    )
    assert sorted(row.events) == sorted([ordered["id"], accepted["id"]])
