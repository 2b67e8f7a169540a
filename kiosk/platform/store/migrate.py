"""Bring the database to the current schema with Alembic, skipping Alembic when already current.

Importing Alembic costs ~100 ms at start; a database already at head (every start but the first
after an upgrade) is detected with one query instead.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from kiosk.resources import migrations_path


def _head() -> str:
    """The newest revision: migrations are named `<NNNN>_<what>.py` with revision "<NNNN>"
    (tests/platform/store/test_migrations.py holds Alembic's own head to it), so a new
    migration is one new file and nothing else to bump."""
    versions = migrations_path("kiosk") / "versions"
    numbers = [p.name[:4] for p in versions.iterdir() if p.name[:4].isdigit() and p.suffix == ".py"]
    return max(numbers)


SCHEMA_HEAD = _head()


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the database, or None for a new file."""
    with engine.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not exists:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def alembic_config(engine: Engine) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path("kiosk")))
    config.set_main_option("sqlalchemy.path", str(engine.url.database))
    return config


def upgrade(engine: Engine) -> bool:
    """Upgrade to head; return True when a migration ran."""
    if current_revision(engine) == SCHEMA_HEAD:
        return False
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn  # type: ignore[attr-defined]
        command.upgrade(config, "head")  # type: ignore[arg-type]
    return True
