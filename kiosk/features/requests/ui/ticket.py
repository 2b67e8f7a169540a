"""A new ticket (big number and its QR), and a ticket's status when it is looked up.

One ticket page serves help requests and needs/wishes: the number is what the traveller keeps,
the QR opens the hub's status page (or, offline, is scanned at any kiosk of the station).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import KioskError
from kiosk.features.printing.ui.bar import PrintBar
from kiosk.features.requests.domain import RequestStatus
from kiosk.features.requests.service import RequestView
from kiosk.features.requests.ui.labels import (
    FACES,
    REQUEST_CATEGORIES,
    REQUEST_STATUS,
    WISH_CATEGORIES,
    WISH_STATUS,
    group_ticket,
    one,
    pair,
)
from kiosk.features.wishes.service import WishView
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.qr import qr_pixmap
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

if TYPE_CHECKING:
    from kiosk.features.printing.ui.flow import PrintingFlow
    from kiosk.platform.ui.navigator import Navigator

QR_PX = 340


def _label(role: str, name: str = "") -> QLabel:
    label = QLabel()
    label.setProperty("role", role)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class TicketPage(Page):
    """Signals:
    done(): the traveller has the number; home.
    """

    done = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.ticket: str | None = None
        self.link = ""
        self._kind = "request"
        self.title = _label("title")
        self.title_other = _label("other-language")
        self.caption = _label("section")
        self.ticket_label = QLabel()
        self.ticket_label.setObjectName("ticket_number")
        self.ticket_label.setProperty("speak", "code")  # read aloud digit by digit
        self.ticket_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_steps = _label("lead")
        self.next_other = _label("other-language")
        self.phone_line = _label("muted")
        self.qr_label = QLabel()
        self.qr_label.setFixedSize(QR_PX, QR_PX)
        self.qr_caption = _label("lead")
        self.qr_other = _label("other-language")
        for label in (self.qr_caption, self.qr_other):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_button = button("primary", "check", "#FFFFFF", height=110)
        self.done_button.setObjectName("ticket_done")
        self.done_button.setMinimumWidth(420)
        self.print_bar = PrintBar("ticket_print", theme.palette.icon)
        actions = QHBoxLayout()
        actions.setSpacing(30)
        actions.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignTop)
        actions.addWidget(self.print_bar, 1, Qt.AlignmentFlag.AlignTop)
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self.title)
        left.addWidget(self.title_other)
        left.addSpacing(10)
        left.addWidget(self.caption)
        left.addWidget(self.ticket_label, 0, Qt.AlignmentFlag.AlignLeft)
        left.addSpacing(8)
        left.addWidget(self.next_steps)
        left.addWidget(self.next_other)
        left.addWidget(self.phone_line)
        left.addStretch(1)
        left.addLayout(actions)
        card = QFrame()
        card.setProperty("card", True)
        box = QVBoxLayout(card)
        box.setContentsMargins(24, 20, 24, 18)
        box.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.qr_caption)
        box.addWidget(self.qr_other)
        card.setFixedWidth(QR_PX + 48)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(80, 36, 80, 36)
        layout.setSpacing(60)
        layout.addLayout(left, 1)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignVCenter)
        self.done_button.clicked.connect(self.done)
        self.retranslate()

    def show_ticket(self, kind: str, ticket: str, link: str, masked_phone: str | None) -> None:
        """`kind` is "request" or "wish"; `link` is what the QR holds."""
        self._kind = kind
        self.ticket = ticket
        self.link = link
        self.ticket_label.setText(group_ticket(ticket))
        self.qr_label.setPixmap(qr_pixmap(link, QR_PX))
        self._masked_phone = masked_phone
        self.retranslate()

    @property
    def kind(self) -> str:
        """ "request" or "wish"."""
        return self._kind

    @property
    def masked_phone(self) -> str | None:
        return getattr(self, "_masked_phone", None)

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Your ticket number"))
        self.done_button.setText(self.tr("I have the number"))
        self.print_bar.set_language(self.lang)
        qr = ("扫码查看进度，或在任一自助终端扫描", "Scan to follow it, or scan it at any kiosk")
        if self.ticket is not None and not self.link.startswith(("http://", "https://")):
            # Stand-alone: the code holds the bare ticket, which a phone cannot follow.
            qr = (
                "请记下单号，或在本站终端扫描此码",
                "Keep the number, or scan this at a kiosk here",
            )
        q1, q2 = pair(*qr, self.lang)
        self.qr_caption.setText(q1)
        self.qr_other.setText(q2)
        if self.ticket is None:
            return
        if self._kind == "request":
            head = ("已通知在岗志愿者", "The volunteers on duty have been told")
            steps = (
                "请在附近稍候，志愿者会来找您。凭单号可在任一终端查看进度并评价。",
                "Please wait nearby; a volunteer will come to you. "
                "Use the number at any kiosk to follow it and rate it.",
            )
        else:
            head = ("已收到您的诉求", "We have received your need or wish")
            steps = (
                "凭单号可在任一终端查看办理进度和答复。未留电话即为匿名。",
                "Use the number at any kiosk to see its progress and our answer. "
                "Without a phone it is anonymous.",
            )
        h1, h2 = pair(*head, self.lang)
        self.title.setText(h1)
        self.title_other.setText(h2)
        s1, s2 = pair(*steps, self.lang)
        self.next_steps.setText(s1)
        self.next_other.setText(s2)
        phone = getattr(self, "_masked_phone", None)
        self.phone_line.setText(self.tr("Phone: {phone}").format(phone=phone) if phone else "")
        self.phone_line.setVisible(bool(phone))

    def reset(self) -> None:
        self.ticket = None
        self.link = ""
        self._masked_phone = None
        self.print_bar.reset()
        for label in (self.ticket_label, self.qr_label, self.title, self.title_other):
            label.clear()
        self.next_steps.clear()
        self.next_other.clear()
        self.phone_line.clear()


def ticket_page(navigator: Navigator) -> TicketPage:
    """The ticket page as the requests' and the wishes' flows show it: Done goes home, Print
    prints the ticket's slip in the background (the number stays on screen)."""
    page = TicketPage(navigator.language, navigator.theme)
    page.done.connect(navigator.go_home)
    page.print_bar.requested.connect(lambda: _print_ticket(navigator, page))
    return page


def show_new_ticket(
    navigator: Navigator,
    page: TicketPage,
    kind: str,
    ticket: str,
    link: str,
    masked_phone: str | None,
) -> None:
    """A ticket just made (`kind` "request" or "wish"), printing offered when a printer is."""
    page.show_ticket(kind, ticket, link, masked_phone)
    page.print_bar.offer(_printing(navigator).available())
    navigator.show_page(page)


def _printing(navigator: Navigator) -> PrintingFlow:
    return cast("PrintingFlow", navigator.flow("printing"))


def _print_ticket(navigator: Navigator, page: TicketPage) -> None:
    from kiosk.features.printing.domain.receipt import ticket_slip

    if page.ticket is None:
        return
    slip = ticket_slip(page.kind, page.ticket, page.link, page.masked_phone)
    _printing(navigator).print_on(page.print_bar, slip)


class TicketStatusPage(Page):
    """What became of a request or wish; an unrated request offers the three faces.

    Signals:
    rated(str, str): request id and "good" / "ok" / "bad".
    done(): home.
    """

    rated = Signal(str, str)
    done = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.view: RequestView | WishView | None = None
        self._local: Callable[[datetime], datetime] = lambda moment: moment
        self.icon_label = QLabel()
        self.title = _label("title")
        self.title_other = _label("other-language")
        self.status_label = _label("headline", "ticket_status")
        self.status_other = _label("other-language")
        self.times = _label("muted")
        self.answer_caption = _label("section")
        self.answer = _label("lead", "ticket_answer")
        self.note = _label("lead", "ticket_note")  # another feature's line (a wish's project)
        self.note.setVisible(False)
        self._note: tuple[str, str] | None = None
        self.message = BilingualMessage("inline-error", center=False)
        self.message.clear()
        self.rate_caption = _label("lead")
        self.face_buttons: dict[str, QPushButton] = {}
        faces = QHBoxLayout()
        faces.setSpacing(30)
        for rating, icon, _zh, _en in FACES:
            face = button("", icon, theme.palette.icon, height=150)
            face.setObjectName(f"face_{rating}")
            face.setProperty("face", True)
            face.setMinimumWidth(260)
            face.setIcon(icons.icon(icon, 80, theme.palette.icon))
            face.setIconSize(QSize(80, 80))
            face.clicked.connect(lambda _=False, r=rating: self._on_face(r))
            faces.addWidget(face)
            self.face_buttons[rating] = face
        faces.addStretch(1)
        self.done_button = button("primary", "home", "#FFFFFF", height=100)
        self.done_button.setObjectName("status_done")
        self.done_button.setMinimumWidth(360)
        heading = QHBoxLayout()
        heading.setSpacing(24)
        heading.addWidget(self.icon_label)
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.title_other)
        heading.addLayout(names, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 36, 120, 36)
        layout.setSpacing(14)
        layout.addLayout(heading)
        layout.addWidget(self.status_label)
        layout.addWidget(self.status_other)
        layout.addWidget(self.times)
        layout.addWidget(self.answer_caption)
        layout.addWidget(self.answer)
        layout.addWidget(self.note)
        layout.addSpacing(10)
        layout.addWidget(self.rate_caption)
        layout.addLayout(faces)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.done_button.clicked.connect(self.done)
        self.retranslate()

    def show_view(
        self, view: RequestView | WishView, local: Callable[[datetime], datetime]
    ) -> None:
        self.view = view
        self._local = local
        self.message.clear()
        self.retranslate()
        self.theme_changed()

    def show_note(self, note: tuple[str, str] | None) -> None:
        """Another feature's line about this ticket (zh, en), or none."""
        self._note = note
        self.note.setVisible(note is not None)
        if note is not None:
            self.note.setText(one(note, self.lang))

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang)

    def _on_face(self, rating: str) -> None:
        if isinstance(self.view, RequestView):
            self.rated.emit(self.view.id, rating)

    def _fmt(self, moment: datetime | None) -> str:
        return self._local(moment).strftime("%m-%d %H:%M") if moment else "—"

    def theme_changed(self) -> None:
        view = self.view
        if isinstance(view, RequestView):
            icon = REQUEST_CATEGORIES[view.category][0]
        elif isinstance(view, WishView):
            icon = WISH_CATEGORIES[view.category][0]
        else:
            icon = "ticket"
        self.icon_label.setPixmap(icons.pixmap(icon, 96, self.theme.palette.icon))

    def retranslate(self) -> None:
        self.done_button.setText(self.tr("Done"))
        self.answer_caption.setText(self.tr("Our answer"))
        self.rate_caption.setText(
            self.tr("How was the help? Tap a face once you have been helped.")
        )
        for rating, _icon, zh, en in FACES:
            self.face_buttons[rating].setText(one((zh, en), self.lang))
        self.message.set_language(self.lang)
        if self._note is not None:
            self.note.setText(one(self._note, self.lang))
        view = self.view
        rateable = isinstance(view, RequestView) and view.status in (
            RequestStatus.ORDERED,
            RequestStatus.ACCEPTED,
            RequestStatus.COMPLETED,
        )
        self.rate_caption.setVisible(rateable)
        for face in self.face_buttons.values():
            face.setVisible(rateable)
        answered = isinstance(view, WishView) and bool(view.answer)
        self.answer_caption.setVisible(answered)
        self.answer.setVisible(answered)
        if view is None:
            return
        ticket = group_ticket(view.ticket)
        if isinstance(view, RequestView):
            _, zh, en = REQUEST_CATEGORIES[view.category]
            status = REQUEST_STATUS[view.status]
            if view.status is RequestStatus.ACCEPTED and view.accepted_by:
                status = (
                    f"{view.accepted_by}已接单，正在赶来",
                    f"{view.accepted_by} accepted it and is on the way",
                )
            times = self.tr("Ticket {ticket} · ordered {at}").format(
                ticket=ticket, at=self._fmt(view.ordered_at)
            )
        else:
            _, zh, en = WISH_CATEGORIES[view.category]
            status = WISH_STATUS[view.status]
            times = self.tr("Ticket {ticket} · sent {at}").format(
                ticket=ticket, at=self._fmt(view.submitted_at)
            )
            self.answer.setText(view.answer)
        t1, t2 = pair(zh, en, self.lang)
        self.title.setText(t1)
        self.title_other.setText(t2)
        s1, s2 = pair(*status, self.lang)
        self.status_label.setText(s1)
        self.status_other.setText(s2)
        self.times.setText(times)

    def reset(self) -> None:
        self.view = None
        self.show_note(None)
        self.message.clear()
        for label in (self.title, self.title_other, self.status_label, self.status_other):
            label.clear()
        self.times.clear()
        self.answer.clear()
