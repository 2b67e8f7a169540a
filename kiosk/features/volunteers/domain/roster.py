"""The roster as the hub publishes it (config kind "roster"): authoritative for the volunteers
it lists, overlaid on what local events say about them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from kiosk.features.volunteers.domain.events import VolunteerRegistered


class RosterEntry(VolunteerRegistered):
    """A volunteer as published: the registration fields, a PIN hash, and whether active."""

    # Configuration the centre authors: the phone in clear, as published.
    phone: str = Field(min_length=6, max_length=15, pattern=r"^\d+$")
    pin_hash: str | None = Field(default=None, min_length=20, max_length=200)
    active: bool = True


class Roster(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    volunteers: list[RosterEntry] = Field(default_factory=list, max_length=20_000)
