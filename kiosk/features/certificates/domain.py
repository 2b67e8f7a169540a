"""Volunteer-hours certificates: the event kind recording one issued certificate."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from kiosk.core.events import ID, EventKind, Payload


class CertificateIssued(Payload):
    """A volunteer-hours certificate (志愿服务记录证明) was issued; the paper's facts, copied.

    `number` is `<station prefix><year>-<kiosk code>-<sequence>`: the issuing kiosk's own
    sequence, so two kiosks issuing offline never give the same number.
    """

    certificate_id: str = ID
    number: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$")
    year: int = Field(ge=2000, le=2999)
    sequence: int = Field(ge=1, le=999_999)
    volunteer_id: str = ID
    volunteer_name: str = Field(min_length=1, max_length=40)
    volunteer_number: str = Field(min_length=1, max_length=32)
    service: str = Field(min_length=1, max_length=200)
    first_day: date
    last_day: date
    minutes: int = Field(ge=0, le=366 * 24 * 60)
    shifts: int = Field(ge=0, le=100_000)
    issued_on: date


KINDS: tuple[EventKind, ...] = (
    EventKind("certificate.issued", CertificateIssued, "certificate_id"),
)
