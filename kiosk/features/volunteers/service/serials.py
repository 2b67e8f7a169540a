"""Badges with a serial: issue, revoke, the station's badge lifetime, and who a scan is.

The rules are in `domain.serials` (why a serial and a hashed secret, not a shared key); here
each use case is one transaction that appends its event, which sync takes to every kiosk of
the station. `identify` is the one check every badge scan goes through (check-in, duty, lending,
requests), so a badge refused at one keypad is refused at all of them for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.core.clock import Clock
from kiosk.core.errors import NotFound, ValidationError
from kiosk.features.volunteers import store as volunteers_store
from kiosk.features.volunteers.domain.badges import verify_badge
from kiosk.features.volunteers.domain.serials import (
    LIFETIME_SETTING,
    MAX_LIFETIME_DAYS,
    MIN_LIFETIME_DAYS,
    BadgeStatus,
    RevokeReason,
    expiry_for,
    judge,
    legacy_allowed,
    new_badge,
    parse_token,
)
from kiosk.features.volunteers.store import BadgeRow
from kiosk.platform.services import ServiceContext
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database

PublicKeys = Callable[[], dict[str, Ed25519PublicKey]]


@dataclass(frozen=True)
class BadgeInfo:
    """A serial as the admin sees it; `status` is a BadgeStatus value or "expired"."""

    serial: str
    volunteer_id: str
    status: str
    issued_at: datetime
    expires_on: date
    revoked_reason: str | None = None


@dataclass(frozen=True)
class IssuedBadge:
    """A badge just issued: `token` is what its QR holds (shown once, never stored)."""

    volunteer_id: str
    serial: str
    token: str
    expires_on: date


def badge_info(row: BadgeRow, today: date) -> BadgeInfo:
    """What the admin sees of a serial today (a current one past its last day is expired)."""
    status = row.status
    if status == BadgeStatus.CURRENT and today > row.expires_on:
        status = "expired"
    return BadgeInfo(
        row.serial, row.volunteer_id, status, row.issued_at, row.expires_on, row.revoked_reason
    )


def identify(session: Session, token: str, legacy_keys: PublicKeys, today: date) -> str:
    """The volunteer id a scanned badge stands for; a clear refusal otherwise (forged,
    unknown here, revoked, replaced by a newer badge, expired). Writes nothing.

    `today` is the UTC date, the same day the expiry was computed from at issue."""
    token = token.strip()
    parsed = parse_token(token)
    if parsed is not None:
        serial, secret = parsed
        state = volunteers_store.badge_state(session, serial)
        return judge(state, secret, today, dict(words.BADGE_REVOKE_REASONS))
    old = verify_badge(token, legacy_keys())  # an old signed badge, or "unrecognised code"
    has_serial = bool(volunteers_store.badges_of(session, old.volunteer_id))
    legacy_allowed(old.issued, has_serial, today, volunteers_store.badge_lifetime(session))
    return old.volunteer_id


def issue_in(session: Session, now: datetime, volunteer_id: str, actor: str | None) -> IssuedBadge:
    """Append `badge.issued` for an active volunteer (the previous serial stops working)."""
    row = volunteers_store.volunteer(session, volunteer_id)
    if row is None:
        raise NotFound("没有这位志愿者", "No such volunteer")
    if not row.active:
        raise ValidationError("已停用的志愿者不能打印工牌", "A deactivated volunteer gets no badge")
    badge = new_badge()
    expires_on = expiry_for(now.date(), volunteers_store.badge_lifetime(session))
    payload = {
        "serial": badge.serial,
        "volunteer_id": volunteer_id,
        "secret_hash": badge.secret_hash,
        "expires_on": expires_on.isoformat(),
    }
    eventlog.append(session, "badge.issued", payload, occurred_at=now, actor=actor)
    return IssuedBadge(volunteer_id, badge.serial, badge.token, expires_on)


def revoke_in(
    session: Session, now: datetime, volunteer_id: str, reason: str, actor: str | None
) -> BadgeInfo:
    """Append `badge.revoked` for the volunteer's current badge."""
    try:
        why = RevokeReason(reason)
    except ValueError:
        raise ValidationError("请选择作废原因", "Please choose why the badge is revoked") from None
    current = next(
        (
            r
            for r in volunteers_store.badges_of(session, volunteer_id)
            if r.status == BadgeStatus.CURRENT
        ),
        None,
    )
    if current is None:
        raise NotFound("这位志愿者没有可作废的工牌", "This volunteer has no badge to revoke")
    payload = {"serial": current.serial, "volunteer_id": volunteer_id, "reason": why.value}
    eventlog.append(session, "badge.revoked", payload, occurred_at=now, actor=actor)
    refreshed = volunteers_store.badge(session, current.serial)
    assert refreshed is not None
    return badge_info(refreshed, now.date())


def set_lifetime_in(session: Session, now: datetime, days: int, actor: str | None) -> int:
    """Append `badge.lifetime_set`; badges issued from now on, at any kiosk, last `days`."""
    if not MIN_LIFETIME_DAYS <= days <= MAX_LIFETIME_DAYS:
        raise ValidationError(
            f"工牌有效期须为 {MIN_LIFETIME_DAYS} 到 {MAX_LIFETIME_DAYS} 天",
            f"The badge lifetime must be {MIN_LIFETIME_DAYS} to {MAX_LIFETIME_DAYS} days",
        )
    payload = {"setting": LIFETIME_SETTING, "days": days}
    eventlog.append(session, "badge.lifetime_set", payload, occurred_at=now, actor=actor)
    return days


class BadgeService:
    """The station's serial badges, as this kiosk knows them after its last sync."""

    def __init__(self, context: ServiceContext) -> None:
        self._db: Database = context.database
        self._clock: Clock = context.clock

    def issue(self, volunteer_id: str, *, actor: str | None = None) -> IssuedBadge:
        with self._db.write() as session:
            return issue_in(session, self._clock.now(), volunteer_id, actor)

    def revoke(self, volunteer_id: str, reason: str, *, actor: str | None = None) -> BadgeInfo:
        with self._db.write() as session:
            return revoke_in(session, self._clock.now(), volunteer_id, reason, actor)

    def lifetime_days(self) -> int:
        with self._db.read() as session:
            return volunteers_store.badge_lifetime(session)

    def latest(self) -> dict[str, BadgeInfo]:
        """Each volunteer's newest badge (valid, revoked or expired), by volunteer id."""
        today = self._clock.now().date()
        with self._db.read() as session:
            rows = volunteers_store.latest_badges(session)
            return {vid: badge_info(row, today) for vid, row in rows.items()}

    def of(self, volunteer_id: str) -> list[BadgeInfo]:
        """A volunteer's serials, newest first."""
        today = self._clock.now().date()
        with self._db.read() as session:
            return [badge_info(r, today) for r in volunteers_store.badges_of(session, volunteer_id)]


SERVICES = (BadgeService,)
