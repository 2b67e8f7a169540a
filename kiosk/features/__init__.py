"""The registry: every feature of the kiosk, one line each (DESIGN §1).

Adding a feature is one folder under `kiosk/features/` and one line here (plus its migration).
Its parts are found by module convention (`kiosk.platform.parts`); the event kinds its domain
declares (`KINDS`) are handed to core's kind table here, read on first use.
The order is the order of the home screen's and the admin console's sections where it matters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kiosk.core.feature import Feature
from kiosk.features import (
    activities,
    admin,
    announcements,
    catalogue,
    certificates,
    charging,
    emergency,
    handover,
    incidents,
    items,
    lending,
    lists,
    medicine,
    printing,
    privacy,
    reports,
    requests,
    rollcall,
    rota,
    shifts,
    training,
    trains,
    uses,
    volunteer_page,
    volunteers,
    wishes,
)

FEATURES: tuple[Feature, ...] = (
    shifts.FEATURE,
    volunteers.FEATURE,
    uses.FEATURE,
    catalogue.FEATURE,
    charging.FEATURE,
    lending.FEATURE,
    medicine.FEATURE,
    emergency.FEATURE,
    incidents.FEATURE,
    rollcall.FEATURE,
    training.FEATURE,
    activities.FEATURE,
    handover.FEATURE,
    rota.FEATURE,
    requests.FEATURE,
    wishes.FEATURE,
    lists.FEATURE,
    trains.FEATURE,
    certificates.FEATURE,
    items.FEATURE,
    announcements.FEATURE,
    admin.FEATURE,
    reports.FEATURE,
    printing.FEATURE,
    volunteer_page.FEATURE,
    privacy.FEATURE,
)


if TYPE_CHECKING:
    from kiosk.core.events import EventKind


def feature(name: str) -> Feature:
    """The feature called `name` (KeyError names it if there is none)."""
    for f in FEATURES:
        if f.name == name:
            return f
    raise KeyError(name)


def event_kinds() -> Iterator[EventKind]:
    """Every feature's declared event kinds (`features/<name>/domain.py`: `KINDS`); core reads
    them through here on first use, so importing the registry (as every feature import does)
    stays cheap: no pydantic, no payload models before the home screen is painted."""
    from kiosk.platform.parts import part

    for f in FEATURES:
        yield from part(f, "domain", "KINDS", ())
