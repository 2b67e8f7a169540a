"""Help requests: this UI's part of the shell (`KIOSK_UI`).

The flow module is imported only when the flow is made (once the database is open); its pages
are built on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.core.tickets import is_ticket_scan
from kiosk.platform.ui.navigator import FeatureUI

if TYPE_CHECKING:
    from kiosk.platform.ui.navigator import Flow, Navigator


def _flow(navigator: Navigator, services: Any) -> Flow:
    from kiosk.features.requests.ui.flow import RequestFlow

    return RequestFlow(navigator, services)


KIOSK_UI = FeatureUI(
    flow=_flow,
    tile_rank=40,
    scan_rank=50,
    claims_scan=is_ticket_scan,  # a ticket's QR, on any page
    wires={
        "home.queue_requested": "open_queue",
        "idle.idle": "forget",
    },
)
