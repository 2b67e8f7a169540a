"""The management of slots, lending and medicine items behind the admin PIN: this UI's part of
the shell (`KIOSK_UI`). The flow module is imported only when the flow is made; its pages, at
first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.platform.ui.navigator import FeatureUI

if TYPE_CHECKING:
    from kiosk.platform.ui.navigator import Flow, Navigator


def _flow(navigator: Navigator, services: Any) -> Flow:
    from kiosk.features.items.ui.flow import ItemsFlow

    return ItemsFlow(navigator, services)


KIOSK_UI = FeatureUI(flow=_flow)
