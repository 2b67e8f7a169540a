"""Tickets for help requests and needs/wishes: the short number a traveller keeps.

A ticket is shared by three places that never talk at the moment it is made: the kiosk that
printed it, the hub's phone page that may have made it instead, and any kiosk of the station
where the traveller later asks "what became of my request". So it is a random number, not a
counter, typed on a digit keypad (six digits, no leading zero) or scanned from its QR code.
A collision within one station is possible but rare (about 0.5 % over a thousand open tickets);
a lookup shows the newest ticket with that number.

The category lists are the contract between the kiosk screens and the hub's phone pages.
"""

from __future__ import annotations

import re
import secrets
from enum import StrEnum

from kiosk.core.errors import ValidationError

TICKET_PATTERN = r"^[1-9]\d{5}$"
_TICKET = re.compile(TICKET_PATTERN)
# The status QR opens the hub's page when a hub is known: {hub}/t/{station_id}/{ticket}.
# The kiosk's scanner accepts that link, or the bare prefix form below when no hub is set.
TICKET_QR_PREFIX = "SKT1."
_TICKET_IN_LINK = re.compile(r"/t/[A-Za-z0-9_.:-]{1,64}/([1-9]\d{5})/?$")


class RequestCategory(StrEnum):
    """What a traveller or worker asks volunteers for (点单)."""

    WHEELCHAIR = "wheelchair"  # wheelchair or escort
    LUGGAGE = "luggage"
    LOST = "lost"  # lost item or person
    DIRECTIONS = "directions"
    MEDICAL = "medical"
    OTHER = "other"


class WishCategory(StrEnum):
    """What a need or wish (诉求 / 微心愿) is about."""

    WAGES = "wages"  # unpaid wages, labour rights
    REST = "rest"  # a place to rest, eat, charge
    HEALTH = "health"
    JOB = "job"  # work, training
    FAMILY = "family"
    SUGGESTION = "suggestion"  # for the station
    OTHER = "other"


class Channel(StrEnum):
    """Where a request or wish was made: at a kiosk, or on the traveller's phone via the hub."""

    KIOSK = "kiosk"
    PHONE = "phone"


REQUEST_CATEGORY_PATTERN = "^(" + "|".join(c.value for c in RequestCategory) + ")$"
WISH_CATEGORY_PATTERN = "^(" + "|".join(c.value for c in WishCategory) + ")$"
CHANNEL_PATTERN = "^(" + "|".join(c.value for c in Channel) + ")$"
RATING_PATTERN = r"^(good|ok|bad)$"  # three big faces
WISH_STATUS_PATTERN = r"^(in_progress|answered)$"  # "received" is the submission itself
TRAIN_PATTERN = r"^[GDCZTKYLS]?\d{1,5}$"  # G1234, D56, K1, 1461
MAX_TEXT = 200
MAX_ANSWER = 500


def new_ticket() -> str:
    """A fresh ticket number: six digits, the first not zero."""
    return str(100_000 + secrets.randbelow(900_000))


def clean_ticket(raw: str) -> str:
    """The ticket number in `raw` (typed, or scanned as a link or SKT1 text); else refused."""
    text = raw.strip()
    if text.startswith(TICKET_QR_PREFIX):
        text = text[len(TICKET_QR_PREFIX) :]
    else:
        found = _TICKET_IN_LINK.search(text)
        if found is not None:
            text = found.group(1)
    if not _TICKET.match(text):
        raise ValidationError("请输入 6 位单号", "Please enter the 6-digit ticket number")
    return text


def ticket_link(hub_url: str | None, station_id: str, ticket: str) -> str:
    """What a ticket's QR code holds: the hub's status page, or the bare ticket offline."""
    if hub_url:
        return f"{hub_url.rstrip('/')}/t/{station_id}/{ticket}"
    return f"{TICKET_QR_PREFIX}{ticket}"


def is_ticket_scan(text: str) -> bool:
    """A scanned ticket QR: SKT1.<ticket>, or the hub's status link …/t/<station>/<ticket>."""
    stripped = text.strip()
    return stripped.upper().startswith(TICKET_QR_PREFIX) or "/t/" in stripped
