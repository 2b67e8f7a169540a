"""The admin page's services section: show or hide a service and move it up or down.

Each tap is a `catalogue.item_set` event applied over the hub's or bundled catalogue (and synced
to the station's other kiosks). Where-text and hours can be set through the same event, but this
touch screen has no keyboard to type them (the hub's catalogue is the place for text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from kiosk.core.errors import KioskError
from kiosk.features.catalogue.service.catalogue import ServiceItem
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from kiosk.features.catalogue.service.edits import CatalogueEditService

ROWS = 5


class CataloguePanel(QFrame):
    """Signals:
    changed(): a service was shown, hidden or moved (the window redraws home, pokes sync).
    """

    changed = Signal()

    def __init__(
        self,
        edits: CatalogueEditService,
        items: Callable[[], list[ServiceItem]],
        language: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("catalogue_panel")
        self._edits = edits
        self._items = items
        self._lang = language
        self._list: list[ServiceItem] = []
        self._page = 0
        self.title = QLabel()
        self.title.setProperty("role", "section")
        self.rows: list[tuple[QLabel, QPushButton, QPushButton, QPushButton]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        for index in range(ROWS):
            label = QLabel()
            label.setProperty("role", "lead")
            toggle = button("", "", height=72)
            toggle.setObjectName(f"catalogue_toggle_{index}")
            toggle.setMinimumWidth(150)
            toggle.clicked.connect(lambda _=False, i=index: self._on_toggle(i))
            up = button("", "", height=72)
            up.setObjectName(f"catalogue_up_{index}")
            up.setText("↑")
            up.clicked.connect(lambda _=False, i=index: self._on_move(i, -1))
            down = button("", "", height=72)
            down.setObjectName(f"catalogue_down_{index}")
            down.setText("↓")
            down.clicked.connect(lambda _=False, i=index: self._on_move(i, 1))
            line = QHBoxLayout()
            line.addWidget(label, 1)
            line.addWidget(toggle)
            line.addWidget(up)
            line.addWidget(down)
            layout.addLayout(line)
            self.rows.append((label, toggle, up, down))
        paging = QHBoxLayout()
        self.previous_button = button("", "", height=72)
        self.previous_button.setObjectName("catalogue_previous")
        self.next_button = button("", "", height=72)
        self.next_button.setObjectName("catalogue_next")
        self.page_label = QLabel()
        self.page_label.setProperty("role", "muted")
        paging.addWidget(self.previous_button)
        paging.addWidget(self.page_label, 1)
        paging.addWidget(self.next_button)
        layout.addLayout(paging)
        self.previous_button.clicked.connect(lambda: self._on_page(-1))
        self.next_button.clicked.connect(lambda: self._on_page(1))
        self.notice = BilingualMessage("lead", center=False)
        self.notice.clear()
        layout.addWidget(self.notice)
        self.retranslate()

    @property
    def items(self) -> list[ServiceItem]:
        return self._list

    def refresh(self) -> None:
        self._list = self._items()
        self._page = min(self._page, max(0, (len(self._list) - 1) // ROWS))
        self._fill()

    def _shown(self) -> list[ServiceItem]:
        return self._list[self._page * ROWS : (self._page + 1) * ROWS]

    def _fill(self) -> None:
        lang = self._lang()
        shown = self._shown()
        for index, (label, toggle, up, down) in enumerate(self.rows):
            visible = index < len(shown)
            for widget in (label, toggle, up, down):
                widget.setVisible(visible)
            if not visible:
                continue
            item = shown[index]
            state = "" if item.enabled else "  · " + self.tr("hidden")
            label.setText(f"{item.name(lang)}  ({item.opening_hours(lang)}){state}")
            toggle.setText(self.tr("Hide") if item.enabled else self.tr("Show"))
            up.setEnabled(item.enabled)
            down.setEnabled(item.enabled)
        pages = max(1, (len(self._list) + ROWS - 1) // ROWS)
        self.page_label.setText(f"{self._page + 1} / {pages}")
        self.previous_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page + 1 < pages)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Services on the home screen"))
        self.previous_button.setText(self.tr("Previous"))
        self.next_button.setText(self.tr("Next"))
        self.notice.set_language(self._lang())
        self._fill()

    def reset(self) -> None:
        self._page = 0
        self.notice.clear()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _on_page(self, step: int) -> None:
        self._page += step
        self.notice.clear()
        self._fill()

    def _on_toggle(self, index: int) -> None:
        shown = self._shown()
        if index >= len(shown):
            return
        item = shown[index]
        try:
            self._edits.set_item(item.id, enabled=not item.enabled)
        except KioskError as exc:
            self.notice.show_message(exc.zh, exc.en, self._lang())
            return
        zh, en = ("已隐藏", "Hidden") if item.enabled else ("已显示", "Shown")
        self._done(f"{zh}：{item.name_zh}", f"{en}: {item.name_en}")

    def _on_move(self, index: int, step: int) -> None:
        shown = self._shown()
        if index >= len(shown):
            return
        enabled = [i for i in self._list if i.enabled]
        try:
            self._edits.move(enabled, shown[index].id, step)
        except KioskError as exc:
            self.notice.show_message(exc.zh, exc.en, self._lang())
            return
        self._done("顺序已调整", "Order changed")

    def _done(self, zh: str, en: str) -> None:
        self.refresh()
        self.notice.show_message(zh, en, self._lang(), "success")
        self.changed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
