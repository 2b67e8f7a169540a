"""Bring the hub database to the current schema with the Alembic migrations in db/hub."""

from __future__ import annotations

from sqlalchemy import Engine

from kiosk.resources import migrations_path


def upgrade(engine: Engine) -> None:
    """Run `alembic upgrade head` on `engine`'s database (PostgreSQL or SQLite)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path("hub")))
    config.set_main_option("version_table", "alembic_version")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
