"""The strip at the bottom: local time, station, volunteers on duty, sync state, pending events
(an enrolled kiosk only; a stand-alone one says "Stand-alone")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kiosk.platform.ui.i18n import LanguageSwitch

if TYPE_CHECKING:
    from kiosk.platform.sync.engine import SyncStatus


class StatusStrip(QFrame):
    """Shows figures handed to it; it never asks a service itself (the window refreshes it)."""

    def __init__(
        self,
        station_zh: str,
        station_en: str,
        language: LanguageSwitch,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statusbar")
        self.setFixedHeight(64)
        self._station = {"zh": station_zh, "en": station_en}
        self._language = language
        self._time: datetime | None = None
        self._on_duty: int | None = None
        self._pending: int | None = None
        self._sync: SyncStatus | None = None
        self._local_time: Callable[[datetime], datetime] = lambda moment: moment

        self.time_label = QLabel()
        self.time_label.setObjectName("status_time")
        self.station_label = QLabel()
        self.on_duty_label = QLabel()
        self.on_duty_label.setObjectName("status_on_duty")
        self.sync_label = QLabel()
        self.sync_label.setObjectName("status_sync")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("status_pending")
        self._storage_full = False
        self.storage_label = QLabel()
        self.storage_label.setObjectName("status_storage")
        self.storage_label.setVisible(False)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(28, 0, 28, 0)
        layout.setSpacing(40)
        layout.addWidget(self.time_label)
        layout.addWidget(self.station_label)
        layout.addStretch(1)
        layout.addWidget(self.storage_label)
        layout.addWidget(self.on_duty_label)
        layout.addWidget(self.sync_label)
        layout.addWidget(self.pending_label)
        for label in (self.time_label, self.on_duty_label, self.sync_label, self.pending_label):
            label.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        self.retranslate()

    def set_time(self, local: datetime) -> None:
        self._time = local
        self.time_label.setText(local.strftime("%Y-%m-%d  %H:%M"))

    def set_counts(self, on_duty: int, pending: int) -> None:
        self._on_duty = on_duty
        self._pending = pending
        self.retranslate()

    def set_sync(
        self, status: SyncStatus, local_time: Callable[[datetime], datetime] | None = None
    ) -> None:
        """Show the sync worker's latest state (pending count included)."""
        self._sync = status
        self._pending = status.pending
        if local_time is not None:
            self._local_time = local_time
        self.retranslate()

    def set_storage_full(self, full: bool) -> None:
        """Show "storage full" (a write was refused for lack of space) until space returns."""
        if full != self._storage_full:
            self._storage_full = full
            self.storage_label.setVisible(full)
            self.retranslate()

    def _sync_text(self) -> tuple[str, str]:
        """(text, state) where state styles the label: ok, offline, revoked or none."""
        status = self._sync
        if status is None or not status.enrolled:
            # Nothing is meant to leave a stand-alone kiosk: say so, not "not connected".
            return self.tr("Stand-alone"), "none"
        if status.revoked:
            return self.tr("Revoked by the hub: records kept here"), "revoked"
        if status.online and status.last_success_at is not None:
            when = self._local_time(status.last_success_at).strftime("%H:%M")
            if status.history_pending:  # a new kiosk: live state in, older records arriving
                return self.tr("Synced at %1 · history still arriving").replace("%1", when), "ok"
            return self.tr("Synced at %1").replace("%1", when), "ok"
        return self.tr("Hub unreachable: will retry"), "offline"

    def set_station(self, station_zh: str, station_en: str) -> None:
        """The station's name changed on the admin screen."""
        self._station = {"zh": station_zh, "en": station_en}
        self.retranslate()

    def retranslate(self) -> None:
        self.station_label.setText(self._station[self._language.language])
        self.storage_label.setText(
            self.tr("Storage full: please tell the staff") if self._storage_full else ""
        )
        if self._on_duty is None:
            self.on_duty_label.setText(self.tr("On duty: …"))
        else:
            self.on_duty_label.setText(self.tr("%n on duty", "", self._on_duty))
        text, state = self._sync_text()
        self.sync_label.setText(text)
        if self.sync_label.property("state") != state:
            self.sync_label.setProperty("state", state)
            self.sync_label.style().unpolish(self.sync_label)
            self.sync_label.style().polish(self.sync_label)
        if self._pending is None or self._sync is None or not self._sync.enrolled:
            # A stand-alone kiosk's backlog only grows; counting it would look like a fault.
            self.pending_label.setText("")
        else:
            self.pending_label.setText(self.tr("%n waiting to sync", "", self._pending))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
