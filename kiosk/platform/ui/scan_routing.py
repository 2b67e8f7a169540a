"""Where a scan goes: the flow whose page asks for it (a pickup code, a volunteer's badge naming
who approves or attends, a ticket), else a volunteer clocking in or out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Slot

from kiosk.core.errors import ValidationError
from kiosk.platform.ui.scanner import ScanProblem

if TYPE_CHECKING:
    from kiosk.shell.main_window import MainWindow

SCAN_PROBLEMS = {
    ScanProblem.TOO_LONG.value: ValidationError(
        "二维码内容过长，不是志愿者工牌", "That code is far too long to be a volunteer badge"
    ),
    ScanProblem.GARBAGE.value: ValidationError(
        "扫描内容含有无法识别的字符，请重新扫描工牌",
        "The scan contained unreadable characters; please scan the badge again",
    ),
}


class ScanClaimant(Protocol):
    """A flow that may take a scan: True when it did (and showed what happened)."""

    def handles_scan(self, text: str) -> bool: ...


class ScanRouter(QObject):
    """Hands each scan to the first flow that claims it, in order; a badge nobody claimed
    clocks its volunteer."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def claimants(self) -> list[ScanClaimant]:
        """In order: pickup-code QRs (SKC1.…) before badges; a page asking for a volunteer
        takes the badge before it can clock anyone."""
        w = self._window
        return [w.charging, w.lending, w.medicine, w.emergency, w.requests]

    @Slot(str)
    def route(self, text: str) -> None:
        window = self._window
        if not window.has_services():
            return
        window.idle.poke()
        if any(flow.handles_scan(text) for flow in self.claimants()):
            return
        window.clocking.scan_badge(text)

    @Slot(str)
    def reject(self, problem: str) -> None:
        """A burst that looked like a scan but was too long or unreadable."""
        if self._window.has_services():
            self._window.show_error(SCAN_PROBLEMS[problem])
