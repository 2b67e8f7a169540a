"""The log review's tabs (as the station admin), and the team leader's (no audit), as
screenshot scenes (`KIOSK_UI.scenes`, read by tools/screenshots.py; nothing here runs in a
kiosk)."""

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


def scenes() -> tuple[Scene, ...]:
    return (
        _logs(LogKind.BADGES),
        _logs(LogKind.SHIFTS),
        _logs(LogKind.INCIDENTS),
        _logs(LogKind.LENDING),
        _logs(LogKind.REQUESTS),
        _logs(LogKind.WISHES),
        _logs(LogKind.AUDIT),
        _logs(LogKind.REQUESTS, "leader_pin"),
    )
