"""The schema is owned by Alembic: head matches the models and the start-up fast path."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from kiosk.platform.store import migrate
from kiosk.platform.store.db import make_engine
from kiosk.platform.store.projections import metadata


def test_head_constant_matches_the_scripts(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "k.sqlite3")
    script = ScriptDirectory.from_config(migrate.alembic_config(engine))  # type: ignore[arg-type]
    assert script.get_current_head() == migrate.SCHEMA_HEAD
    engine.dispose()


def test_migrated_database_matches_the_models(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "k.sqlite3")
    assert migrate.upgrade(engine) is True
    assert migrate.upgrade(engine) is False  # already current: Alembic is not even imported
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata())
        assert diff == []
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
