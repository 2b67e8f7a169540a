"""The volunteers' queue of open requests (every kiosk of the station), the completion note
pick list, and the three faces the requester rates with after a volunteer finished.

Escalated requests (not accepted in time, or a train leaving within the hour) come first and
are highlighted. No sound: QSoundEffect cannot open an audio device offscreen without Qt
warnings (see the report), so the highlight and the home badge carry the alert.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import KioskError
from kiosk.features.requests.domain import RequestStatus
from kiosk.features.requests.service import RequestView
from kiosk.features.requests.ui.labels import (
    ESCALATIONS,
    FACES,
    NOTES,
    REQUEST_CATEGORIES,
    REQUEST_STATUS,
    group_ticket,
    minutes_since,
    one,
    pair,
)
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button, repolish
from kiosk.platform.ui.widgets.message import BilingualMessage

Local = Callable[[datetime], datetime]


class RequestCard(QFrame):
    """One open request: what, since when, train, phone, status, and the next action."""

    def __init__(self, view: RequestView, theme: Theme) -> None:
        super().__init__()
        self.view = view
        self.setProperty("card", True)
        self.setObjectName("request_card")
        self.setProperty("escalated", bool(view.escalated))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.icon_label = QLabel()
        self.icon_label.setPixmap(
            icons.pixmap(REQUEST_CATEGORIES[view.category][0], 64, theme.palette.icon)
        )
        self.title = QLabel()
        self.title.setProperty("role", "lead")
        self.details = QLabel()
        self.details.setProperty("role", "muted")
        self.details.setWordWrap(True)
        # No word wrap: a wrapping label's height is not known to the card's layout and the
        # last lines were cut; these lines are short.
        self.status_label = QLabel()
        self.alert = QLabel()
        self.alert.setObjectName("request_alert")
        self.refused = QLabel()
        self.refused.setObjectName("request_refused")
        self.action_button = button("primary", "check", "#FFFFFF", height=96)
        self.action_button.setMinimumWidth(260)
        text = QVBoxLayout()
        text.setSpacing(4)
        for label in (self.title, self.details, self.status_label, self.alert, self.refused):
            text.addWidget(label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(22, 14, 22, 14)
        layout.setSpacing(20)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def fill(self, lang: str, now: datetime, local: Local, texts: dict[str, str]) -> None:
        view = self.view
        _, zh, en = REQUEST_CATEGORIES[view.category]
        self.title.setText(f"{one((zh, en), lang)} · {group_ticket(view.ticket)}")
        parts = [
            texts["ordered"]
            .replace("%1", local(view.ordered_at).strftime("%H:%M"))
            .replace("%2", str(minutes_since(view.ordered_at, now)))
        ]
        if view.train or view.departs_at:
            leaves = local(view.departs_at).strftime("%H:%M") if view.departs_at else "—"
            parts.append(texts["train"].replace("%1", view.train or "—").replace("%2", leaves))
        if view.masked_phone:
            parts.append(view.masked_phone)
        if view.channel == "phone":
            parts.append(texts["phone_channel"])
        if view.text:
            parts.append(f"「{view.text}」")
        self.details.setText(" · ".join(parts))
        status = one(REQUEST_STATUS[view.status], lang)
        if view.status is RequestStatus.ACCEPTED:
            status = texts["accepted"].replace("%1", view.accepted_by or "?")
        self.status_label.setText(status)
        self.alert.setVisible(bool(view.escalated))
        self.alert.setText("⚠ " + " · ".join(one(ESCALATIONS[e], lang) for e in view.escalated))
        self.refused.setVisible(bool(view.refused_here))
        if view.refused_here:
            names = "、".join(view.refused_here)
            zh_text = f"{names}在本机的接单未成功：此单已由{view.accepted_by}先接"
            en_text = f"Accept by {names} here was refused: {view.accepted_by} took it first"
            first, second = pair(zh_text, en_text, lang)
            self.refused.setText(f"{first}\n{second}")
        self.action_button.setText(
            texts["accept"] if view.status is RequestStatus.ORDERED else texts["complete"]
        )


class RequestQueuePage(Page):
    """Signals:
    accept_requested(str), complete_requested(str): a request id.
    back_requested(): home.
    """

    accept_requested = Signal(str)
    complete_requested = Signal(str)
    back_requested = Signal()

    def __init__(
        self, language: LanguageSwitch, theme: Theme, local: Local, parent: QWidget | None = None
    ):
        super().__init__(language, theme, parent)
        self._local = local
        self._now: datetime | None = None
        self.views: list[RequestView] = []
        self.cards: dict[str, RequestCard] = {}
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.message = BilingualMessage("inline-error", center=False)
        self.message.clear()
        self.empty = QLabel()
        self.empty.setProperty("role", "lead")
        self.list_box = QWidget()
        self.list_layout = QVBoxLayout(self.list_box)
        self.list_layout.setContentsMargins(0, 0, 12, 0)
        self.list_layout.setSpacing(14)
        self.list_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.list_box)
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("queue_back")
        self.back_button.setMinimumWidth(280)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 24, 64, 24)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll_area, 1)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    def show_requests(self, views: list[RequestView], now: datetime) -> None:
        self.views = views
        self._now = now
        for card in self.cards.values():
            self.list_layout.removeWidget(card)
            card.hide()  # at once: deletion waits for the event loop
            card.deleteLater()
        self.cards = {}
        for index, view in enumerate(views):
            card = RequestCard(view, self.theme)
            opened = view.status is RequestStatus.ORDERED
            signal = self.accept_requested if opened else self.complete_requested
            card.action_button.clicked.connect(lambda _=False, rid=view.id, s=signal: s.emit(rid))
            card.action_button.setObjectName(f"{'accept' if opened else 'complete'}_{view.ticket}")
            self.list_layout.insertWidget(index, card)
            card.show()
            self.cards[view.id] = card
        self.retranslate()

    def show_message(self, zh: str, en: str, tone: str = "error") -> None:
        self.message.show_message(zh, en, self.lang, tone)

    def show_error(self, error: KioskError) -> None:
        self.show_message(error.zh, error.en)

    def theme_changed(self) -> None:
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Help requests"))
        self.hint.setText(
            self.tr("Open requests of the whole station. Urgent ones first, highlighted.")
        )
        self.empty.setText(self.tr("No open requests. Thank you!"))
        self.empty.setVisible(not self.views)
        self.back_button.setText(self.tr("Back"))
        self.message.set_language(self.lang)
        texts = {
            "ordered": self.tr("ordered %1 (%2 min ago)"),
            "train": self.tr("train %1 leaves %2"),
            "phone_channel": self.tr("from a phone"),
            "accepted": self.tr("Accepted by %1"),
            "accept": self.tr("Accept"),
            "complete": self.tr("Done"),
        }
        now = self._now
        if now is None:
            return
        for card in self.cards.values():
            card.fill(self.lang, now, self._local, texts)
            repolish(card)

    def reset(self) -> None:
        self.message.clear()


class CompletionNotePage(Page):
    """How the request ended, from a pick list of big buttons.

    Signals:
    note_chosen(str): the note's key.
    back_requested(): to the queue.
    """

    note_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint.setWordWrap(True)
        self.note_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(18)
        for index, key in enumerate(NOTES):
            note = button("", "", theme.palette.icon, height=120)
            note.setObjectName(f"note_{key}")
            note.clicked.connect(lambda _=False, k=key: self.note_chosen.emit(k))
            grid.addWidget(note, index // 2, index % 2)
            self.note_buttons[key] = note
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("note_back")
        self.back_button.setMinimumWidth(280)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 36, 120, 36)
        layout.setSpacing(18)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.back_button.clicked.connect(self.back_requested)
        self.helper_name = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("How did it end?"))
        self.hint.setText(
            self.tr("%1, pick one: it is kept with the request.").replace("%1", self.helper_name)
        )
        for key, texts in NOTES.items():
            first, second = pair(*texts, self.lang)
            self.note_buttons[key].setText(f"{first}\n{second}")
        self.back_button.setText(self.tr("Back"))

    def theme_changed(self) -> None:
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def reset(self) -> None:
        self.helper_name = ""


class RatingPage(Page):
    """Handed to the requester right after the volunteer finished: three big faces.

    Signals:
    rated(str): "good", "ok" or "bad".
    skipped(): no rating now (it can be given later with the ticket).
    """

    rated = Signal(str)
    skipped = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.request_id: str | None = None
        self.title = QLabel()
        self.title.setProperty("role", "headline")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_other = QLabel()
        self.title_other.setProperty("role", "other-language")
        self.title_other.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = BilingualMessage("inline-error")
        self.message.clear()
        self.face_buttons: dict[str, QPushButton] = {}
        faces = QHBoxLayout()
        faces.setSpacing(40)
        faces.addStretch(1)
        for rating, _icon, _zh, _en in FACES:
            face = QPushButton()
            face.setObjectName(f"rate_{rating}")
            face.setProperty("face", True)
            face.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            face.setMinimumSize(300, 300)
            face.clicked.connect(lambda _=False, r=rating: self.rated.emit(r))
            faces.addWidget(face)
            self.face_buttons[rating] = face
        faces.addStretch(1)
        self.skip_button = button("", "", theme.palette.icon, height=88)
        self.skip_button.setObjectName("rate_skip")
        self.skip_button.setMinimumWidth(300)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        layout.setSpacing(20)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.title_other)
        layout.addSpacing(20)
        layout.addLayout(faces)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.skip_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.skip_button.clicked.connect(self.skipped)
        self.theme_changed()
        self.retranslate()

    def ask(self, request_id: str) -> None:
        self.request_id = request_id
        self.message.clear()

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang)

    def theme_changed(self) -> None:
        for rating, icon, _zh, _en in FACES:
            face = self.face_buttons[rating]
            face.setIcon(icons.icon(icon, 150, self.theme.palette.icon))
            face.setIconSize(face.minimumSize() * 0.5)

    def retranslate(self) -> None:
        first, second = pair("这次帮助怎么样？", "How was the help you got?", self.lang)
        self.title.setText(first)
        self.title_other.setText(second)
        for rating, _icon, zh, en in FACES:
            face = self.face_buttons[rating]
            face.setText(one((zh, en), self.lang))
            face.setAccessibleName(face.text())
        self.skip_button.setText(self.tr("Not now"))
        self.message.set_language(self.lang)

    def reset(self) -> None:
        self.request_id = None
        self.message.clear()
