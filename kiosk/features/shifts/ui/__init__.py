"""Volunteers clocking in and out: this UI's part of the shell (`KIOSK_UI`).

The flow module is imported only when the flow is made (once the database is open); its pages
are built on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.platform.ui.navigator import FeatureUI

if TYPE_CHECKING:
    from kiosk.platform.ui.navigator import Flow, Navigator, Scene


def _flow(navigator: Navigator, services: Any) -> Flow:
    from kiosk.features.shifts.ui.flow import ClockingFlow

    return ClockingFlow(navigator, services)


def _scenes() -> tuple[Scene, ...]:
    from kiosk.features.shifts.ui.scenes import scenes

    return scenes()


KIOSK_UI = FeatureUI(
    flow=_flow,
    scenes=_scenes,
    scan_rank=100,  # a scan nobody else took is a badge: last
    at_start=True,  # the check-in works the moment the kiosk says it is ready
    wires={
        "home.check_in_requested": "open",
        "result.cancel_requested": "cancel_check_in",
        "result.check_out_requested": "check_out_now",
    },
)
