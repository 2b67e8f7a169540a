"""The order every kiosk agrees on, and every fold of shared state folding the same in any
arrival order (DESIGN §3, §7): pure, so the hub's read models and the kiosks agree too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.events import Event, aggregate_of, validate_payload
from kiosk.core.order import agreed_order
from kiosk.features.admin.domain import fold_admin_account
from kiosk.features.charging.domain import fold_charging
from kiosk.features.emergency.domain import fold_emergency
from kiosk.features.incidents.domain import fold_incident
from kiosk.features.lending.domain import fold_loan
from kiosk.features.medicine.domain import fold_lot
from kiosk.features.requests.domain import fold_request, fold_wish
from kiosk.features.shifts.domain import fold_shift
from kiosk.features.volunteers.domain.folds import fold_volunteer
from tests.platform.store.histories import History, station_histories

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Stamp:
    occurred_at: datetime
    kiosk_id: str
    seq: int


stamps = st.lists(
    st.builds(
        Stamp,
        st.integers(0, 30).map(lambda m: T0 + timedelta(minutes=m)),
        st.sampled_from(["a", "b", "c"]),
        st.integers(1, 40),
    ),
    max_size=25,
    unique_by=lambda s: (s.kiosk_id, s.seq),
)


@given(stamps, st.randoms())
def test_the_order_does_not_depend_on_arrival(items: list[Stamp], rng: Any) -> None:
    shuffled = list(items)
    rng.shuffle(shuffled)
    assert agreed_order(shuffled) == agreed_order(items)


@given(stamps, st.integers(0, 30), st.sampled_from(["a", "b", "c"]))
def test_a_late_event_slots_in_and_never_swaps_two_others(
    items: list[Stamp], minute: int, kiosk: str
) -> None:
    late = Stamp(T0 + timedelta(minutes=minute), kiosk, 1_000)
    with_late = agreed_order([*items, late])
    assert [s for s in with_late if s is not late] == agreed_order(items)


def test_time_first_then_the_kiosk_then_its_seq() -> None:
    north_late = Stamp(T0 + timedelta(minutes=9), "north", 1)
    south_tie = Stamp(T0 + timedelta(minutes=5), "south", 3)
    north_tie = Stamp(T0 + timedelta(minutes=5), "north", 8)
    north_tie_first = Stamp(T0 + timedelta(minutes=5), "north", 2)
    ordered = agreed_order([north_late, south_tie, north_tie, north_tie_first])
    assert ordered == [north_tie_first, north_tie, south_tie, north_late]


def _event(kind: str, payload: dict[str, Any], kiosk: str, seq: int, minutes: int) -> Event:
    return Event(
        id=f"{kiosk}-{seq}",
        kind=kind,
        station_id="s1",
        kiosk_id=kiosk,
        seq=seq,
        occurred_at=T0 + timedelta(minutes=minutes),
        actor=None,
        payload=validate_payload(kind, payload).model_dump(mode="json"),
    )


def test_a_shift_checked_out_at_both_exits_folds_the_same_in_either_arrival_order() -> None:
    shift = {"shift_id": "s1", "volunteer_id": "v1"}
    checked_in = _event("shift.checked_in", shift | {"method": "badge"}, "south", 1, 0)
    south_out = _event("shift.checked_out", shift | {"method": "pin"}, "south", 2, 60)
    north_out = _event("shift.checked_out", shift | {"method": "pin"}, "north", 1, 180)
    at_south = fold_shift([checked_in, south_out, north_out])
    at_north = fold_shift([checked_in, north_out, south_out])
    assert at_south == at_north
    assert at_south is not None and at_south.minutes == 60 and at_south.flagged
    assert at_south.checkout_kiosk_id == "south"


FOLDS: dict[str, Callable[[list[Event]], object]] = {
    "shift.": fold_shift,
    "volunteer.": fold_volunteer,
    "admin.": fold_admin_account,
    "charging.": fold_charging,
    "lending.": fold_loan,
    "medicine.": fold_lot,
    "emergency.": fold_emergency,
    "incident.": fold_incident,
    "request.": fold_request,
    "wish.": fold_wish,
}


def _aggregates(history: History) -> dict[tuple[str, str], list[Event]]:
    grouped: dict[tuple[str, str], list[Event]] = {}
    for event in history.events:
        prefix = event.kind.split(".", 1)[0] + "."
        if prefix in FOLDS:
            key = (prefix, aggregate_of(event.kind, event.payload))
            grouped.setdefault(key, []).append(event)
    return grouped


@pytest.mark.parametrize("prefix", sorted(FOLDS))
@settings(max_examples=60, deadline=None)
@given(history=station_histories("s1"), rng=st.randoms())
def test_every_fold_of_shared_state_ignores_arrival_order(
    prefix: str, history: History, rng: Any
) -> None:
    fold = FOLDS[prefix]
    for (family, _), events in _aggregates(history).items():
        if family != prefix:
            continue
        shuffled = list(events)
        rng.shuffle(shuffled)
        assert fold(shuffled) == fold(events)
        assert fold(list(reversed(events))) == fold(events)
