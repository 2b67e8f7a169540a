"""Input checks, phone masking, PIN hashing and the lockout rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core.errors import ValidationError
from kiosk.core.secrets import AttemptState, GrowingLockout, hash_secret, verify_secret
from kiosk.core.text import clean_name, clean_phone, clean_pin, mask_phone

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


def test_fifth_failure_locks_and_the_count_outlives_the_lock() -> None:
    policy = GrowingLockout()
    state = AttemptState()
    for _ in range(4):
        state = policy.after_failure(state, NOW)
        assert not state.is_locked(NOW)
    state = policy.after_failure(state, NOW)
    assert state.is_locked(NOW + timedelta(seconds=29))
    assert not state.is_locked(NOW + timedelta(seconds=30))
    # unlike a fixed lock, the count does not start again when the lock ends: the next wrong
    # PIN locks at once, for longer
    later = policy.after_failure(state, NOW + timedelta(minutes=6))
    assert later.failures == 6 and later.is_locked(NOW + timedelta(minutes=6, seconds=59))
