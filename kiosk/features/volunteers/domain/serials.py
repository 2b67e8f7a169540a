"""Badges with a serial: what the QR holds, and the one rule every kiosk of a station applies.

Decision (issue #17 §1): a badge is `SKB2.<serial>.<secret>`: a 10-character serial printed on
the card and a 128-bit random secret. Issuing one is an event (`badge.issued`: serial,
volunteer, SHA-256 of serial and secret, expiry) that syncs through the hub to every kiosk of
the station like any other fact; revoking one is another (`badge.revoked`). No kiosk holds a
key that can make a badge another kiosk accepts, so a stolen kiosk database forges nothing (the
log holds only hashes of 128-bit secrets); a stand-alone kiosk issues badges with no hub; and
whether a badge works is decided from the volunteer's badge events alone, folded in the agreed
order, so two kiosks holding the same events decide the same. A signature shared by the
station's kiosks would have meant shipping one private key to every kiosk, and revocation
would still have needed these events.

The secret's hash is a plain SHA-256: the secret is 128 random bits, nothing to brute-force, and
a scan must stay fast. Old `SKB1` (signed) badges keep working until the volunteer's first
serial badge is issued (`legacy_allowed`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from urllib.parse import quote

from kiosk.core.errors import NotFound, ValidationError
from kiosk.core.events import Event
from kiosk.core.order import agreed_order

PREFIX = "SKB2."
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U to misread on a card
SERIAL_PATTERN = r"^[0-9A-HJKMNP-TV-Z]{10}$"
_TOKEN_RE = re.compile(r"^SKB2\.([0-9A-HJKMNP-TV-Z]{10})\.([A-Za-z0-9_-]{22})$")
DEFAULT_LIFETIME_DAYS = 730  # two years
MIN_LIFETIME_DAYS = 30
MAX_LIFETIME_DAYS = 3650
LIFETIME_SETTING = "badge_lifetime"


class RevokeReason(StrEnum):
    """Why an admin revoked a badge (a reprint needs none: the new serial replaces the old)."""

    LOST = "lost"
    STOLEN = "stolen"
    DAMAGED = "damaged"
    LEFT = "left"  # the volunteer left the station
    OTHER = "other"


class BadgeStatus(StrEnum):
    """A serial's state as the fold sees it (expiry is judged at the scan, by the clock)."""

    CURRENT = "current"
    REPLACED = "replaced"
    REVOKED = "revoked"


@dataclass(frozen=True)
class NewBadge:
    """A badge about to be issued: the token goes on the card, the hash into the event."""

    serial: str
    token: str
    secret_hash: str


def secret_hash(serial: str, secret: str) -> str:
    return hashlib.sha256(f"{serial}.{secret}".encode()).hexdigest()


def new_badge() -> NewBadge:
    serial = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    secret = secrets.token_urlsafe(16)  # 22 characters, 128 bits
    return NewBadge(serial, f"{PREFIX}{serial}.{secret}", secret_hash(serial, secret))


def badge_link(hub_url: str, station_id: str, number: str, token: str) -> str:
    """What a badge's QR holds when the station has a hub: the volunteer's own page with their
    number filled in (a phone's camera opens it; then only the PIN), the badge's token after
    the `#`. A browser never sends the part after `#` to the server, and the kiosks' scanners
    read the token from it (`parse_token`)."""
    return f"{hub_url.rstrip('/')}/v/{quote(station_id)}?n={quote(number)}#{token}"


def parse_token(token: str) -> tuple[str, str] | None:
    """(serial, secret) of a serial badge's text — the bare token, or a badge link
    (`badge_link`) whose fragment is one — or None if it is not one."""
    if "#" in token and token.startswith(("http://", "https://")):
        token = token.rsplit("#", 1)[1]
    found = _TOKEN_RE.match(token)
    return (found.group(1), found.group(2)) if found else None


def expiry_for(issued: date, lifetime_days: int) -> date:
    """The last day a badge issued on `issued` works."""
    return issued + timedelta(days=lifetime_days)


@dataclass(frozen=True)
class BadgeState:
    """One serial, folded from its volunteer's badge events."""

    serial: str
    volunteer_id: str
    secret_hash: str
    issued_at: datetime
    expires_on: date
    kiosk_id: str
    status: BadgeStatus
    revoked_reason: str | None = None
    revoked_at: datetime | None = None


def fold_badges(events: list[Event]) -> list[BadgeState]:
    """Every serial of one volunteer: the latest issued (agreed order) is current unless revoked;
    the others are replaced. A revocation counts whenever it arrives, even before its issue."""
    issued: list[Event] = []
    revoked: dict[str, Event] = {}
    for event in agreed_order(events):
        if event.kind == "badge.issued":
            issued.append(event)
        elif event.kind == "badge.revoked":
            revoked.setdefault(str(event.payload["serial"]), event)  # the first one stands
    states = []
    for index, event in enumerate(issued):
        serial = str(event.payload["serial"])
        revocation = revoked.get(serial)
        if revocation is not None:
            status = BadgeStatus.REVOKED
        elif index == len(issued) - 1:
            status = BadgeStatus.CURRENT
        else:
            status = BadgeStatus.REPLACED
        states.append(
            BadgeState(
                serial=serial,
                volunteer_id=str(event.payload["volunteer_id"]),
                secret_hash=str(event.payload["secret_hash"]),
                issued_at=event.occurred_at,
                expires_on=date.fromisoformat(str(event.payload["expires_on"])),
                kiosk_id=event.kiosk_id,
                status=status,
                revoked_reason=str(revocation.payload["reason"]) if revocation else None,
                revoked_at=revocation.occurred_at if revocation else None,
            )
        )
    return states


def fold_lifetime(events: list[Event]) -> int:
    """The station's badge lifetime in days: the latest setting in the agreed order."""
    days = DEFAULT_LIFETIME_DAYS
    for event in agreed_order(events):
        if event.kind == "badge.lifetime_set":
            days = int(event.payload["days"])
    return days


FORGED = ValidationError(
    "工牌无效或已被篡改，请联系站长", "This badge is not valid or has been altered; ask the admin"
)
NOT_KNOWN = NotFound(
    "本机尚未收到此工牌的登记（可能尚未同步），请用手机号和密码，或联系站长",
    "This kiosk has no record of this badge yet (not synced?); use phone + PIN or ask the admin",
)
REPLACED = ValidationError(
    "此工牌已被新工牌取代，请使用最新打印的工牌",
    "This badge was replaced by a newer one; please use your latest badge",
)


def revoked_error(reason: tuple[str, str]) -> ValidationError:
    return ValidationError(
        f"此工牌已作废（{reason[0]}），请联系站长",
        f"This badge has been revoked ({reason[1]}); ask the admin",
    )


def expired_error(expires_on: date) -> ValidationError:
    return ValidationError(
        f"此工牌已于 {expires_on:%Y-%m-%d} 过期，请联系站长补办",
        f"This badge expired on {expires_on:%Y-%m-%d}; ask the admin for a new one",
    )


def judge(
    state: BadgeState | None,
    secret: str,
    today: date,
    reason_words: dict[str, tuple[str, str]],
) -> str:
    """The volunteer id a scanned serial badge stands for, or the reason it is refused.

    The secret is checked first, so a guessed serial learns nothing about the badge's state."""
    if state is None:
        raise NOT_KNOWN
    if not hmac.compare_digest(state.secret_hash, secret_hash(state.serial, secret)):
        raise FORGED
    if state.status is BadgeStatus.REVOKED:
        reason = state.revoked_reason or "other"
        raise revoked_error(reason_words.get(reason, (reason, reason)))
    if state.status is BadgeStatus.REPLACED:
        raise REPLACED
    if today > state.expires_on:
        raise expired_error(state.expires_on)
    return state.volunteer_id


def legacy_allowed(issued: date, has_serial_badge: bool, today: date, lifetime_days: int) -> None:
    """An old signed (SKB1) badge works until its volunteer's first serial badge, and only
    within the station's lifetime from the date it carries."""
    if has_serial_badge:
        raise REPLACED
    # Dated over a year ahead: not a badge we printed. A month or two ahead is a signer's (or
    # this kiosk's) clock being off, which must not lock a volunteer out.
    if issued > today + timedelta(days=366):
        raise FORGED
    if today > expiry_for(issued, lifetime_days):
        raise expired_error(expiry_for(issued, lifetime_days))
