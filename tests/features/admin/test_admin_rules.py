"""Pure admin rules: reviews of a flagged shift land whatever order they arrive in; the admin
account fold; the growing lockout's delays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.errors import KioskError
from kiosk.core.events import Event, validate_payload
from kiosk.core.secrets import AttemptState, GrowingLockout
from kiosk.features.admin.domain import fold_admin_account
from kiosk.features.shifts.domain import fold_shift

T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)
HASH = "scrypt$" + "x" * 40


def event(kind: str, payload: dict[str, Any], minutes: int = 0, seq: int = 1) -> Event:
    validate_payload(kind, payload)
    at = T0 + timedelta(minutes=minutes)
    return Event(f"e-{seq}", kind, "st", "k-1", seq, at, None, payload)


IDS = {"shift_id": "sh-1", "volunteer_id": "v-1"}
CHECKED_IN = event("shift.checked_in", {**IDS, "method": "badge"}, 0, 1)
SWEPT = event("shift.auto_closed", {**IDS, "credited_minutes": 240}, 13 * 60, 2)
AMENDED = event("shift.amended", {**IDS, "minutes": 430, "reason": "forgot_checkout"}, 14 * 60, 3)
APPROVED = event("shift.approved", IDS, 14 * 60 + 5, 4)


@given(st.permutations([CHECKED_IN, SWEPT, AMENDED]))
def test_an_amend_lands_in_any_arrival_order(events: list[Event]) -> None:
    state = fold_shift(events)
    assert state is not None
    assert state.minutes == 430 and state.amended and not state.flagged
    assert state.status == "auto_closed"


def test_approval_clears_the_flag_and_keeps_minutes() -> None:
    state = fold_shift([CHECKED_IN, SWEPT, APPROVED])
    assert state is not None and state.minutes == 240 and not state.flagged
    assert not state.amended


def test_an_approval_after_an_amend_keeps_the_amended_minutes() -> None:
    state = fold_shift([CHECKED_IN, SWEPT, AMENDED, APPROVED])
    assert state is not None and state.minutes == 430 and state.amended


def test_a_review_of_a_shift_still_open_waits_for_its_closing() -> None:
    state = fold_shift([CHECKED_IN, AMENDED])
    assert state is not None and state.status == "open" and state.minutes is None


def test_admin_account_fold() -> None:
    first = event("admin.pin_set", {"role": "station_admin", "pin_hash": HASH})
    assert fold_admin_account([first]) == fold_admin_account([first])
    state = fold_admin_account([first])
    assert state is not None and state.account_id == "station_admin" and state.active
    leader = {
        "account_id": "tl-v-1",
        "name": "Li",
        "role": "team_leader",
        "pin_hash": HASH,
    }
    state = fold_admin_account(
        [
            event("admin.account_set", leader),
            event("admin.account_set", {**leader, "active": False}),
        ]
    )
    assert state is not None and state.role == "team_leader" and not state.active


def test_growing_lockout_delays() -> None:
    policy = GrowingLockout()
    assert [policy.delay_after(n) for n in range(1, 5)] == [None] * 4
    assert [policy.delay_after(n).total_seconds() for n in range(5, 12)] == [  # type: ignore[union-attr]
        30,
        60,
        120,
        300,
        600,
        900,
        900,
    ]
    state = AttemptState()
    for _ in range(5):
        state = policy.after_failure(state, T0)
    assert state.locked_until == T0 + timedelta(seconds=30)
    assert policy.tries_left(3) == 2


def _audit(action: str) -> dict[str, Any]:
    return {
        "audit_id": "a-1",
        "account_id": "station_admin",
        "action": action,
        "target": "",
        "before": {},
        "after": {},
    }


def test_an_audit_of_an_action_added_by_a_later_build_is_kept() -> None:
    """A newer kiosk's audit events sync to older kiosks and hubs: an action name this build
    does not know is valid (shown as text), while a malformed one is still refused."""
    validate_payload("admin.audited", _audit("volunteer_added"))
    validate_payload("admin.audited", _audit("roster_imported_from_xlsx"))  # not an Action yet
    for bad in ("", "Drop Table", "x" * 41, "1st"):
        with pytest.raises((KioskError, ValueError)):
            validate_payload("admin.audited", _audit(bad))
