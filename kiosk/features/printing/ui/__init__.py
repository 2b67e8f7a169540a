"""Printing: this UI's part of the shell (`KIOSK_UI`): no tile and no scan, a flow other
features reach by name (`navigator.flow("printing")`) to print a receipt off the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.platform.ui.navigator import FeatureUI

if TYPE_CHECKING:
    from kiosk.platform.ui.navigator import Flow, Navigator, Scene


def _flow(navigator: Navigator, services: Any) -> Flow:
    from kiosk.features.printing.ui.flow import PrintingFlow

    return PrintingFlow(navigator, services)


def _scenes() -> tuple[Scene, ...]:
    from kiosk.features.printing.ui.scenes import scenes

    return scenes()


KIOSK_UI = FeatureUI(flow=_flow, scenes=_scenes)
