"""The roster as the hub publishes it (config kind "roster"): the hub refuses a body that fails
`Roster`, which is the model kiosks fold it with (kiosk.features.volunteers.domain.roster)."""

from __future__ import annotations

from kiosk.features.volunteers.domain.roster import Roster, RosterEntry

__all__ = ["Roster", "RosterEntry"]
