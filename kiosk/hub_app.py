"""The hub's composition root: the platform's hub app with every feature's hub part.

A feature takes part in the hub through its `kiosk.features.<name>.hub` module's `HUB_PART`
(kiosk/platform/hub/part.py); this module finds them in the registry, so the platform hub names
no feature. Served by `kiosk-hub serve` (kiosk.hub_cli) or `uvicorn --factory
kiosk.hub_app:create_app`.
"""

from __future__ import annotations

from fastapi import FastAPI

from kiosk.core.clock import Clock
from kiosk.features import FEATURES
from kiosk.platform.hub.app import build_app
from kiosk.platform.hub.part import HubPart
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.parts import part


def hub_parts() -> tuple[HubPart, ...]:
    """The features' hub parts, in the registry's order."""
    found = (part(feature, "hub", "HUB_PART") for feature in FEATURES)
    return tuple(p for p in found if p is not None)


def create_app(settings: HubSettings | None = None, clock: Clock | None = None) -> FastAPI:
    """A ready hub app for `settings` (environment if None); `clock` is injectable for tests."""
    return build_app(settings, clock, hub_parts())
