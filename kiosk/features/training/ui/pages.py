"""The training pages behind the admin PIN: the list of records (correct, void with a
reason), the record form (kind, volunteer number, dates, trainer, certificate, typed on the
touch keyboard), the console's tab of certificates expiring, and the emergency page's list of
who on duty is first-aid trained.

The pages only show and ask: the flow calls the service as the logged-in account.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import words
from kiosk.features.training.domain import ExpiryState, TrainingKind, TrainingVoidReason
from kiosk.features.training.service import TrainedOnDuty, TrainingView
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.pages.field_form import MAX_FIELD, FieldFormPage
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage
from kiosk.platform.ui.widgets.pager import PagedRows, RowAction

ROWS = 5
FIELDS = ("volunteer_number", "trained_on", "trainer", "certificate_no", "expires_on")


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def describe(view: TrainingView, lang: str) -> str:
    """One record on one line: who, what, when, the certificate and its state."""
    kind = words.label(words.TRAINING_KINDS, view.kind, lang)
    sep = "，" if lang == "zh" else ", "
    parts = [
        f"{view.volunteer}（{view.volunteer_number}）"
        if lang == "zh"
        else f"{view.volunteer} ({view.volunteer_number})",
        kind,
        _day(view.trained_on),
        view.trainer,
    ]
    if view.certificate_no:
        parts.append(view.certificate_no)
    if view.voided:
        reason = words.label(words.TRAINING_VOID_REASONS, view.void_reason, lang)
        parts.append(("已作废：" if lang == "zh" else "VOID: ") + reason)
    elif view.expires_on is not None:
        state = words.label(words.TRAINING_EXPIRY, view.state.value, lang)
        until = "有效期至 " if lang == "zh" else "until "
        parts.append(f"{until}{_day(view.expires_on)} · {state}")
    return sep.join(parts)


class TrainingListPage(Page):
    """Signals:
    new_requested(): record a training.
    correct_requested(str): the record to correct.
    void_requested(str, str): (record, reason) to void.
    back_requested(): back to the console.
    """

    new_requested = Signal()
    correct_requested = Signal(str)
    void_requested = Signal(str, str)
    back_requested = Signal()

    def __init__(
        self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(language, theme, parent)
        self.records: list[TrainingView] = []
        self.voiding: str | None = None  # the record whose reason is being asked
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.notice = BilingualMessage("lead", center=False)
        self.notice.clear()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        actions = (RowAction("training_correct", width=180), RowAction("training_void", width=180))
        self.list = PagedRows("training", ROWS, actions)
        self.list.tapped.connect(self._on_tapped)
        self.list.moved.connect(self.retranslate)
        self.rows = [  # (the record, its Correct, its Void)
            (label, taps[0], taps[1])
            for label, taps in zip(self.list.labels, self.list.buttons, strict=True)
        ]
        layout.addWidget(self.list)
        # Why a record is voided: asked in place, one tap each.
        self.reason_box = QFrame()
        reasons = QHBoxLayout(self.reason_box)
        reasons.setContentsMargins(0, 0, 0, 0)
        self.reason_label = QLabel()
        self.reason_label.setProperty("role", "lead")
        self.reason_label.setWordWrap(True)
        reasons.addWidget(self.reason_label, 1)
        self.reason_buttons: dict[str, QPushButton] = {}
        for reason in TrainingVoidReason:
            choice = button("danger", "", height=72)
            choice.setObjectName(f"training_reason_{reason.value}")
            choice.clicked.connect(partial(self._on_reason, reason.value))
            reasons.addWidget(choice)
            self.reason_buttons[reason.value] = choice
        self.reason_cancel = button("", "", height=72)
        self.reason_cancel.setObjectName("training_reason_cancel")
        self.reason_cancel.clicked.connect(self._cancel_void)
        reasons.addWidget(self.reason_cancel)
        self.reason_box.hide()
        layout.addWidget(self.reason_box)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        bottom = QHBoxLayout()
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setObjectName("training_back")
        self.back_button.setMinimumWidth(240)
        self.new_button = button("primary", "", height=88)
        self.new_button.setObjectName("training_new")
        self.new_button.setMinimumWidth(300)
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.new_button)
        layout.addLayout(bottom)
        self.back_button.clicked.connect(self.back_requested)
        self.new_button.clicked.connect(self.new_requested)
        self.retranslate()

    def show_records(self, records: list[TrainingView], keep_page: bool = False) -> None:
        if not keep_page:
            self.list.first_page()
        self.records = list(records)
        self._cancel_void()
        self.retranslate()

    def _shown(self) -> Sequence[TrainingView]:
        return self.list.page_of(self.records)

    @Slot(int, int)
    def _on_tapped(self, action: int, index: int) -> None:
        shown = self._shown()
        if index >= len(shown):
            return
        if action == 0:
            self.correct_requested.emit(shown[index].id)
        else:
            self.voiding = shown[index].id
            self.reason_box.show()
            self.retranslate()

    def _on_reason(self, reason: str) -> None:
        if self.voiding is not None:
            training_id, self.voiding = self.voiding, None
            self.reason_box.hide()
            self.void_requested.emit(training_id, reason)

    def _cancel_void(self) -> None:
        self.voiding = None
        self.reason_box.hide()

    def retranslate(self) -> None:
        lang = self.lang
        self.title.setText(self.tr("Training records of volunteers"))
        self.hint.setText(
            self.tr(
                "First aid / AED, CPR, epidemic prevention and the station's induction. A wrong "
                "record is corrected or voided, never deleted."
            )
        )
        shown = self._shown()
        for index, (label, correct, void) in enumerate(self.rows):
            visible = index < len(shown)
            label.setVisible(visible)
            in_force = visible and not shown[index].voided
            correct.setVisible(in_force)
            void.setVisible(in_force)
            if visible:
                label.setText(describe(shown[index], lang))
            correct.setText(self.tr("Correct"))
            void.setText(self.tr("Void"))
        if not self.records:
            self.rows[0][0].setText(self.tr("No training recorded yet"))
            self.rows[0][0].setVisible(True)
        self.reason_label.setText(self.tr("Why is this record voided?"))
        for reason, choice in self.reason_buttons.items():
            choice.setText(words.label(words.TRAINING_VOID_REASONS, reason, lang))
        self.reason_cancel.setText(self.tr("Keep it"))
        self.back_button.setText(self.tr("Back"))
        self.new_button.setText(self.tr("Record a training…"))
        self.notice.set_language(lang)

    def theme_changed(self) -> None:
        from kiosk.platform.ui import icons

        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def reset(self) -> None:
        self._cancel_void()
        self.notice.clear()


class TrainingFormPage(FieldFormPage):
    """The record form: the kind, then the volunteer's number, dates, trainer and certificate
    (the trainer typed in the page's language). `submitted(dict)` carries kind and fields."""

    def __init__(
        self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            language,
            theme,
            name="training",
            choices=[k.value for k in TrainingKind],
            fields=FIELDS,
            chinese=frozenset({"trainer"}),
            max_length=MAX_FIELD,
            parent=parent,
        )
        self.correcting: str | None = None  # the record being corrected, None for a new one
        self.retranslate()

    def start(self, record: TrainingView | None, today: date) -> None:
        """A new record (dated today) or `record` to correct."""
        self.correcting = record.id if record else None
        if record is None:
            self.fill("", {"trained_on": today.isoformat()})
        else:
            self.fill(
                record.kind,
                {
                    "volunteer_number": record.volunteer_number,
                    "trained_on": _day(record.trained_on),
                    "trainer": record.trainer,
                    "certificate_no": record.certificate_no,
                    "expires_on": _day(record.expires_on),
                },
            )

    def heading(self) -> str:
        if getattr(self, "correcting", None):
            return self.tr("Correct a training record")
        return self.tr("Record a training")

    def choice_label(self, kind: str) -> str:
        return words.label(words.TRAINING_KINDS, kind, self.lang)

    def field_labels(self) -> dict[str, str]:
        return {
            "volunteer_number": self.tr("Volunteer number"),
            "trained_on": self.tr("Training date (YYYY-MM-DD)"),
            "trainer": self.tr("Trainer"),
            "certificate_no": self.tr("Certificate number"),
            "expires_on": self.tr("Expiry (YYYY-MM-DD, or empty)"),
        }


class ExpiryPanel(QWidget):
    """The console's tab of certificates expired or expiring within 30 days."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setProperty("role", "section")
        self.lines = QLabel()
        self.lines.setObjectName("training_expiring")
        self.lines.setProperty("role", "lead")
        self.lines.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.lines)
        layout.addStretch(1)

    def fill(self, records: list[TrainingView], lang: str, texts: dict[str, str]) -> None:
        self.caption.setText(texts["caption"])
        if not records:
            self.lines.setText(texts["none"])
            return
        lines = []
        for r in records:
            mark = "⚠" if r.state == ExpiryState.EXPIRING else "✗"
            lines.append(f"{mark} {describe(r, lang)}")
        self.lines.setText("\n".join(lines))

    def reset(self) -> None:
        self.lines.clear()


class FirstAidOnDuty(QFrame):
    """The emergency page's line of who on duty is first-aid trained: read afresh each time
    the page shows (from local data, so it is there offline)."""

    def __init__(
        self,
        read: Callable[[], list[TrainedOnDuty]],
        language: LanguageSwitch,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("first_aid_on_duty")
        self._read = read
        self._language = language
        self.duty: list[TrainedOnDuty] = []
        self.caption = QLabel()
        self.caption.setProperty("role", "section")
        self.names = QLabel()
        self.names.setObjectName("first_aid_names")
        self.names.setProperty("role", "lead")
        self.names.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.caption)
        layout.addWidget(self.names)
        language.changed.connect(lambda _language: self.retranslate())

    def refresh(self) -> None:
        self.duty = self._read()
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def retranslate(self) -> None:
        lang = self._language.language
        self.caption.setText(self.tr("First-aid trained on duty"))
        trained = [d for d in self.duty if d.kind]
        if not trained:
            self.names.setText(self.tr("Nobody on duty holds a valid first-aid certificate"))
            return
        sep = "、" if lang == "zh" else ", "
        self.names.setText(
            sep.join(
                f"{d.name}（{words.label(words.TRAINING_KINDS, d.kind, lang)}）"
                if lang == "zh"
                else f"{d.name} ({words.label(words.TRAINING_KINDS, d.kind, lang)})"
                for d in trained
            )
        )
