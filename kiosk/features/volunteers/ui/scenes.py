"""The roster with its badges, a printed badge and revoking one, as screenshot scenes
(`KIOSK_UI.scenes`, read by tools/screenshots.py; nothing here runs in a kiosk)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from kiosk.features.admin.ui.sections import admin_flow
from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.volunteers.ui.flow import VolunteersFlow


def _volunteers(then: str) -> Scene:
    """The roster, its first volunteer selected, then `then` tapped: "badge" (a reprint: the
    printed badge) or "revoke_badge" (the reasons)."""

    def show(window: Navigator, demo: Mapping[str, str]) -> None:
        admin_flow(window).log_in(demo["admin_pin"])
        admin_flow(window).console.tool_buttons["volunteers"].click()
        flow = cast("VolunteersFlow", window.flow("volunteers"))
        flow.volunteers.table.selectRow(0)
        flow.volunteers.action_buttons[then].click()

    return Scene(f"volunteers_{then}", show)


def scenes() -> tuple[Scene, ...]:
    # the roster itself (admin_volunteers): tools/screenshots.py
    return (_volunteers("badge"), _volunteers("revoke_badge"))
