"""Backups, restore and start-up recovery, on the real migrated database the kiosk uses."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.clock import FixedClock
from kiosk.platform.store.backup import (
    BackupError,
    backup_dir,
    list_backups,
    quick_check,
    rotate,
    take_backup,
)
from kiosk.platform.store.recovery import fence_path
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices, build_services

NOW = datetime(2026, 11, 2, 19, 0, tzinfo=UTC)  # 03:00 in Asia/Shanghai


def _register(services: KioskServices, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        services.roster.register(f"志愿者{i}", f"N-{i}", f"138{i:08d}", "1234")


def _numbers(settings: Settings) -> set[str]:
    """The volunteers' numbers, read from the file (phones are sealed: docs/privacy.md)."""
    conn = sqlite3.connect(settings.database_path)
    try:
        return {row[0] for row in conn.execute("SELECT number FROM volunteers")}
    finally:
        conn.close()


def _corrupt(path: Path) -> None:
    """Scribble over every page after the first: what a failing SD card does."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for offset in range(4096, size, 4096):
            handle.seek(offset)
            handle.write(b"\xde\xad\xbe\xef" * 1024)


def test_backup_while_the_kiosk_is_open_is_a_verified_copy_named_by_utc_time(
    services: KioskServices, kiosk_settings: Settings
) -> None:
    _register(services, 3)
    report = take_backup(kiosk_settings.database_path, backup_dir(kiosk_settings.data_dir), NOW)
    _register(services, 1, start=3)  # the live database keeps working after the backup

    assert report.backup.path.name == "kiosk-20261102T190000Z-manual.sqlite3"
    assert quick_check(report.backup.path) == ["ok"]
    conn = sqlite3.connect(report.backup.path)
    try:
        assert conn.execute("SELECT count(*) FROM volunteers").fetchone()[0] == 3
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
    finally:
        conn.close()
    assert sorted(p.name for p in backup_dir(kiosk_settings.data_dir).iterdir()) == [
        report.backup.path.name
    ]  # no temp file left behind


def test_rotation_keeps_seven_nightly_and_at_most_the_limit(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in range(10):
        (folder / f"kiosk-202611{day + 1:02d}T190000Z-nightly.sqlite3").write_bytes(b"x")
    for hour in range(4):
        (folder / f"kiosk-20261111T{hour:02d}0000Z-manual.sqlite3").write_bytes(b"x")
    (folder / ".kiosk-20261111T050000Z-manual.sqlite3.tmp").write_bytes(b"half")
    (folder / "notes.txt").write_text("kept: not a backup")

    removed = rotate(folder, keep_nightly=7, keep_max=10)

    kept = [b.path.name for b in list_backups(folder)]
    assert len(kept) == 10
    nightly = [n for n in kept if "nightly" in n]
    assert nightly[0] == "kiosk-20261104T190000Z-nightly.sqlite3"  # the last seven nights
    assert nightly[-1] == "kiosk-20261110T190000Z-nightly.sqlite3"
    manual = [n for n in kept if "manual" in n]
    assert manual[0] == "kiosk-20261111T010000Z-manual.sqlite3"  # the oldest gave way to the cap
    assert len(removed) == 5
    assert (folder / "notes.txt").exists()


def test_backup_of_a_missing_database_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(BackupError):
        take_backup(tmp_path / "none.sqlite3", tmp_path / "backups", NOW)
    assert list_backups(tmp_path / "backups") == []


def test_cli_backup_then_restore_brings_the_old_state_back_and_keeps_the_current(
    services: KioskServices, kiosk_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    _register(services, 2)
    services.close()
    data = ["--data-dir", str(kiosk_settings.data_dir)]
    assert main([*data, "backup"]) == 0
    (backup,) = list_backups(backup_dir(kiosk_settings.data_dir))
    later = build_services(kiosk_settings, FixedClock(NOW))
    _register(later, 2, start=2)
    later.close()
    assert len(_numbers(kiosk_settings)) == 4

    assert main([*data, "restore", str(backup.path)]) == 0

    assert len(_numbers(kiosk_settings)) == 2
    out = capsys.readouterr().out
    assert "previous database is kept as" in out
    (aside,) = kiosk_settings.data_dir.glob("kiosk.sqlite3.replaced-*Z")
    assert quick_check(aside) == ["ok"]
    conn = sqlite3.connect(aside)
    try:
        assert conn.execute("SELECT count(*) FROM volunteers").fetchone()[0] == 4
    finally:
        conn.close()
    assert fence_path(kiosk_settings.database_path).exists()  # sync will fence its seq


def test_restore_refuses_a_damaged_backup_and_touches_nothing(
    services: KioskServices, kiosk_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    _register(services, 2)
    services.close()
    bad = kiosk_settings.data_dir / "bad.sqlite3"
    bad.write_bytes(kiosk_settings.database_path.read_bytes())
    _corrupt(bad)

    code = main(["--data-dir", str(kiosk_settings.data_dir), "restore", str(bad)])

    assert code == 2
    assert "restore refused" in capsys.readouterr().err
    assert len(_numbers(kiosk_settings)) == 2
    assert list(kiosk_settings.data_dir.glob("kiosk.sqlite3.replaced-*Z")) == []


def test_corrupt_database_on_start_is_moved_aside_and_the_latest_good_backup_restored(
    services: KioskServices, kiosk_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    folder = backup_dir(kiosk_settings.data_dir)
    _register(services, 1)
    take_backup(kiosk_settings.database_path, folder, NOW - timedelta(days=1), "nightly")
    _register(services, 1, start=1)
    newest = take_backup(kiosk_settings.database_path, folder, NOW, "nightly").backup
    _register(services, 1, start=2)  # written after the last backup: lost with the file
    services.close()
    damaged_newer = folder / "kiosk-20261103T190000Z-manual.sqlite3"
    damaged_newer.write_bytes(b"not a database at all" * 100)  # a backup gone bad is skipped
    _corrupt(kiosk_settings.database_path)

    with caplog.at_level(logging.CRITICAL, logger="kiosk.platform.store.recovery"):
        restarted = build_services(kiosk_settings, FixedClock(NOW))
    try:
        assert len(restarted.roster.all()) == 2  # the kiosk works on the restored data
    finally:
        restarted.close()

    assert _numbers(kiosk_settings) == {"N-0", "N-1"}
    (moved,) = kiosk_settings.data_dir.glob("kiosk.sqlite3.corrupt-*Z")
    assert quick_check(moved) != ["ok"]  # kept as it was, for whoever investigates
    (line,) = [r.getMessage() for r in caplog.records if "DATABASE CORRUPT" in r.getMessage()]
    assert newest.path.name in line
    assert moved.name in line
    assert fence_path(kiosk_settings.database_path).exists()


def test_corrupt_database_without_a_backup_starts_empty_and_keeps_the_old_file(
    services: KioskServices, kiosk_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    _register(services, 2)
    services.close()
    _corrupt(kiosk_settings.database_path)

    with caplog.at_level(logging.CRITICAL, logger="kiosk.platform.store.recovery"):
        restarted = build_services(kiosk_settings, FixedClock(NOW))
    restarted.close()

    assert _numbers(kiosk_settings) == set()
    assert len(list(kiosk_settings.data_dir.glob("kiosk.sqlite3.corrupt-*Z"))) == 1
    assert any("NO good backup" in r.getMessage() for r in caplog.records)
