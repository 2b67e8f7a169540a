"""The station's three lists as a screenshot scene (`KIOSK_UI.scenes`, read by
tools/screenshots.py; nothing here runs in a kiosk)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.admin.ui.flow import AdminFlow
    from kiosk.features.lists.ui.flow import ListsFlow


def _lists(window: Navigator, _demo: Mapping[str, str]) -> None:
    """The lists opened from the wishes' page."""
    window.go_home()
    cast("ListsFlow", window.flow("lists")).open()


def _log(window: Navigator, demo: Mapping[str, str]) -> None:
    """The admin's log review, its 项目清单 tab: the demo's three projects."""
    admin = cast("AdminFlow", window.flow("admin"))
    admin.log_in(demo["admin_pin"])
    admin.console.logs_button.click()
    admin.logs.tabs["lists"].click()


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("lists", _lists, after="wish_ticket"),
        Scene("logs_lists", _log),
    )
