"""The roll-call page (one person ticked) and the taker's badge-or-phone page, as screenshot
scenes (`KIOSK_UI.scenes`, read by tools/screenshots.py; nothing here runs in a kiosk)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.rollcall.ui.flow import RollCallFlow


def _flow(window: Navigator) -> RollCallFlow:
    return cast("RollCallFlow", window.flow("rollcall"))


def _roll(window: Navigator, _demo: Mapping[str, str]) -> None:
    """The roll opened from the emergency page, its first person ticked by a tap."""
    window.go_home()
    flow = _flow(window)
    flow.open()
    page = flow.roll
    if page.tally.entries:
        page.ticked.emit(page.tally.entries[0].volunteer_id)


def _taker(window: Navigator, demo: Mapping[str, str]) -> None:
    _roll(window, demo)
    _flow(window).roll.finish_button.click()


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("rollcall", _roll, after="admin_acknowledged"),
        Scene("rollcall_taker", _taker),
    )
