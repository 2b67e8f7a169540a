"""Builds the services over one database: shared by the Qt app and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from kiosk.domain.clock import Clock, SystemClock
from kiosk.services.admin import AdminService
from kiosk.services.badges import BadgeIssuer
from kiosk.services.catalogue import ServiceItem, load_catalogue
from kiosk.services.roster import RosterService
from kiosk.services.shifts import ShiftService
from kiosk.settings import Settings
from kiosk.store import queries, sync_store
from kiosk.store.backup import backup_dir
from kiosk.store.db import Database
from kiosk.store.recovery import recover_if_corrupt
from kiosk.store.store import open_database


@dataclass
class KioskServices:
    """Everything the UI may call; one instance per running kiosk."""

    settings: Settings
    clock: Clock
    database: Database
    shifts: ShiftService
    roster: RosterService
    admin: AdminService
    badges: BadgeIssuer
    catalogue: list[ServiceItem]

    def pending_count(self) -> int:
        """Events waiting for the hub (shown on the status strip)."""
        with self.database.read() as session:
            return queries.pending_count(session)

    def refresh_config(self) -> None:
        """Apply configuration pulled from the hub (today: the badge keys it signs with)."""
        with self.database.read() as session:
            body = sync_store.config_body(session, "badge_public_key", self.settings.station_id)
        keys = body.get("keys") if body else None
        if isinstance(keys, dict):
            self.badges.set_published({str(k): str(v) for k, v in keys.items()})

    def close(self) -> None:
        self.database.close()


def build_services(settings: Settings, clock: Clock | None = None) -> KioskServices:
    """Open (and migrate) the database in the data directory and wire the services."""
    clock = clock or SystemClock()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    recover_if_corrupt(settings.database_path, backup_dir(settings.data_dir), clock.now())
    database = open_database(settings.database_path, settings.station_id, clock)
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
        roster=RosterService(database, clock),
        admin=AdminService(database, clock),
        badges=badges,
        catalogue=load_catalogue(),
    )
    services.refresh_config()
    return services
