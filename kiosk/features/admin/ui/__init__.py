"""The admin session and console: this UI's part of the shell (`KIOSK_UI`).

The flow module is imported only when the flow is made (once the database is open); its pages
are built on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.platform.ui.navigator import FeatureUI, Scene

if TYPE_CHECKING:
    from kiosk.platform.ui.navigator import Flow, Navigator


def _flow(navigator: Navigator, services: Any) -> Flow:
    from kiosk.features.admin.ui.flow import AdminFlow

    return AdminFlow(navigator, services)


def _scenes() -> tuple[Scene, ...]:
    from kiosk.features.admin.ui.scenes import scenes

    return scenes()


KIOSK_UI = FeatureUI(
    flow=_flow,
    scenes=_scenes,
    admin_session=True,
    at_start=True,  # the admin's own settings (language, type size) and the first PIN page
    wires={
        "top_bar.admin_gesture": "open_login",
    },
)
