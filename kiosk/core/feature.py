"""What a feature is: one folder under `kiosk/features/`, described to the rest of the house by
one `Feature` value in its package `__init__.py` (the way an Odoo addon has its manifest).

The platform and the composition roots (`kiosk.app`, `kiosk.shell`, the hub's app) iterate the
registry, `kiosk.features.FEATURES`, instead of naming features. `depends` is the contract a
feature's imports are checked against (`tools/contracts.py`, run by `make contracts`): a
feature may import another only if it names it here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Feature:
    """One feature's manifest."""

    name: str  # the folder's name, e.g. "charging"
    summary: str  # one line for docs/architecture.md and the newcomer
    depends: tuple[str, ...] = ()  # features whose parts this one imports
