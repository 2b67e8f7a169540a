"""The database's quick_check begun as the kiosk starts (at the first paint, beside the services'
import) decides recovery exactly as the check made when the database opens did."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.core.clock import FixedClock
from kiosk.platform.store import precheck
from kiosk.platform.store.backup import backup_dir, quick_check, take_backup
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices, build_services

ROOT = Path(__file__).resolve().parents[3]
NOW = datetime(2026, 11, 2, 19, 0, tzinfo=UTC)


def _register(services: KioskServices, *numbers: str) -> None:
    for i, number in enumerate(numbers):
        services.roster.register(f"志愿者{i}", number, f"138{i:08d}", "1234")


def _numbers(settings: Settings) -> set[str]:
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


def test_a_sound_database_checked_early_opens_with_its_data(
    services: KioskServices, kiosk_settings: Settings
) -> None:
    _register(services, "N-0", "N-1")
    services.close()

    early = precheck.begin(kiosk_settings.database_path)
    assert early is not None
    restarted = build_services(kiosk_settings, FixedClock(NOW), early.result)
    try:
        assert sorted(v.number for v in restarted.roster.all()) == ["N-0", "N-1"]
    finally:
        restarted.close()
    assert early.result() == ["ok"]
    assert list(kiosk_settings.data_dir.glob("kiosk.sqlite3.corrupt-*Z")) == []


def test_a_new_kiosk_has_nothing_to_check(tmp_path: Path) -> None:
    assert precheck.begin(tmp_path / "kiosk.sqlite3") is None


def test_a_corrupt_database_found_by_the_early_check_is_moved_aside_and_the_backup_restored(
    services: KioskServices, kiosk_settings: Settings
) -> None:
    _register(services, "N-0")
    take_backup(kiosk_settings.database_path, backup_dir(kiosk_settings.data_dir), NOW, "nightly")
    services.close()
    _corrupt(kiosk_settings.database_path)

    early = precheck.begin(kiosk_settings.database_path)
    assert early is not None
    assert early.result() != ["ok"]
    restarted = build_services(kiosk_settings, FixedClock(NOW + timedelta(hours=1)), early.result)
    try:
        assert [v.number for v in restarted.roster.all()] == ["N-0"]
    finally:
        restarted.close()
    (moved,) = kiosk_settings.data_dir.glob("kiosk.sqlite3.corrupt-*Z")
    assert quick_check(moved) != ["ok"]


def test_the_kiosk_started_over_a_corrupt_database_is_ready_on_its_last_backup(
    services: KioskServices, kiosk_settings: Settings
) -> None:
    """The real start (`run_app`: the check begun at the first paint, read when the database
    opens)."""
    _register(services, "N-0", "N-1")
    take_backup(kiosk_settings.database_path, backup_dir(kiosk_settings.data_dir), NOW, "nightly")
    services.close()
    _corrupt(kiosk_settings.database_path)

    env = dict(os.environ, KIOSK_STARTUP_PROBE="ready", QT_QPA_PLATFORM="offscreen")
    env["KIOSK_SPEECH_ENGINE"] = ""
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(kiosk_settings.data_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.stdout.strip().splitlines()[-1] == "ready", done.stderr[-2000:]
    assert "DATABASE CORRUPT" in done.stderr
    assert _numbers(kiosk_settings) == {"N-0", "N-1"}
    assert len(list(kiosk_settings.data_dir.glob("kiosk.sqlite3.corrupt-*Z"))) == 1
