"""The privacy feature's store: `privacy.erased` destroys the subject's key on this kiosk as it
is folded (written here or pulled), in the same transaction as the event; for a volunteer it
also blanks their name and phone in the roster."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.features.admin.store import scrub_leader_names
from kiosk.features.volunteers.store import (
    VolunteerRow,
    erase_volunteers,
    scrub_registrations,
)
from kiosk.platform.store.models import Base
from kiosk.platform.store.projections import Projector
from kiosk.platform.store.vault import erase_keys

# No projection table: the key tables are the platform's (kiosk.platform.store.vault).
TABLES: tuple[type[Base], ...] = ()


def _project_erasure(session: Session, events: list[Event]) -> object:
    erased = [e for e in events if e.kind == "privacy.erased"]
    if erased:
        subjects = {str(e.payload["subject"]) for e in erased}
        erase_keys(session, subjects, erased[0].occurred_at)
        # A volunteer's name and phone (the centre's erasure): blanked in the roster here;
        # the volunteers projector keeps them blank whatever it folds later.
        erase_volunteers(session, subjects)
        # Their registrations written before sealing lose their clear name and phone too.
        scrub_registrations(session, subjects)
        # …and their team-leader account's older events, which named them in clear.
        numbers = session.execute(
            select(VolunteerRow.id, VolunteerRow.number).where(VolunteerRow.id.in_(subjects))
        ).all()
        scrub_leader_names(session, {str(i): str(n) for i, n in numbers})
    return len(erased)


PROJECTORS: dict[str, Projector] = {"privacy.": _project_erasure}
