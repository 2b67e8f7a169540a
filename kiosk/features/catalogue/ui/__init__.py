"""The plain service page, where uses are counted: this UI's part of the shell (`KIOSK_UI`).

The flow module is imported only when the flow is made (once the database is open); its pages
are built on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.platform.ui.navigator import FeatureUI

if TYPE_CHECKING:
    from kiosk.platform.ui.navigator import Flow, Navigator


def _flow(navigator: Navigator, services: Any) -> Flow:
    from kiosk.features.catalogue.ui.flow import ServiceFlow

    return ServiceFlow(navigator, services)


KIOSK_UI = FeatureUI(
    flow=_flow,
    tile_rank=100,  # a tile no other flow claimed: last
)
