"""A tap on a service tile no feature's flow claimed: the service's page, where uses are counted
(charging, lending, medicine, help requests, lost and found and wishes claim their own tiles)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Slot

from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors
from kiosk.platform.ui.navigator import Flow

if TYPE_CHECKING:
    from kiosk.features.catalogue.service.catalogue import ServiceItem
    from kiosk.features.catalogue.service.edits import CatalogueEditService
    from kiosk.features.catalogue.ui.service_detail import ServiceDetailPage
    from kiosk.features.uses.service import UseService
    from kiosk.platform.ui.navigator import Navigator


class ServiceFlowServices(Protocol):
    """What the plain service page needs of the kiosk's services."""

    @property
    def uses(self) -> UseService: ...

    @property
    def catalogue_edits(self) -> CatalogueEditService: ...
    def editable_catalogue(self) -> list[ServiceItem]: ...
    def service(self, service_id: str) -> ServiceItem | None: ...
    def service_link(self, item: ServiceItem) -> str: ...


class ServiceFlow(Flow):
    """Owns the plain service page (the last claimant of tile taps)."""

    def __init__(self, navigator: Navigator, services: ServiceFlowServices) -> None:
        super().__init__(navigator)
        self._services = services

    @lazy_page
    def detail(self) -> ServiceDetailPage:
        from kiosk.features.catalogue.ui.service_detail import ServiceDetailPage

        page = ServiceDetailPage(self._nav.language, self._nav.theme)
        page.back_requested.connect(self._nav.go_home)
        page.use_tapped.connect(self._on_use_tapped)
        return page

    def open_tile(self, service_id: str) -> bool:
        item = self._services.service(service_id)
        if item is None:
            return False
        self.detail.show_item(item, self._services.service_link(item))
        self._nav.show_page(self.detail)
        return True

    @Slot(str, str, int)
    @reports_errors(on="detail")
    def _on_use_tapped(self, service_id: str, audience: str, count: int) -> None:
        """A tap on an audience or on "used": count the people served, thank them."""
        self._nav.idle.poke()
        recorded = self._services.uses.record(service_id, audience, count)
        self.detail.show_thanks(recorded.count)
        self._nav.home.set_served(recorded.served_today)

    def connect_admin(self, console: Any) -> None:
        """The console was built: its tab of the home screen's tiles (order, on or off)."""
        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleSection
        from kiosk.features.catalogue.ui.admin import CataloguePanel

        services = self._services
        self.catalogue_panel = CataloguePanel(
            services.catalogue_edits, services.editable_catalogue, lambda: console.lang
        )
        self.catalogue_panel.changed.connect(self._nav.refresh_status)  # redraw home's tiles
        console.add_section(
            ConsoleSection(
                key="services",
                rank=50,
                title=lambda: self.tr("Services"),
                widgets=(self.catalogue_panel,),
                permission=Permission.MANAGE_ITEMS,
                grows=False,
            )
        )
