"""The staff's train pages behind the admin PIN: the runs still to leave, each with 晚点…,
检票口… and 停运 (恢复 once cancelled), the keypads for minutes and a gate, and the list of
timetable files found in the export folder and on USB sticks.

The pages only show and ask: the flow calls the service as the logged-in account.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core import words
from kiosk.features.trains.domain import Departure, TrainStatus
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.pages.entry import KeypadPage
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage
from kiosk.platform.ui.widgets.pager import PagedRows, RowAction
from kiosk.platform.ui.widgets.train_keypad import TrainKeypad

ROWS = 6
FILE_ROWS = 6
GATE_LETTERS = "ABCDEF"


def describe(departure: Departure, lang: str) -> str:
    """One run on one line: number, destination, time, gate, and what staff marked."""
    zh = lang == "zh"
    parts = [
        departure.train,
        departure.to_zh if zh else departure.to_en,
        departure.departs.strftime("%m-%d %H:%M"),
        ("检票口 " if zh else "gate ") + (departure.gate or "—"),
    ]
    late = f"晚点 {departure.delay_min} 分" if zh else f"{departure.delay_min} min late"
    if departure.status is not TrainStatus.DELAYED:  # 晚点 says it with the minutes
        parts.append(words.label(words.TRAIN_STATUSES, departure.status.value, lang))
    if departure.delay_min and departure.status is not TrainStatus.CANCELLED:
        parts.append(late)
    return ("，" if zh else ", ").join(parts)


class TrainStaffPage(Page):
    """Signals:
    delay_requested(str, str): (train, day) whose minutes late to ask.
    gate_requested(str, str): (train, day) whose new gate to ask.
    cancel_requested(str, str): (train, day) confirmed as not running.
    reinstate_requested(str, str): (train, day) running after all.
    import_requested(): list the timetable files.
    back_requested(): back to the console.
    """

    delay_requested = Signal(str, str)
    gate_requested = Signal(str, str)
    cancel_requested = Signal(str, str)
    reinstate_requested = Signal(str, str)
    import_requested = Signal()
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.departures: list[Departure] = []
        self.confirming: str | None = None  # the run whose cancellation awaits a second tap
        self._source = ("", "")
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.source = QLabel()
        self.source.setProperty("role", "muted")
        self.source.setWordWrap(True)
        self.notice = BilingualMessage("lead", center=False)
        self.notice.clear()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.source)
        actions = (
            RowAction("trains_delay", width=170),
            RowAction("trains_gate", width=170),
            RowAction("trains_cancel", width=220),
        )
        self.list = PagedRows("trains", ROWS, actions)
        self.list.tapped.connect(self._on_tapped)
        self.list.moved.connect(self._on_page)
        self.rows = [  # (the run, its Delay, its Gate, its Cancel)
            (label, taps[0], taps[1], taps[2])
            for label, taps in zip(self.list.labels, self.list.buttons, strict=True)
        ]
        layout.addWidget(self.list)
        self.empty = QLabel()
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        bottom = QHBoxLayout()
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setObjectName("trains_back")
        self.back_button.setMinimumWidth(240)
        self.import_button = button("primary", "", height=88)
        self.import_button.setObjectName("trains_import")
        self.import_button.setMinimumWidth(320)
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.import_button)
        layout.addLayout(bottom)
        self.back_button.clicked.connect(self.back_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.retranslate()

    def show_runs(
        self, departures: list[Departure], source: tuple[str, str], keep_page: bool = False
    ) -> None:
        """The runs still to leave and where the timetable comes from ((zh, en) line)."""
        if not keep_page:
            self.list.first_page()
        self.departures = list(departures)
        self._source = source
        self.confirming = None
        self.retranslate()

    def _shown(self) -> Sequence[Departure]:
        return self.list.page_of(self.departures)

    def reset(self) -> None:
        self.confirming = None
        self.notice.clear()

    @Slot()
    def _on_page(self) -> None:
        self.confirming = None
        self.retranslate()

    @Slot(int, int)
    def _on_tapped(self, action: int, index: int) -> None:
        shown = self._shown()
        if index >= len(shown):
            return
        run = shown[index]
        day = run.day.isoformat()
        if action == 0:
            self.delay_requested.emit(run.train, day)
        elif action == 1:
            self.gate_requested.emit(run.train, day)
        elif run.status is TrainStatus.CANCELLED:
            self.reinstate_requested.emit(run.train, day)
        elif self.confirming == run.run_id:
            self.confirming = None
            self.cancel_requested.emit(run.train, day)
        else:  # a cancellation tells every traveller their train is gone: ask twice
            self.confirming = run.run_id
            self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Train times"))
        zh, en = self._source
        self.source.setText(zh if self.lang == "zh" else en)
        shown = self._shown()
        for index, (label, delay, gate, cancel) in enumerate(self.rows):
            run = shown[index] if index < len(shown) else None
            for widget in (label, delay, gate, cancel):
                widget.setVisible(run is not None)
            if run is None:
                continue
            label.setText(describe(run, self.lang))
            delay.setText(self.tr("Delay…"))
            gate.setText(self.tr("Gate…"))
            cancelled = run.status is TrainStatus.CANCELLED
            delay.setEnabled(not cancelled)
            if cancelled:
                cancel.setText(self.tr("Reinstate"))
                cancel.setProperty("kind", "")
            elif self.confirming == run.run_id:
                cancel.setText(self.tr("Confirm cancel"))
                cancel.setProperty("kind", "danger")
            else:
                cancel.setText(self.tr("Cancel train"))
                cancel.setProperty("kind", "")
            cancel.style().unpolish(cancel)
            cancel.style().polish(cancel)
        self.list.pager.set_words(self.tr("Earlier"), self.tr("Later"), self.tr("Page %1 of %2"))
        self.list.page_of(self.departures)  # the pager in these words
        self.empty.setText(self.tr("No timetable, or no train still to leave today or tomorrow."))
        self.empty.setVisible(not self.departures)
        self.back_button.setText(self.tr("Back"))
        self.import_button.setText(self.tr("Import timetable…"))
        self.notice.set_language(self.lang)


class DelayMinutesPage(KeypadPage):
    """How many minutes late the chosen train leaves (0: on time again)."""

    ICON = "clock"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=3, parent=parent)
        self.train = ""
        self.day = ""
        self.retranslate()

    def ask(self, train: str, day: str) -> None:
        self.reset()
        self.train, self.day = train, day
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("How many minutes late is %1?").replace("%1", self.train))
        self.hint.setText(self.tr("Minutes, e.g. 25. Type 0 when it is on time again."))
        self.detail.setText(self.tr("Every kiosk of the station shows it after the next sync."))
        self.keypad.set_placeholder(self.tr("Minutes"))


class GatePage(KeypadPage):
    """The chosen train's new gate: a letter first if it has one, then digits (A12, 5)."""

    ICON = "train"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=4, parent=parent)
        plain = self.keypad
        self.gate_keypad = TrainKeypad(
            icon_color=theme.palette.icon, letters=GATE_LETTERS, max_length=4
        )
        self.keypad = self.gate_keypad
        self.keypad.setFixedWidth(600)
        layout = self.layout()
        assert layout is not None
        layout.replaceWidget(plain, self.keypad, Qt.FindChildOption.FindDirectChildrenOnly)
        plain.hide()
        plain.deleteLater()
        self.keypad.submitted.connect(self._on_submitted)
        self.keypad.edited.connect(self._on_edited)
        self.train = ""
        self.day = ""
        self.retranslate()

    def ask(self, train: str, day: str) -> None:
        self.reset()
        self.train, self.day = train, day
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("New gate for %1").replace("%1", self.train))
        self.hint.setText(self.tr("Letter first if it has one, e.g. A12 or 5."))
        self.detail.setText(self.tr("The board shows the new gate, marked as changed."))
        self.keypad.set_placeholder(self.tr("e.g. A12"))


class TimetableFilesPage(Page):
    """Signals:
    chosen(str): the path of the file to import.
    back_requested(): back to the train times.
    """

    chosen = Signal(str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.files: list[Path] = []
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint.setWordWrap(True)
        self.error = BilingualMessage("inline-error", center=False)
        self.error.clear()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        self.file_buttons: list[QPushButton] = []
        for index in range(FILE_ROWS):
            choice = button("", "", height=80)
            choice.setObjectName(f"trains_file_{index}")
            choice.clicked.connect(partial(self._on_file, index))
            layout.addWidget(choice)
            self.file_buttons.append(choice)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setObjectName("trains_files_back")
        self.back_button.setMinimumWidth(240)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    def show_files(self, files: list[Path]) -> None:
        self.files = list(files)[:FILE_ROWS]
        self.error.clear()
        self.retranslate()

    def show_error(self, zh: str, en: str) -> None:
        self.error.show_message(zh, en, self.lang)

    def _on_file(self, index: int) -> None:
        if index < len(self.files):
            self.chosen.emit(str(self.files[index]))

    def reset(self) -> None:
        self.error.clear()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Import a timetable"))
        self.hint.setText(
            self.tr(
                "CSV or XLSX files in the export folder and on USB sticks. Columns: "
                "车次, 终到站, 终到站英文, 开点 (HH:MM, station time); optional 运行日, 检票口, "
                "候车室, 站台, 检票提前分钟."
            )
            if self.files
            else self.tr(
                "No CSV or XLSX file in the export folder or on a USB stick. Copy the "
                "timetable from the passenger-information system onto a stick and plug it in."
            )
        )
        for index, choice in enumerate(self.file_buttons):
            if index < len(self.files):
                path = self.files[index]
                choice.setText(f"{path.name}    ({path.parent})")
                choice.setVisible(True)
            else:
                choice.setVisible(False)
        self.back_button.setText(self.tr("Back"))
        self.error.set_language(self.lang)
