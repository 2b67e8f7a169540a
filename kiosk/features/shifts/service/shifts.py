"""Volunteers clocking shifts: badge scans, phone + PIN, cancel, the sweep, hours and the board."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.errors import Conflict, NotFound, ValidationError
from kiosk.core.ids import new_id
from kiosk.core.results import (
    ClockResult,
    FlaggedShift,
    OnDuty,
    VolunteerHours,
    VolunteerInfo,
)
from kiosk.core.text import clean_phone, mask_phone
from kiosk.features.admin.service import attempts
from kiosk.features.shifts import store as shifts_store
from kiosk.features.shifts.domain import (
    HoursRule,
    Method,
    ScanAction,
    ShiftRules,
    ShiftState,
    credited_minutes,
    decide_scan,
    needs_sweep,
)
from kiosk.features.shifts.store import ShiftRow
from kiosk.features.volunteers import store as volunteers_store
from kiosk.features.volunteers.service.serials import identify
from kiosk.features.volunteers.store import VolunteerFacts, VolunteerRow
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database

_UNKNOWN_BADGE = NotFound(
    "此工牌未登记，请联系站长", "This badge is not on the roster; ask the admin"
)
_INACTIVE = ValidationError(
    "该志愿者已停用，无法签到，请联系站长",
    "This volunteer is deactivated and cannot clock in; ask the admin",
)


def volunteer_info(row: VolunteerRow | VolunteerFacts, phone: str | None = None) -> VolunteerInfo:
    """The volunteer as results carry them; `phone` is their phone opened from its sealed value
    where it is shown (the roster's list), else the row's clear one ("" when sealed)."""
    return VolunteerInfo(
        id=row.id,
        name=row.name,
        number=row.number,
        masked_phone=mask_phone(row.phone if phone is None else phone),
        active=row.active,
    )


class ShiftService:
    """Check-in and check-out. Every method is one transaction.

    `public_keys` is called on each scan so that keys published later (by sync) are honoured.
    """

    def __init__(
        self,
        database: Database,
        clock: Clock,
        rules: ShiftRules,
        hours_rule: HoursRule,
        public_keys: Callable[[], dict[str, Ed25519PublicKey]],
        timezone: ZoneInfo,
    ) -> None:
        self._db = database
        self._clock = clock
        self._rules = rules
        self._hours_rule = hours_rule
        self._public_keys = public_keys
        self._tz = timezone

    # --- clocking -------------------------------------------------------------------------

    def scan_badge(self, token: str) -> ClockResult:
        """A badge QR was scanned: check it offline (serial, secret, revocation, expiry), then
        check in or out."""
        with self._db.write() as session:
            volunteer_id = identify(session, token, self._public_keys, self._clock.now().date())
            row = volunteers_store.volunteer_facts(session, volunteer_id)
            if row is None:
                raise _UNKNOWN_BADGE
            return self._clock_volunteer(session, row, Method.BADGE)

    def clock_with_pin(self, phone: str, pin: str) -> ClockResult:
        """Phone + PIN on the keypad; wrong PINs lock that volunteer's PIN on every keypad,
        for longer each time (`attempts.check_pin`)."""
        phone = clean_phone(phone)
        now = self._clock.now()
        with self._db.write() as session:
            row = volunteers_store.volunteer_by_phone(session, phone, self._db.vault)
            if row is None:
                raise NotFound("此手机号未登记为志愿者", "This phone number is not on the roster")
            found = attempts.check_pin(session, pin, attempts.volunteer_secrets(row), now)
            if found.owner is not None:
                return self._clock_volunteer(session, found.owner, Method.PIN, phone)
        # Raised after the commit, so the failure is counted though nothing else is written.
        raise found.failure()

    def _clock_volunteer(
        self,
        session: Session,
        row: VolunteerRow | VolunteerFacts,
        method: Method,
        phone: str | None = None,
    ) -> ClockResult:
        if not row.active:
            raise _INACTIVE
        now = self._clock.now()
        info = volunteer_info(row, phone)  # the phone typed, when sealed in the row
        current, last_closed = shifts_store.shift_state(session, row.id)
        open_since = current.checked_in_at if current else None
        action = decide_scan(now, open_since, last_closed, self._rules)
        if action is ScanAction.CHECK_IN:
            shift_id = new_id()
            payload = {"shift_id": shift_id, "volunteer_id": row.id, "method": method.value}
            eventlog.append(session, "shift.checked_in", payload, occurred_at=now, actor=row.id)
            return ClockResult(action, info, shift_id, checked_in_at=now)
        if action is ScanAction.ALREADY_CHECKED_OUT:
            return ClockResult(action, info, "", checked_in_at=now, checked_out_at=last_closed)
        assert current is not None and current.checked_in_at is not None
        if action is ScanAction.CHECK_OUT:
            return self._check_out(session, current.id, info, method, now)
        return ClockResult(action, info, current.id, checked_in_at=current.checked_in_at)

    def _check_out(
        self,
        session: Session,
        shift_id: str,
        info: VolunteerInfo,
        method: Method,
        now: datetime,
    ) -> ClockResult:
        payload = {"shift_id": shift_id, "volunteer_id": info.id, "method": method.value}
        folded = eventlog.append_folded(
            session, "shift.checked_out", payload, occurred_at=now, actor=info.id
        )
        state = folded.state
        assert isinstance(state, ShiftState) and state.checked_in_at is not None
        return ClockResult(
            ScanAction.CHECK_OUT,
            info,
            shift_id,
            checked_in_at=state.checked_in_at,
            checked_out_at=now,
            minutes=state.minutes,
        )

    def _open(self, session: Session, shift_id: str) -> tuple[ShiftRow, VolunteerRow]:
        current = shifts_store.shift(session, shift_id)
        if current is None or current.status != "open":
            raise Conflict("该班次已结束", "This shift is no longer open")
        row = volunteers_store.volunteer(session, current.volunteer_id)
        assert row is not None
        return current, row

    def cancel_check_in(self, shift_id: str) -> ClockResult:
        """Undo a check-in made by mistake (offered within minutes of it)."""
        now = self._clock.now()
        with self._db.write() as session:
            current, row = self._open(session, shift_id)
            payload = {"shift_id": shift_id, "volunteer_id": row.id}
            eventlog.append(session, "shift.cancelled", payload, occurred_at=now, actor=row.id)
            assert current.checked_in_at is not None
            return ClockResult(
                ScanAction.OFFER_CANCEL, volunteer_info(row), shift_id, current.checked_in_at
            )

    def check_out_now(self, shift_id: str, method: Method) -> ClockResult:
        """Check out a shift even though it is short (the volunteer insisted)."""
        now = self._clock.now()
        with self._db.write() as session:
            current, row = self._open(session, shift_id)
            return self._check_out(session, current.id, volunteer_info(row), method, now)

    def sweep(self) -> int:
        """Close shifts left open past the maximum with the configured credit; flag them."""
        now = self._clock.now()
        credit = int(self._rules.sweep_credit.total_seconds() // 60)
        closed = 0
        with self._db.write() as session:
            cutoff = now - self._rules.max_shift
            for stale in shifts_store.open_shifts_before(session, cutoff):
                if stale.checked_in_at is None or not needs_sweep(
                    now, stale.checked_in_at, self._rules
                ):
                    continue
                payload = {
                    "shift_id": stale.id,
                    "volunteer_id": stale.volunteer_id,
                    "credited_minutes": credit,
                }
                eventlog.append(session, "shift.auto_closed", payload, occurred_at=now)
                closed += 1
        return closed

    # --- reading --------------------------------------------------------------------------

    def on_duty(self) -> list[OnDuty]:
        with self._db.read() as session:
            return [
                OnDuty(volunteer_info(v), s.id, s.checked_in_at)
                for s, v in shifts_store.on_duty(session)
                if s.checked_in_at is not None
            ]

    def on_duty_count(self) -> int:
        with self._db.read() as session:
            return shifts_store.on_duty_count(session)

    def monthly_hours(self, year: int, month: int) -> list[VolunteerHours]:
        """Hours per volunteer for shifts begun in that local month, rounded per shift."""
        start = datetime(year, month, 1, tzinfo=self._tz)
        end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=self._tz)
        totals: dict[str, list[int]] = {}
        infos: dict[str, VolunteerInfo] = {}
        with self._db.read() as session:
            for s, v in shifts_store.shifts_between(session, start, end):
                minutes = s.minutes or 0
                credited = minutes if s.status == "auto_closed" or s.amended else None
                credited = (
                    credited_minutes(minutes, self._hours_rule) if credited is None else credited
                )
                t = totals.setdefault(v.id, [0, 0, 0, 0])
                t[0] += 1
                t[1] += minutes
                t[2] += credited
                t[3] += int(s.flagged)
                infos[v.id] = volunteer_info(v)
        return [VolunteerHours(infos[vid], t[0], t[1], t[2], t[3]) for vid, t in totals.items()]

    def flagged(self) -> list[FlaggedShift]:
        with self._db.read() as session:
            return [
                FlaggedShift(
                    s.id, volunteer_info(v), s.checked_in_at, s.checked_out_at, s.status, s.minutes
                )
                for s, v in shifts_store.flagged_shifts(session)
            ]

    @property
    def timezone(self) -> ZoneInfo:
        return self._tz

    def local_time(self, moment: datetime) -> datetime:
        """A UTC moment in the station's time zone, for display."""
        return moment.astimezone(self._tz)
