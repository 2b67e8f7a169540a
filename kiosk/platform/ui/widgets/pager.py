"""Previous / "2 / 5" / Next under a list that shows a few rows at a time, and the rows.

A touch screen has no scroll wheel and a flicked list hides rows people must act on: the admin's
lists show a page of big rows and this pager, so every row can be reached ("另有 N 笔" with no
way to them was a dead end). `PagedRows` is the list itself (a wrapped line of text and its
action buttons per row, the pager under them, the page arithmetic), written once for every
admin list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.platform.ui.util import button

T = TypeVar("T")


def page_count(rows: int, per_page: int) -> int:
    """Pages for `rows` rows, at least one (an empty list is one empty page)."""
    return max(1, (rows + per_page - 1) // per_page)


class Pager(QWidget):
    """Signals:
    moved(int): -1 for the previous page, +1 for the next.
    """

    moved = Signal(int)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._own_words = False  # the owner words the buttons (`set_words`)
        self._page_format = "%1 / %2"
        self.previous_button = button("", "", height=72)
        self.previous_button.setObjectName(f"{name}_previous")
        self.page_label = QLabel()
        self.page_label.setProperty("role", "muted")
        self.next_button = button("", "", height=72)
        self.next_button.setObjectName(f"{name}_next")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.previous_button)
        row.addWidget(self.page_label, 1)
        row.addWidget(self.next_button)
        self.previous_button.clicked.connect(lambda: self.moved.emit(-1))
        self.next_button.clicked.connect(lambda: self.moved.emit(1))
        self.retranslate()

    def show_page(self, page: int, pages: int) -> None:
        """Page `page` (from 0) of `pages`; the pager hides itself when one page holds all."""
        self.page_label.setText(
            self._page_format.replace("%1", str(page + 1)).replace("%2", str(pages))
        )
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < pages)
        self.setVisible(pages > 1)

    def set_words(self, previous: str, next_: str, page_format: str) -> None:
        """The owner's own words, already translated (a timetable pages "Earlier" / "Later");
        the owner sets them again when the language changes."""
        self._own_words = True
        self._page_format = page_format
        self.previous_button.setText(previous)
        self.next_button.setText(next_)

    def retranslate(self) -> None:
        if self._own_words:
            return
        self.previous_button.setText(self.tr("Previous"))
        self.next_button.setText(self.tr("Next"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


@dataclass(frozen=True)
class RowAction:
    """One button on every row: its object name is `<name>_<row>`, `kind` its style ("",
    "primary", "danger"), `width` its minimum width in pixels (0: as wide as its words)."""

    name: str
    kind: str = ""
    width: int = 0


class PagedRows(QWidget):
    """`per_page` rows, each a line of text and the `actions`' buttons, with the pager under
    them. The owner keeps its items and fills the rows from `page_of(items)`; the rows a short
    page leaves are the owner's to hide.

    Signals:
    tapped(int, int): (the action's position in `actions`, the row on this page).
    moved(): the page changed; the owner fills the rows again.
    """

    tapped = Signal(int, int)
    moved = Signal()

    def __init__(
        self,
        name: str,
        per_page: int,
        actions: Sequence[RowAction],
        *,
        wrap: bool = True,
        spacing: int = 10,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.per_page = per_page
        self.page = 0
        self._count = 0
        self.labels: list[QLabel] = []
        self.buttons: list[list[QPushButton]] = []  # per row, in the order of `actions`
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        for index in range(per_page):
            label = QLabel()
            label.setProperty("role", "lead")
            label.setWordWrap(wrap)
            line = QHBoxLayout()
            line.addWidget(label, 1)
            taps: list[QPushButton] = []
            for position, action in enumerate(actions):
                tap = button(action.kind, "", height=72)
                tap.setObjectName(f"{action.name}_{index}")
                if action.width:
                    tap.setMinimumWidth(action.width)
                tap.clicked.connect(partial(self.tapped.emit, position, index))
                line.addWidget(tap)
                taps.append(tap)
            layout.addLayout(line)
            self.labels.append(label)
            self.buttons.append(taps)
        self.pager = Pager(name)
        self.pager.moved.connect(self._on_moved)
        layout.addWidget(self.pager)

    def page_of(self, items: Sequence[T]) -> Sequence[T]:
        """The items on the page shown, the page kept within the list (a list that shrank
        shows its last page) and the pager brought up to date."""
        self._count = len(items)
        pages = page_count(self._count, self.per_page)
        self.page = max(0, min(self.page, pages - 1))
        self.pager.show_page(self.page, pages)
        return items[self.page * self.per_page : (self.page + 1) * self.per_page]

    def first_page(self) -> None:
        """Back to the first page (a new list, or the page opened again)."""
        self.page = 0

    def _on_moved(self, step: int) -> None:
        pages = page_count(self._count, self.per_page)
        self.page = max(0, min(self.page + step, pages - 1))
        self.moved.emit()
