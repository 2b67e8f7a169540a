"""Private folders and files: what the kiosk and the hub make for themselves (the data
directory, SQLite databases with their -wal/-shm, backups, keys) is readable by their own user
only — folders 0700, files 0600 — whatever the umask. Shared by the kiosk's store and the hub.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_dir(path: Path) -> Path:
    """Make `path` and any missing parents as 0700 folders. A folder that already exists is
    left as it is: an installer may have made it, and chose its mode."""
    missing: list[Path] = []
    folder = path
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs
        os.chmod(folder, PRIVATE_DIR)  # mkdir's mode is cut by the umask; say it exactly
    return path


def new_private_file(path: Path) -> int:
    """Create `path` (it must not exist) as 0600 and return its open descriptor."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.fchmod(fd, PRIVATE_FILE)
    return fd


def private_database(path: Path) -> Path:
    """Prepare an SQLite file at `path` before it is opened: created empty as 0600 when missing
    (SQLite then gives its -wal and -shm the database's mode), and tightened to 0600, with its
    companions, when an older version left it readable by others."""
    private_dir(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(new_private_file(path))
    for candidate in (path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS)):
        tighten(candidate)
    return path


def tighten(path: Path) -> None:
    """Drop the group and other permissions of an existing file (missing: nothing to do)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            os.chmod(path, mode & 0o700)
    except FileNotFoundError:
        pass
