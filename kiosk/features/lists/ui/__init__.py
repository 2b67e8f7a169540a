"""The three lists: this UI's part of the shell (`KIOSK_UI`).

The flow module is imported only when the flow is made; its page is built on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.platform.ui.navigator import FeatureUI, Scene

if TYPE_CHECKING:
    from kiosk.platform.ui.navigator import Flow, Navigator


def _flow(navigator: Navigator, services: Any) -> Flow:
    from kiosk.features.lists.ui.flow import ListsFlow

    return ListsFlow(navigator, services)


def _scenes() -> tuple[Scene, ...]:
    from kiosk.features.lists.ui.scenes import scenes

    return scenes()


KIOSK_UI = FeatureUI(
    flow=_flow,
    scenes=_scenes,
    extends=("wishes", "requests"),  # a button on the wishes' page, a note on a ticket's status
)
