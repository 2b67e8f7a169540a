"""Volunteer-hours certificates: the event kind recording one issued certificate."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from kiosk.core.errors import ValidationError
from kiosk.core.events import ID, EventKind, Payload

MAX_DAYS = 3 * 366  # a certificate covers at most about three years of service
HUB_CODE = "HUB"  # the issuer part of a number the hub gives (a kiosk's is its id's end)
# The service content a certificate states when the station says nothing else (the kiosks'
# `certificate_service` setting starts from the same words).
DEFAULT_SERVICE = "驿站志愿服务：引导问询、便民服务、爱心帮扶"


def check_period(first: date, last: date, today: date) -> None:
    """A certificate's period: in order, not in the future, at most about three years."""
    if last < first:
        raise ValidationError("结束日期不能早于开始日期", "The period ends before it starts")
    if last > today:
        raise ValidationError("证明期间不能包含未来的日期", "The period cannot end in the future")
    if (last - first).days >= MAX_DAYS:
        raise ValidationError("证明期间最长三年", "A certificate covers at most three years")


def station_code(station_id: str) -> str:
    """The station part of numbers the hub gives: the station id's letters, as a kiosk without
    a `certificate_prefix` setting makes it (Settings.certificate_code)."""
    letters = "".join(ch for ch in station_id if ch.isascii() and ch.isalnum())
    return (letters[:8] or "KIOSK").upper()


NO_HOURS = ValidationError(
    "该志愿者在此期间没有可认定的服务时长",
    "This volunteer has no credited hours in that period",
)


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
