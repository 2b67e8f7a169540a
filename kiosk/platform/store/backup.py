"""Online backups of the kiosk database and restoring one: the kiosk's last line of defence.

A kiosk lives for years without anyone watching it, so a backup must be safe to take while the
app writes (the SQLite backup API copies a consistent snapshot; in WAL mode it never blocks a
writer), must never leave a half-written file under a backup's name (temp name, fsync, rename),
and must be known good (`PRAGMA quick_check` on the copy) before it counts as a backup at all.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from kiosk.core.files import new_private_file, private_dir, tighten

log = logging.getLogger(__name__)

BACKUP_DIR = "backups"
KEEP_NIGHTLY = 7
KEEP_MAX = 14
Kind = Literal["nightly", "manual"]
_NAME = re.compile(r"^kiosk-(\d{8}T\d{6}Z)-(nightly|manual)\.sqlite3$")
_STAMP = "%Y%m%dT%H%M%SZ"


class BackupError(Exception):
    """A backup could not be taken, or a file is not a sound backup; the message says why."""


@dataclass(frozen=True)
class Backup:
    """One backup file in the backup folder."""

    path: Path
    taken_at: datetime
    kind: Kind
    size_bytes: int


@dataclass(frozen=True)
class BackupReport:
    """What `take_backup` did: the new file, how long it took, what rotation removed."""

    backup: Backup
    seconds: float
    removed: list[Path]


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def stamp(moment: datetime) -> str:
    """A UTC time as it appears in file names (sorts like time)."""
    return moment.astimezone(UTC).strftime(_STAMP)


def quick_check(path: Path) -> list[str]:
    """`PRAGMA quick_check` of the file at `path`, read-only; ["ok"] for a sound file.

    A file that is not a database at all (overwritten header, zero bytes of garbage) answers
    with the error SQLite raised, so callers have one thing to test: `== ["ok"]`.
    """
    return _check(path, "quick_check")


def integrity_check(path: Path) -> list[str]:
    """`PRAGMA integrity_check` (the thorough one: indexes against their tables too) of the
    file at `path`; it changes and creates nothing, whatever it finds. A database closed
    cleanly (no -wal beside it) is read as immutable, so not even a -shm is made beside it."""
    closed = not path.with_name(path.name + "-wal").exists()
    return _check(path, "integrity_check", immutable=closed)


def _check(path: Path, pragma: str, *, immutable: bool = False) -> list[str]:
    if not path.is_file():
        return [f"{path} does not exist"]
    query = "mode=ro&immutable=1" if immutable else "mode=ro"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
        try:
            return [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"{type(exc).__name__}: {exc}"]


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a pulled plug after it keeps the new name)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def list_backups(folder: Path) -> list[Backup]:
    """The backups in `folder`, oldest first (files not named like a backup are ignored)."""
    found = []
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match and path.is_file():
            taken = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
            kind: Kind = "nightly" if match.group(2) == "nightly" else "manual"
            found.append(Backup(path, taken, kind, path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name))


def take_backup(
    database_path: Path,
    folder: Path,
    now: datetime,
    kind: Kind = "manual",
    keep_nightly: int = KEEP_NIGHTLY,
    keep_max: int = KEEP_MAX,
) -> BackupReport:
    """Copy the live database to `folder` as one verified file, then rotate; safe while the
    app is writing. Raises BackupError (and leaves no partial file) when anything fails."""
    if not database_path.is_file():
        raise BackupError(f"no database at {database_path}")
    private_dir(folder)
    final = folder / f"kiosk-{stamp(now)}-{kind}.sqlite3"
    temp = folder / f".{final.name}.tmp"
    started = time.perf_counter()
    try:
        os.close(new_private_file(temp))  # 0600 before SQLite writes a byte into it
        source = sqlite3.connect(database_path, timeout=5)
        try:
            target = sqlite3.connect(temp)
            try:
                source.backup(target)  # one step: a consistent snapshot, writers not blocked
                # A backup is one self-contained file: no -wal beside it when it is copied.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
        _fsync_file(temp)
        check = quick_check(temp)
        if check != ["ok"]:
            raise BackupError(f"the copy failed quick_check: {'; '.join(check[:3])}")
        os.replace(temp, final)
        fsync_dir(folder)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"backup failed: {type(exc).__name__}: {exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    removed = rotate(folder, keep_nightly, keep_max)
    backup = Backup(final, now.astimezone(UTC).replace(microsecond=0), kind, final.stat().st_size)
    log.info("backup written: %s (%d bytes, %.2f s)", final, backup.size_bytes, seconds)
    return BackupReport(backup, seconds, removed)


def rotate(folder: Path, keep_nightly: int = KEEP_NIGHTLY, keep_max: int = KEEP_MAX) -> list[Path]:
    """Keep the newest `keep_nightly` nightly backups and at most `keep_max` backups in all
    (dropping the oldest manual ones first); remove leftovers of interrupted backups.
    Returns the files removed."""
    backups = list_backups(folder)
    nightly = [b for b in backups if b.kind == "nightly"]
    doomed = {b.path for b in nightly[: max(0, len(nightly) - keep_nightly)]}
    kept = [b for b in backups if b.path not in doomed]
    # Over the cap, manual backups go first (oldest first): the nightly week is the promise.
    by_preference = [b for b in kept if b.kind == "manual"] + [
        b for b in kept if b.kind != "manual"
    ]
    doomed |= {b.path for b in by_preference[: max(0, len(kept) - keep_max)]}
    for stale in folder.glob(".kiosk-*.tmp"):
        doomed.add(stale)
    for path in sorted(doomed):
        path.unlink(missing_ok=True)
        log.info("backup removed by rotation: %s", path.name)
    for kept_backup in kept:
        tighten(kept_backup.path)  # older versions left backups readable by everyone
    return sorted(doomed)


def latest_good_backup(folder: Path) -> Backup | None:
    """The newest backup that passes quick_check (a damaged newer one is skipped, logged)."""
    for backup in reversed(list_backups(folder)):
        check = quick_check(backup.path)
        if check == ["ok"]:
            return backup
        log.error("backup %s fails quick_check (%s); trying an older one", backup.path, check[0])
    return None


def move_aside(database_path: Path, suffix: str) -> Path:
    """Rename the database (and its -wal/-shm, which belong to it) to `<name>.<suffix>`; never
    deletes anything. Returns the new path of the main file."""
    aside = database_path.with_name(f"{database_path.name}.{suffix}")
    for extra in ("-wal", "-shm"):
        companion = database_path.with_name(database_path.name + extra)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + extra))
    if database_path.exists():
        os.replace(database_path, aside)
    fsync_dir(database_path.parent)
    return aside


def install_copy(source: Path, database_path: Path) -> None:
    """Put a copy of `source` at `database_path` atomically (temp name, fsync, rename)."""
    temp = database_path.with_name(f".{database_path.name}.restoring")
    temp.unlink(missing_ok=True)  # the leftover of an interrupted restore
    try:
        os.close(new_private_file(temp))  # 0600 before a byte is copied into it
        shutil.copyfile(source, temp)
        _fsync_file(temp)
        os.replace(temp, database_path)
        fsync_dir(database_path.parent)
    finally:
        temp.unlink(missing_ok=True)


def restore(backup_path: Path, database_path: Path, now: datetime) -> Path | None:
    """Make `backup_path` the kiosk's database. The kiosk must not be running. The current
    database is moved aside (returned), never deleted. Refuses a file failing quick_check."""
    check = quick_check(backup_path)
    if check != ["ok"]:
        raise BackupError(f"{backup_path} is not a sound backup: {'; '.join(check[:3])}")
    aside = None
    if database_path.exists():
        aside = move_aside(database_path, f"replaced-{stamp(now)}")
    install_copy(backup_path, database_path)
    log.warning("database restored from %s (previous one kept as %s)", backup_path, aside)
    return aside
