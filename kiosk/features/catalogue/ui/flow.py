"""A tap on a service tile: the feature's own flow when it has one (charging, lending, medicine,
help requests, lost and found, wishes), else the service's page, where uses are counted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

from kiosk.core.errors import KioskError
from kiosk.features.charging.domain import SERVICE_ID as CHARGING_SERVICE_ID
from kiosk.features.medicine.domain import SERVICE_ID as MEDICINE_SERVICE_ID
from kiosk.features.requests.domain import (
    HELP_SERVICE_ID,
    LOST_SERVICE_ID,
    REQUESTS_SERVICE_ID,
    WISHES_SERVICE_ID,
)
from kiosk.shell.lazy import Flow, lazy_page

if TYPE_CHECKING:
    from kiosk.features.catalogue.ui.service_detail import ServiceDetailPage
    from kiosk.shell.context import KioskServices
    from kiosk.shell.main_window import MainWindow


class ServiceFlow(Flow):
    """Routes tile taps to the flows of `window`; owns the plain service page."""

    def __init__(self, window: MainWindow, services: KioskServices) -> None:
        super().__init__(window)
        self._services = services

    @lazy_page
    def detail(self) -> ServiceDetailPage:
        from kiosk.features.catalogue.ui.service_detail import ServiceDetailPage

        page = ServiceDetailPage(self._window.language, self._window.theme)
        page.back_requested.connect(self._window.go_home)
        page.use_tapped.connect(self._on_use_tapped)
        return page

    @Slot(str)
    def open(self, service_id: str) -> None:
        window = self._window
        if service_id == CHARGING_SERVICE_ID:
            window.charging.open()
        elif window.lending.lends(service_id):
            window.lending.open(service_id)
        elif service_id == MEDICINE_SERVICE_ID:
            window.medicine.open()
        elif service_id in (HELP_SERVICE_ID, REQUESTS_SERVICE_ID):
            window.requests.open(service_id=service_id)
        elif service_id == LOST_SERVICE_ID:
            window.requests.open("lost", service_id=service_id)
        elif service_id == WISHES_SERVICE_ID:
            window.wishes.open()
        else:
            item = window.home_status.item(service_id)
            if item is not None:
                self.detail.show_item(item, self._services.service_link(item))
                window.show_page(self.detail)

    @Slot(str, str, int)
    def _on_use_tapped(self, service_id: str, audience: str, count: int) -> None:
        """A tap on an audience or on "used": count the people served, thank them."""
        self._window.idle.poke()
        try:
            recorded = self._services.uses.record(service_id, audience, count)
        except KioskError as exc:
            self.detail.show_error(exc)
            return
        self.detail.show_thanks(recorded.count)
        self._window.home.set_served(recorded.served_today)
        self._window.data_changed.emit()
