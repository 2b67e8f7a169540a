"""Alerts for staff (low stock, expiry, the daily check, the AED): a strip on home, a list on admin.

The texts come bilingual from the service (`AlertLine`); the strip shows the first few in the
current language with a count of the rest, so a rider's screen stays calm.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:  # no service module (SQLAlchemy, pydantic) before the first paint
    from kiosk.features.medicine.service import AlertLine


STRIP_LINES = 2


class AlertStrip(QFrame):
    """A small amber strip; hidden when there is nothing to see."""

    def __init__(self, lines: int = STRIP_LINES, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alert_strip")
        self._max = lines
        self._alerts: list[AlertLine] = []
        self._language = "zh"
        self._more = "+{count}"
        self.label = QLabel()
        self.label.setObjectName("alert_text")
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.label)
        self.setVisible(False)

    def set_alerts(self, alerts: list[AlertLine], language: str, more: str) -> None:
        """`more` is the translated "and {count} more" for alerts past the shown lines."""
        self._alerts = alerts
        self._language = language
        self._more = more
        shown = [f"⚠ {a.text(language)}" for a in alerts[: self._max]]
        if len(alerts) > self._max:
            shown.append(more.format(count=len(alerts) - self._max))
        self.label.setText("\n".join(shown))
        self.setVisible(bool(alerts))

    @property
    def alerts(self) -> list[AlertLine]:
        return self._alerts
