"""The roster of volunteers: register, set a PIN, deactivate (each an event)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from kiosk.core.clock import Clock
from kiosk.core.errors import Conflict, NotFound
from kiosk.core.ids import new_id
from kiosk.core.results import VolunteerInfo
from kiosk.core.secrets import hash_secret
from kiosk.core.text import clean_name, clean_phone, clean_pin
from kiosk.features.shifts.service.shifts import volunteer_info
from kiosk.features.volunteers import store as volunteers_store
from kiosk.features.volunteers.service.setup import SetupService
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database

_CHINA = ZoneInfo("Asia/Shanghai")  # the stations' zone unless the kiosk's settings say


@dataclass(frozen=True)
class SetupCode:
    """A volunteer's pending setup code: its last local day, and whether that has passed."""

    until: date
    expired: bool


class RosterService:
    """Adds and deactivates volunteers; their PIN is stored only as a scrypt hash."""

    def __init__(self, database: Database, clock: Clock, timezone: ZoneInfo = _CHINA) -> None:
        self._db = database
        self._clock = clock
        self._setup = SetupService(database, clock, timezone)
        self._tz = timezone

    def set_pin_with_code(self, who: str, code: str, pin: str, confirm: str) -> VolunteerInfo:
        """The volunteer's own PIN, chosen with the centre's one-time setup code (`who`: their
        number or phone)."""
        return self._setup.set_pin(who, code, pin, confirm)

    def register(
        self, name: str, number: str, phone: str, pin: str, *, actor: str | None = None
    ) -> VolunteerInfo:
        name = clean_name(name)
        number = clean_name(number, max_len=32)
        phone = clean_phone(phone)
        pin_hash = hash_secret(clean_pin(pin))  # slow part outside the write lock
        now = self._clock.now()
        with self._db.write() as session:
            existing = volunteers_store.volunteer_by_phone(session, phone, self._db.vault)
            if existing is not None and existing.active:
                raise Conflict("该手机号已登记", "This phone number is already on the roster")
            volunteer_id = new_id()
            # The name and phone sealed under the volunteer's own key (docs/privacy.md,
            # "Volunteers"): the log never holds them in clear.
            personal = {"name": name, "phone": phone}
            sealed = self._db.vault.seal(session, volunteer_id, personal, now)
            registered = {"volunteer_id": volunteer_id, "number": number, "sealed": sealed}
            eventlog.append(
                session, "volunteer.registered", registered, occurred_at=now, actor=actor
            )
            eventlog.append(
                session,
                "volunteer.pin_set",
                {"volunteer_id": volunteer_id, "pin_hash": pin_hash},
                occurred_at=now,
                actor=actor,
            )
            row = volunteers_store.volunteer(session, volunteer_id)
            assert row is not None
            return volunteer_info(row, phone)

    def deactivate(self, volunteer_id: str, reason: str = "", *, actor: str | None = None) -> None:
        now = self._clock.now()
        with self._db.write() as session:
            if volunteers_store.volunteer(session, volunteer_id) is None:
                raise NotFound("没有这位志愿者", "No such volunteer")
            eventlog.append(
                session,
                "volunteer.deactivated",
                {"volunteer_id": volunteer_id, "reason": reason[:200]},
                occurred_at=now,
                actor=actor,
            )

    def all(self) -> list[VolunteerInfo]:
        with self._db.read() as session:
            vault = self._db.vault
            return [
                volunteer_info(v, volunteers_store.phone_of(session, v, vault))
                for v in volunteers_store.volunteers(session)
            ]

    def setup_codes(self) -> dict[str, SetupCode]:
        """The centre's setup codes not used yet, by volunteer: the station admin sees who
        still has to choose a PIN with one, and until when (the code's last local day)."""
        now = self._clock.now()
        with self._db.read() as session:
            pending = [
                (v.id, v.setup_expires_at, bool(v.pin_hash))
                for v in volunteers_store.volunteers(session)
                if v.setup_hash and v.setup_used_at is None and v.setup_expires_at is not None
            ]
        # An expired code beside a PIN (a reset nobody used) leaves the old PIN working: not
        # shown, as at the centre.
        return {
            volunteer_id: SetupCode(until.astimezone(self._tz).date(), now > until)
            for volunteer_id, until, has_pin in pending
            if not (has_pin and now > until)
        }

    def get(self, volunteer_id: str) -> VolunteerInfo:
        with self._db.read() as session:
            row = volunteers_store.volunteer(session, volunteer_id)
            if row is None:
                raise NotFound("没有这位志愿者", "No such volunteer")
            return volunteer_info(row, volunteers_store.phone_of(session, row, self._db.vault))
