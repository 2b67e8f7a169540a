"""The admin screen's section of open help requests and needs/wishes, with their times.

Requests show how long they have waited (or the response time once accepted); each open wish
has a button to set its status and answer (the wish flow's answer page).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import KioskError
from kiosk.features.requests.service import RequestView
from kiosk.features.requests.ui.labels import (
    ESCALATIONS,
    REQUEST_CATEGORIES,
    REQUEST_STATUS,
    WISH_CATEGORIES,
    WISH_STATUS,
    minutes_since,
    one,
)
from kiosk.features.wishes.service import WishView
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

if TYPE_CHECKING:
    from kiosk.core.clock import Clock
    from kiosk.features.requests.service import RequestService
    from kiosk.features.wishes.service import WishService


class HelpDeskServices(Protocol):
    """What the help desk needs of the kiosk's services."""

    @property
    def clock(self) -> Clock: ...
    @property
    def requests(self) -> RequestService: ...
    @property
    def wishes(self) -> WishService: ...
    @property
    def admin_actor(self) -> str: ...


def _table(headers: int) -> QTableWidget:
    table = QTableWidget(0, headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(64)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(headers - 1, QHeaderView.ResizeMode.Fixed)  # the buttons
    table.setColumnWidth(headers - 1, BUTTON_COLUMN_PX)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    return table


BUTTON_COLUMN_PX = 230  # the least width of a table's button column
BUTTON_MARGIN_PX = 32  # the cell's padding (QTableWidget::item, 14 px a side) and a little air


def _fit_buttons(table: QTableWidget, column: int) -> None:
    """Widen the button column to its widest button: "Status / answer" in English (and any
    label in large type) is wider than the 230 px its Chinese fits, and a fixed column clipped
    it."""
    width = BUTTON_COLUMN_PX
    for row in range(table.rowCount()):
        widget = table.cellWidget(row, column)
        if widget is not None:
            widget.ensurePolished()  # the stylesheet's font, not the default one
            width = max(width, widget.sizeHint().width() + BUTTON_MARGIN_PX)
    table.setColumnWidth(column, width)


def _drop_buttons(table: QTableWidget, column: int) -> None:
    for row in range(table.rowCount()):
        old = table.cellWidget(row, column)
        if old is not None:
            old.hide()  # at once: the table deletes it only at the next event loop turn
            table.removeCellWidget(row, column)


class HelpDeskPanel(QWidget):
    """Signals:
    answer_requested(str): a wish id whose status and answer staff want to set.
    changed(): staff withdrew a request (the window pokes sync and redraws the badge).
    """

    answer_requested = Signal(str)
    changed = Signal()

    def __init__(
        self,
        services: HelpDeskServices,
        local_time: Callable[[datetime], datetime],
        language: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._local = local_time
        self._lang = language
        self.requests: list[RequestView] = []
        self.wishes: list[WishView] = []
        self.requests_caption = QLabel()
        self.requests_caption.setProperty("role", "section")
        self.requests_table = _table(7)
        self.requests_table.verticalHeader().setDefaultSectionSize(84)
        self.message = BilingualMessage("inline-error", center=False)
        self.message.clear()
        self.requests_table.setObjectName("admin_requests")
        self.wishes_caption = QLabel()
        self.wishes_caption.setProperty("role", "section")
        self.wishes_table = _table(6)
        self.wishes_table.setObjectName("admin_wishes")
        self.wishes_table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.wishes_table.verticalHeader().setDefaultSectionSize(84)  # room for the buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.requests_caption)
        layout.addWidget(self.message)
        layout.addWidget(self.requests_table, 1)
        layout.addWidget(self.wishes_caption)
        layout.addWidget(self.wishes_table, 1)
        self.retranslate()

    def refresh(self) -> None:
        self.requests = self._services.requests.open_requests()
        self.wishes = self._services.wishes.open_wishes()
        self._fill()

    def _time(self, moment: datetime | None) -> str:
        return self._local(moment).strftime("%m-%d %H:%M") if moment else "—"

    def _cancel(self, request_id: str) -> None:
        """Withdraw a request nobody will finish (the traveller left, a duplicate)."""
        try:
            self._services.requests.cancel(
                request_id, self._services.admin_actor, "withdrawn by staff", audited=True
            )
        except KioskError as exc:
            self.message.show_message(exc.zh, exc.en, self._lang())
            return
        self.message.clear()
        self.refresh()
        self.changed.emit()

    def _fill(self) -> None:
        lang = self._lang()
        now = self._services.clock.now()
        _drop_buttons(self.requests_table, 6)
        self.requests_table.setRowCount(len(self.requests))
        for row, view in enumerate(self.requests):
            if view.response_s is not None:
                waited = self.tr("answered in %1 min").replace("%1", str(view.response_s // 60))
            else:
                waited = self.tr("waiting %1 min").replace(
                    "%1", str(minutes_since(view.ordered_at, now))
                )
            urgent = " · ".join(one(ESCALATIONS[e], lang) for e in view.escalated)
            cells = [
                view.ticket,
                one(REQUEST_CATEGORIES[view.category][1:], lang),
                one(REQUEST_STATUS[view.status], lang)
                + (f" · {view.accepted_by}" if view.accepted_by else ""),
                self._local(view.ordered_at).strftime("%H:%M"),
                waited,
                ("⚠ " + urgent) if urgent else "",
            ]
            for column, text in enumerate(cells):
                self.requests_table.setItem(row, column, QTableWidgetItem(text))
            withdraw = button("", "", "#9C3D1E", height=72)
            withdraw.setObjectName(f"withdraw_{view.ticket}")
            withdraw.setText(self.tr("Withdraw"))
            withdraw.clicked.connect(lambda _=False, rid=view.id: self._cancel(rid))
            self.requests_table.setCellWidget(row, 6, withdraw)
        _drop_buttons(self.wishes_table, 5)
        self.wishes_table.setRowCount(len(self.wishes))
        for row, wish in enumerate(self.wishes):
            cells = [
                wish.ticket,
                one(WISH_CATEGORIES[wish.category][1:], lang),
                one(WISH_STATUS[wish.status], lang),
                self._time(wish.submitted_at),
                wish.text[:40],
            ]
            for column, text in enumerate(cells):
                self.wishes_table.setItem(row, column, QTableWidgetItem(text))
            action = button("", "", "#9C3D1E", height=72)
            action.setObjectName(f"answer_{wish.ticket}")
            action.setText(self.tr("Status / answer"))
            action.clicked.connect(lambda _=False, wid=wish.id: self.answer_requested.emit(wid))
            self.wishes_table.setCellWidget(row, 5, action)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        """Large type switched (a new stylesheet): the buttons grow, their columns follow once
        the buttons have their new font (after this event: the next turn of the loop)."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            QTimer.singleShot(0, self, self._fit)  # not after the page is gone

    def _fit(self) -> None:
        _fit_buttons(self.requests_table, 6)
        _fit_buttons(self.wishes_table, 5)

    def retranslate(self) -> None:
        self.requests_caption.setText(self.tr("Open help requests"))
        self.requests_table.setHorizontalHeaderLabels(
            [
                self.tr("Ticket"),
                self.tr("Help"),
                self.tr("Status"),
                self.tr("Ordered"),
                self.tr("Time"),
                self.tr("Urgent"),
                "",
            ]
        )
        self.wishes_caption.setText(self.tr("Open needs and wishes"))
        self.wishes_table.setHorizontalHeaderLabels(
            [
                self.tr("Ticket"),
                self.tr("About"),
                self.tr("Status"),
                self.tr("Sent"),
                self.tr("Text"),
                "",
            ]
        )
        self._fill()
