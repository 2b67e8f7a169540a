"""Requests and wishes over a real SQLite kiosk: life cycle, the second accept, ratings, tickets,
two kiosks whose accepts cross in sync, and wishes with answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Conflict, KioskError, NotFound, ValidationError
from kiosk.core.events import Event
from kiosk.features.requests.domain import Escalation, RequestStatus, WishStatus
from kiosk.features.requests.store import RequestRow
from kiosk.features.uses.store import ServiceUseDayRow
from kiosk.features.volunteers.service.serials import BadgeService
from kiosk.features.wishes.service import canned_answer, lookup
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import seed_demo


def count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


@pytest.fixture
def demo(services: KioskServices) -> KioskServices:
    seed_demo(services)
    return services


def on_duty_ids(services: KioskServices) -> list[str]:
    return [d.volunteer.id for d in services.shifts.on_duty()]


def test_order_accept_complete_rate(demo: KioskServices, clock: FixedClock) -> None:
    v1 = on_duty_ids(demo)[0]
    view = demo.requests.order(
        "wheelchair", train="g1234", departs_hhmm="1030", phone="13912345678", consent=True
    )
    assert view.status is RequestStatus.ORDERED and len(view.ticket) == 6
    assert view.train == "G1234" and view.masked_phone == "139****5678"
    assert demo.requests.open_count() == 1
    clock.advance(timedelta(minutes=2))
    accepted = demo.requests.accept(view.id, v1)
    assert accepted.status is RequestStatus.ACCEPTED and accepted.response_s == 120
    clock.advance(timedelta(minutes=10))
    done = demo.requests.complete(view.id, v1, "escorted")
    assert done.status is RequestStatus.COMPLETED and done.completion_s == 720
    rated = demo.requests.rate(view.id, "good")
    assert rated.status is RequestStatus.RATED and demo.requests.open_count() == 0
    assert lookup(demo.requests, demo.database, f"SKT1.{view.ticket}").id == view.id


def test_bad_input_writes_nothing(demo: KioskServices) -> None:
    v1, v2 = on_duty_ids(demo)[:2]
    view = demo.requests.order("luggage")
    before = count(demo)
    with pytest.raises(Conflict) as refused:
        demo.requests.rate(view.id, "good")
    assert refused.value.zh == "服务完成后才能评价"
    for bad in (
        lambda: demo.requests.order("taxi"),
        lambda: demo.requests.order("luggage", train="X1"),
        lambda: demo.requests.order("luggage", departs_hhmm="2599"),
        lambda: demo.requests.complete(view.id, v1, "escorted"),  # not accepted yet
        lambda: lookup(demo.requests, demo.database, "999999"),
        lambda: lookup(demo.requests, demo.database, "12"),
    ):
        with pytest.raises(KioskError):
            bad()
    demo.requests.accept(view.id, v1)
    before = count(demo)
    with pytest.raises(Conflict) as twice:
        demo.requests.accept(view.id, v2)
    assert "王芳" in twice.value.zh and "cannot be accepted twice" in twice.value.en
    off_duty = next(v.id for v in demo.roster.all() if v.number == "FZB-0008")
    with pytest.raises(ValidationError):
        demo.requests.complete(view.id, off_duty, "helped")
    assert count(demo) == before


def test_unknown_ticket_message(demo: KioskServices) -> None:
    with pytest.raises(NotFound) as unknown:
        lookup(demo.requests, demo.database, "https://hub.example/t/demo-station/555555")
    assert unknown.value.en == "No request or wish has this ticket number; please check it"


def test_escalated_first_in_the_queue(demo: KioskServices, clock: FixedClock) -> None:
    old = demo.requests.order("directions")
    clock.advance(timedelta(minutes=5))
    new = demo.requests.order("luggage")
    queue = demo.requests.open_requests()
    assert [v.id for v in queue] == [old.id, new.id]
    assert queue[0].escalated == (Escalation.LATE,) and queue[1].escalated == ()
    assert demo.requests.escalated_count() == 1


def test_identify_by_badge_and_pin(demo: KioskServices, clock: FixedClock) -> None:
    v1 = on_duty_ids(demo)[0]
    assert demo.requests.identify_badge(demo.get(BadgeService).issue(v1).token).id == v1
    assert demo.requests.identify_pin("13800000002", "1234").name == "李强"
    with pytest.raises(ValidationError):  # registered but not on duty
        demo.requests.identify_pin("13800000008", "1234")
    with pytest.raises(ValidationError):
        demo.requests.identify_pin("13800000002", "9999")


def ingest(services: KioskServices, events: list[Event]) -> None:
    """What a sync pull does: other kiosks' events land in the log and fold in place."""
    with services.database.write() as session:
        for event in events:
            eventlog.ingest(session, event)


def test_two_kiosks_accept_before_sync_the_earlier_wins_everywhere(
    demo: KioskServices, clock: FixedClock
) -> None:
    v1, v2 = on_duty_ids(demo)[:2]
    view = demo.requests.order("medical")
    clock.advance(timedelta(minutes=1))
    demo.requests.accept(view.id, v2)  # here, one minute in
    other = Event(
        "other-kiosk-accept",
        "request.accepted",
        "demo-station",
        "kiosk-north",
        1,
        clock.now() - timedelta(seconds=30),
        v1,
        {"request_id": view.id, "volunteer_id": v1},
    )
    ingest(demo, [other])
    after = demo.requests.get(view.id)
    assert after.accepted_by == "王芳"  # the north kiosk's accept was 30 s earlier
    assert after.refused_here == ("李强",) and after.refused_count == 1
    with demo.database.read() as session:
        row = session.get(RequestRow, view.id)
        assert row is not None and row.flagged and row.accept_kiosk_id == "kiosk-north"


def test_wish_submit_progress_answer(demo: KioskServices) -> None:
    wish = demo.wishes.submit("wages", "  Boss owes 2 months  ")
    assert wish.status is WishStatus.RECEIVED and wish.text == "Boss owes 2 months"
    assert not wish.has_phone
    before = count(demo)
    with pytest.raises(ValidationError):
        demo.wishes.set_status(wish.id, "answered", "station_admin", "")
    with pytest.raises(ValidationError):
        demo.wishes.submit("lottery")
    assert count(demo) == before
    demo.wishes.set_status(wish.id, "in_progress", "station_admin")
    assert [w.id for w in demo.wishes.open_wishes()] == [wish.id]
    answered = demo.wishes.set_status(wish.id, "answered", "station_admin", canned_answer(2))
    assert answered.answer.startswith("劳动维权请拨打 12333")
    found = lookup(demo.requests, demo.database, wish.ticket)
    assert found.id == wish.id and demo.wishes.open_wishes() == []


def test_rebuilt_projections_equal_live_ones(demo: KioskServices, clock: FixedClock) -> None:
    from kiosk.platform.store.store import rebuild_projections
    from tests.platform.store.test_eventlog import _snapshot

    v1 = on_duty_ids(demo)[0]
    views = [demo.requests.order(c, train="D56") for c in ("luggage", "lost", "medical")]
    clock.advance(timedelta(minutes=3))
    demo.requests.accept(views[0].id, v1)
    demo.requests.accept(views[1].id, v1)
    demo.requests.complete(views[1].id, v1, "found")
    demo.requests.rate(views[1].id, "ok")
    wish = demo.wishes.submit("rest", "", "13912345678", consent=True)
    demo.wishes.set_status(wish.id, "answered", "station_admin", "ok")
    live = _snapshot(demo)
    assert live["requests"] and live["wishes"]
    rebuild_projections(demo.database)
    assert _snapshot(demo) == live


def test_demo_help_desk(services: KioskServices) -> None:
    seed_demo(services, help_desk=True)
    queue = services.requests.open_requests()
    assert len(queue) == 2 and queue[0].escalated  # waiting past the configured minutes
    assert len(services.wishes.open_wishes()) == 1


def test_an_order_and_a_wish_count_as_people_served(demo: KioskServices) -> None:
    before = demo.uses.served_today()
    demo.requests.order("lost")
    demo.requests.order("luggage")
    demo.wishes.submit("job")
    assert demo.uses.served_today() == before + 3
    with demo.database.read() as session:
        rows = session.execute(select(ServiceUseDayRow.service_id, ServiceUseDayRow.people)).all()
    assert {(s, p) for s, p in rows} >= {("lost_found", 1), ("volunteer_help", 1), ("wishes", 1)}


def test_a_completion_and_rating_follow_an_accept_stamped_ahead(
    demo: KioskServices, clock: FixedClock
) -> None:
    """The centre assigned the request on the hub, whose clock is 4 minutes ahead of this
    kiosk's: the volunteer's completion and the rating here still come after it in the agreed
    order, so every kiosk folds the request as done and rated."""
    v1 = on_duty_ids(demo)[0]
    view = demo.requests.order("luggage")
    ahead = clock.now() + timedelta(minutes=4)
    assigned = Event(
        "centre-assign",
        "request.accepted",
        "demo-station",
        "hub:demo-station",
        1,
        ahead,
        "centre:boss",
        {"request_id": view.id, "volunteer_id": v1},
    )
    ingest(demo, [assigned])
    done = demo.requests.complete(view.id, v1, "helped")
    assert done.status is RequestStatus.COMPLETED and done.accepted_by is not None
    rated = demo.requests.rate(view.id, "good")
    assert rated.status is RequestStatus.RATED
    with demo.database.read() as session:
        stamped = dict(
            session.execute(
                select(EventRow.kind, EventRow.occurred_at).where(
                    EventRow.kind.in_(("request.completed", "request.rated"))
                )
            ).all()
        )
    assert ahead < stamped["request.completed"] < stamped["request.rated"]
