"""The volunteer's fold with the centre's events: the latest setup code, spent by the PIN set
that names its hash whatever the clocks say of the order, and the latest of deactivated and
reactivated. Two kiosks holding the same events fold the same roster entry, in any order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.events import Event
from kiosk.features.volunteers.domain.folds import fold_volunteer

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
HUB = "hub:st"
CODE_A, CODE_B = "scrypt$a" + "0" * 20, "scrypt$b" + "0" * 20


def _event(n: int, kind: str, kiosk: str, minutes: int, **payload: object) -> Event:
    return Event(f"e{n}", kind, "st", kiosk, n, T0 + timedelta(minutes=minutes), None, payload)


def _history() -> list[Event]:
    expires = (T0 + timedelta(days=7)).isoformat()
    return [
        _event(1, "volunteer.registered", HUB, 0, volunteer_id="v1", name="王芳", number="N-1"),
        _event(
            2,
            "volunteer.setup_code_issued",
            HUB,
            1,
            volunteer_id="v1",
            code_hash=CODE_A,
            expires_at=expires,
        ),
        # The kiosk's clock is an hour behind the hub's: its PIN still spends code A.
        _event(
            3,
            "volunteer.pin_set",
            "k1",
            -60,
            volunteer_id="v1",
            pin_hash="p" * 20,
            setup_code_hash=CODE_A,
        ),
        _event(4, "volunteer.deactivated", HUB, 10, volunteer_id="v1"),
        _event(5, "volunteer.reactivated", HUB, 20, volunteer_id="v1"),
        _event(
            6,
            "volunteer.setup_code_issued",
            HUB,
            30,
            volunteer_id="v1",
            code_hash=CODE_B,
            expires_at=expires,
        ),
    ]


def test_a_code_is_spent_by_the_pin_that_names_it_and_reactivation_counts() -> None:
    events = _history()
    first = fold_volunteer(events[:3])
    assert first is not None and first.setup_hash == CODE_A
    assert first.setup_used_at == T0 - timedelta(minutes=60)  # spent, clocks notwithstanding
    assert first.pin_hash == "p" * 20
    deactivated = fold_volunteer(events[:4])
    assert deactivated is not None and not deactivated.active
    state = fold_volunteer(events)
    assert state is not None and state.active  # reactivated later
    assert state.setup_hash == CODE_B and state.setup_used_at is None  # a reset: pending again
    assert state.setup_expires_at == T0 + timedelta(days=7)


@given(st.permutations(_history()))
def test_any_arrival_order_folds_the_same(events: list[Event]) -> None:
    assert fold_volunteer(events) == fold_volunteer(_history())


def test_the_event_log_never_shows_a_setup_code_hash() -> None:
    from kiosk.features.admin.logs import _details

    pin_set = '{"volunteer_id": "v1", "pin_hash": "scrypt$x", "setup_code_hash": "scrypt$y"}'
    issued = '{"volunteer_id": "v1", "code_hash": "scrypt$z", "expires_at": "2026-11-09"}'
    assert _details(pin_set, unmasked=True) == "volunteer_id=v1"
    assert _details(issued, unmasked=True) == "volunteer_id=v1 expires_at=2026-11-09"
