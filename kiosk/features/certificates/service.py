"""Volunteer-hours certificates (志愿服务记录证明): hours over a period, numbered and recorded.

Hours are the credited hours of the shifts projection (the monthly rounding rule, per shift).
Numbering: `<station code><year>-<kiosk code>-<sequence>`, e.g. `DEMOSTAT2026-3F9A1C-0007`.
The sequence is this kiosk's own, counted from its own `certificate.issued` events inside the
write transaction (BEGIN IMMEDIATE), and a kiosk's own events are always in its local log, so
one kiosk never repeats a number even offline; the kiosk code (the last six characters of the
kiosk's random id, as the log review shows it) keeps two kiosks of a station apart.

Issuing writes the event and the PDF in one step: the file is written by the caller's
`write` inside the transaction, so a failed write (stick pulled) records nothing. A certificate
already issued can be printed again: the same number, marked as a copy, and audited (who printed
a copy of whose certificate), never a new number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from kiosk.core.clock import Clock
from kiosk.core.errors import NotFound
from kiosk.core.ids import new_id
from kiosk.features.admin.domain import Action
from kiosk.features.admin.service.accounts import audit
from kiosk.features.admin.service.logs import ADMIN_ACTOR
from kiosk.features.certificates.domain import NO_HOURS, check_period
from kiosk.features.certificates.store import CertificateRow
from kiosk.features.reports import store
from kiosk.features.shifts.domain import HoursRule
from kiosk.features.shifts.service.hours import local_start, totals_by_volunteer
from kiosk.features.volunteers import store as volunteers_store
from kiosk.platform.logs.spec import short_kiosk
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database

if TYPE_CHECKING:
    from kiosk.settings import Settings


class _Timezoned(Protocol):
    @property
    def timezone(self) -> ZoneInfo: ...


class CertificateServices(Protocol):
    """What the certificates need of the kiosk's services (the composition root's bundle)."""

    @property
    def database(self) -> Database: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def shifts(self) -> _Timezoned: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def admin_actor(self) -> str: ...


@dataclass(frozen=True)
class Issuer:
    """The issuing station as printed: names, contact, the service content, the number code."""

    name_zh: str
    name_en: str
    contact: str
    service: str
    code: str


@dataclass(frozen=True)
class CertificateDraft:
    """What a certificate would say, before it is issued (the screen's preview)."""

    volunteer_id: str
    volunteer_name: str
    volunteer_number: str
    first_day: date
    last_day: date
    minutes: int
    shifts: int
    service: str


@dataclass(frozen=True)
class Certificate:
    """An issued certificate, as recorded."""

    id: str
    number: str
    volunteer_id: str
    volunteer_name: str
    volunteer_number: str
    service: str
    first_day: date
    last_day: date
    minutes: int
    shifts: int
    issued_on: date
    issued_at: datetime


def _from_row(row: CertificateRow) -> Certificate:
    return Certificate(
        row.id,
        row.number,
        row.volunteer_id,
        row.volunteer_name,
        row.volunteer_number,
        row.service,
        date.fromisoformat(row.first_day),
        date.fromisoformat(row.last_day),
        row.minutes,
        row.shifts,
        date.fromisoformat(row.issued_on),
        row.issued_at,
    )


class CertificateService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        timezone: ZoneInfo,
        hours_rule: HoursRule,
        issuer: Issuer,
        actor: Callable[[], str] = lambda: ADMIN_ACTOR,
    ) -> None:
        self._db = database
        self._clock = clock
        self._tz = timezone
        self._rule = hours_rule
        self.issuer = issuer
        self._actor = actor  # the logged-in admin account's id

    def today(self) -> date:
        return self._clock.now().astimezone(self._tz).date()

    def _check_period(self, first: date, last: date) -> None:
        check_period(first, last, self.today())

    def draft(self, volunteer_id: str, first: date, last: date) -> CertificateDraft:
        """The hours a certificate for this volunteer and period would state."""
        self._check_period(first, last)
        with self._db.read() as session:
            volunteer = volunteers_store.volunteer(session, volunteer_id)
            if volunteer is None:
                raise NotFound("没有这位志愿者", "No such volunteer")
            rows = store.credited_shifts(
                session,
                local_start(first, self._tz),
                local_start(last + timedelta(days=1), self._tz),
                volunteer_id,
            )
            totals = totals_by_volunteer(rows, self._rule, self._tz)
            name, number = volunteer.name, volunteer.number
        minutes = totals[0].credited_minutes if totals else 0
        shifts = totals[0].shifts if totals else 0
        return CertificateDraft(
            volunteer_id, name, number, first, last, minutes, shifts, self.issuer.service
        )

    def issue(
        self,
        volunteer_id: str,
        first: date,
        last: date,
        write: Callable[[Certificate], Path] = lambda c: Path(),
        actor: str | None = None,
    ) -> tuple[Certificate, Path]:
        """Number and record a certificate and write its file; nothing is kept if either fails.

        A period without credited hours is refused: a certificate of zero hours certifies
        nothing and would only use up a number.
        """
        draft = self.draft(volunteer_id, first, last)
        if draft.minutes <= 0:
            raise NO_HOURS
        now = self._clock.now()
        today = now.astimezone(self._tz).date()
        actor = actor or self._actor()
        with self._db.write() as session:
            kiosk_id = eventlog.meta(session).kiosk_id
            last_seq = session.scalar(
                select(func.max(CertificateRow.sequence)).where(
                    CertificateRow.kiosk_id == kiosk_id, CertificateRow.year == today.year
                )
            )
            sequence = int(last_seq or 0) + 1
            kiosk_code = short_kiosk(kiosk_id).upper().replace("-", "0")
            number = f"{self.issuer.code}{today.year}-{kiosk_code}-{sequence:04d}"
            certificate_id = new_id()
            eventlog.append(
                session,
                "certificate.issued",
                {
                    "certificate_id": certificate_id,
                    "number": number,
                    "year": today.year,
                    "sequence": sequence,
                    "volunteer_id": draft.volunteer_id,
                    "volunteer_name": draft.volunteer_name,
                    "volunteer_number": draft.volunteer_number,
                    "service": draft.service,
                    "first_day": draft.first_day.isoformat(),
                    "last_day": draft.last_day.isoformat(),
                    "minutes": draft.minutes,
                    "shifts": draft.shifts,
                    "issued_on": today.isoformat(),
                },
                occurred_at=now,
                actor=actor,
            )
            row = session.get(CertificateRow, certificate_id)
            assert row is not None
            certificate = _from_row(row)
            path = write(certificate)  # raises (and rolls back) when the file cannot be written
            audit(
                session,
                self._clock,
                actor,
                Action.CERTIFICATE_ISSUED,
                number,
                after={"volunteer_id": draft.volunteer_id, "minutes": draft.minutes},
            )
        return certificate, path

    def reprint(
        self, certificate_id: str, write: Callable[[Certificate], Path], actor: str | None = None
    ) -> tuple[Certificate, Path]:
        """Print a copy of an issued certificate: its own number and figures as recorded, the
        file marked as a copy; audited. A failed write records nothing."""
        actor = actor or self._actor()
        with self._db.write() as session:
            row = session.get(CertificateRow, certificate_id)
            if row is None:
                raise NotFound("没有这份证明", "No such certificate")
            certificate = _from_row(row)
            path = write(certificate)
            audit(
                session,
                self._clock,
                actor,
                Action.CERTIFICATE_REPRINTED,
                certificate.number,
                after={"volunteer_id": certificate.volunteer_id, "file": path.name[:120]},
            )
        return certificate, path

    def issued(self, limit: int = 50) -> list[Certificate]:
        """The most recent certificates issued at this station (all kiosks), newest first."""
        with self._db.read() as session:
            rows = session.scalars(
                select(CertificateRow)
                .order_by(CertificateRow.issued_at.desc(), CertificateRow.sequence.desc())
                .limit(limit)
            ).all()
            return [_from_row(row) for row in rows]

    def volunteers(self) -> list[tuple[str, str, str]]:
        """(id, name, number) of every volunteer on the roster, active first, by number."""
        with self._db.read() as session:
            rows = volunteers_store.volunteers(session)
            ordered = sorted(rows, key=lambda v: (not v.active, v.number))
            return [(v.id, v.name, v.number) for v in ordered]


def period_of_last_month(today: date) -> tuple[date, date]:
    """The first and last day of the month before `today`'s."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def issuer_of(settings: Settings) -> Issuer:
    """The issuing station as the settings name it."""
    return Issuer(
        settings.station_name_zh,
        settings.station_name_en,
        settings.station_contact,
        settings.certificate_service,
        settings.certificate_code,
    )


def build_certificates(services: CertificateServices) -> CertificateService:
    settings = services.settings
    return CertificateService(
        services.database,
        services.clock,
        services.shifts.timezone,
        settings.hours_rule,
        issuer_of(settings),
        lambda: services.admin_actor,
    )
