"""What the admin screen changes: volunteers, flagged shifts, badges, the sweep.

Each action checks the logged-in account's role, writes its domain events and its audit event
(`admin.audited`, who/what/before/after) in one transaction, and writes nothing on bad input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.core.clock import Clock
from kiosk.core.errors import Conflict, NotFound, ValidationError
from kiosk.core.ids import new_id
from kiosk.core.results import VolunteerInfo
from kiosk.core.secrets import hash_secret
from kiosk.core.text import clean_name, clean_phone, clean_pin
from kiosk.features.admin.domain import (
    MAX_AMEND_MINUTES,
    Action,
    AdminAccount,
    AmendReason,
    Permission,
)
from kiosk.features.admin.service.accounts import audit, denied, team_leader_id
from kiosk.features.admin.store import AdminAccountRow
from kiosk.features.shifts.service.shifts import ShiftService, volunteer_info
from kiosk.features.shifts.store import ShiftRow
from kiosk.features.volunteers import store as volunteers_store
from kiosk.features.volunteers.service.badges import render_badge
from kiosk.features.volunteers.service.serials import (
    BadgeInfo,
    badge_info,
    issue_in,
    revoke_in,
    set_lifetime_in,
)
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database


@dataclass(frozen=True)
class PrintedBadge:
    volunteer: VolunteerInfo
    token: str  # what the QR holds: the bare token, or the volunteer's page link with it
    path: Path
    serial: str
    expires_on: date


def _require(actor: AdminAccount, permission: Permission) -> None:
    if not actor.may(permission):
        raise denied()


class ManagementService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        shifts: ShiftService,
        station_name: str,
        badge_folder: Path,
        badge_page: Callable[[str, str], str] | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._shifts = shifts
        self._station_name = station_name
        self.badge_folder = badge_folder
        # (number, token) -> what the badge's QR holds: the volunteer's page on the hub with
        # the token after "#" (`serials.badge_link`), or the bare token (stand-alone).
        self._badge_page = badge_page

    # --- volunteers --------------------------------------------------------------------------

    def add_volunteer(
        self, actor: AdminAccount, name: str, number: str, phone: str, pin: str
    ) -> VolunteerInfo:
        """A local registration (the hub's roster is the usual source of volunteers)."""
        _require(actor, Permission.MANAGE_VOLUNTEERS)
        name = clean_name(name)
        number = clean_name(number, max_len=32)
        phone = clean_phone(phone)
        pin = clean_pin(pin)
        pin_hash = hash_secret(pin)
        now = self._clock.now()
        with self._db.write() as session:
            existing = volunteers_store.volunteer_by_phone(session, phone, self._db.vault)
            if existing is not None and existing.active:
                raise Conflict("该手机号已登记", "This phone number is already on the roster")
            if any(v.number == number and v.active for v in volunteers_store.volunteers(session)):
                raise Conflict("该志愿者编号已使用", "This volunteer number is already in use")
            volunteer_id = new_id()
            # The name and phone sealed under the volunteer's own key (docs/privacy.md,
            # "Volunteers"): the log never holds them in clear.
            personal = {"name": name, "phone": phone}
            sealed = self._db.vault.seal(session, volunteer_id, personal, now)
            registered = {"volunteer_id": volunteer_id, "number": number, "sealed": sealed}
            eventlog.append(
                session, "volunteer.registered", registered, occurred_at=now, actor=actor.id
            )
            eventlog.append(
                session,
                "volunteer.pin_set",
                {"volunteer_id": volunteer_id, "pin_hash": pin_hash},
                occurred_at=now,
                actor=actor.id,
            )
            audit(
                session,
                self._clock,
                actor.id,
                Action.VOLUNTEER_ADDED,
                volunteer_id,
                # No name or phone, not even masked: both are sealed under the volunteer's
                # key, so the centre's erasure leaves none of them in the log (privacy.md).
                after={"number": number},
            )
            row = volunteers_store.volunteer(session, volunteer_id)
            assert row is not None
            return volunteer_info(row, phone)

    def deactivate(self, actor: AdminAccount, volunteer_id: str) -> None:
        _require(actor, Permission.MANAGE_VOLUNTEERS)
        with self._db.write() as session:
            row = volunteers_store.volunteer(session, volunteer_id)
            if row is None:
                raise NotFound("没有这位志愿者", "No such volunteer")
            if not row.active:
                raise Conflict("这位志愿者已停用", "This volunteer is already deactivated")
            eventlog.append(
                session,
                "volunteer.deactivated",
                {"volunteer_id": volunteer_id, "reason": f"admin {actor.id}"[:200]},
                occurred_at=self._clock.now(),
                actor=actor.id,
            )
            audit(
                session,
                self._clock,
                actor.id,
                Action.VOLUNTEER_DEACTIVATED,
                volunteer_id,
                {"active": True},
                {"active": False},
            )
            # A deactivated volunteer's team-leader PIN stops working with them.
            leader = session.get(AdminAccountRow, team_leader_id(volunteer_id))
            if leader is not None and leader.active:
                payload = {
                    "account_id": leader.account_id,
                    "name": leader.name,
                    "role": leader.role,
                    "pin_hash": leader.pin_hash,
                    "active": False,
                }
                eventlog.append(
                    session,
                    "admin.account_set",
                    payload,
                    occurred_at=self._clock.now(),
                    actor=actor.id,
                )
                audit(
                    session,
                    self._clock,
                    actor.id,
                    Action.ACCOUNT_SET,
                    leader.account_id,
                    {"active": True},
                    {"active": False},
                )

    def reset_pin(self, actor: AdminAccount, volunteer_id: str, pin: str) -> None:
        _require(actor, Permission.MANAGE_VOLUNTEERS)
        pin_hash = hash_secret(clean_pin(pin))
        with self._db.write() as session:
            if volunteers_store.volunteer(session, volunteer_id) is None:
                raise NotFound("没有这位志愿者", "No such volunteer")
            eventlog.append(
                session,
                "volunteer.pin_set",
                {"volunteer_id": volunteer_id, "pin_hash": pin_hash},
                occurred_at=self._clock.now(),
                actor=actor.id,
            )
            # The PIN itself is never audited, not even as its hash.
            audit(session, self._clock, actor.id, Action.PIN_RESET, volunteer_id)

    def print_badge(self, actor: AdminAccount, volunteer_id: str) -> PrintedBadge:
        """Issue a badge with a new serial (the volunteer's previous one stops working at
        every kiosk once synced) and write its PNG in the export folder, to print.

        The event and its audit are one transaction; the card is drawn after it, so a badge
        is never printed that no kiosk will know."""
        _require(actor, Permission.MANAGE_VOLUNTEERS)
        now = self._clock.now()
        with self._db.write() as session:
            row = volunteers_store.volunteer(session, volunteer_id)
            if row is None:
                raise NotFound("没有这位志愿者", "No such volunteer")
            volunteer = volunteer_info(row)
            issued = issue_in(session, now, volunteer_id, actor.id)
            safe_number = "".join(
                ch if ch.isalnum() or ch in "-_" else "_" for ch in volunteer.number
            )
            out = self.badge_folder / f"badge-{safe_number}-{issued.serial}.png"
            audit(
                session,
                self._clock,
                actor.id,
                Action.BADGE_PRINTED,
                volunteer.id,
                after={
                    "file": out.name,
                    "serial": issued.serial,
                    "expires_on": issued.expires_on.isoformat(),
                },
            )
        code = issued.token
        if self._badge_page is not None:
            code = self._badge_page(volunteer.number, issued.token)
        render_badge(volunteer, self._station_name, code, out, issued.serial, issued.expires_on)
        return PrintedBadge(volunteer, code, out, issued.serial, issued.expires_on)

    def badges(self) -> dict[str, BadgeInfo]:
        """Each volunteer's newest badge (valid, expired or revoked), for the roster's column."""
        today = self._clock.now().date()
        with self._db.read() as session:
            rows = volunteers_store.latest_badges(session)
            return {vid: badge_info(row, today) for vid, row in rows.items()}

    def badge_lifetime(self) -> int:
        """The station's badge lifetime in days (the latest setting synced from any kiosk)."""
        with self._db.read() as session:
            return volunteers_store.badge_lifetime(session)

    def revoke_badge(self, actor: AdminAccount, volunteer_id: str, reason: str) -> BadgeInfo:
        """Revoke the volunteer's current badge (lost, stolen …): refused at every kiosk of
        the station after its next sync, with the reason."""
        _require(actor, Permission.MANAGE_VOLUNTEERS)
        now = self._clock.now()
        with self._db.write() as session:
            revoked = revoke_in(session, now, volunteer_id, reason, actor.id)
            audit(
                session,
                self._clock,
                actor.id,
                Action.BADGE_REVOKED,
                volunteer_id,
                after={"serial": revoked.serial, "reason": reason},
            )
        return revoked

    def set_badge_lifetime(self, actor: AdminAccount, days: int, before: int) -> int:
        """The station's badge lifetime for badges issued from now on (every kiosk, by sync)."""
        _require(actor, Permission.SETTINGS)
        if days == before:
            return days
        with self._db.write() as session:
            set_lifetime_in(session, self._clock.now(), days, actor.id)
            audit(
                session,
                self._clock,
                actor.id,
                Action.BADGE_LIFETIME_SET,
                "badge_lifetime",
                {"days": before},
                {"days": days},
            )
        return days

    # --- flagged shifts ---------------------------------------------------------------------

    def approve_shift(self, actor: AdminAccount, shift_id: str) -> None:
        """Keep a flagged shift's minutes; it leaves the review list."""
        _require(actor, Permission.REVIEW_SHIFTS)
        with self._db.write() as session:
            row = _reviewable(session.get(ShiftRow, shift_id))
            eventlog.append(
                session,
                "shift.approved",
                {"shift_id": shift_id, "volunteer_id": row.volunteer_id},
                occurred_at=self._clock.now(),
                actor=actor.id,
            )
            audit(
                session,
                self._clock,
                actor.id,
                Action.SHIFT_APPROVED,
                shift_id,
                {"minutes": row.minutes, "flagged": True},
                {"minutes": row.minutes, "flagged": False},
            )

    def amend_shift(self, actor: AdminAccount, shift_id: str, minutes: int, reason: str) -> None:
        """Correct a flagged shift's credited minutes, with a reason from the list."""
        _require(actor, Permission.REVIEW_SHIFTS)
        if not 0 <= minutes <= MAX_AMEND_MINUTES:
            raise ValidationError(
                f"分钟数须在 0 到 {MAX_AMEND_MINUTES} 之间",
                f"Minutes must be between 0 and {MAX_AMEND_MINUTES}",
            )
        try:
            reason = AmendReason(reason).value
        except ValueError:
            raise ValidationError("请选择更正原因", "Choose a reason for the correction") from None
        with self._db.write() as session:
            row = _reviewable(session.get(ShiftRow, shift_id))
            before = row.minutes
            eventlog.append(
                session,
                "shift.amended",
                {
                    "shift_id": shift_id,
                    "volunteer_id": row.volunteer_id,
                    "minutes": minutes,
                    "reason": reason,
                },
                occurred_at=self._clock.now(),
                actor=actor.id,
            )
            audit(
                session,
                self._clock,
                actor.id,
                Action.SHIFT_AMENDED,
                shift_id,
                {"minutes": before},
                {"minutes": minutes, "reason": reason},
            )

    # --- the sweep --------------------------------------------------------------------------

    def sweep(self, actor: AdminAccount) -> int:
        """Close stale shifts now (the timer does it every 10 minutes too); audited."""
        _require(actor, Permission.SWEEP)
        closed = self._shifts.sweep()
        with self._db.write() as session:
            audit(session, self._clock, actor.id, Action.SWEEP, after={"closed": closed})
        return closed


def _reviewable(row: ShiftRow | None) -> ShiftRow:
    if row is None:
        raise NotFound("没有这个班次", "No such shift")
    if row.status == "open":
        raise ValidationError("班次尚未结束", "The shift is still open")
    if not row.flagged:
        raise Conflict("该班次已审核", "This shift was already reviewed")
    return row
