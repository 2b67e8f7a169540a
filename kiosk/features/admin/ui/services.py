"""What the admin session, its console and its management pages need of the kiosk's services
(the composition root's bundle fits it; a type only, so nothing is imported at run time)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kiosk.features.admin.service.accounts import AdminService
    from kiosk.features.admin.service.exports import LogReviewServices
    from kiosk.features.admin.service.management import ManagementService
    from kiosk.features.admin.service.settings import SettingsService
    from kiosk.features.shifts.service.shifts import ShiftService
    from kiosk.settings import Settings

    class AdminServices(LogReviewServices, Protocol):
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
        def shifts(self) -> ShiftService: ...
        def enrolled_hub(self) -> str | None: ...
