"""The emergency page: call 120 (big), where the nearest AED is and how to use it in four
pictures, and the state of the alert sent to the volunteers on duty."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.features.emergency.service import EmergencyView
from kiosk.features.volunteers.service.duty import Actor
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage
from kiosk.settings import Settings

STEP_ICON_PX = 112


class AedStep(QFrame):
    """One step picture with its number and a short line."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aed_step")
        self.number = QLabel(str(number))
        self.number.setObjectName("aed_step_number")
        self.picture = QLabel()
        self.picture.setPixmap(icons.pixmap(f"aed_step{number}", STEP_ICON_PX, "#C8102E"))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel()
        self.caption.setProperty("role", "lead")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()
        top.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.picture, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.caption)


class EmergencyPage(Page):
    """Signals:
    acknowledge_requested(str): the emergency id a volunteer says they are attending.
    incident_requested(): record what happened (first-aid book).
    back_requested(): home.
    """

    acknowledge_requested = Signal(str)
    incident_requested = Signal()
    back_requested = Signal()

    def __init__(
        self,
        settings: Settings,
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self._settings = settings
        self.emergency: EmergencyView | None = None
        self.actor: Actor | None = None  # who said they attend here: records the incident
        self.title = QLabel()
        self.title.setObjectName("call_120")
        self.big_120 = QLabel("120")
        self.big_120.setObjectName("call_120_big")
        self.call_hint = QLabel()
        self.call_hint.setProperty("role", "lead")
        self.call_hint.setWordWrap(True)
        self.call_other = QLabel()
        self.call_other.setProperty("role", "other-language")
        self.call_other.setWordWrap(True)
        self.aed_caption = QLabel()
        self.aed_caption.setProperty("role", "section")
        self.aed_where = QLabel()
        self.aed_where.setObjectName("aed_where")
        self.aed_where.setProperty("role", "lead")
        self.aed_where.setWordWrap(True)
        self.aed_other = QLabel()
        self.aed_other.setProperty("role", "other-language")
        self.aed_other.setWordWrap(True)
        self.status = BilingualMessage("lead", center=False)
        self.status.clear()
        self.steps = [AedStep(n) for n in range(1, 5)]
        self.steps_caption = QLabel()
        self.steps_caption.setProperty("role", "section")

        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("emergency_back")
        self.ack_button = button("danger", "check", "#FFFFFF", height=96)
        self.ack_button.setObjectName("emergency_page_ack")
        self.incident_button = button("", "book", theme.palette.icon, height=96)
        self.incident_button.setObjectName("emergency_incident")

        self._left = left = QVBoxLayout()
        left.setSpacing(10)
        call_row = QHBoxLayout()
        call_row.addWidget(self.big_120)
        call_row.addSpacing(24)
        call_text = QVBoxLayout()
        call_text.addWidget(self.title)
        call_text.addWidget(self.call_hint)
        call_row.addLayout(call_text, 1)
        left.addLayout(call_row)
        left.addWidget(self.call_other)
        left.addSpacing(12)
        left.addWidget(self.aed_caption)
        left.addWidget(self.aed_where)
        left.addWidget(self.aed_other)
        left.addSpacing(12)
        left.addWidget(self.status)
        self._sections = left.count()  # other features' sections go here, before the stretch
        left.addStretch(1)
        grid = QGridLayout()
        grid.setSpacing(14)
        for index, step in enumerate(self.steps):
            grid.addWidget(step, index // 2, index % 2)
        right = QVBoxLayout()
        right.addWidget(self.steps_caption)
        right.addLayout(grid, 1)
        columns = QHBoxLayout()
        columns.setSpacing(40)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self._actions = actions = QHBoxLayout()
        actions.setSpacing(24)
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        actions.addWidget(self.incident_button)
        actions.addWidget(self.ack_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 20, 48, 20)
        layout.setSpacing(12)
        layout.addLayout(columns, 1)
        layout.addLayout(actions)

        self.back_button.clicked.connect(self.back_requested)
        self.incident_button.clicked.connect(self.incident_requested)
        self.ack_button.clicked.connect(self._on_ack)
        self.retranslate()

    def add_action(self, action: QAbstractButton) -> None:
        """Another feature's big button in the row of actions, before the incident record
        (roll call puts its own here; this page names no feature)."""
        action.setParent(self)
        self._actions.insertWidget(self._actions.indexOf(self.incident_button), action)

    def add_section(self, section: QWidget) -> None:
        """Another feature's section in the left column, below the alert's state (training
        lists who on duty is first-aid trained; this page names no feature)."""
        self._left.insertWidget(self._sections, section)
        self._sections += 1

    def show_emergency(self, emergency: EmergencyView | None, attending: str | None) -> None:
        """The alert this page is about; `attending` names who acknowledged it, if anyone."""
        self.emergency = emergency
        if attending is not None:
            self.status.show_message(
                f"{attending} 已响应，警报已解除。请记录急救情况。",
                f"{attending} is attending; the alert is off. Please record the incident.",
                self.lang,
                "success",
            )
        elif emergency is not None:
            self.status.show_message(
                "已通知所有终端上的值班志愿者，请稍候。",
                "The volunteers on duty are alerted on every kiosk. Help is coming.",
                self.lang,
                "error",
            )
        else:
            self.status.clear()
        self.ack_button.setVisible(emergency is not None and attending is None)

    def _on_ack(self) -> None:
        if self.emergency is not None:
            self.acknowledge_requested.emit(self.emergency.id)

    def retranslate(self) -> None:
        s = self._settings
        other = self.language.other()
        self.title.setText(self.tr("Call 120 now"))
        calls = {
            "zh": f"告诉对方：{s.station_name_zh}，{s.kiosk_place_zh}，发生了什么。不要挂断。",
            "en": f"Say: {s.station_name_en}, {s.kiosk_place_en}, and what happened. "
            "Stay on the line.",
        }
        self.call_hint.setText(calls["zh" if self.lang == "zh" else "en"])
        self.call_other.setText(calls[other])
        self.aed_caption.setText(self.tr("Nearest AED"))
        where = {"zh": s.aed_location_zh, "en": s.aed_location_en}
        self.aed_where.setText(where["zh" if self.lang == "zh" else "en"])
        self.aed_other.setText(where[other])
        self.steps_caption.setText(self.tr("Using the AED"))
        captions = [
            self.tr("Open it and press the power button. Follow its voice."),
            self.tr("Bare the chest. Stick the pads as pictured."),
            self.tr("Stand clear: nobody touches the person."),
            self.tr("Press the flashing shock button if told, then start CPR."),
        ]
        for step, caption in zip(self.steps, captions, strict=True):
            step.caption.setText(caption)
        self.back_button.setText(self.tr("Back"))
        self.ack_button.setText(self.tr("I am attending"))
        self.incident_button.setText(self.tr("Record incident"))
        self.status.set_language(self.lang)

    def theme_changed(self) -> None:
        color = self.theme.palette.icon
        self.back_button.setIcon(icons.icon("back", 40, color))
        self.incident_button.setIcon(icons.icon("book", 40, color))

    def reset(self) -> None:
        self.emergency = None
        self.actor = None  # never left for the next person at the kiosk
        self.status.clear()
