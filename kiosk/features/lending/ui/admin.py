"""The admin page's lending section: stock per item, loans still out (overdue first), and the
staff actions on them — add stock, take a unit back, write a unit off with a reason.

A separate widget so the admin console places it with one line; it reloads itself whenever it
is shown and tells the window through `changed` that something was written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from kiosk.core import words
from kiosk.core.errors import KioskError
from kiosk.features.lending.domain import WriteOffReason
from kiosk.features.lending.service import ADMIN_ACTOR, LoanView, StockView
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage
from kiosk.platform.ui.widgets.pager import PagedRows, RowAction

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import datetime

    from PySide6.QtWidgets import QWidget

    from kiosk.features.lending.service import LendingService

ROWS = 3
STOCK_COLUMNS = 2


class LendingPanel(QFrame):
    """Signals:
    changed(): stock added, a unit taken back or written off (the window pokes sync).
    """

    changed = Signal()

    def __init__(
        self,
        lending: LendingService,
        local_time: Callable[[datetime], datetime],
        language: Callable[[], str],
        parent: QWidget | None = None,
        actor: Callable[[], str] = lambda: ADMIN_ACTOR,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lending_panel")
        self._lending = lending
        self._actor = actor  # the logged-in admin account's id
        self._local = local_time
        self._lang = language
        self._stock: list[StockView] = []
        self._loans: list[LoanView] = []
        self._chosen: LoanView | None = None
        self.title = QLabel()
        self.title.setProperty("role", "section")
        self.stock_grid = QGridLayout()
        self.stock_grid.setHorizontalSpacing(18)
        self.stock_grid.setVerticalSpacing(6)
        self.stock_rows: dict[str, tuple[QLabel, QPushButton]] = {}
        self.loans_title = QLabel()
        self.loans_title.setProperty("role", "section")
        self.empty = QLabel()
        self.empty.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addLayout(self.stock_grid)
        layout.addSpacing(10)
        layout.addWidget(self.loans_title)
        actions = (RowAction("lending_returned"), RowAction("lending_write_off"))
        self.list = PagedRows("lending", ROWS, actions, wrap=False, spacing=4)
        self.list.tapped.connect(self._on_tapped)
        self.list.moved.connect(self._on_page)
        self.pager = self.list.pager
        self.rows = [  # (the loan, its Returned, its Write off…)
            (label, taps[0], taps[1])
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
        self.reason_buttons: dict[WriteOffReason, QPushButton] = {}
        for reason in WriteOffReason:
            tap = button("danger", "", height=72)
            tap.setObjectName(f"write_off_{reason.value}")
            tap.clicked.connect(lambda _=False, r=reason: self._on_reason(r))
            reasons.addWidget(tap)
            self.reason_buttons[reason] = tap
        layout.addLayout(reasons)
        self.notice = BilingualMessage("lead", center=False)
        self.notice.clear()
        layout.addWidget(self.notice)
        self.retranslate()

    @property
    def loans(self) -> list[LoanView]:
        return self._loans

    @property
    def stock(self) -> list[StockView]:
        return self._stock

    def refresh(self) -> None:
        self._stock = self._lending.stock_all()
        self._loans = self._lending.open_loans()
        self._chosen = None
        self._build_stock_rows()
        self._fill()

    def _build_stock_rows(self) -> None:
        """One line per configured item (rebuilt only when the configured items change)."""
        wanted = [view.item.id for view in self._stock]
        if sorted(wanted) == sorted(self.stock_rows):
            return
        for label, add in self.stock_rows.values():
            for widget in (label, add):
                self.stock_grid.removeWidget(widget)
                widget.deleteLater()
        self.stock_rows = {}
        for index, item_id in enumerate(wanted):
            label = QLabel()
            label.setProperty("role", "lead")
            label.setWordWrap(True)  # English counts run long: two lines rather than cut
            add = button("", "", height=72)
            add.setObjectName(f"lending_add_{item_id}")
            add.clicked.connect(lambda _=False, i=item_id: self._on_add(i))
            row, column = divmod(index, STOCK_COLUMNS)
            self.stock_grid.addWidget(label, row, column * 2)
            self.stock_grid.addWidget(add, row, column * 2 + 1)
            label.show()  # a child added to a panel already on screen starts hidden
            add.show()
            self.stock_rows[item_id] = (label, add)

    def _shown(self) -> Sequence[LoanView]:
        return self.list.page_of(self._loans)

    def _on_page(self) -> None:
        self._chosen = None
        self._fill()

    def _fill(self) -> None:
        lang = self._lang()
        zh = lang == "zh"
        for view in self._stock:
            label, add = self.stock_rows[view.item.id]
            text = self.tr("%1: %2 left · %3 out · %4 written off")
            text = (
                text.replace("%1", view.item.name(lang))
                .replace("%2", str(view.left))
                .replace("%3", str(view.out))
                .replace("%4", str(view.written_off))
            )
            if view.over_lent:  # lent twice offline: the shelf is short, staff must look
                text += "  ⚠ " + self.tr("over-lent")
            label.setText(text)
            add.setText(self.tr("+1 in stock"))
        page = self._shown()
        for index, (label, back, off) in enumerate(self.rows):
            shown = index < len(page)
            for widget in (label, back, off):
                widget.setVisible(shown)
            if not shown:
                continue
            loan = page[index]
            who = loan.masked_phone or (f"✔ {loan.approved_by}" if loan.approved_by else "")
            due = self._local(loan.due_at).strftime("%m-%d %H:%M") if loan.due_at else "—"
            flag = ("  ⚠ 超期" if zh else "  ⚠ overdue") if loan.overdue else ""
            due_word = "到期" if zh else "due"
            label.setText(f"{loan.item.name(lang)}  {who}  {due_word} {due}{flag}")
        self.empty.setVisible(not self._loans)
        self.empty.setText(self.tr("Nothing is out on loan."))
        chosen = self._chosen
        self.reason_caption.setVisible(chosen is not None)
        for tap in self.reason_buttons.values():
            tap.setVisible(chosen is not None)
        if chosen is not None:
            who = chosen.masked_phone or chosen.approved_by or ""
            what = chosen.item.measure_zh + chosen.item.name_zh if zh else chosen.item.name_en
            self.reason_caption.setText(
                self.tr("Why write off this %1 (%2)?").replace("%1", what).replace("%2", who)
            )

    def retranslate(self) -> None:
        self.title.setText(self.tr("Lending stock"))
        self.loans_title.setText(self.tr("Out on loan (overdue first)"))
        for _, back, off in self.rows:
            back.setText(self.tr("Returned"))
            off.setText(self.tr("Write off…"))
        for reason, tap in self.reason_buttons.items():
            tap.setText(words.label(words.WRITE_OFF_REASONS, reason, self._lang()))
        self.notice.set_language(self._lang())
        self._fill()

    def reset(self) -> None:
        self.list.first_page()
        self._loans = []
        self._chosen = None
        self.notice.clear()
        self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _done(self, zh: str, en: str) -> None:
        self.refresh()
        self.notice.show_message(zh, en, self._lang(), "success")
        self.changed.emit()

    def _failed(self, exc: KioskError) -> None:
        self.refresh()
        self.notice.show_message(exc.zh, exc.en, self._lang())

    def _on_add(self, item_id: str) -> None:
        try:
            view = self._lending.add_stock(item_id, 1, self._actor(), audited=True)
        except KioskError as exc:
            self._failed(exc)
            return
        zh, en = view.left_text()
        self._done(f"已入库 1 {view.item.measure_zh}{view.item.name_zh}，{zh}", f"Added one: {en}")

    def _on_tapped(self, action: int, index: int) -> None:
        if action == 0:
            self._on_returned(index)
        else:
            self._on_write_off_tapped(index)

    def _on_returned(self, index: int) -> None:
        if index >= len(self._shown()):
            return
        loan = self._shown()[index]
        try:
            returned = self._lending.return_loan(loan.loan_id, self._actor(), audited=True)
        except KioskError as exc:
            self._failed(exc)
            return
        item = returned.loan.item
        self._done(f"{item.name_zh}已归还", f"The {item.name_en} is returned")

    def _on_write_off_tapped(self, index: int) -> None:
        if index < len(self._shown()):
            self._chosen = self._shown()[index]
            self.notice.clear()
            self._fill()

    def _on_reason(self, reason: WriteOffReason) -> None:
        chosen = self._chosen
        if chosen is None:
            return
        try:
            self._lending.write_off(chosen.loan_id, reason.value, self._actor(), audited=True)
        except KioskError as exc:
            self._failed(exc)
            return
        item = chosen.item
        self._done(f"已注销一{item.measure_zh}{item.name_zh}", f"One {item.name_en} written off")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
