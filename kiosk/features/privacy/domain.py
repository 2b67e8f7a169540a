"""Personal data (PIPL): the erasure event, the retention rule and the notice's words (pure).

An erasure carries no personal data: the subject's id and why. Each holder (the hub, every kiosk
of the station) destroys its copy of the subject's key when it stores the event. Retention needs
no event at all: each holder computes from the events it holds when a subject closed and erases
its key once the kind's retention days have passed, so an offline kiosk erases on time too.
docs/privacy.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import Field

from kiosk.core.events import ID, EventKind, Payload
from kiosk.features.lending.domain import LoanState, LoanStatus
from kiosk.features.requests.domain import RequestState, RequestStatus, WishState, WishStatus

DEFAULT_RETENTION_DAYS = 180  # travellers' contact details, after the subject closes


class EraseReason(StrEnum):
    REQUEST = "request"  # the person asked the centre (or staff) to erase it
    RETENTION = "retention"  # its retention period is over


@dataclass(frozen=True)
class Retention:
    """Days a closed subject's personal data is kept, per kind (open ones are always kept)."""

    request_days: int = DEFAULT_RETENTION_DAYS
    wish_days: int = DEFAULT_RETENTION_DAYS
    loan_days: int = DEFAULT_RETENTION_DAYS


def request_closed_at(state: RequestState) -> datetime | None:
    """When a request stopped needing its contact details: done or withdrawn (open: None)."""
    if state.status in (RequestStatus.COMPLETED.value, RequestStatus.RATED.value):
        return state.completed_at
    if state.status == RequestStatus.CANCELLED.value:
        return state.cancelled_at
    return None


def wish_closed_at(state: WishState) -> datetime | None:
    """A wish closes when it is answered (set back in progress: open again)."""
    return state.answered_at if state.status == WishStatus.ANSWERED.value else None


def loan_closed_at(state: LoanState) -> datetime | None:
    """A loan closes when the unit comes back or is written off (out: kept)."""
    if state.status == LoanStatus.RETURNED.value:
        return state.returned_at
    if state.status == LoanStatus.WRITTEN_OFF.value:
        return state.written_off_at
    return None


def due(closed_at: datetime | None, days: int, now: datetime) -> bool:
    """Whether a subject closed at `closed_at` is past its retention at `now`."""
    return closed_at is not None and now - closed_at >= timedelta(days=days)


class PrivacyErased(Payload):
    """A subject's personal data erased (its key destroyed by every holder); no personal data."""

    subject: str = ID
    reason: str = Field(pattern=r"^(request|retention)$")


KINDS: tuple[EventKind, ...] = (EventKind("privacy.erased", PrivacyErased, "subject"),)
