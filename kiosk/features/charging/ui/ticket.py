"""Confirming a slot and showing the pickup code: big digits and a QR to photograph.

The code is on screen only here and only until the rider taps Done or the kiosk goes idle;
`reset()` wipes it (the code is never stored in clear anywhere else).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.features.charging.domain import Slot
from kiosk.features.charging.service import StartedCharging
from kiosk.features.printing.ui.bar import PrintBar
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.qr import qr_pixmap
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button

QR_PX = 380


def _pair(role: str = "lead") -> tuple[QLabel, QLabel]:
    first = QLabel()
    first.setProperty("role", role)
    first.setWordWrap(True)
    second = QLabel()
    second.setProperty("role", "other-language")
    second.setWordWrap(True)
    return first, second


class ChargingConfirmPage(Page):
    """Signals:
    confirmed(str): the slot id, when the rider confirms.
    back_requested(): choose another slot.
    """

    confirmed = Signal(str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._slot: Slot | None = None
        self.icon_label = QLabel()
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question = QLabel()
        self.question.setProperty("role", "headline")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setWordWrap(True)
        self.question_other = QLabel()
        self.question_other.setProperty("role", "other-language")
        self.question_other.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note, self.note_other = _pair()
        for label in (self.note, self.note_other):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confirm_button = button("primary", "check", "#FFFFFF", height=120)
        self.confirm_button.setObjectName("charging_confirm")
        self.confirm_button.setMinimumWidth(520)
        self.back_button = button("", "back", theme.palette.icon, height=120)
        self.back_button.setObjectName("charging_confirm_back")
        self.back_button.setMinimumWidth(380)
        row = QHBoxLayout()
        row.setSpacing(40)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.confirm_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 60)
        layout.setSpacing(18)
        layout.addStretch(1)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.question)
        layout.addWidget(self.question_other)
        layout.addSpacing(12)
        layout.addWidget(self.note)
        layout.addWidget(self.note_other)
        layout.addStretch(1)
        layout.addLayout(row)
        self.confirm_button.clicked.connect(self._on_confirm)
        self.back_button.clicked.connect(self.back_requested)
        self.theme_changed()
        self.retranslate()

    @property
    def slot(self) -> Slot | None:
        return self._slot

    def ask(self, slot: Slot) -> None:
        self._slot = slot
        self.retranslate()

    def _on_confirm(self) -> None:
        if self._slot is not None:
            self.confirmed.emit(self._slot.id)

    def theme_changed(self) -> None:
        self.icon_label.setPixmap(icons.pixmap("charging", 110, self.theme.palette.icon))
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def retranslate(self) -> None:
        self.confirm_button.setText(self.tr("Confirm"))
        self.back_button.setText(self.tr("Choose another"))
        slot = self._slot
        if slot is None:
            return
        zh = f"使用{slot.label_zh}充电？"
        en = f"Charge your phone at {slot.label_en}?"
        note_zh = "确认后屏幕上会显示取件码，请拍照或记下。"
        note_en = "After you confirm, a pickup code appears: take a photo or note it down."
        first, second = (zh, en) if self.lang == "zh" else (en, zh)
        self.question.setText(first)
        self.question_other.setText(second)
        n1, n2 = (note_zh, note_en) if self.lang == "zh" else (note_en, note_zh)
        self.note.setText(n1)
        self.note_other.setText(n2)

    def reset(self) -> None:
        self._slot = None


class ChargingCodePage(Page):
    """Signals:
    done(): the rider has the code; home.
    """

    done = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._ticket: StartedCharging | None = None
        self.title, self.title_other = _pair("title")
        self.code_caption = QLabel()
        self.code_caption.setProperty("role", "section")
        self.code_label = QLabel()
        self.code_label.setObjectName("pickup_code")
        self.code_label.setProperty("speak", "code")  # read aloud digit by digit
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.steps, self.steps_other = _pair()
        self.qr_label = QLabel()
        self.qr_label.setFixedSize(QR_PX, QR_PX)
        self.qr_caption, self.qr_other = _pair()
        for label in (self.qr_caption, self.qr_other):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_button = button("primary", "check", "#FFFFFF", height=110)
        self.done_button.setObjectName("charging_done")
        self.done_button.setMinimumWidth(420)
        self.print_bar = PrintBar("charging_print", theme.palette.icon)
        actions = QHBoxLayout()
        actions.setSpacing(30)
        actions.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignTop)
        actions.addWidget(self.print_bar, 1, Qt.AlignmentFlag.AlignTop)

        left = QVBoxLayout()
        left.setSpacing(14)
        left.addWidget(self.title)
        left.addWidget(self.title_other)
        left.addSpacing(16)
        left.addWidget(self.code_caption)
        left.addWidget(self.code_label, 0, Qt.AlignmentFlag.AlignLeft)
        left.addSpacing(10)
        left.addWidget(self.steps)
        left.addWidget(self.steps_other)
        left.addStretch(1)
        left.addLayout(actions)
        qr_card = QFrame()
        qr_card.setProperty("card", True)
        qr_box = QVBoxLayout(qr_card)
        qr_box.setContentsMargins(24, 20, 24, 18)
        qr_box.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_box.addWidget(self.qr_caption)
        qr_box.addWidget(self.qr_other)
        qr_card.setFixedWidth(QR_PX + 48)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(80, 36, 80, 36)
        layout.setSpacing(60)
        layout.addLayout(left, 1)
        layout.addWidget(qr_card, 0, Qt.AlignmentFlag.AlignVCenter)
        self.done_button.clicked.connect(self.done)
        self.retranslate()

    @property
    def ticket(self) -> StartedCharging | None:
        return self._ticket

    def show_ticket(self, ticket: StartedCharging) -> None:
        self._ticket = ticket
        self.code_label.setText(f"{ticket.code[:3]} {ticket.code[3:]}")
        self.qr_label.setPixmap(qr_pixmap(ticket.qr_text, QR_PX))
        self.retranslate()

    def retranslate(self) -> None:
        self.code_caption.setText(self.tr("Your pickup code"))
        self.done_button.setText(self.tr("I have the code"))
        self.print_bar.set_language(self.lang)
        self.qr_caption.setText(self.tr("Take a photo of this code"))
        self.qr_other.setText(
            "请拍下此二维码" if self.lang != "zh" else "Take a photo of this code"
        )
        ticket = self._ticket
        if ticket is None:
            return
        slot = ticket.slot
        zh = f"请把手机放入{slot.label_zh}"
        en = f"Put your phone in {slot.label_en}"
        steps_zh = "取手机时：点“取手机”，选充电位，输入取件码；或扫描右侧二维码的照片。"
        steps_en = (
            "To collect: tap Collect phone, choose the slot and enter the code, "
            "or scan a photo of the QR code."
        )
        first, second = (zh, en) if self.lang == "zh" else (en, zh)
        self.title.setText(first)
        self.title_other.setText(second)
        s1, s2 = (steps_zh, steps_en) if self.lang == "zh" else (steps_en, steps_zh)
        self.steps.setText(s1)
        self.steps_other.setText(s2)

    def reset(self) -> None:
        self._ticket = None
        self.print_bar.reset()
        self.code_label.clear()
        self.qr_label.clear()
        self.title.clear()
        self.title_other.clear()
