"""Engine and sessions for the kiosk's SQLite file: WAL, synchronous=FULL, foreign keys, and
BEGIN IMMEDIATE for write transactions so read-then-write never fails half way."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Insert, UpdateBase, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.core.errors import StorageFull
from kiosk.core.files import private_database
from kiosk.platform.store.vault import WIPE_WAL, vault_at

BUSY_TIMEOUT_MS = 5000
ROOM_BYTES = 256 * 1024  # free space on the file system that lets a write be tried again
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
    # Deleted and overwritten content is zeroed, not left in free space: an erased name or key
    # is not in the file afterwards (docs/privacy.md, "Erased from the files").
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _on_begin(conn: Any) -> None:
    mode = "BEGIN IMMEDIATE" if conn.get_execution_options().get("kiosk_write") else "BEGIN"
    conn.exec_driver_sql(mode)


@dataclass(frozen=True)
class Changes:
    """What one committed write changed: the tables it inserted rows into, and those whose rows
    it updated or deleted (statements built with SQLAlchemy; raw SQL text is not seen)."""

    inserted: frozenset[str]
    updated: frozenset[str]


def _note_change(conn: Any, clause: Any, *_args: Any) -> None:
    noted = conn.info.get("changes")  # set by the write session when it began on `conn`
    name = getattr(getattr(clause, "table", None), "name", None)
    if noted is not None and isinstance(clause, UpdateBase) and isinstance(name, str):
        noted[0 if isinstance(clause, Insert) else 1].add(name)


def make_engine(path: Path) -> Engine:
    """An engine for the SQLite file at `path` (created if missing, private: 0600 in a 0700
    folder it makes, and so its -wal and -shm)."""
    private_database(path)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _share_changes(session: Session, _transaction: Any, conn: Any) -> None:
    conn.info["changes"] = session.info["changes"]


class Database:
    """Hands out sessions: `read()` for queries, `write()` for one unit of work."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Personal data's keys (kiosk.platform.store.vault): the master key beside the file.
        self.vault = vault_at(Path(str(engine.url.database or "memory")))
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(kiosk_write=True), expire_on_commit=False
        )
        # Set when a write was refused for lack of space, cleared by the next write that
        # succeeds or when `still_full` sees room again: what the status strip shows.
        self.storage_full = False
        self._after_commit: list[Callable[[Changes], None]] = []
        event.listen(engine, "before_execute", _note_change)
        event.listen(self._write, "after_begin", _share_changes)

    def after_commit(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call `listener` (on the writing thread) after each write that committed a change, so
        nobody refreshes or pokes sync by hand; returns what unsubscribes it."""
        self._after_commit.append(listener)
        return lambda: self._after_commit.remove(listener)

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
        noted: tuple[set[str], set[str]] = (set(), set())
        try:
            with self._write(info={"changes": noted}) as session, session.begin():
                yield session
            if session.info.get(WIPE_WAL):
                self.wipe_wal()
        except OperationalError as exc:
            if is_storage_full(exc):
                log.error("write refused, storage full: %s", exc.orig)
                self.storage_full = True
                raise StorageFull() from exc
            raise
        else:
            self.storage_full = False
            if noted[0] or noted[1]:
                changes = Changes(frozenset(noted[0]), frozenset(noted[1]))
                for listener in list(self._after_commit):
                    try:
                        listener(changes)
                    except Exception:  # committed: a listener's fault must not undo that
                        log.exception("after-commit listener failed")

    def wipe_wal(self) -> None:
        """Copy the WAL into the file and truncate it, after a write that erased personal data:
        the WAL's older frames still held the pages as they were (docs/privacy.md). Best
        effort: a reader holding an old snapshot leaves it for the next erasure."""
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            busy = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cursor.close()
            if busy and busy[0]:
                log.warning("the WAL was busy: truncated at a later erasure")
        except sqlite3.Error as exc:
            log.warning("the WAL was not truncated: %s", exc)
        finally:
            raw.close()

    def has_room(self) -> bool:
        """Whether a write may succeed again: space on the file system, and pages left below
        SQLite's `max_page_count` (which answers SQLITE_FULL exactly like a full disk)."""
        folder = Path(str(self.engine.url.database)).parent
        try:
            if shutil.disk_usage(folder).free < ROOM_BYTES:
                return False
            with self.engine.connect() as conn:
                pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar_one())
                limit = int(conn.exec_driver_sql("PRAGMA max_page_count").scalar_one())
        except (OSError, OperationalError):
            return False
        return pages + 8 <= limit

    def still_full(self) -> bool:
        """True while the last write was refused for lack of space and there is still none."""
        if self.storage_full and self.has_room():
            log.warning("storage has room again")
            self.storage_full = False
        return self.storage_full

    def close(self) -> None:
        self.engine.dispose()
