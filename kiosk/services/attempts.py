"""Wrong-attempt counting shared by PIN and admin logins (local security state, not events)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from kiosk.domain.errors import KioskError, Locked, ValidationError
from kiosk.domain.secrets import AttemptState, GrowingLockout, LockoutPolicy
from kiosk.store import queries
from kiosk.store.models import AttemptRow


def _state(session: Session, subject: str) -> AttemptState:
    row = queries.attempt(session, subject)
    if row is None:
        return AttemptState()
    return AttemptState(failures=row.failures, locked_until=row.locked_until)


def check_not_locked(session: Session, subject: str, now: datetime) -> None:
    """Raise Locked, with the minutes left, while `subject` is locked."""
    state = _state(session, subject)
    if state.is_locked(now) and state.locked_until is not None:
        raise locked_error(state.locked_until - now)


def locked_error(left: timedelta) -> Locked:
    """The message for a locked subject: seconds under a minute, else whole minutes left."""
    seconds = max(1, int(left.total_seconds() + 0.999))
    if seconds < 60:
        return Locked(
            f"密码错误次数过多，已锁定，请 {seconds} 秒后再试",
            f"Too many wrong PINs: locked, try again in {seconds} s",
        )
    minutes = max(1, int(left.total_seconds() + 59) // 60)
    return Locked(
        f"密码错误次数过多，已锁定，请 {minutes} 分钟后再试",
        f"Too many wrong PINs: locked, try again in {minutes} min",
    )


def wrong_pin_error(left: int, policy: LockoutPolicy) -> KioskError:
    """Raised after the failure was committed: a lock on the last try, else tries left."""
    if left == 0:
        return locked_error(policy.lock_for)
    return ValidationError(f"密码不正确，还可尝试 {left} 次", f"Wrong PIN: {left} tries left")


def record_failure(session: Session, subject: str, now: datetime, policy: LockoutPolicy) -> int:
    """Count one wrong attempt; returns attempts left before the lock (0 = now locked)."""
    state = _state(session, subject).after_failure(now, policy)
    session.merge(
        AttemptRow(subject=subject, failures=state.failures, locked_until=state.locked_until)
    )
    return max(0, policy.max_failures - state.failures)


def record_success(session: Session, subject: str) -> None:
    row = queries.attempt(session, subject)
    if row is not None:
        session.delete(row)


def record_growing_failure(
    session: Session, subject: str, now: datetime, policy: GrowingLockout
) -> AttemptState:
    """Count one wrong attempt under a growing lockout; returns the new state."""
    state = policy.after_failure(_state(session, subject), now)
    session.merge(
        AttemptRow(subject=subject, failures=state.failures, locked_until=state.locked_until)
    )
    return state


def growing_error(state: AttemptState, now: datetime, policy: GrowingLockout) -> KioskError:
    """After a wrong attempt under a growing lockout: the lock's length, or tries left."""
    if state.locked_until is not None:
        return locked_error(state.locked_until - now)
    left = policy.tries_left(state.failures)
    return ValidationError(f"密码不正确，还可尝试 {left} 次", f"Wrong PIN: {left} tries left")
