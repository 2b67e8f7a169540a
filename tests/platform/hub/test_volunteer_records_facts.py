"""A volunteer's own records and the desk's helper list read the hub's read models (#15), on
SQLite and PostgreSQL: `shift_facts` names the volunteer's shifts (not the station's two years
of shift events folded on every view), `station_roster` names the station's volunteers.

Two kiosks of a station push a volunteer's shifts out of order (a check-out before its
check-in, from the other kiosk; a resend), with a cancelled one, one still open, one flagged
and amended, one older than the page's two years and another volunteer's. What the page shows
equals the kiosks' fold of the station's whole log (the way the page read it before), and a
certificate's earlier `since` reaches the old shift. The desk lists the helpers on duty by the
roster: a volunteer deactivated and then reactivated is listed, one deactivated is not."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.core.clock import FixedClock
from kiosk.features.requests.hub.desk import TicketDesk
from kiosk.features.shifts.domain import credited_minutes, fold_shift
from kiosk.features.shifts.hub import hours_rule
from kiosk.features.volunteer_page.hub import HISTORY, records
from kiosk.platform.hub.hub_events import station_events, to_domain
from tests.platform.hub.conftest import STATION, Hub, Kiosk, wire_event

NOW = datetime.now(UTC).replace(microsecond=0)


def _shift(kiosk: Kiosk, kind: str, shift: str, at: datetime, **extra: Any) -> dict[str, Any]:
    volunteer = extra.pop("volunteer", "v-1")
    payload = {"shift_id": shift, "volunteer_id": volunteer, **extra}
    event = wire_event(kiosk.kiosk_id, len(kiosk.events) + 1, kind=kind, payload=payload)
    event["occurred_at"] = at.isoformat()
    kiosk.events.append(event)
    return event


def _pushed(kiosk: Kiosk, events: list[dict[str, Any]]) -> None:
    response = kiosk.push(events)
    assert response.status_code == 200, response.text
    assert {r["status"] for r in response.json()["results"]} <= {"applied", "duplicate"}


def _from_the_log(hub: Hub, volunteer: str, start: datetime) -> list[tuple[datetime, int, bool]]:
    """The volunteer's services as the page folded them before: every shift event of the
    station since `start`, grouped by shift, each group folded by the kiosks' fold."""
    state = hub.app.state
    with state.database.read() as session:
        rows = station_events(session, "shift.", [STATION], start, None)
        grouped: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            if row.payload.get("volunteer_id") == volunteer:
                grouped[str(row.payload["shift_id"])].append(to_domain(row))
    rule = hours_rule(state.settings)
    out = []
    for events in grouped.values():
        shift = fold_shift(events)
        if shift is None or shift.checked_in_at is None or shift.status in ("open", "cancelled"):
            continue
        out.append((shift.checked_in_at, credited_minutes(shift.minutes or 0, rule), shift.flagged))
    return sorted(out, reverse=True)


def _shown(mine: Any) -> list[tuple[datetime, int, bool]]:
    return [(s.starts.astimezone(UTC), s.credited_minutes, s.to_review) for s in mine.services]


def test_a_volunteers_records_from_shift_facts_equal_the_fold_of_the_log(hub: Hub) -> None:
    south, north = hub.enrol("k-south"), hub.enrol("k-north")
    day = NOW - timedelta(days=10)
    old = NOW - HISTORY - timedelta(days=3)
    badge = {"method": "badge"}
    closed_in = _shift(south, "shift.checked_in", "s-closed", day, **badge)
    closed_out = _shift(
        north, "shift.checked_out", "s-closed", day + timedelta(minutes=190), **badge
    )
    flagged = [
        _shift(south, "shift.checked_in", "s-flagged", day + timedelta(days=1), **badge),
        _shift(
            south,
            "shift.auto_closed",
            "s-flagged",
            day + timedelta(days=1, hours=12),
            credited_minutes=720,
        ),
    ]
    amended = _shift(
        north,
        "shift.amended",
        "s-flagged",
        day + timedelta(days=2),
        minutes=240,
        reason="forgot_checkout",
    )
    cancelled = [
        _shift(south, "shift.checked_in", "s-cancelled", day + timedelta(days=3), **badge),
        _shift(south, "shift.cancelled", "s-cancelled", day + timedelta(days=3, minutes=5)),
    ]
    swept = [
        _shift(south, "shift.checked_in", "s-swept", day + timedelta(days=4), **badge),
        _shift(
            south,
            "shift.auto_closed",
            "s-swept",
            day + timedelta(days=4, hours=12),
            credited_minutes=720,
        ),
    ]
    still_open = _shift(south, "shift.checked_in", "s-open", NOW - timedelta(hours=1), **badge)
    long_ago = [
        _shift(south, "shift.checked_in", "s-old", old, **badge),
        _shift(south, "shift.checked_out", "s-old", old + timedelta(hours=2), **badge),
    ]
    other = [
        _shift(south, "shift.checked_in", "s-li", day, volunteer="v-2", **badge),
        _shift(
            south, "shift.checked_out", "s-li", day + timedelta(hours=5), volunteer="v-2", **badge
        ),
    ]
    _pushed(north, [closed_out])  # the check-out first, from the other kiosk
    _pushed(south, [closed_in, *flagged, *cancelled, *swept, still_open, *long_ago, *other])
    _pushed(north, [amended])
    _pushed(south, [closed_in, *flagged])  # resent

    state = hub.app.state
    mine = records(state.database, state.settings, state.tz, STATION, "v-1", NOW)
    shown = _shown(mine)
    assert shown == _from_the_log(hub, "v-1", NOW - HISTORY)
    assert [(at, flag) for at, _, flag in shown] == [
        (day + timedelta(days=4), True),  # swept: to review
        (day + timedelta(days=1), False),  # swept, then amended to 240 minutes
        (day, False),  # 190 minutes, its check-out pushed before its check-in
    ]
    assert sum(m.services for m in mine.months) == 3

    since = (old - timedelta(days=1)).date()
    earlier = records(state.database, state.settings, state.tz, STATION, "v-1", NOW, since=since)
    assert _shown(earlier) == _from_the_log(hub, "v-1", old - timedelta(days=2))
    assert [at for at, _, _ in _shown(earlier)][-1] == old


def _roster(kiosk: Kiosk, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    event = wire_event(kiosk.kiosk_id, len(kiosk.events) + 1, kind=kind, payload=payload)
    kiosk.events.append(event)
    return event


def test_the_desk_names_the_helpers_on_duty_from_the_roster(hub: Hub) -> None:
    south = hub.enrol("k-south")
    people = [
        ("v-1", "王芳", "FZB-0001"),
        ("v-2", "李强", "FZB-0002"),
        ("v-3", "赵磊", "FZB-0003"),
    ]
    registered = [
        _roster(south, "volunteer.registered", {"volunteer_id": v, "name": n, "number": num})
        for v, n, num in people
    ]
    changes = [
        _roster(south, "volunteer.deactivated", {"volunteer_id": "v-2"}),
        _roster(south, "volunteer.deactivated", {"volunteer_id": "v-3"}),
        _roster(south, "volunteer.reactivated", {"volunteer_id": "v-3"}),
    ]
    on_duty = [
        _shift(
            south,
            "shift.checked_in",
            f"s-{v}",
            NOW - timedelta(hours=1),
            volunteer=v,
            method="badge",
        )
        for v, _, _ in people
    ]
    _pushed(south, [*registered, *changes, *on_duty])

    state = hub.app.state
    desk = TicketDesk(state.database, FixedClock(NOW))
    helpers = desk.on_duty(STATION)
    assert [(h.volunteer_id, h.name, h.number) for h in helpers] == [
        ("v-1", "王芳", "FZB-0001"),
        ("v-3", "赵磊", "FZB-0003"),
    ]
