"""Alembic environment for the kiosk's SQLite database (batch mode, since SQLite cannot ALTER)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from kiosk.platform.store.projections import metadata

config = context.config
target_metadata = metadata()  # the platform's tables and every feature's (their store.py)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    from kiosk.platform.store.db import make_engine

    engine = make_engine(__import__("pathlib").Path(config.get_main_option("sqlalchemy.path")))
    with engine.connect() as conn:
        _run(conn)
else:
    _run(connection)
