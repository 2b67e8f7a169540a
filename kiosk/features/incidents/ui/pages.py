"""The incident form (急救登记, the fields of a first-aid book), made of pick lists and a note.

Every field but the note is a choice; the short note is typed on the touch keyboard (pinyin,
handwriting or English), opened by a tap so the form stays short. Items used are picked with a
quantity and come out of the medicine stock when the record is saved. The same page corrects a
record (amend mode: the items used stay as recorded).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import words
from kiosk.core.errors import KioskError
from kiosk.features.catalogue.ui.service_detail import CountStepper
from kiosk.features.incidents.domain import MAX_NOTE, FirstAid, Outcome, Place, What
from kiosk.features.incidents.service import IncidentView
from kiosk.features.medicine.domain import Item
from kiosk.features.volunteers.service.duty import Actor
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.choices import ChoiceGroup
from kiosk.platform.ui.widgets.message import BilingualMessage

if TYPE_CHECKING:
    from kiosk.platform.ui.widgets.touch_keyboard import TouchKeyboard

WHEN = ["0", "10", "30", "60"]  # minutes ago
YES_NO = ["yes", "no"]
NEW, AMEND = "new", "amend"


def _section(label: QLabel, widget: QWidget) -> QVBoxLayout:
    column = QVBoxLayout()
    column.setSpacing(6)
    label.setProperty("role", "section")
    column.addWidget(label)
    column.addWidget(widget)
    return column


class IncidentPage(Page):
    """Signals:
    submitted(dict): the form's values (see `values`).
    back_requested(): leave without saving.
    """

    submitted = Signal(dict)
    back_requested = Signal()

    def __init__(
        self,
        items: list[Item],
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self.mode = NEW
        self.actor: Actor | None = None  # who records: cleared with the form
        self.incident: IncidentView | None = None
        self.emergency_id: str | None = None
        self._items = items
        self._volunteers: list[tuple[str, str]] = []
        self.used: dict[str, int] = {}
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.who = QLabel()
        self.who.setProperty("role", "muted")
        self.captions = {
            key: QLabel()
            for key in (
                "when",
                "place",
                "what",
                "first_aid",
                "aed",
                "called",
                "outcome",
                "attended",
                "items",
            )
        }
        self.when = ChoiceGroup(WHEN, columns=4, name="when")
        self.place = ChoiceGroup([p.value for p in Place], columns=3, name="place")
        self.what = ChoiceGroup([w.value for w in What], columns=3, name="what")
        self.outcome = ChoiceGroup([o.value for o in Outcome], columns=3, name="outcome")
        self.first_aid = ChoiceGroup(
            [f.value for f in FirstAid], columns=3, multi=True, name="first_aid"
        )
        self.aed_used = ChoiceGroup(YES_NO, columns=2, name="aed")
        self.called_120 = ChoiceGroup(YES_NO, columns=2, name="called")
        self.attended_box = QVBoxLayout()
        self.attended = ChoiceGroup([], columns=3, multi=True, name="attended")
        self.attended_box.addWidget(self.attended)
        self.item_pick = ChoiceGroup([i.id for i in items], columns=3, name="used_item")
        self.item_count = CountStepper()
        self.add_item_button = button("", "", theme.palette.icon, height=84)
        self.add_item_button.setObjectName("incident_add_item")
        self.used_label = QLabel()
        self.used_label.setProperty("role", "lead")
        self.used_label.setWordWrap(True)
        self.items_box = QWidget()
        items_layout = QVBoxLayout(self.items_box)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.addWidget(self.item_pick)
        row = QHBoxLayout()
        row.addWidget(self.item_count)
        row.addWidget(self.add_item_button)
        row.addWidget(self.used_label, 1)
        items_layout.addLayout(row)

        form = QWidget()
        form.setObjectName("page")  # the page's background, not the scroll area's grey
        flags = QHBoxLayout()
        flags.setSpacing(24)
        flags.addLayout(_section(self.captions["aed"], self.aed_used))
        flags.addLayout(_section(self.captions["called"], self.called_120))
        attended = QWidget()
        attended.setLayout(self.attended_box)
        # Two independent columns: each stacks its sections from the top.
        left = QVBoxLayout()
        right = QVBoxLayout()
        for column, sections in (
            (left, (("when", self.when), ("place", self.place), ("what", self.what))),
            (right, (("first_aid", self.first_aid),)),
        ):
            column.setSpacing(14)
            for key, widget in sections:
                column.addLayout(_section(self.captions[key], widget))
        left.addLayout(_section(self.captions["outcome"], self.outcome))
        right.addLayout(flags)
        right.addLayout(_section(self.captions["attended"], attended))
        right.addLayout(_section(self.captions["items"], self.items_box))
        left.addStretch(1)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(36)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.note_caption = QLabel()
        self.note_caption.setProperty("role", "section")
        self.note_button = button("", "", theme.palette.icon, height=84)
        self.note_button.setObjectName("incident_note")
        self.note_button.clicked.connect(self._on_note)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_caption)
        note_row.addWidget(self.note_button)
        note_row.addStretch(1)
        self._note_keyboard: TouchKeyboard | None = None
        self._note = ""
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 16, 0)
        form_layout.setSpacing(14)
        form_layout.addLayout(columns)
        form_layout.addLayout(note_row)
        self._form_layout = form_layout
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A wide scroll bar, not QScroller: a scroller delays taps on the buttons inside.
        scroll.verticalScrollBar().setMinimumWidth(36)
        self.scroll_area = scroll

        self.message = BilingualMessage("inline-error", center=False)
        self.message.clear()
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("incident_back")
        self.save_button = button("primary", "check", "#FFFFFF", height=96)
        self.save_button.setObjectName("incident_save")
        self.save_button.setMinimumWidth(340)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.who)
        actions = QHBoxLayout()
        actions.setSpacing(24)
        actions.addWidget(self.back_button)
        actions.addWidget(self.message, 1)
        actions.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)

        self.back_button.clicked.connect(self.back_requested)
        self.save_button.clicked.connect(self._on_save)
        self.add_item_button.clicked.connect(self._on_add_item)
        for group in (self.place, self.what, self.outcome, self.aed_used, self.called_120):
            group.changed.connect(self.message.clear)
        self.retranslate()

    # --- filling ------------------------------------------------------------------------------

    def start_new(
        self, actor_name: str, volunteers: list[tuple[str, str]], emergency_id: str | None
    ) -> None:
        """An empty form; `volunteers` (id, name) are those who may have attended."""
        self.reset()
        self.mode = NEW
        self.emergency_id = emergency_id
        self._actor_name = actor_name
        self._set_volunteers(volunteers)
        self.when.select("0")
        self.retranslate()

    def start_amend(
        self, actor_name: str, incident: IncidentView, volunteers: list[tuple[str, str]]
    ) -> None:
        """The record as it is, to correct; items used stay as recorded."""
        self.reset()
        self.mode = AMEND
        self.incident = incident
        self._actor_name = actor_name
        known = dict(volunteers)
        for vid in incident.attended:
            known.setdefault(vid, vid[:8])
        self._set_volunteers(list(known.items()))
        self.place.select(incident.place)
        self.what.select(incident.what)
        self.outcome.select(incident.outcome)
        self.first_aid.select(*incident.first_aid)
        self.aed_used.select("yes" if incident.aed_used else "no")
        self.called_120.select("yes" if incident.called_120 else "no")
        self.attended.select(*incident.attended)
        self._note = incident.note
        self.retranslate()

    def _set_volunteers(self, volunteers: list[tuple[str, str]]) -> None:
        self._volunteers = volunteers
        self.attended_box.removeWidget(self.attended)
        self.attended.hide()
        self.attended.deleteLater()
        self.attended = ChoiceGroup(
            [vid for vid, _ in volunteers], columns=3, multi=True, name="attended"
        )
        self.attended.set_texts(dict(volunteers))
        self.attended_box.addWidget(self.attended)

    def values(self) -> dict[str, Any]:
        return {
            "when": self.when.value,
            "place": self.place.value,
            "what": self.what.value,
            "first_aid": self.first_aid.values,
            "aed_used": self.aed_used.value,
            "called_120": self.called_120.value,
            "outcome": self.outcome.value,
            "attended": self.attended.values,
            "items": dict(self.used),
            "note": self.note,
        }

    @property
    def note(self) -> str:
        return self._note_keyboard.value if self._note_keyboard is not None else self._note

    @property
    def note_keyboard(self) -> TouchKeyboard:
        """The keyboard for the note, made the first time someone writes one."""
        if self._note_keyboard is None:
            # Here, not at the top: the emergency flow loads with the window, this on a note.
            from kiosk.platform.ui.widgets.touch_keyboard import TouchKeyboard

            keyboard = TouchKeyboard(max_length=MAX_NOTE, icon_color=self.theme.palette.icon)
            keyboard.setMinimumHeight(620)  # inside a scroll area: keys at touch size
            keyboard.hide()
            self._form_layout.addWidget(keyboard)
            self._note_keyboard = keyboard
        return self._note_keyboard

    @Slot()
    def _on_note(self) -> None:
        keyboard = self.note_keyboard
        if keyboard.isHidden():
            keyboard.start(self.lang)
            keyboard.set_value(self._note)
            keyboard.show()
            self.scroll_area.ensureWidgetVisible(keyboard)
        else:
            self._note = keyboard.value
            keyboard.hide()
        self.retranslate()

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang)

    @Slot()
    def _on_add_item(self) -> None:
        item = self.item_pick.value
        if item is None:
            return
        self.used[item] = self.used.get(item, 0) + self.item_count.value
        self.item_count.set_value(1)
        self.item_pick.clear()
        self._paint_used()

    @Slot()
    def _on_save(self) -> None:
        values = self.values()
        required = ("place", "what", "outcome", "aed_used", "called_120")
        if any(values[name] is None for name in required) or not values["attended"]:
            self.message.show_message(
                "请填写地点、情况、结果、AED、120 和在场志愿者",
                "Please choose place, what happened, outcome, AED, 120 and who attended",
                self.lang,
            )
            return
        self.submitted.emit(values)

    # --- text ---------------------------------------------------------------------------------

    def _paint_used(self) -> None:
        names = {i.id: i for i in self._items}
        parts = [
            f"{names[k].name(self.lang)} × {v}" if k in names else f"{k} × {v}"
            for k, v in self.used.items()
        ]
        self.used_label.setText("，".join(parts) if parts else self.tr("None"))

    def retranslate(self) -> None:
        self.title.setText(
            self.tr("Incident record") if self.mode == NEW else self.tr("Correct the record")
        )
        name = getattr(self, "_actor_name", "")
        self.who.setText(self.tr("Recorded by %1").replace("%1", name) if name else "")
        captions = {
            "when": self.tr("When"),
            "place": self.tr("Where"),
            "what": self.tr("What happened"),
            "first_aid": self.tr("First aid given"),
            "aed": self.tr("AED used"),
            "called": self.tr("120 called"),
            "outcome": self.tr("Outcome"),
            "attended": self.tr("Who attended"),
            "items": self.tr("Items used (taken from the medicine box)"),
        }
        for key, label in self.captions.items():
            label.setText(captions[key])
        texts = choice_texts(self.lang)
        self.when.set_texts(texts["when"])
        self.place.set_texts(texts["place"])
        self.what.set_texts(texts["what"])
        self.first_aid.set_texts(texts["first_aid"])
        self.aed_used.set_texts(texts["yes_no"])
        self.called_120.set_texts(texts["yes_no"])
        self.outcome.set_texts(texts["outcome"])
        self.item_pick.set_texts({i.id: i.name(self.lang) for i in self._items})
        self.item_count.caption.setText(self.tr("Quantity"))
        self.add_item_button.setText(self.tr("Add"))
        self._paint_used()
        self.items_box.setVisible(self.mode == NEW)
        self.captions["items"].setVisible(self.mode == NEW)
        self.captions["when"].setVisible(self.mode == NEW)
        self.when.setVisible(self.mode == NEW)
        self.note_caption.setText(self.tr("Note (optional)"))
        writing = self._note_keyboard is not None and self._note_keyboard.isVisible()
        self.note_button.setText(
            self.tr("Done") if writing else (self.note or self.tr("Write a note"))
        )
        if self._note_keyboard is not None:
            self._note_keyboard.retranslate()
        self.back_button.setText(self.tr("Back"))
        self.save_button.setText(self.tr("Save record"))
        self.message.set_language(self.lang)

    def theme_changed(self) -> None:
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def reset(self) -> None:
        self.mode = NEW
        self.actor = None
        self.incident = None
        self.emergency_id = None
        self._actor_name = ""
        self.used = {}
        self._note = ""
        if self._note_keyboard is not None:
            self._note_keyboard.clear()
            self._note_keyboard.hide()
        for group in (
            self.when,
            self.place,
            self.what,
            self.outcome,
            self.first_aid,
            self.aed_used,
            self.called_120,
            self.attended,
            self.item_pick,
        ):
            group.clear()
        self.item_count.set_value(1)
        self.message.clear()
        self.retranslate()


def choice_texts(language: str) -> dict[str, dict[str, str]]:
    """Every pick list's labels in `language` (shared with the admin's list): the coded values
    in the house's words, "when" and "yes / no" as the page's own translated text."""

    def named(table: words.Words) -> dict[str, str]:
        return {value: words.label(table, value, language) for value in table}

    return {
        "when": {
            "0": QCoreApplication.translate("Incident", "Just now"),
            "10": QCoreApplication.translate("Incident", "10 min ago"),
            "30": QCoreApplication.translate("Incident", "30 min ago"),
            "60": QCoreApplication.translate("Incident", "1 hour ago"),
        },
        "place": named(words.PLACES),
        "what": named(words.WHAT_HAPPENED),
        "first_aid": named(words.FIRST_AID),
        "outcome": named(words.INCIDENT_OUTCOMES),
        "void": named(words.VOID_REASONS),
        "yes_no": {
            "yes": QCoreApplication.translate("Incident", "Yes"),
            "no": QCoreApplication.translate("Incident", "No"),
        },
    }


def choice_text(kind: str, value: str, language: str) -> str:
    """A pick-list value's label in `language` (the admin's incident list)."""
    return choice_texts(language).get(kind, {}).get(value, value)
