"""The emergency banner: red, blinking, above every page of every kiosk of the station, with
the alarm sounding (`alarm.AlarmSound`: the bundled sound in a loop, or beeps where the kiosk
cannot play it), until a volunteer on duty or the admin acknowledges the alert.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.features.emergency.ui.alarm import AlarmSound
from kiosk.platform.ui.util import button, repolish

if TYPE_CHECKING:  # no service module (SQLAlchemy, pydantic) before the first paint
    from kiosk.features.emergency.service import EmergencyView

BLINK_MS = 600


class EmergencyBanner(QFrame):
    """Signals:
    acknowledge_requested(str): the emergency id someone says they are attending.
    open_requested(): show the emergency page (120, the AED).
    """

    acknowledge_requested = Signal(str)
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, multimedia: bool = True) -> None:
        super().__init__(parent)
        self.alarm = AlarmSound(self, multimedia=multimedia)
        self.setObjectName("emergency_banner")
        self.setProperty("blink", False)
        self._alerts: list[EmergencyView] = []
        self.label = QLabel()
        self.label.setObjectName("emergency_text")
        self.label.setWordWrap(True)
        self.open_button: QPushButton = button("", "aed", "#C8102E", height=80)
        self.open_button.setObjectName("emergency_open")
        self.ack_button: QPushButton = button("", "check", "#C8102E", height=80)
        self.ack_button.setObjectName("emergency_ack")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(28, 10, 28, 10)
        layout.setSpacing(20)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.ack_button)
        self._blink = QTimer(self)
        self._blink.setInterval(BLINK_MS)
        self._blink.timeout.connect(self._on_blink)
        self.ack_button.clicked.connect(self._on_ack)
        self.open_button.clicked.connect(self.open_requested)
        self.setVisible(False)

    @property
    def alerts(self) -> list[EmergencyView]:
        return self._alerts

    def set_alerts(
        self,
        alerts: list[EmergencyView],
        language: str,
        local: Callable[[datetime], datetime],
        texts: dict[str, str],
    ) -> None:
        """Show the open alerts (oldest first); `texts` are the translated phrases."""
        self._alerts = alerts
        if not alerts:
            self._blink.stop()
            self.alarm.stop()
            self.setVisible(False)
            return
        first = alerts[0]
        line = texts["line"].replace("%1", first.place(language))
        line = line.replace("%2", local(first.raised_at).strftime("%H:%M"))
        if len(alerts) > 1:
            line += "  " + texts["more"].replace("%1", str(len(alerts) - 1))
        self.label.setText("⚠ " + line)
        self.ack_button.setText(texts["ack"])
        self.open_button.setText(texts["open"])
        self.setVisible(True)
        if not self._blink.isActive():
            self._blink.start()
        self.alarm.start()  # until the last open alert is acknowledged

    @Slot()
    def _on_ack(self) -> None:
        if self._alerts:
            self.acknowledge_requested.emit(self._alerts[0].id)

    @Slot()
    def _on_blink(self) -> None:
        self.setProperty("blink", not self.property("blink"))
        repolish(self)
