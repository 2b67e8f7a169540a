"""The volunteers' event kinds: the roster's registrations, PINs and deactivations."""

from __future__ import annotations

from pydantic import Field

from kiosk.core.events import ID, EventKind, Payload


class VolunteerRegistered(Payload):
    volunteer_id: str = ID
    name: str = Field(min_length=1, max_length=40)
    number: str = Field(min_length=1, max_length=32)
    phone: str = Field(min_length=6, max_length=15, pattern=r"^\d+$")


class VolunteerPinSet(Payload):
    volunteer_id: str = ID
    pin_hash: str = Field(min_length=20, max_length=200)


class VolunteerDeactivated(Payload):
    volunteer_id: str = ID
    reason: str = Field(default="", max_length=200)


KINDS: tuple[EventKind, ...] = (
    EventKind("volunteer.registered", VolunteerRegistered, "volunteer_id"),
    EventKind("volunteer.pin_set", VolunteerPinSet, "volunteer_id"),
    EventKind("volunteer.deactivated", VolunteerDeactivated, "volunteer_id"),
)
