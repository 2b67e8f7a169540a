"""The kiosk id outlives its database: `keys/identity.json` is read back when a database is
created empty (deleted, or corrupt with no backup), for the same station only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.core.clock import FixedClock
from kiosk.platform.store.backup import backup_dir, list_backups
from kiosk.platform.store.recovery import fence_path, identity_path, read_identity
from kiosk.settings import Settings
from kiosk.shell.context import build_services


def _kiosk_id(data_dir: Path) -> str:
    with sqlite3.connect(data_dir / "kiosk.sqlite3") as db:
        return str(db.execute("SELECT kiosk_id FROM kiosk_meta").fetchone()[0])


def _open_close(data_dir: Path, clock: FixedClock, station: str = "st-1") -> None:
    build_services(Settings(data_dir=data_dir, station_id=station), clock).close()


def test_corrupt_database_without_backup_keeps_the_kiosk_id(
    tmp_path: Path, clock: FixedClock
) -> None:
    data_dir = tmp_path / "data"
    _open_close(data_dir, clock)
    first = _kiosk_id(data_dir)
    identity = read_identity(data_dir / "kiosk.sqlite3")
    assert identity is not None and (identity.kiosk_id, identity.station_id) == (first, "st-1")
    assert identity.hub_url is None  # stand-alone
    assert not list_backups(backup_dir(data_dir))
    (data_dir / "kiosk.sqlite3").write_bytes(b"this is not a database" * 500)

    _open_close(data_dir, clock)

    assert _kiosk_id(data_dir) == first
    assert list(data_dir.glob("kiosk.sqlite3.corrupt-*"))  # the damaged file kept aside
    assert not fence_path(data_dir / "kiosk.sqlite3").exists()  # no hub: nothing to fence


def test_another_station_means_another_kiosk(tmp_path: Path, clock: FixedClock) -> None:
    data_dir = tmp_path / "data"
    _open_close(data_dir, clock)
    first = _kiosk_id(data_dir)
    (data_dir / "kiosk.sqlite3").unlink()

    _open_close(data_dir, clock, station="st-2")

    assert _kiosk_id(data_dir) != first
    identity = read_identity(data_dir / "kiosk.sqlite3")
    assert identity is not None and identity.station_id == "st-2"


def test_an_unreadable_identity_file_is_ignored(tmp_path: Path, clock: FixedClock) -> None:
    data_dir = tmp_path / "data"
    _open_close(data_dir, clock)
    identity_path(data_dir / "kiosk.sqlite3").write_text("{not json", encoding="utf-8")
    (data_dir / "kiosk.sqlite3").unlink()

    _open_close(data_dir, clock)  # a new identity, and the file rewritten

    assert read_identity(data_dir / "kiosk.sqlite3") is not None
