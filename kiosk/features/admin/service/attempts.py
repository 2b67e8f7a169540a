"""One lock per secret: the one PIN check every keypad calls, and its wrong-attempt counting
(local security state in the `attempts` table, not events, kept across restarts).

The rule, in one place: a keypad hands `check_pin` the secrets it accepts (the admin accounts,
one volunteer after a phone number, or the admin and every volunteer on duty for a PIN-only
keypad). A locked secret is not even checked, so its right PIN is refused like any other; a
wrong PIN counts one failure against every secret it was checked against; the right one clears
its own secret's count. Every secret has the same growing lockout (`PIN_LOCKOUT`), so however
many keypads check a secret, a guesser gets no more tries a day than at the admin login alone.

The price: a PIN-only keypad (the emergency and charging-unlock keypads) counts a wrong PIN
against every volunteer on duty, so someone tapping wrong PINs there locks all their PINs for a
while (badges still work) — the alternative, a counter per keypad, multiplied the guesses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from kiosk.core.errors import KioskError, Locked, ValidationError
from kiosk.core.secrets import AttemptState, GrowingLockout, verify_secret
from kiosk.core.text import clean_pin
from kiosk.features.admin import store as admin_store
from kiosk.features.admin.domain import FIRST_ACCOUNT_ID
from kiosk.features.admin.store import AdminAccountRow
from kiosk.features.shifts import store as shifts_store
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.store import queries
from kiosk.platform.store.models import AttemptRow

PIN_LOCKOUT = GrowingLockout()  # one policy for every secret: a lock is shared, so is its rule

Owner = TypeVar("Owner", covariant=True)


def admin_subject(account_id: str) -> str:
    """The lock of one admin account's PIN."""
    return f"admin:{account_id}"


def volunteer_subject(volunteer_id: str) -> str:
    """The lock of one volunteer's PIN (the same at check-in and at every other keypad)."""
    return f"volunteer:{volunteer_id}"


@dataclass(frozen=True)
class Secret(Generic[Owner]):
    """One PIN a keypad accepts: its lock's subject, its hash, and whose it is."""

    subject: str
    pin_hash: str
    owner: Owner


@dataclass(frozen=True)
class PinCheck(Generic[Owner]):
    """What `check_pin` found: the owner of the PIN, or the error to raise once the failure
    is committed. `state` is the worst lock among the secrets counted (for the audit)."""

    owner: Owner | None
    error: KioskError | None = None
    counted: bool = False
    state: AttemptState = field(default_factory=AttemptState)

    def failure(self) -> KioskError:
        assert self.error is not None
        return self.error


def admin_secrets(session: Session) -> list[Secret[AdminAccountRow]]:
    """The active admin accounts' PINs (the admin login: the PIN names the account)."""
    return [
        Secret(admin_subject(row.account_id), row.pin_hash, row)
        for row in admin_store.active_admin_accounts(session)
        if not row.pin_pending  # a leader named at the centre has chosen no PIN yet
    ]


def volunteer_secrets(row: VolunteerRow | None) -> list[Secret[VolunteerRow]]:
    """One volunteer's PIN, after their phone number (none set: nothing to check)."""
    if row is None or not row.pin_hash:
        return []
    return [Secret(volunteer_subject(row.id), row.pin_hash, row)]


def staff_secrets(session: Session) -> list[Secret[AdminAccountRow | VolunteerRow]]:
    """A PIN-only staff keypad (emergency, charging unlock): the station admin's PIN and the
    PIN of every active volunteer on duty now."""
    found: list[Secret[AdminAccountRow | VolunteerRow]] = [
        s for s in admin_secrets(session) if s.owner.account_id == FIRST_ACCOUNT_ID
    ]
    for _, volunteer in shifts_store.on_duty(session):
        if volunteer.active:
            found.extend(volunteer_secrets(volunteer))
    return found


def _state(session: Session, subject: str) -> AttemptState:
    row = queries.attempt(session, subject)
    if row is None:
        return AttemptState()
    return AttemptState(failures=row.failures, locked_until=row.locked_until)


def check_pin(
    session: Session, pin: str, secrets: Sequence[Secret[Owner]], now: datetime
) -> PinCheck[Owner]:
    """Check `pin` against the unlocked `secrets` in the caller's transaction (which must
    commit even when the PIN is wrong, so the failures are kept)."""
    try:
        pin = clean_pin(pin)
    except ValidationError as malformed:  # not a PIN at all: a clear message, not a guess
        return PinCheck(None, malformed)
    unique = list({secret.subject: secret for secret in secrets}.values())
    states = {secret.subject: _state(session, secret.subject) for secret in unique}
    open_ = [secret for secret in unique if not states[secret.subject].is_locked(now)]
    if unique and not open_:
        return PinCheck(None, locked_error(_last_lock(states.values(), now)))
    for secret in open_:
        if verify_secret(pin, secret.pin_hash):
            record_success(session, secret.subject)
            return PinCheck(secret.owner)
    for secret in open_:
        states[secret.subject] = _record_failure(session, secret.subject, now)
    counted = [states[secret.subject] for secret in open_]
    worst = _worst(counted)
    skipped = len(open_) < len(unique)
    if skipped or any(state.is_locked(now) for state in counted):
        return PinCheck(None, _locked(states.values(), now, skipped=skipped), bool(open_), worst)
    left = min((PIN_LOCKOUT.tries_left(state.failures) for state in counted), default=None)
    return PinCheck(None, _wrong(left), bool(open_), worst)


def keypad_state(session: Session, subjects: Sequence[str]) -> AttemptState:
    """The worst count and the latest lock among `subjects` (what a keypad shows)."""
    return _worst([_state(session, subject) for subject in subjects])


def _worst(states: Sequence[AttemptState]) -> AttemptState:
    return AttemptState(
        failures=max((s.failures for s in states), default=0),
        locked_until=max((s.locked_until for s in states if s.locked_until), default=None),
    )


def record_success(session: Session, subject: str) -> None:
    row = queries.attempt(session, subject)
    if row is not None:
        session.delete(row)


def _record_failure(session: Session, subject: str, now: datetime) -> AttemptState:
    state = PIN_LOCKOUT.after_failure(_state(session, subject), now)
    session.merge(
        AttemptRow(subject=subject, failures=state.failures, locked_until=state.locked_until)
    )
    return state


def _last_lock(states: Iterable[AttemptState], now: datetime) -> timedelta:
    """Until the last of the locked secrets opens again: whoever is typing, their PIN works by
    then."""
    return max(s.locked_until for s in states if s.locked_until and s.is_locked(now)) - now


def _locked(states: Iterable[AttemptState], now: datetime, *, skipped: bool) -> Locked:
    """A wrong PIN and a lock: this PIN's own (it locked it), or, when locked secrets were
    skipped, perhaps the right PIN of one of them (it cannot be told apart, by design)."""
    wait_zh, wait_en = _wait(_last_lock(states, now))
    if skipped:
        return Locked(
            f"密码不正确或已锁定，请 {wait_zh}后再试",
            f"Wrong PIN, or locked: try again in {wait_en}",
        )
    return Locked(
        f"密码不正确，已锁定，请 {wait_zh}后再试", f"Wrong PIN: locked, try again in {wait_en}"
    )


def _wrong(left: int | None) -> ValidationError:
    if left is None:
        return ValidationError("密码不正确", "Wrong PIN")
    return ValidationError(f"密码不正确，还可尝试 {left} 次", f"Wrong PIN: {left} tries left")


def _wait(left: timedelta) -> tuple[str, str]:
    """How long to wait, in zh and en: seconds under a minute, else whole minutes."""
    seconds = max(1, int(left.total_seconds() + 0.999))
    if seconds < 60:
        return f"{seconds} 秒", f"{seconds} s"
    minutes = max(1, int(left.total_seconds() + 59) // 60)
    return f"{minutes} 分钟", f"{minutes} min"


def locked_error(left: timedelta) -> Locked:
    """A locked PIN, refused before it is checked."""
    wait_zh, wait_en = _wait(left)
    return Locked(
        f"密码错误次数过多，已锁定，请 {wait_zh}后再试",
        f"Too many wrong PINs: locked, try again in {wait_en}",
    )
