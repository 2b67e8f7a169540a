"""What the admin session, its console and its management pages need of the kiosk's services
(the composition root's bundle fits it; a type only, so nothing is imported at run time)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from kiosk.features.admin.service.accounts import AdminService
    from kiosk.features.admin.service.exports import LogReviewServices
    from kiosk.features.admin.service.management import ManagementService
    from kiosk.features.admin.service.settings import SettingsService
    from kiosk.features.catalogue.service.catalogue import ServiceItem
    from kiosk.features.catalogue.service.edits import CatalogueEditService
    from kiosk.features.charging.service import ChargingService
    from kiosk.features.emergency.service import EmergencyService
    from kiosk.features.incidents.service import IncidentService
    from kiosk.features.items.service import ItemSettingsService
    from kiosk.features.lending.service import LendingService
    from kiosk.features.requests.ui.admin import HelpDeskServices
    from kiosk.features.shifts.service.shifts import ShiftService
    from kiosk.features.volunteers.service.roster import RosterService
    from kiosk.settings import Settings

    class AdminServices(LogReviewServices, HelpDeskServices, Protocol):
        """The services an admin works with, as the logged-in account."""

        settings: Settings  # saved settings replace it
        admin_actor: str  # the account logged in: the log review and exports audit as it

        @property
        def admin(self) -> AdminService: ...
        @property
        def local_settings(self) -> SettingsService: ...
        @property
        def management(self) -> ManagementService: ...
        @property
        def roster(self) -> RosterService: ...
        @property
        def shifts(self) -> ShiftService: ...
        @property
        def item_settings(self) -> ItemSettingsService: ...
        @property
        def catalogue_edits(self) -> CatalogueEditService: ...
        @property
        def charging(self) -> ChargingService: ...
        @property
        def lending(self) -> LendingService: ...
        @property
        def medicine(self) -> Any: ...  # not a declared dependency: alerts go to the safety panel
        @property
        def emergency(self) -> EmergencyService: ...
        @property
        def incidents(self) -> IncidentService: ...
        def enrolled_hub(self) -> str | None: ...
        def editable_catalogue(self) -> list[ServiceItem]: ...
