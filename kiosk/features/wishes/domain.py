"""Needs and wishes (诉求 / 微心愿): their event kinds (the fold lives with requests' tickets)."""

from __future__ import annotations

from pydantic import Field

from kiosk.core.events import ID, EventKind, Payload
from kiosk.core.sealing import MAX_SEALED, SEALED_PATTERN
from kiosk.core.tickets import (
    CHANNEL_PATTERN,
    MAX_ANSWER,
    MAX_TEXT,
    TICKET_PATTERN,
    WISH_CATEGORY_PATTERN,
    WISH_STATUS_PATTERN,
)


class WishSubmitted(Payload):
    """A need or wish (诉求 / 微心愿), anonymous unless a phone is given. The text and phone
    travel sealed under the wish's own key (`sealed`, docs/privacy.md); in clear only in events
    written before."""

    wish_id: str = ID
    ticket: str = Field(pattern=TICKET_PATTERN)
    category: str = Field(pattern=WISH_CATEGORY_PATTERN)
    channel: str = Field(pattern=CHANNEL_PATTERN)
    text: str = Field(default="", max_length=MAX_TEXT)
    phone: str | None = Field(default=None, min_length=6, max_length=15, pattern=r"^\d+$")
    sealed: str | None = Field(default=None, max_length=MAX_SEALED, pattern=SEALED_PATTERN)
    consent: int | None = Field(default=None, ge=1, le=999)


class WishStatusSet(Payload):
    """Received → in progress → answered; the answer is shown when the ticket is looked up."""

    wish_id: str = ID
    status: str = Field(pattern=WISH_STATUS_PATTERN)
    answer: str = Field(default="", max_length=MAX_ANSWER)


KINDS: tuple[EventKind, ...] = (
    EventKind("wish.submitted", WishSubmitted, "wish_id"),
    EventKind("wish.status_set", WishStatusSet, "wish_id"),
)
