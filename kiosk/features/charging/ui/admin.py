"""The admin page's list of open charging sessions, overdue first, each closable with a reason.

A separate widget so the admin console (issue 6) places it with one line; it reloads itself
whenever it is shown and tells the window through `session_closed` that something was written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core import words
from kiosk.core.errors import KioskError
from kiosk.features.charging.domain import CloseReason
from kiosk.features.charging.service import ADMIN_ACTOR, OpenCharging
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage
from kiosk.platform.ui.widgets.pager import PagedRows, RowAction

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import datetime

    from kiosk.features.charging.service import ChargingService

ROWS = 3


class ChargingSessionsPanel(QFrame):
    """Signals:
    session_closed(): a session was closed with a reason (the window pokes sync).
    """

    session_closed = Signal()

    def __init__(
        self,
        charging: ChargingService,
        local_time: Callable[[datetime], datetime],
        language: Callable[[], str],
        parent: QWidget | None = None,
        actor: Callable[[], str] = lambda: ADMIN_ACTOR,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("charging_sessions")
        self._charging = charging
        self._actor = actor  # the logged-in admin account's id
        self._local = local_time
        self._lang = language
        self._sessions: list[OpenCharging] = []
        self._chosen: OpenCharging | None = None
        self.title = QLabel()
        self.title.setProperty("role", "section")
        self.empty = QLabel()
        self.empty.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        self.list = PagedRows(
            "charging", ROWS, (RowAction("charging_close"),), wrap=False, spacing=4
        )
        self.list.tapped.connect(self._on_close_tapped)
        self.list.moved.connect(self._on_page)
        self.pager = self.list.pager
        self.rows = [  # (the session, its Close…)
            (label, taps[0])
            for label, taps in zip(self.list.labels, self.list.buttons, strict=True)
        ]
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        self.reason_caption = QLabel()
        self.reason_caption.setProperty("role", "lead")
        self.reason_caption.setWordWrap(True)
        layout.addWidget(self.reason_caption)
        reasons = QHBoxLayout()
        reasons.setSpacing(12)
        self.reason_buttons: dict[CloseReason, QPushButton] = {}
        for reason in CloseReason:
            tap = button("primary", "", height=72)
            tap.setObjectName(f"reason_{reason.value}")
            tap.clicked.connect(lambda _=False, r=reason: self._on_reason(r))
            reasons.addWidget(tap)
            self.reason_buttons[reason] = tap
        layout.addLayout(reasons)
        self.notice = BilingualMessage("lead", center=False)
        self.notice.clear()
        layout.addWidget(self.notice)
        self.retranslate()

    @property
    def sessions(self) -> list[OpenCharging]:
        return self._sessions

    def refresh(self) -> None:
        self._sessions = self._charging.open_sessions()
        self._chosen = None
        self._fill()

    def _shown(self) -> Sequence[OpenCharging]:
        return self.list.page_of(self._sessions)

    def _on_page(self) -> None:
        self._chosen = None
        self._fill()

    def _fill(self) -> None:
        zh = self._lang() == "zh"
        page = self._shown()
        for index, (label, close) in enumerate(self.rows):
            shown = index < len(page)
            label.setVisible(shown)
            close.setVisible(shown)
            if not shown:
                continue
            item = page[index]
            since = self._local(item.started_at).strftime("%m-%d %H:%M")
            flags = []
            if item.overdue:
                flags.append("超时" if zh else "overdue")
            if item.locked:
                flags.append("已锁定" if zh else "locked")
            extra = f"  ⚠ {' · '.join(flags)}" if flags else ""
            label.setText(f"{item.slot.label('zh' if zh else 'en')}  {since}{extra}")
        self.empty.setVisible(not self._sessions)
        self.empty.setText(self.tr("No phone is charging."))
        chosen = self._chosen
        self.reason_caption.setVisible(chosen is not None)
        for tap in self.reason_buttons.values():
            tap.setVisible(chosen is not None)
        if chosen is not None:
            self.reason_caption.setText(
                self.tr("Why close %1?").replace("%1", chosen.slot.label("zh" if zh else "en"))
            )

    def retranslate(self) -> None:
        self.title.setText(self.tr("Phones charging"))
        for _, close in self.rows:
            close.setText(self.tr("Close…"))
        for reason, tap in self.reason_buttons.items():
            tap.setText(words.label(words.CHARGING_CLOSE_REASONS, reason, self._lang()))
        self.notice.set_language(self._lang())
        self._fill()

    def reset(self) -> None:
        self.list.first_page()
        self._sessions = []
        self._chosen = None
        self.notice.clear()
        self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _on_close_tapped(self, _action: int, index: int) -> None:
        if index < len(self._shown()):
            self._chosen = self._shown()[index]
            self.notice.clear()
            self._fill()

    def _on_reason(self, reason: CloseReason) -> None:
        chosen = self._chosen
        if chosen is None:
            return
        try:
            closed = self._charging.close(
                chosen.session_id, reason.value, self._actor(), audited=True
            )
        except KioskError as exc:
            self.notice.show_message(exc.zh, exc.en, self._lang())
            self.refresh()
            return
        self.refresh()
        self.notice.show_message(
            f"已结束{closed.slot.label_zh}的充电",
            f"Closed the session at {closed.slot.label_en}",
            self._lang(),
            "success",
        )
        self.session_closed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
