"""The admin's safety section: open emergencies (acknowledge with a tap), medicine box and AED
alerts, and the incident records with their corrections (amend, void, a new record)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.features.emergency.service import EmergencyView
from kiosk.features.incidents.domain import VoidReason
from kiosk.features.incidents.service import IncidentView
from kiosk.features.medicine.service import AlertLine
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.choices import ChoiceGroup

MAX_INCIDENTS = 20


class SafetyPanel(QWidget):
    """Signals:
    acknowledge_requested(str): an emergency id the admin acknowledges.
    new_incident_requested(): record an incident as the admin.
    amend_requested(str): correct this incident.
    void_requested(str, str): incident id and reason.
    """

    acknowledge_requested = Signal(str)
    new_incident_requested = Signal()
    amend_requested = Signal(str)
    void_requested = Signal(str, str)

    def __init__(
        self, local: Callable[[datetime], datetime], texts: Callable[[str, str, str], str]
    ) -> None:
        super().__init__()
        self._local = local
        self._texts = texts  # (kind, value, language) -> label of a choice
        self._language = "zh"
        self._void_target: str | None = None
        self.emergency_caption = QLabel()
        self.emergency_caption.setProperty("role", "section")
        self.emergency_rows: list[tuple[QLabel, QPushButton]] = []
        self.emergency_box = QVBoxLayout()
        self.alerts_caption = QLabel()
        self.alerts_caption.setProperty("role", "section")
        self.alerts_label = QLabel()
        self.alerts_label.setObjectName("admin_alerts")
        self.alerts_label.setWordWrap(True)
        self.incidents_caption = QLabel()
        self.incidents_caption.setProperty("role", "section")
        self.new_button = button("", "book", "#9C3D1E", height=80)
        self.new_button.setObjectName("admin_new_incident")
        self.incident_rows: list[tuple[str, QLabel, QPushButton, QPushButton]] = []
        self.incident_box = QVBoxLayout()
        self.void_box = QFrame()
        self.void_reasons = ChoiceGroup([r.value for r in VoidReason], columns=3, name="void")
        self.void_confirm = button("danger", "", "#FFFFFF", height=80)
        self.void_confirm.setObjectName("admin_void_confirm")
        void_row = QHBoxLayout(self.void_box)
        void_row.setContentsMargins(0, 0, 0, 0)
        void_row.addWidget(self.void_reasons, 1)
        void_row.addWidget(self.void_confirm)
        self.void_box.setVisible(False)

        content = QWidget()
        content.setObjectName("page")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(10)
        column.addWidget(self.emergency_caption)
        column.addLayout(self.emergency_box)
        column.addWidget(self.alerts_caption)
        column.addWidget(self.alerts_label)
        head = QHBoxLayout()
        head.addWidget(self.incidents_caption, 1)
        head.addWidget(self.new_button)
        column.addLayout(head)
        column.addWidget(self.void_box)
        column.addLayout(self.incident_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A wide scroll bar, not QScroller: a scroller delays taps on the buttons inside.
        scroll.verticalScrollBar().setMinimumWidth(36)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.new_button.clicked.connect(self.new_incident_requested)
        self.void_confirm.clicked.connect(self._on_void_confirm)

    def fill(
        self,
        emergencies: list[EmergencyView],
        alerts: list[AlertLine],
        incidents: list[IncidentView],
        language: str,
        labels: dict[str, str],
    ) -> None:
        """Redraw everything; `labels` are the translated fixed phrases."""
        self._language = language
        self.emergency_caption.setText(labels["emergencies"])
        self.alerts_caption.setText(labels["alerts"])
        self.incidents_caption.setText(labels["incidents"])
        self.new_button.setText(labels["new"])
        self.void_confirm.setText(labels["void_confirm"])
        self.void_reasons.set_texts(
            {r.value: self._texts("void", r.value, language) for r in VoidReason}
        )
        self._clear(self.emergency_box)
        self.emergency_rows = []
        for emergency in emergencies:
            text = f"⚠ {emergency.place(language)} · {self._local(emergency.raised_at):%H:%M}"
            label = QLabel(text)
            label.setProperty("role", "lead")
            ack = button("danger", "check", "#FFFFFF", height=80)
            ack.setObjectName(f"admin_ack_{emergency.id}")
            ack.setText(labels["ack"])
            ack.clicked.connect(lambda _=False, e=emergency.id: self.acknowledge_requested.emit(e))
            row = QHBoxLayout()
            row.addWidget(label, 1)
            row.addWidget(ack)
            self.emergency_box.addLayout(row)
            self.emergency_rows.append((label, ack))
        if not emergencies:
            none = QLabel(labels["no_emergency"])
            none.setProperty("role", "muted")
            self.emergency_box.addWidget(none)
        shown = [f"⚠ {a.text(language)}" for a in alerts]
        self.alerts_label.setText("\n".join(shown) if shown else labels["no_alerts"])
        self._clear(self.incident_box)
        self.incident_rows = []
        for incident in incidents[:MAX_INCIDENTS]:
            parts = [
                f"{self._local(incident.happened_at):%m-%d %H:%M}",
                self._texts("place", incident.place, language),
                self._texts("what", incident.what, language),
                self._texts("outcome", incident.outcome, language),
            ]
            if incident.amendments:
                parts.append(labels["amended"])
            if incident.voided:
                parts.append(labels["voided"])
            label = QLabel(" · ".join(parts))
            label.setProperty("role", "lead" if not incident.voided else "muted")
            amend = button("", "", "#9C3D1E", height=76)
            amend.setObjectName(f"admin_amend_{incident.id}")
            amend.setText(labels["amend"])
            void = button("", "", "#9C3D1E", height=76)
            void.setObjectName(f"admin_void_{incident.id}")
            void.setText(labels["void"])
            amend.setEnabled(not incident.voided)
            void.setEnabled(not incident.voided)
            amend.clicked.connect(lambda _=False, i=incident.id: self.amend_requested.emit(i))
            void.clicked.connect(lambda _=False, i=incident.id: self._on_void(i))
            row = QHBoxLayout()
            row.addWidget(label, 1)
            row.addWidget(amend)
            row.addWidget(void)
            self.incident_box.addLayout(row)
            self.incident_rows.append((incident.id, label, amend, void))
        if not incidents:
            none = QLabel(labels["no_incidents"])
            none.setProperty("role", "muted")
            self.incident_box.addWidget(none)

    def _on_void(self, incident_id: str) -> None:
        self._void_target = incident_id
        self.void_reasons.clear()
        self.void_box.setVisible(True)

    @Slot()
    def _on_void_confirm(self) -> None:
        reason = self.void_reasons.value
        if self._void_target is None or reason is None:
            return
        target, self._void_target = self._void_target, None
        self.void_box.setVisible(False)
        self.void_requested.emit(target, reason)

    def reset(self) -> None:
        self._void_target = None
        self.void_box.setVisible(False)

    @staticmethod
    def _clear(box: QLayout) -> None:
        """Delete every widget and nested layout of `box`."""
        while box.count():
            entry = box.takeAt(0)
            if entry is None:
                break
            widget = entry.widget()
            inner = entry.layout()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
            elif inner is not None:
                SafetyPanel._clear(inner)
                inner.deleteLater()
