"""Engine and sessions for the kiosk's SQLite file: WAL, synchronous=FULL, foreign keys, and
BEGIN IMMEDIATE for write transactions so read-then-write never fails half way."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.domain.errors import StorageFull

BUSY_TIMEOUT_MS = 5000
log = logging.getLogger(__name__)


def is_storage_full(exc: BaseException) -> bool:
    """True for SQLite's SQLITE_FULL (disk full, or the max_page_count limit reached)."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return (
        isinstance(orig, sqlite3.Error) and code is not None and code & 0xFF == sqlite3.SQLITE_FULL
    )


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from the sqlite3 module; the "begin" hook below issues BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # a clock-in must survive a pulled plug
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _on_begin(conn: Any) -> None:
    mode = "BEGIN IMMEDIATE" if conn.get_execution_options().get("kiosk_write") else "BEGIN"
    conn.exec_driver_sql(mode)


def make_engine(path: Path) -> Engine:
    """An engine for the SQLite file at `path` (created if missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """Hands out sessions: `read()` for queries, `write()` for one unit of work."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(kiosk_write=True), expire_on_commit=False
        )

    @classmethod
    def open(cls, path: Path) -> Database:
        return cls(make_engine(path))

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that holds the write lock from its first statement; commits on exit.

        A full disk rolls the whole transaction back and raises `StorageFull`, which the screen
        shows like any other user-facing error; the next write works once space is back.
        """
        try:
            with self._write() as session, session.begin():
                yield session
        except OperationalError as exc:
            if is_storage_full(exc):
                log.error("write refused, storage full: %s", exc.orig)
                raise StorageFull() from exc
            raise

    def close(self) -> None:
        self.engine.dispose()
