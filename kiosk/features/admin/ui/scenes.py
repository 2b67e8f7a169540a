"""The log review's tabs (as the station admin), and the team leader's (no audit), the roster
with its badges, a printed badge, revoking one and the settings, as screenshot scenes
(`KIOSK_UI.scenes`, read by tools/screenshots.py; nothing here runs in a kiosk)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from kiosk.features.admin.service.logs import LogKind
from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.admin.ui.flow import AdminFlow


def _logs(log: LogKind, pin_name: str = "admin_pin") -> Scene:
    def show(window: Navigator, demo: Mapping[str, str]) -> None:
        flow = cast("AdminFlow", window.flow("admin"))
        flow.log_in(demo[pin_name])
        flow.console.logs_button.click()
        flow.logs.tabs[log].click()

    name = f"logs_{log.value}" if pin_name == "admin_pin" else "logs_team_leader"
    return Scene(name, show)


def _volunteers(then: str) -> Scene:
    """The roster, its first volunteer selected, then `then` tapped: "badge" (a reprint: the
    printed badge) or "revoke_badge" (the reasons)."""

    def show(window: Navigator, demo: Mapping[str, str]) -> None:
        flow = cast("AdminFlow", window.flow("admin"))
        flow.log_in(demo["admin_pin"])
        flow.console.volunteers_button.click()
        flow.volunteers.table.selectRow(0)
        flow.volunteers.action_buttons[then].click()

    return Scene(f"volunteers_{then}", show)


def scenes() -> tuple[Scene, ...]:
    return (
        _volunteers("badge"),  # the roster itself and the settings: tools/screenshots.py
        _volunteers("revoke_badge"),
        _logs(LogKind.BADGES),
        _logs(LogKind.SHIFTS),
        _logs(LogKind.INCIDENTS),
        _logs(LogKind.LENDING),
        _logs(LogKind.REQUESTS),
        _logs(LogKind.WISHES),
        _logs(LogKind.AUDIT),
        _logs(LogKind.REQUESTS, "leader_pin"),
    )
