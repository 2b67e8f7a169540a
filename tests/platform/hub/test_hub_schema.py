"""The migrations and the models agree (alembic check), on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from kiosk.platform.hub import migrate
from kiosk.platform.hub.db import normalise_url
from kiosk.platform.hub.models import Base, schema_filter


def test_migrations_match_models(database_url: str) -> None:
    engine = create_engine(normalise_url(database_url))
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={"compare_type": True, "include_object": schema_filter(conn.dialect.name)},
            )
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
    finally:
        engine.dispose()
