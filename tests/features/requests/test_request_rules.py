"""Request and wish folds, the winning accept, and escalation with an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.clock import FixedClock
from kiosk.core.errors import ValidationError
from kiosk.core.events import Event
from kiosk.features.requests.domain import (
    Escalation,
    RefusedAccept,
    departure_from_hhmm,
    escalations,
    fold_request,
    fold_wish,
)

T0 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Shanghai")
_seq = [0]


def ev(kind: str, at: timedelta, kiosk: str = "k1", **payload: Any) -> Event:
    _seq[0] += 1
    return Event(f"e{_seq[0]:04d}", kind, "s1", kiosk, _seq[0], T0 + at, None, payload)


def ordered(**extra: Any) -> Event:
    base = {"request_id": "r1", "ticket": "123456", "category": "luggage", "channel": "kiosk"}
    return ev("request.ordered", timedelta(0), **(base | extra))


def accepted(minutes: float, volunteer: str, kiosk: str = "k1") -> Event:
    return ev(
        "request.accepted",
        timedelta(minutes=minutes),
        kiosk,
        request_id="r1",
        volunteer_id=volunteer,
    )


def test_life_cycle_with_response_and_completion_times() -> None:
    events = [
        ordered(train="G1234"),
        accepted(3, "v1"),
        ev(
            "request.completed",
            timedelta(minutes=20),
            request_id="r1",
            volunteer_id="v1",
            note="escorted",
        ),
        ev("request.rated", timedelta(minutes=21), request_id="r1", rating="good"),
    ]
    state = fold_request(events)
    assert state is not None
    assert state.status == "rated" and state.rating == "good"
    assert state.accepted_by == "v1" and state.response_s == 180
    assert state.completion_s == 1200 and state.note == "escorted"
    assert not state.flagged and state.refused == ()


def test_earliest_accept_wins_whatever_the_arrival_order() -> None:
    a = accepted(2, "v1", "k1")
    b = accepted(3, "v2", "k2")
    for arrival in ([ordered(), a, b], [ordered(), b, a]):
        state = fold_request(arrival)
        assert state is not None
        assert state.status == "accepted" and state.accepted_by == "v1"
        assert state.accept_kiosk_id == "k1"
        assert state.refused == (RefusedAccept("v2", "k2"),) and state.flagged


def test_rating_before_completion_and_a_late_cancel_are_flagged_not_applied() -> None:
    state = fold_request(
        [ordered(), ev("request.rated", timedelta(minutes=1), request_id="r1", rating="bad")]
    )
    assert state is not None and state.status == "ordered" and state.flagged
    cancelled = fold_request(
        [ordered(), ev("request.cancelled", timedelta(minutes=1), request_id="r1")]
    )
    assert cancelled is not None and cancelled.status == "cancelled" and not cancelled.is_open


def test_no_order_no_state() -> None:
    assert fold_request([accepted(1, "v1")]) is None
    assert fold_wish([]) is None


@given(st.permutations(range(4)))
def test_fold_is_the_same_for_any_arrival_order_of_accepts(order: list[int]) -> None:
    accepts = [accepted(1 + i, f"v{i}", f"k{i}") for i in range(4)]
    state = fold_request([ordered()] + [accepts[i] for i in order])
    assert state is not None and state.accepted_by == "v0" and len(state.refused) == 3


def test_escalation_after_the_configured_minutes_with_a_fixed_clock() -> None:
    clock = FixedClock(T0)
    within = timedelta(minutes=5)
    assert escalations("ordered", T0, None, clock.now(), within) == ()
    clock.advance(timedelta(minutes=4, seconds=59))
    assert escalations("ordered", T0, None, clock.now(), within) == ()
    clock.advance(timedelta(seconds=1))
    assert escalations("ordered", T0, None, clock.now(), within) == (Escalation.LATE,)
    # Once accepted, lateness no longer escalates; closed requests never do.
    assert escalations("accepted", T0, None, clock.now(), within) == ()
    assert escalations("completed", T0, T0, clock.now(), within) == ()


def test_escalation_when_the_train_leaves_within_an_hour() -> None:
    clock = FixedClock(T0)
    departs = T0 + timedelta(minutes=90)
    within = timedelta(minutes=5)
    assert escalations("accepted", T0, departs, clock.now(), within) == ()
    clock.advance(timedelta(minutes=30))
    assert escalations("accepted", T0, departs, clock.now(), within) == (Escalation.TRAIN,)
    assert escalations("ordered", T0, departs, clock.now(), within) == (
        Escalation.LATE,
        Escalation.TRAIN,
    )


def test_departure_typed_as_hhmm() -> None:
    now = datetime(2026, 11, 2, 15, 30, tzinfo=TZ)  # 15:30 local
    assert departure_from_hhmm("1645", now, TZ) == datetime(2026, 11, 2, 16, 45, tzinfo=TZ)
    late = datetime(2026, 11, 2, 23, 30, tzinfo=TZ)
    assert departure_from_hhmm("0010", late, TZ) == datetime(2026, 11, 3, 0, 10, tzinfo=TZ)
    for bad in ("2460", "1299x", "930", "１２３４"):
        with pytest.raises(ValidationError):
            departure_from_hhmm(bad, now, TZ)


def test_wish_received_in_progress_answered() -> None:
    base = {"wish_id": "w1", "ticket": "654321", "category": "wages", "channel": "phone"}
    submitted = Event("w-a", "wish.submitted", "s1", "hub", 1, T0, None, base | {"text": "hi"})
    progress = Event(
        "w-b",
        "wish.status_set",
        "s1",
        "k1",
        2,
        T0 + timedelta(hours=1),
        None,
        {"wish_id": "w1", "status": "in_progress"},
    )
    answer = Event(
        "w-c",
        "wish.status_set",
        "s1",
        "k1",
        3,
        T0 + timedelta(hours=2),
        None,
        {"wish_id": "w1", "status": "answered", "answer": "Call 12333"},
    )
    assert fold_wish([submitted]).status == "received"  # type: ignore[union-attr]
    state = fold_wish([submitted, answer, progress])  # late arrival: ordered by time
    assert state is not None and state.status == "answered" and state.answer == "Call 12333"
    assert state.answered_at == T0 + timedelta(hours=2)
