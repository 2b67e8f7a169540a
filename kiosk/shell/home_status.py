"""What home and the status strip show, kept current: the tiles of the catalogue (the season's
first), who is on duty, people served, staff alerts, open requests and emergencies, the sync
backlog; every 20 s, after a sync round, and when the hub sends new configuration.

Widgets are only filled, never rebuilt, unless the catalogue or the season changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from kiosk.features.catalogue.domain.seasons import season_for, seasonal_order
from kiosk.features.catalogue.service.catalogue import ServiceItem
from kiosk.features.medicine import SERVICE_ID as MEDICINE_BOX

if TYPE_CHECKING:
    from kiosk.platform.sync.engine import SyncStatus
    from kiosk.shell.context import KioskServices
    from kiosk.shell.main_window import MainWindow

log = logging.getLogger(__name__)
STATUS_REFRESH_MS = 20_000
PRIVACY_SWEEP_EVERY = timedelta(hours=1)
SWEEP_MS = 10 * 60_000  # shifts left open past the maximum are closed within ten minutes


class HomeStatus(QObject):
    """Keeps `window`'s home page and status strip up to date (see the module doc)."""

    def __init__(
        self, window: MainWindow, catalogue: list[ServiceItem], now: Callable[[], datetime]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._now = now
        self._services: KioskServices | None = None
        self._catalogue = {item.id: item for item in catalogue}
        self._forced_season: tuple[str | None] | None = None
        self._season = season_for(now().date(), window.settings.season)
        self._last_pending = 0
        self.last_sync: SyncStatus | None = None  # for an admin page built later
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh)
        self._sweep_timer = QTimer(self)
        self._sweep_timer.setInterval(SWEEP_MS)
        self._sweep_timer.timeout.connect(self.sweep)
        self._privacy_due: datetime | None = None  # the next retention sweep (start: now)
        # Until every flow is made (`MainWindow.settled`) home shows the on-duty board and the
        # strip only: the other figures need the other features' services imported.
        self.settled = False

    @property
    def season(self) -> str | None:
        return self._season

    def ordered(self) -> list[ServiceItem]:
        """The catalogue as home shows it: the services of the season in season first."""
        return seasonal_order(list(self._catalogue.values()), self._season)

    def item(self, service_id: str) -> ServiceItem | None:
        return self._catalogue.get(service_id)

    def start(self, services: KioskServices) -> None:
        """The database is open: read the real figures now and on the timers."""
        self._services = services
        self._now = lambda: services.shifts.local_time(services.clock.now())
        self.apply_catalogue(services.catalogue)
        self._status_timer.start()
        self._sweep_timer.start()

    @Slot()
    def refresh(self) -> None:
        window = self._window
        window.status_strip.set_time(self._now())
        services = self._services
        if services is None:
            return
        services.refresh_catalogue()  # local edits, maybe from the station's other kiosks
        self.apply_catalogue(services.catalogue)  # and the season may have turned
        board = services.shifts.on_duty()
        local = services.shifts.local_time
        rows = [
            (d.volunteer.name, d.volunteer.number, local(d.checked_in_at).strftime("%H:%M"))
            for d in board
        ]
        home = window.home
        home.set_on_duty(rows)
        home.set_announcements(services.current_announcements())
        if self.settled:
            self._refresh_figures(services)
        for flow in window.made_flows():
            flow.on_status_refresh()
        pending = services.pending_count()
        window.status_strip.set_counts(len(board), pending)
        window.status_strip.set_storage_full(services.storage_full())
        if pending > self._last_pending:
            window.data_changed.emit()
        self._last_pending = pending

    def _refresh_figures(self, services: KioskServices) -> None:
        """Home's figures beyond the on-duty board: people served, overdue charging, what is
        left to borrow, the staff alerts."""
        window = self._window
        home = window.home
        home.set_served(services.uses.served_today())
        home.set_overdue_charging(services.charging.overdue_count())
        home.set_tile_notes(services.lending.tile_notes())
        # The box's alerts on home only where the box is: a kiosk at the other exit, without its
        # tile, would point travellers and volunteers at a box it does not have (the admin's
        # safety tab shows them at every kiosk of the station).
        alerts = services.medicine.alerts() if _offers(services, MEDICINE_BOX) else []
        home.set_alerts(alerts + window.flow_alerts())  # and a handover's count differences

    def settle(self) -> None:
        """Every flow is made: the personal-data sweep's first run, then every figure."""
        self.settled = True
        self.sweep()
        self.refresh()

    @Slot()
    def sweep(self) -> None:
        """Close shifts forgotten open (a volunteer who left without checking out); and, from
        the start (once settled) and hourly, erase personal data past its retention
        (docs/privacy.md)."""
        services = self._services
        if services is None:
            return
        now = services.clock.now()
        if self.settled and (self._privacy_due is None or now >= self._privacy_due):
            self._privacy_due = now + PRIVACY_SWEEP_EVERY
            # Imported here: its payload models (pydantic) stay out of the path to home.
            from kiosk.features.privacy.service import PrivacyService

            try:
                services.registered.get(PrivacyService).sweep()
            except Exception:  # the next hour tries again; home must still refresh
                log.exception("personal data sweep failed")
        if services.shifts.sweep():
            self.refresh()

    def config_changed(self) -> None:
        """A pull brought configuration from the hub (badge keys, roster): apply it."""
        if self._services is not None:
            if self._services.refresh_config():
                self.apply_catalogue(self._services.catalogue)
            for flow in self._window.made_flows():
                flow.on_config_changed()
            self.refresh()

    def apply_catalogue(self, catalogue: list[ServiceItem]) -> None:
        """Show this catalogue's tiles (the hub's published one replaces the bundled one), the
        services of the seasonal preset in season first and highlighted."""
        season: str | None = season_for(self._now().date(), self._window.settings.season)
        if self._forced_season is not None:
            season = self._forced_season[0]
        if catalogue == list(self._catalogue.values()) and season == self._season:
            return
        self._catalogue = {item.id: item for item in catalogue}
        self._season = season
        self._window.home.set_catalogue(seasonal_order(catalogue, season), season)

    def show_season(self, season: str | None) -> None:
        """Show home as in `season` until called with None (screenshots); the date and the
        `season` setting decide otherwise."""
        self._forced_season = (season,) if season is not None else None
        self._season = season
        self._window.home.set_catalogue(self.ordered(), season)
        self.apply_catalogue(list(self._catalogue.values()))

    def sync_status(self, status: SyncStatus) -> None:
        """The sync worker reported: the strip, and what may have arrived from elsewhere."""
        window = self._window
        services = self._services
        window.status_strip.set_sync(status, services.shifts.local_time if services else None)
        self._last_pending = status.pending
        self.last_sync = status
        if services is not None:  # alerts, requests and wishes from elsewhere arrive by sync
            for flow in window.made_flows():
                flow.on_sync_status(status)


def _offers(services: KioskServices, service_id: str) -> bool:
    """Whether this kiosk's home shows the tile `service_id` (shown, not hidden by an admin)."""
    return any(item.id == service_id and item.enabled for item in services.catalogue)
