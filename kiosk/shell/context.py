"""Builds the services over one database: shared by the Qt app and the command line."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from kiosk.core.clock import Clock, SystemClock
from kiosk.core.files import private_dir
from kiosk.features.admin.service.accounts import AdminService
from kiosk.features.admin.service.settings import apply_overrides as apply_setting_overrides
from kiosk.features.admin.service.settings import load_overrides
from kiosk.features.announcements.domain import Announcement, read_announcements
from kiosk.features.announcements.domain import current as current_announcements
from kiosk.features.catalogue.service.catalogue import (
    ServiceItem,
    apply_overrides,
    choose_catalogue,
    load_catalogue,
)
from kiosk.features.shifts.service.shifts import ShiftService
from kiosk.features.volunteers.service.badges import BadgeIssuer
from kiosk.features.volunteers.service.roster import RosterService
from kiosk.platform.services import FeatureServices, ServiceContext
from kiosk.platform.store import eventlog, queries, sync_store
from kiosk.platform.store.backup import backup_dir
from kiosk.platform.store.db import Database
from kiosk.platform.store.recovery import recover_if_corrupt
from kiosk.platform.store.store import open_database
from kiosk.settings import Settings

if TYPE_CHECKING:
    from kiosk.features.admin.service.management import ManagementService
    from kiosk.features.admin.service.settings import SettingsService
    from kiosk.features.catalogue.service.edits import CatalogueEditService
    from kiosk.features.charging.domain import Slot
    from kiosk.features.charging.service import ChargingService
    from kiosk.features.emergency.service import EmergencyService
    from kiosk.features.incidents.service import IncidentService
    from kiosk.features.items.service import ItemSettingsService
    from kiosk.features.lending.domain import LendingItem
    from kiosk.features.lending.service import LendingService
    from kiosk.features.medicine.domain import Item
    from kiosk.features.medicine.service import MedicineService
    from kiosk.features.requests.service import RequestService
    from kiosk.features.uses.service import UseService
    from kiosk.features.volunteers.service.duty import DutyService
    from kiosk.features.wishes.service import WishService

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class KioskServices:
    """Everything the UI may call; one instance per running kiosk.

    Only what a check-in and the on-duty board need is made with the bundle (the shifts, the
    roster, the admin accounts, the badges, the catalogue); every other service, and the
    charging slots and the lending and medicine items, is made on first use, so the kiosk is
    ready before their modules are imported (#20, docs/performance.md)."""

    settings: Settings
    clock: Clock
    database: Database
    shifts: ShiftService
    roster: RosterService
    admin: AdminService
    badges: BadgeIssuer
    catalogue: list[ServiceItem]
    default_catalogue: list[ServiceItem] = field(default_factory=list)
    # The hub's or bundled catalogue with hidden services: local edits apply over it.
    base_catalogue: list[ServiceItem] = field(default_factory=list)
    _hub_url: str | None = field(default=None, init=False)
    announcements: list[Announcement] = field(default_factory=list, init=False)  # published
    admin_actor: str = field(default="station_admin", init=False)  # set at admin login
    # Services features register (their service module's SERVICES), asked for by class.
    registered: FeatureServices = field(init=False)
    # The hub's published slots, lending and medicine items (JSON bodies, None: not published)
    # and this kiosk's id, read by `refresh_config`; the lists are made from them on first use.
    _published_items: tuple[Any, Any, Any] = field(default=(None, None, None), init=False)
    _kiosk_id: str = field(default="", init=False)
    _bases: tuple[list[Slot], list[LendingItem], list[Item]] | None = field(
        default=None, init=False, repr=False
    )
    _lists: tuple[list[Slot], list[LendingItem], list[Item]] | None = field(
        default=None, init=False, repr=False
    )

    def __post_init__(self) -> None:
        if not self.default_catalogue:
            self.default_catalogue = self.base_catalogue or self.catalogue
        if not self.base_catalogue:
            self.base_catalogue = self.default_catalogue
        self.registered = FeatureServices(
            ServiceContext(self.database, self.clock, self.timezone, self.settings)
        )

    @cached_property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.settings.timezone)

    # --- the services made on first use -------------------------------------------------------

    @cached_property
    def catalogue_edits(self) -> CatalogueEditService:
        from kiosk.features.catalogue.service.edits import CatalogueEditService

        return CatalogueEditService(
            self.database, self.clock, lambda: self.base_catalogue, lambda: self.admin_actor
        )

    @cached_property
    def item_settings(self) -> ItemSettingsService:
        from kiosk.features.items.service import ItemSettingsService

        return ItemSettingsService(
            self.database,
            self.clock,
            lambda: self.base_slots,
            lambda: self.base_lending_items,
            lambda: self.base_medicine_items,
            self.refresh_items,
        )

    @cached_property
    def uses(self) -> UseService:
        from kiosk.features.uses.service import UseService

        return UseService(
            self.database, self.clock, self.timezone, lambda: {item.id for item in self.catalogue}
        )

    @cached_property
    def charging(self) -> ChargingService:
        from kiosk.features.charging.service import ChargingService

        return ChargingService(
            self.database,
            self.clock,
            self.timezone,
            lambda: self.slots,
            timedelta(hours=self.settings.charging_overdue_hours),
        )

    @cached_property
    def lending(self) -> LendingService:
        from kiosk.features.lending.service import LendingService

        return LendingService(
            self.database,
            self.clock,
            self.timezone,
            lambda: self.lending_items,
            self.badges.public_keys,
        )

    @cached_property
    def duty(self) -> DutyService:
        from kiosk.features.volunteers.service.duty import DutyService

        return DutyService(self.database, self.clock, self.badges.public_keys)

    @cached_property
    def medicine(self) -> MedicineService:
        from kiosk.features.medicine.service import MedicineService

        return MedicineService(
            self.database,
            self.clock,
            self.timezone,
            lambda: self.medicine_items,
            self.settings.daily_check_hour,
        )

    @cached_property
    def emergency(self) -> EmergencyService:
        from kiosk.features.emergency.service import EmergencyService

        return EmergencyService(self.database, self.clock)

    @cached_property
    def incidents(self) -> IncidentService:
        from kiosk.features.incidents.service import IncidentService

        return IncidentService(self.database, self.clock, self.timezone, self.medicine)

    @cached_property
    def requests(self) -> RequestService:
        from kiosk.features.requests.service import RequestService

        return RequestService(
            self.database,
            self.clock,
            self.timezone,
            timedelta(minutes=self.settings.request_accept_minutes),
            self.badges.public_keys,
        )

    @cached_property
    def wishes(self) -> WishService:
        from kiosk.features.wishes.service import WishService

        return WishService(self.database, self.clock, self.timezone)

    @cached_property
    def management(self) -> ManagementService:
        from kiosk.features.admin.service.management import ManagementService

        return ManagementService(
            self.database,
            self.clock,
            self.shifts,
            self.settings.station_name_zh,
            self.settings.data_dir / "exports" / "badges",
            self.badge_code,
        )

    @cached_property
    def local_settings(self) -> SettingsService:
        from kiosk.features.admin.service.settings import SettingsService

        return SettingsService(self.database, self.clock)

    # --- the charging slots, lending and medicine items ---------------------------------------

    @cached_property
    def default_slots(self) -> list[Slot]:
        """The bundled slots (what a kiosk without the hub's uses)."""
        from kiosk.features.charging.service import load_slots

        return load_slots()

    @cached_property
    def default_lending_items(self) -> list[LendingItem]:
        from kiosk.features.lending.service import load_items

        return load_items()

    @cached_property
    def default_medicine_items(self) -> list[Item]:
        from kiosk.features.medicine.service import load_items

        return load_items()

    def _base_lists(self) -> tuple[list[Slot], list[LendingItem], list[Item]]:
        """The hub's published (or the bundled) slots and items, before local admin edits."""
        if self._bases is None:
            from kiosk.features.charging.service import choose_slots
            from kiosk.features.lending.service import choose_items as choose_lending_items
            from kiosk.features.medicine.service import choose_items

            slots, lending, medicine = self._published_items
            self._bases = (
                choose_slots(slots, self.default_slots, self._kiosk_id),
                choose_lending_items(lending, self.default_lending_items),
                choose_items(medicine, self.default_medicine_items),
            )
        return self._bases

    def _item_lists(self) -> tuple[list[Slot], list[LendingItem], list[Item]]:
        """The slots and items in use: local admin edits (item_settings) over the bases."""
        if self._lists is None:
            settings = self.item_settings
            self._lists = (
                settings.slots(),
                settings.lending_items(),
                settings.medicine_items(),
            )
        return self._lists

    @property
    def base_slots(self) -> list[Slot]:
        return self._base_lists()[0]

    @property
    def base_lending_items(self) -> list[LendingItem]:
        return self._base_lists()[1]

    @property
    def base_medicine_items(self) -> list[Item]:
        return self._base_lists()[2]

    @property
    def slots(self) -> list[Slot]:
        return self._item_lists()[0]

    @property
    def lending_items(self) -> list[LendingItem]:
        return self._item_lists()[1]

    @property
    def medicine_items(self) -> list[Item]:
        return self._item_lists()[2]

    def get(self, kind: type[T]) -> T:
        """A service a feature registered (`SERVICES` in its service module), by its class."""
        return self.registered.get(kind)

    def service(self, service_id: str) -> ServiceItem | None:
        """The service of the current catalogue with this id."""
        return next((item for item in self.catalogue if item.id == service_id), None)

    def phone_hub(self) -> str | None:
        """The hub address a phone opens: the public one when set, not the (maybe LAN)
        address the kiosk syncs with; None stand-alone (its codes carry no hub link)."""
        return self.settings.hub_public_url or self.settings.hub_url or self._hub_url

    def badge_code(self, number: str, token: str) -> str:
        """What a new badge's QR holds: the volunteer's own page on the hub (number filled in,
        the token after "#"), or the bare token on a stand-alone kiosk."""
        from kiosk.features.volunteers.domain.serials import badge_link

        hub = self.phone_hub()
        return token if not hub else badge_link(hub, self.settings.station_id, number, token)

    def service_link(self, item: ServiceItem) -> str:
        """The link a service's QR code opens: the hub's page for it, or the station's own."""
        return item.qr_target(self.phone_hub(), self.settings.station_id)

    def ticket_link(self, ticket: str) -> str:
        """What a request's or wish's QR holds: the hub's status page, or SKT1.<ticket>."""
        from kiosk.core.tickets import ticket_link

        return ticket_link(self.phone_hub(), self.settings.station_id, ticket)

    def service_link_for(self, service_id: str) -> str:
        """The QR link of the service `service_id`, or "" when the catalogue lacks it."""
        item = self.service(service_id)
        return "" if item is None else self.service_link(item)

    def pending_count(self) -> int:
        """Events waiting for the hub (shown on the status strip)."""
        with self.database.read() as session:
            return queries.pending_count(session)

    def storage_full(self) -> bool:
        """A write was refused for lack of space and there is still none (the status strip)."""
        return self.database.still_full()

    def enrolled_hub(self) -> str | None:
        """The hub this kiosk enrolled with (None: stand-alone)."""
        with self.database.read() as session:
            return queries.enrolled_hub_url(session)

    def refresh_config(self) -> bool:
        """Apply configuration pulled from the hub: the badge keys it signs with, the service
        catalogue, the charging slots, the lending and medicine items and the announcements.
        Returns True when the catalogue shown changed."""
        station = self.settings.station_id
        with self.database.read() as session:
            body = sync_store.config_body(session, "badge_public_key", station)
            try:
                published = sync_store.config_body(session, "catalogue", station)
            except (ValueError, TypeError):  # not JSON: the hub validates, but never crash here
                log.warning("published catalogue is not JSON: ignored")
                published = None
            try:
                slots = sync_store.config_body(session, "charging_slots", station)
            except (ValueError, TypeError):
                log.warning("published charging slots are not JSON: ignored")
                slots = None
            try:
                lending = sync_store.config_body(session, "lending_items", station)
            except (ValueError, TypeError):
                log.warning("published lending items are not JSON: ignored")
                lending = None
            try:
                medicine = sync_store.config_body(session, "medicine_items", station)
            except (ValueError, TypeError):
                log.warning("published medicine items are not JSON: ignored")
                medicine = None
            try:
                notices = sync_store.config_body(session, "announcements", station)
            except (ValueError, TypeError):
                log.warning("published announcements are not JSON: ignored")
                notices = None
            self._hub_url = queries.enrolled_hub_url(session)
            kiosk_id = eventlog.meta(session).kiosk_id
        self.announcements = read_announcements(notices)
        self._published_items = (slots, lending, medicine)
        self._kiosk_id = kiosk_id
        self._bases = self._lists = None  # made again from these on first use
        keys = body.get("keys") if body else None
        if isinstance(keys, dict):
            self.badges.set_published({str(k): str(v) for k, v in keys.items()})
        self.base_catalogue = choose_catalogue(
            published, self.default_catalogue, include_disabled=True
        )
        return self.refresh_catalogue()

    def current_announcements(self) -> list[Announcement]:
        """The centre's announcements to show now (their time windows, warnings first)."""
        return current_announcements(self.announcements, self.clock.now())

    def editable_catalogue(self) -> list[ServiceItem]:
        """Every service with local edits applied, hidden ones too (the admin's list)."""
        overrides = self.catalogue_edits.overrides()
        return apply_overrides(self.base_catalogue, overrides, include_disabled=True)

    def refresh_catalogue(self) -> bool:
        """Apply local admin edits (this kiosk's and, through sync, the station's others') over
        the base catalogue; True when the catalogue shown changed."""
        catalogue = apply_overrides(self.base_catalogue, self.catalogue_edits.overrides())
        changed = catalogue != self.catalogue
        self.catalogue = catalogue
        self.refresh_items()
        return changed

    def refresh_items(self) -> None:
        """Apply local admin edits of slots, lending and medicine items (this kiosk's and,
        through sync, the station's others') over the hub's or bundled definitions: the lists
        are made afresh on their next use."""
        self._lists = None  # read again on first use

    def close(self) -> None:
        self.database.close()


def build_services(
    settings: Settings,
    clock: Clock | None = None,
    checked: Callable[[], list[str]] | None = None,
) -> KioskServices:
    """Open (and migrate) the database in the data directory and wire the services.

    `checked`: the answer of the database's `quick_check` begun earlier on a thread (the
    kiosk's start, `precheck.begin`); without it the check runs here."""
    clock = clock or SystemClock()
    private_dir(settings.data_dir)  # 0700 when the kiosk makes it
    recover_if_corrupt(settings.database_path, backup_dir(settings.data_dir), clock.now(), checked)
    database = open_database(settings.database_path, settings.station_id, clock)
    settings = apply_setting_overrides(
        settings, load_overrides(database)
    )  # changed on the admin screen
    badges = BadgeIssuer(
        settings.data_dir / "keys" / "badge_signing.key", settings.badge_public_keys
    )
    tz = ZoneInfo(settings.timezone)
    services = KioskServices(
        settings=settings,
        clock=clock,
        database=database,
        shifts=ShiftService(
            database, clock, settings.shift_rules, settings.hours_rule, badges.public_keys, tz
        ),
        roster=RosterService(database, clock, tz),
        admin=AdminService(database, clock),
        badges=badges,
        catalogue=load_catalogue(),
        base_catalogue=load_catalogue(include_disabled=True),
    )
    services.refresh_config()
    return services


if TYPE_CHECKING:  # mypy proves the bundle gives every feature's UI what its flow asks for
    from kiosk.features.admin.ui.services import AdminServices
    from kiosk.features.catalogue.ui.flow import ServiceFlowServices
    from kiosk.features.charging.ui.flow import ChargingServices
    from kiosk.features.emergency.ui.flow import EmergencyServices
    from kiosk.features.lending.ui.flow import LendingServices
    from kiosk.features.medicine.ui.flow import MedicineServices
    from kiosk.features.reports.ui.flow import ReportsServices
    from kiosk.features.requests.ui.flow import RequestServices
    from kiosk.features.rollcall.ui.flow import RollCallServices
    from kiosk.features.shifts.ui.flow import ClockingServices
    from kiosk.features.training.ui.flow import TrainingServices
    from kiosk.features.wishes.ui.flow import WishServices

    def _fits(
        services: KioskServices,
    ) -> tuple[
        AdminServices,
        ServiceFlowServices,
        ChargingServices,
        EmergencyServices,
        LendingServices,
        MedicineServices,
        ReportsServices,
        RequestServices,
        ClockingServices,
        WishServices,
        RollCallServices,
        TrainingServices,
    ]:
        s = services
        return (s, s, s, s, s, s, s, s, s, s, s, s)
