"""Engine and sessions for the hub: psycopg 3 on PostgreSQL, WAL + BEGIN IMMEDIATE on SQLite.

On SQLite every write transaction starts with BEGIN IMMEDIATE, so writers are serialized from
their first statement: that is what makes SQLite's plain pull cursor safe (repository.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Select, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kiosk.core.files import private_database

SQLITE_BUSY_TIMEOUT_MS = 10_000
REPORT_WORK_MEM = "64MB"  # per report transaction on PostgreSQL (memory per request: ≤ 200 MB)
# Every connection of the hub runs without JIT compiling (PostgreSQL): the hub's statements read
# read models and a push's rows, each a few ms to a few hundred, and compiling cost more than
# it saved wherever it was measured (docs/hub.md, "No JIT on the hub's connections").
NO_JIT = "-c jit=off"
# A report's statements are planned for their own range and stations: psycopg prepares a
# statement run five times on a connection, and PostgreSQL's generic plan for it cannot see
# that 50 stations of 2,000 (the hours CSV's statements) are few, or a year of days many.
REPORT_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for a bare postgresql:// URL."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _sqlite_on_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    conn.exec_driver_sql(
        "BEGIN IMMEDIATE" if conn.get_execution_options().get("hub_write") else "BEGIN"
    )


def make_engine(url: str, pool_size: int = 20) -> Engine:
    """An engine for `url`; an SQLite file's folder is created if missing."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            private_database(Path(parsed.database))  # 0600, and so its -wal and -shm
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    given = parsed.query.get("options")  # a URL's own `?options=` kept, ours after it
    options = " ".join([*([given] if isinstance(given, str) else list(given or ())), NO_JIT])
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=False,
        pool_timeout=30,
        connect_args={"options": options},  # startup options: no statement, no transaction
    )


def driver_rows(
    session: Session, statement: Select[*tuple[Any, ...]], *, binary: bool = False
) -> list[tuple[Any, ...]]:
    """A long read's rows as the driver's tuples: on PostgreSQL SQLAlchemy's result built a
    Row at ~3.6 us a line (0.7 s of the tickets page's 193,000 accepted requests a year at 20M
    events) where psycopg's fetchall takes ~0.8 us. Only for statements whose columns need no
    result processing (text, numbers); the binds are passed as given (`render_postcompile`
    for IN lists), so none may need a bind processor either (UTCDateTime has none there).
    `binary`: the rows in PostgreSQL's binary format (numbers not parsed from text: ~12 % off
    the tickets page's 193,000 lines)."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return [tuple(row) for row in connection.execute(statement)]
    compiled = statement.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    cursor = connection.connection.cursor()
    try:
        execute: Any = cursor.execute  # psycopg's: the DB-API's type has no `binary`
        execute(str(compiled), compiled.params, binary=binary)
        return list(cursor.fetchall())
    finally:
        cursor.close()


class Database:
    """Hands out sessions: `read()` for queries, `write()` for one unit of work (commits)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(engine.execution_options(hub_write=True), expire_on_commit=False)
        self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        # Personal data's keys (kiosk.platform.hub.vault), set by the app: every session
        # carries it, so a page naming volunteers opens their sealed names (`vault_of`).
        self.vault: Any = None

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read(info={"vault": self.vault}) as session, session.begin():
            yield session

    @contextmanager
    def report(self) -> Iterator[Session]:
        """A read for a report's sums over a province's rows: on PostgreSQL its hash aggregates
        get `REPORT_WORK_MEM` for this transaction (the server's 4 MB default spilled a
        30-day 人次 page's 50,000 groups to disk in five batches), and its statements are
        planned for their parameters (`REPORT_PLANS`)."""
        with self.read() as session:
            if self.is_postgres:
                session.execute(text(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'"))
                session.execute(text(REPORT_PLANS))
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._write(info={"vault": self.vault}) as session, session.begin():
            yield session

    @contextmanager
    def ingest(self) -> Iterator[Connection]:
        """A push's transaction (its statement and the read models' folds)."""
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def autocommit(self) -> Iterator[Connection]:
        """A connection where each statement is its own transaction (PostgreSQL's one-statement
        push: the statement and its commit in one round trip)."""
        with self._autocommit.connect() as connection:
            yield connection

    def dispose(self) -> None:
        self.engine.dispose()
