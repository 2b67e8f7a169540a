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


def _leader_setup(window: Navigator, demo: Mapping[str, str]) -> None:
    """A leader named at the centre, choosing their admin PIN (the first of the two)."""
    flow = cast("AdminFlow", window.flow("admin"))
    flow.open_login()
    flow.admin_login.leader_button.click()
    flow.leader_phone.keypad.submitted.emit(demo.get("phone", "13800000001"))
    flow.leader_volunteer_pin.keypad.submitted.emit("2580")


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("leader_admin_pin", _leader_setup),
        _logs(LogKind.BADGES),
        _logs(LogKind.SHIFTS),
        _logs(LogKind.INCIDENTS),
        _logs(LogKind.LENDING),
        _logs(LogKind.REQUESTS),
        _logs(LogKind.WISHES),
        _logs(LogKind.AUDIT),
        _logs(LogKind.REQUESTS, "leader_pin"),
    )
