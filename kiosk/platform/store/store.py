"""Open the kiosk's database: create the file, migrate it, make sure it has an identity."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from kiosk.core.clock import Clock
from kiosk.platform.store import eventlog, migrate, recovery
from kiosk.platform.store.db import Database


def open_database(path: Path, station_id: str, clock: Clock) -> Database:
    """The migrated database at `path`, with this kiosk's identity row (kept across an empty
    database by `keys/identity.json`, see `recovery.keep_identity`)."""
    database = Database.open(path)
    upgraded = migrate.current_revision(database.engine) is not None
    if migrate.upgrade(database.engine) and upgraded:
        # An older kiosk stored events of kinds it could not fold yet (pulled from upgraded
        # kiosks of the station); the new code folds them now, so every projection is refolded.
        rebuild_projections(database)
    recovery.keep_identity(database, station_id, clock.now())
    return database


def integrity_check(database: Database) -> list[str]:
    """`PRAGMA integrity_check` lines; ["ok"] for a sound file."""
    with database.engine.connect() as conn:
        return [str(row[0]) for row in conn.execute(text("PRAGMA integrity_check"))]


def rebuild_projections(database: Database) -> int:
    """Refold every projection from the event log in one transaction."""
    from kiosk.platform.store.projections import rebuild

    with database.write() as session:
        return rebuild(session, eventlog.load_aggregate)
