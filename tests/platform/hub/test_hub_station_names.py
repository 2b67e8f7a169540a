"""Migration h0005 (a station's English name) on a hub that already has stations, on SQLite
and PostgreSQL: the station keeps its name, has no English one (English pages show the
Chinese), and the migration goes down again."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from kiosk.platform.hub.db import make_engine
from kiosk.resources import migrations_path


def migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(migrations_path("hub")))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_an_existing_station_gets_no_english_name_and_down_works(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0004")
        with engine.begin() as db:
            db.execute(
                text(
                    "INSERT INTO stations (id, name, created_at) VALUES ('st-a', '北京西站', :at)"
                ),
                {"at": datetime(2026, 12, 1, tzinfo=UTC)},
            )
        migrate(engine, "h0005")
        with engine.begin() as db:
            assert db.execute(text("SELECT name, name_en FROM stations")).one() == (
                "北京西站",
                None,
            )
            db.execute(text("UPDATE stations SET name_en = 'Beijing West'"))
        migrate(engine, "h0004", down=True)
        with engine.begin() as db:
            assert db.execute(text("SELECT * FROM stations")).one()[1] == "北京西站"
    finally:
        engine.dispose()
