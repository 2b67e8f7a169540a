"""Roll call: this UI's part of the shell (`KIOSK_UI`).

The flow module is imported only when the flow is made (once the database is open); its pages
are built on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.platform.ui.navigator import FeatureUI, Scene

if TYPE_CHECKING:
    from kiosk.platform.ui.navigator import Flow, Navigator


def _flow(navigator: Navigator, services: Any) -> Flow:
    from kiosk.features.rollcall.ui.flow import RollCallFlow

    return RollCallFlow(navigator, services)


def _scenes() -> tuple[Scene, ...]:
    from kiosk.features.rollcall.ui.scenes import scenes

    return scenes()


KIOSK_UI = FeatureUI(
    flow=_flow,
    scenes=_scenes,
    scan_rank=35,  # only while its pages show; before the badge check-in (100)
    extends=("emergency",),  # the Roll call button on the emergency page
)
