"""Phone charging: this UI's part of the shell (`KIOSK_UI`).

The flow module is imported only when the flow is made (once the database is open); its pages
are built on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.platform.ui.navigator import FeatureUI, Scene

if TYPE_CHECKING:
    from kiosk.platform.ui.navigator import Flow, Navigator


def _flow(navigator: Navigator, services: Any) -> Flow:
    from kiosk.features.charging.ui.flow import ChargingFlow

    return ChargingFlow(navigator, services)


def _claims_scan(text: str) -> bool:
    from kiosk.features.charging.domain import is_code_qr

    return is_code_qr(text)


def _scenes() -> tuple[Scene, ...]:
    from kiosk.features.charging.ui.scenes import scenes

    return scenes()


KIOSK_UI = FeatureUI(
    flow=_flow,
    scenes=_scenes,
    tile_rank=10,
    scan_rank=10,  # pickup-code QRs (SKC1.…) before badges
    claims_scan=_claims_scan,
)
