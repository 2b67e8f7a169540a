"""The roster as the hub publishes it (config kind "roster"): authoritative for the volunteers
it lists, overlaid on what local events say about them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from kiosk.core.events import DEFER_BUILD, ID, Payload


class RosterEntry(Payload):
    """A volunteer as published: id, name, number, a PIN hash, and whether active.

    No phone: a configuration body is stored and pulled as published, outside the subjects'
    keys, so a phone in it could never be crypto-shredded (docs/privacy.md, "Volunteers"). The
    phone a volunteer signs in with is the sealed one of their own registration; a body that
    still gives `phone` is refused (extra fields are)."""

    volunteer_id: str = ID
    name: str = Field(min_length=1, max_length=40)
    number: str = Field(min_length=1, max_length=32)
    pin_hash: str | None = Field(default=None, min_length=20, max_length=200)
    active: bool = True


class Roster(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=DEFER_BUILD)

    volunteers: list[RosterEntry] = Field(default_factory=list, max_length=20_000)
