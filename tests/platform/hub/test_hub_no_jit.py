"""The hub's PostgreSQL connections run without JIT compiling (docs/hub.md, "No JIT on the
hub's connections"): every kind of transaction the hub opens — a page's read, a report, a
write, a push's ingest, an autocommit push — and a URL's own startup options are kept."""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy import text

from kiosk.platform.hub.db import Database, make_engine
from tools.pgtemp import TempPostgres


def test_no_transaction_of_the_hub_compiles_with_jit(pg_cluster: TempPostgres) -> None:
    database = Database(make_engine(pg_cluster.url, 2))
    try:
        with database.read() as session:
            seen = [session.execute(text("SHOW jit")).scalar_one()]
        with database.report() as session:
            seen.append(session.execute(text("SHOW jit")).scalar_one())
            assert session.execute(text("SHOW work_mem")).scalar_one() == "64MB"
        with database.write() as session:
            seen.append(session.execute(text("SHOW jit")).scalar_one())
        with database.ingest() as connection:
            seen.append(connection.execute(text("SHOW jit")).scalar_one())
        with database.autocommit() as connection:
            seen.append(connection.execute(text("SHOW jit")).scalar_one())
        assert seen == ["off"] * 5
    finally:
        database.dispose()


def test_a_urls_own_startup_options_are_kept(pg_cluster: TempPostgres) -> None:
    sep = "&" if "?" in pg_cluster.url else "?"
    url = f"{pg_cluster.url}{sep}options={quote('-c statement_timeout=12345')}"
    database = Database(make_engine(url, 2))
    try:
        with database.read() as session:
            assert session.execute(text("SHOW jit")).scalar_one() == "off"
            assert session.execute(text("SHOW statement_timeout")).scalar_one() == "12345ms"
    finally:
        database.dispose()
