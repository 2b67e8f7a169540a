"""The volunteers' event kinds: the roster's registrations, PINs and deactivations, and their
badges (issued, revoked, the station's badge lifetime)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from kiosk.core.events import ID, EventKind, Payload
from kiosk.core.sealing import MAX_SEALED, SEALED_PATTERN
from kiosk.core.words import PERSONAL_DATA
from kiosk.features.volunteers.domain.serials import (
    MAX_LIFETIME_DAYS,
    MIN_LIFETIME_DAYS,
    SERIAL_PATTERN,
    RevokeReason,
)


class VolunteerRegistered(Payload):
    """A volunteer on the roster. Their name and phone travel sealed under their own key
    (`sealed`: `{"name", "phone"}`, docs/privacy.md), so the centre's erasure destroys both;
    `name` and `phone` in clear are what kiosks and the hub wrote before, still read. (No
    validator demands one of `name`/`sealed`: it would take the kind off the hub's one-pass
    push path; our writers always give `sealed`.)"""

    volunteer_id: str = ID
    name: str | None = Field(default=None, min_length=1, max_length=40)
    number: str = Field(min_length=1, max_length=32)
    phone: str | None = Field(default=None, min_length=6, max_length=15, pattern=r"^\d+$")
    sealed: str | None = Field(default=None, max_length=MAX_SEALED, pattern=SEALED_PATTERN)


# What a scrubbed registration names (core.words PERSONAL_DATA "erased").
_ERASED = " / ".join(PERSONAL_DATA["erased"])


def scrubbed_registration(payload: Mapping[str, Any]) -> dict[str, Any] | None:
    """A registration written before sealing, its clear name and phone taken out: what the
    centre's erasure of that volunteer leaves of it on every holder (kiosks and hub alike, so
    they agree on the event; docs/privacy.md, "Old registrations"). None: nothing in clear."""
    if not payload.get("phone") and payload.get("name") in (None, _ERASED):
        return None
    out = {k: v for k, v in payload.items() if k not in ("name", "phone")}
    if not out.get("sealed"):
        out["name"] = _ERASED  # still a valid registration, naming nobody
    return out


class VolunteerPinSet(Payload):
    """A PIN chosen; `setup_code_hash` names the centre's setup code it was chosen with (that
    code is then used up on every kiosk, whatever the clocks say of the order)."""

    volunteer_id: str = ID
    pin_hash: str = Field(min_length=20, max_length=200)
    setup_code_hash: str | None = Field(default=None, min_length=20, max_length=200)


class VolunteerDeactivated(Payload):
    volunteer_id: str = ID
    reason: str = Field(default="", max_length=200)


class VolunteerReactivated(Payload):
    """A deactivated volunteer back on the roster (the centre's 重新启用): the latest of
    deactivated/reactivated in the agreed order counts."""

    volunteer_id: str = ID


class VolunteerSetupCodeIssued(Payload):
    """A one-time setup code the centre gave a volunteer (added, or their PIN reset): only
    its scrypt hash travels; at a kiosk the volunteer types number + code and chooses a PIN
    (a `volunteer.pin_set`), which uses the code up. docs/hub.md, "Volunteers at the centre"."""

    volunteer_id: str = ID
    code_hash: str = Field(min_length=20, max_length=200)
    expires_at: datetime


class BadgeIssued(Payload):
    """A badge printed: its serial, whose it is, the hash of its secret and its last day."""

    serial: str = Field(pattern=SERIAL_PATTERN)
    volunteer_id: str = ID
    secret_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    expires_on: date


class BadgeRevoked(Payload):
    serial: str = Field(pattern=SERIAL_PATTERN)
    volunteer_id: str = ID
    reason: RevokeReason


class BadgeLifetimeSet(Payload):
    """The station's badge lifetime (days), for badges issued from now on at any kiosk."""

    setting: Literal["badge_lifetime"] = "badge_lifetime"
    days: int = Field(ge=MIN_LIFETIME_DAYS, le=MAX_LIFETIME_DAYS)


KINDS: tuple[EventKind, ...] = (
    EventKind("volunteer.registered", VolunteerRegistered, "volunteer_id"),
    EventKind("volunteer.pin_set", VolunteerPinSet, "volunteer_id"),
    EventKind("volunteer.deactivated", VolunteerDeactivated, "volunteer_id"),
    EventKind("volunteer.reactivated", VolunteerReactivated, "volunteer_id"),
    EventKind("volunteer.setup_code_issued", VolunteerSetupCodeIssued, "volunteer_id"),
    # A badge's events are folded with the other badges of its volunteer (one aggregate), so
    # "the latest issued is current" is decided in the agreed order.
    EventKind("badge.issued", BadgeIssued, "volunteer_id"),
    EventKind("badge.revoked", BadgeRevoked, "volunteer_id"),
    EventKind("badge.lifetime_set", BadgeLifetimeSet, "setting"),
)
