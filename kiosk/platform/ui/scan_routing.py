"""Where a scan goes: the first flow that claims it, in the order the features' UIs declare
(`FeatureUI.scan_rank`: a pickup code or a page asking for a volunteer's badge before the
clocking flow, which takes any badge left)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from kiosk.core.errors import KioskError, ValidationError
from kiosk.platform.ui.scanner import ScanProblem

if TYPE_CHECKING:
    from kiosk.platform.ui.navigator import Flow

SCAN_PROBLEMS = {
    ScanProblem.TOO_LONG.value: ValidationError(
        "二维码内容过长，不是志愿者工牌", "That code is far too long to be a volunteer badge"
    ),
    ScanProblem.GARBAGE.value: ValidationError(
        "扫描内容含有无法识别的字符，请重新扫描工牌",
        "The scan contained unreadable characters; please scan the badge again",
    ),
}


class ScanRouter(QObject):
    """Hands each scan to the first claimant that takes it (none before the database is open).
    `claimants(text)` lists the flows that may take `text`, in order; `claimants("")` those
    there are at all (a refused burst is shown only when some flow could have taken a scan)."""

    def __init__(
        self,
        claimants: Callable[[str], Sequence[Flow]],
        on_activity: Callable[[], None],
        show_error: Callable[[KioskError], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._claimants = claimants
        self._on_activity = on_activity
        self._show_error = show_error

    @Slot(str)
    def route(self, text: str) -> None:
        claimants = self._claimants(text)
        if not claimants:
            return
        self._on_activity()
        for flow in claimants:
            if flow.handles_scan(text):
                return

    @Slot(str)
    def reject(self, problem: str) -> None:
        """A burst that looked like a scan but was too long or unreadable."""
        if self._claimants(""):
            self._show_error(SCAN_PROBLEMS[problem])
