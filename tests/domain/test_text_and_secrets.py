"""Input checks, phone masking, PIN hashing and the lockout rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.domain.errors import ValidationError
from kiosk.domain.secrets import AttemptState, LockoutPolicy, hash_secret, verify_secret
from kiosk.domain.text import clean_name, clean_phone, clean_pin, mask_phone

NOW = datetime(2026, 11, 2, tzinfo=UTC)


def test_mask_phone() -> None:
    assert mask_phone("13812341234") == "138****1234"


def test_emoji_and_control_names_are_refused() -> None:
    for bad in ["王芳😀", "a\x00b", "", "   ", "名" * 41]:
        with pytest.raises(ValidationError):
            clean_name(bad)
    assert clean_name("  林志远 ") == "林志远"


def test_phone_and_pin_checks() -> None:
    assert clean_phone("138 0000 0001") == "13800000001"
    with pytest.raises(ValidationError):
        clean_phone("12ab")
    with pytest.raises(ValidationError):
        clean_pin("12")


def test_hash_is_salted_and_verifies() -> None:
    first, second = hash_secret("1234"), hash_secret("1234")
    assert first != second and "1234" not in first
    assert verify_secret("1234", first) and not verify_secret("1235", first)
    assert not verify_secret("1234", "not-a-hash")


def test_fifth_failure_locks_for_five_minutes_then_resets() -> None:
    policy = LockoutPolicy()
    state = AttemptState()
    for _ in range(4):
        state = state.after_failure(NOW, policy)
        assert not state.is_locked(NOW)
    state = state.after_failure(NOW, policy)
    assert state.is_locked(NOW + timedelta(minutes=4, seconds=59))
    assert not state.is_locked(NOW + timedelta(minutes=5))
    # after the lock ends the count starts again
    later = state.after_failure(NOW + timedelta(minutes=6), policy)
    assert later.failures == 1 and not later.is_locked(NOW + timedelta(minutes=6))
