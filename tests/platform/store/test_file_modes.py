"""What the kiosk makes for itself is its own (issue 13 item 6): a data directory it creates is
0700, and the database with its -wal/-shm, backups, restored copies and keys are 0600, under
the usual umask 022, through the real start path and commands; files an older version left
readable by others are tightened on the next start."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.clock import FixedClock
from kiosk.platform.store.backup import list_backups
from kiosk.settings import Settings
from kiosk.shell.context import build_services
from tests.conftest import START


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    """A Debian user's umask: files 0644 and folders 0755 unless the kiosk says otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_kiosk_makes_a_private_data_directory(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "kiosk"
    settings = Settings(data_dir=data_dir)
    services = build_services(settings, FixedClock(START))
    try:
        services.roster.register("王芳", "N-1", "13800000001", "1234")
        volunteer = services.roster.register("李四", "N-2", "13800000002", "1234")
        services.badges.issue(volunteer.id, START.date())  # makes the badge signing key
        database = settings.database_path
        files = [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))]
        assert all(f.exists() for f in files)  # open: the WAL and its index are there
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
        assert mode(data_dir) == 0o700 and mode(data_dir.parent) == 0o700
        keys = data_dir / "keys"
        assert mode(keys) == 0o700 and mode(keys / "badge_signing.key") == 0o600
    finally:
        services.close()
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    (backup,) = list_backups(data_dir / "backups")
    assert mode(backup.path.parent) == 0o700 and mode(backup.path) == 0o600
    assert main(["--data-dir", str(data_dir), "restore", str(backup.path)]) == 0
    assert mode(settings.database_path) == 0o600  # the restored copy too
    assert all(mode(p) == 0o600 for p in data_dir.glob("kiosk.sqlite3*") if p.is_file())


def test_files_an_older_version_left_open_are_tightened_on_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "kiosk"
    data_dir.mkdir()  # made by an installer: its mode is the installer's choice
    settings = Settings(data_dir=data_dir)
    build_services(settings, FixedClock(START)).close()
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    (backup,) = list_backups(data_dir / "backups")
    for old in (settings.database_path, backup.path):
        old.chmod(0o644)
    build_services(settings, FixedClock(START)).close()
    assert mode(settings.database_path) == 0o600
    assert mode(data_dir) == 0o755  # not the kiosk's to change
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    assert {mode(b.path) for b in list_backups(data_dir / "backups")} == {0o600}
