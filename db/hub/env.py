"""Alembic environment for the hub's schema: PostgreSQL in production, SQLite for a quick start.

Run through `kiosk-hub migrate` (kiosk.platform.hub.migrate), which passes a connection or a URL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from kiosk.platform.hub.models import Base, schema_filter

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=schema_filter(connection.dialect.name),
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
else:
    _run(connection)
