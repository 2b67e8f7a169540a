"""The admin's erasure pages: the ticket number on the keypad, then what will be erased and a
confirmation. They show and emit; the flow decides (kiosk.features.privacy.ui.flow)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.errors import KioskError
from kiosk.core.words import REQUEST_CATEGORIES, WISH_CATEGORIES, label
from kiosk.features.privacy.service import TicketData
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.pages.entry import KeypadPage
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

MAX_WORDS_SHOWN = 120  # the words are shown to recognise the ticket, not to be read in full


class EraseTicketPage(KeypadPage):
    """The ticket number whose personal data the traveller asks to erase.

    Signals: submitted(str) and back_requested() (KeypadPage's)."""

    ICON = "ticket"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=6, parent=parent)
        # What was done, in the success colour (the error line keeps its own role and colour).
        self.done = BilingualMessage(main_role="lead", center=False)
        self.done.setObjectName("privacy_done")
        self.done.secondary.setProperty("role", "muted")
        self.done.clear()
        self.left.insertWidget(self.left.indexOf(self.error), self.done)
        self.keypad.edited.connect(self._on_typed)
        self.retranslate()

    def show_done(self, ticket: str) -> None:
        """Back on the keypad after an erasure, saying which ticket's data went."""
        self.reset()
        self.done.show_message(
            f"已删除单号 {ticket} 的个人信息",
            f"The personal data of ticket {ticket} was erased",
            self.lang,
            "success",
        )

    def show_error(self, error: KioskError) -> None:
        self.done.clear()
        super().show_error(error)

    @Slot(str)
    def _on_typed(self, value: str) -> None:
        if value:
            self.done.clear()

    def reset(self) -> None:
        super().reset()
        self.done.clear()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Erase a ticket's personal data"))
        self.hint.setText(self.tr("Enter the 6-digit ticket number the traveller shows you."))
        self.detail.setText(
            self.tr(
                "Their phone and words are erased here, on the hub and on the station's other "
                "kiosks; the ticket and its figures stay."
            )
        )
        self.keypad.set_placeholder(self.tr("Ticket number"))
        self.done.set_language(self.lang)


class EraseConfirmPage(Page):
    """What erasing the ticket removes, and the confirmation.

    Signals:
    confirmed(str): the ticket number, when Erase is tapped.
    back_requested(): another number.
    """

    confirmed = Signal(str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._data: TicketData | None = None
        self.icon_label = QLabel()
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setObjectName("erase_facts")
        self.facts.setProperty("role", "lead")
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.warning = QLabel()
        self.warning.setProperty("role", "muted")
        self.warning.setWordWrap(True)
        self.error = BilingualMessage(main_role="inline-error", center=False)
        self.error.secondary.setProperty("role", "muted")
        self.error.clear()
        self.erase_button = button("danger", "check", "#FFFFFF", height=120)
        self.erase_button.setObjectName("privacy_erase")
        self.erase_button.setMinimumWidth(460)
        self.back_button = button("", "back", theme.palette.icon, height=120)
        self.back_button.setObjectName("privacy_erase_back")
        self.back_button.setMinimumWidth(340)
        row = QHBoxLayout()
        row.setSpacing(40)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(150, 40, 150, 60)
        layout.setSpacing(22)
        layout.addStretch(1)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addStretch(2)
        layout.addLayout(row)
        self.erase_button.clicked.connect(self._on_erase)
        self.back_button.clicked.connect(self.back_requested)
        self.theme_changed()
        self.retranslate()

    @property
    def data(self) -> TicketData | None:
        return self._data

    def ask(self, data: TicketData) -> None:
        self._data = data
        self.error.clear()
        self.retranslate()

    def show_error(self, error: KioskError) -> None:
        self.error.show_message(error.zh, error.en, self.lang)

    @Slot()
    def _on_erase(self) -> None:
        if self._data is not None:
            self.confirmed.emit(self._data.ticket)

    def theme_changed(self) -> None:
        self.icon_label.setPixmap(icons.pixmap("lock", 96, self.theme.palette.icon))
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def retranslate(self) -> None:
        self.erase_button.setText(self.tr("Erase"))
        self.back_button.setText(self.tr("Back"))
        self.warning.setText(
            self.tr(
                "This cannot be undone. The ticket, its times and counts stay; only the phone "
                "and words become unreadable everywhere."
            )
        )
        self.error.set_language(self.lang)
        data = self._data
        if data is None:
            self.title.setText("")
            self.facts.setText("")
            return
        self.title.setText(
            self.tr("Erase the personal data of ticket %1?").replace("%1", data.ticket)
        )
        table = REQUEST_CATEGORIES if data.kind == "request" else WISH_CATEGORIES
        kind = self.tr("Help request") if data.kind == "request" else self.tr("Need or wish")
        lines = [f"{kind} · {label(table, data.category, self.lang)}"]
        lines.append(self.tr("Phone: %1").replace("%1", data.masked_phone or self.tr("none")))
        words = data.words
        if len(words) > MAX_WORDS_SHOWN:
            words = words[:MAX_WORDS_SHOWN] + "…"
        lines.append(self.tr("Words: %1").replace("%1", words or self.tr("none")))
        self.facts.setText("\n".join(lines))

    def reset(self) -> None:
        self._data = None
        self.error.clear()
        self.retranslate()
