"""Bring the hub database to the current schema with the Alembic migrations in db/hub."""

from __future__ import annotations

from sqlalchemy import Engine

from kiosk.resources import migrations_path

# The last revision that made read models' tables (h0009 the first ones, h0012 the medicine
# lots', h0013 the tickets'): an upgrade from before it refills every read model from the events.
READ_MODELS_REVISION = "h0013"


def upgrade(engine: Engine) -> str | None:
    """Run `alembic upgrade head` on `engine`'s database (PostgreSQL or SQLite); returns the
    revision it started from (None: a new database)."""
    from alembic import command
    from alembic.config import Config
    from alembic.migration import MigrationContext

    config = Config()
    config.set_main_option("script_location", str(migrations_path("hub")))
    config.set_main_option("version_table", "alembic_version")
    with engine.begin() as conn:
        before = MigrationContext.configure(conn).get_current_revision()
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return before


def made_read_models(before: str | None) -> bool:
    """Whether an upgrade from `before` created read models' tables on a database that
    already held events (they must then be filled from the events)."""
    return before is not None and before < READ_MODELS_REVISION
