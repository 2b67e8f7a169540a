"""The registry: every feature of the kiosk, one line each (DESIGN §1).

Adding a feature is one folder under `kiosk/features/` and one line here (plus its migration).
The order is the order of the home screen's and the admin console's sections where it matters.
"""

from __future__ import annotations

from kiosk.core.feature import Feature
from kiosk.features import (
    admin,
    announcements,
    catalogue,
    certificates,
    charging,
    emergency,
    incidents,
    items,
    lending,
    medicine,
    reports,
    requests,
    shifts,
    uses,
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
    requests.FEATURE,
    wishes.FEATURE,
    certificates.FEATURE,
    items.FEATURE,
    announcements.FEATURE,
    admin.FEATURE,
    reports.FEATURE,
)


def feature(name: str) -> Feature:
    """The feature called `name` (KeyError names it if there is none)."""
    for f in FEATURES:
        if f.name == name:
            return f
    raise KeyError(name)
