"""Where exports, reports and certificates are written: the data folder's exports, or a USB stick.

The choice is remembered per kiosk (local_preferences, never synced: a stick is plugged into one
device). A remembered folder that has gone (the stick was pulled) falls back to the data
folder's exports, so a file is never written into an empty mount point on the system disk.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import ValidationError
from kiosk.platform.store import preferences
from kiosk.platform.store.db import Database

KEY = "export_folder"
# Where desktop automounters (udisks: /media/USER/LABEL, /run/media/USER/LABEL) and usbmount
# (/media/usb0) put removable drives; /mnt for a hand-made mount.
REMOVABLE_ROOTS: tuple[Path, ...] = (Path("/media"), Path("/run/media"), Path("/mnt"))

_NOT_WRITABLE = ValidationError(
    "无法写入该位置，请换一个（U 盘是否已插好、未写保护？）",
    "Cannot write there; choose another (is the USB stick plugged in and not write-protected?)",
)


@dataclass(frozen=True)
class FolderChoice:
    """One place the folder picker offers."""

    path: Path
    removable: bool
    free_bytes: int | None


def _writable(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


def _free(path: Path) -> int | None:
    try:
        stats = os.statvfs(path)
    except OSError:
        return None
    return stats.f_bavail * stats.f_frsize


class ExportFolders:
    """The folder choice of this kiosk; `mounted` and `roots` are injectable for tests."""

    def __init__(
        self,
        database: Database,
        default: Path,
        roots: Sequence[Path] = REMOVABLE_ROOTS,
        mounted: Callable[[Path], bool] = os.path.ismount,
    ) -> None:
        self._db = database
        self.default = default
        self._roots = tuple(roots)
        self._mounted = mounted

    def removable(self) -> list[Path]:
        """Mounted removable folders one or two levels under the roots, that we may write to."""
        found: list[Path] = []
        for root in self._roots:
            for child in _children(root):
                if self._mounted(child):
                    found.append(child)
                    continue
                found.extend(g for g in _children(child) if self._mounted(g))
        return [path for path in sorted(set(found)) if _writable(path)]

    def choices(self) -> list[FolderChoice]:
        """The data folder's exports first, then every writable removable folder."""
        self.default.mkdir(parents=True, exist_ok=True)
        places = [FolderChoice(self.default, False, _free(self.default))]
        places += [FolderChoice(p, True, _free(p)) for p in self.removable()]
        return places

    def remembered(self) -> Path | None:
        with self._db.read() as session:
            value = preferences.get(session, KEY)
        return Path(value) if value else None

    def current(self) -> Path:
        """The chosen folder while it is there and writable, else the default."""
        chosen = self.remembered()
        if chosen is not None and chosen != self.default and _writable(chosen):
            return chosen
        self.default.mkdir(parents=True, exist_ok=True)
        return self.default

    def choose(self, path: Path) -> Path:
        """Remember `path` (the default, or one of the removable folders offered)."""
        path = Path(path)
        if path != self.default and (path not in self.removable() or not _writable(path)):
            raise _NOT_WRITABLE
        with self._db.write() as session:
            preferences.put(session, KEY, str(path))
        return path


def _children(folder: Path) -> list[Path]:
    try:
        return [child for child in folder.iterdir() if child.is_dir()]
    except OSError:
        return []
