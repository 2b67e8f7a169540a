"""`kiosk check` only checks (issue 13 item 6): on a damaged database it reports and exits 1,
and leaves the file, its backups and the data directory exactly as they were; moving it aside
and restoring the latest good backup is `kiosk recover`'s job (and a start's)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.platform.store.backup import backup_dir, quick_check, take_backup
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices

NOW = datetime(2026, 11, 2, 19, 0, tzinfo=UTC)


def _corrupt(path: Path) -> None:
    """Scribble over every page after the first: what a failing SD card does."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for offset in range(4096, size, 4096):
            handle.seek(offset)
            handle.write(b"\xde\xad\xbe\xef" * 1024)


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_check_reports_a_damaged_database_and_changes_nothing_then_recover_restores(
    services: KioskServices, kiosk_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(kiosk_settings.data_dir)
    services.roster.register("郑海", "FZB-0008", "13800000008", "1234")
    take_backup(kiosk_settings.database_path, backup_dir(kiosk_settings.data_dir), NOW)
    for i in range(40):  # enough pages that the scribbles hit the tables
        services.roster.register(f"志愿者{i}", f"N-{i}", f"139{i:08d}", "1234")
    services.close()
    _corrupt(kiosk_settings.database_path)
    before = _snapshot(kiosk_settings.data_dir)
    capsys.readouterr()

    assert main(["--data-dir", data_dir, "check"]) == 1
    out, err = capsys.readouterr()
    assert out.strip() != "ok" and "kiosk recover" in err and "nothing was changed" in err
    assert _snapshot(kiosk_settings.data_dir) == before  # not moved, not restored, not touched

    assert main(["--data-dir", data_dir, "recover"]) == 0
    out, _ = capsys.readouterr()
    assert "moved to" in out and "restored" in out
    (moved,) = kiosk_settings.data_dir.glob("kiosk.sqlite3.corrupt-*Z")
    assert quick_check(moved) != ["ok"]  # kept for whoever investigates
    assert main(["--data-dir", data_dir, "check"]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    assert main(["--data-dir", data_dir, "recover"]) == 0  # sound: nothing to do
    assert "nothing to recover" in capsys.readouterr().out


def test_check_without_a_database_makes_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "empty"
    assert main(["--data-dir", str(data_dir), "check"]) == 2
    assert "no database" in capsys.readouterr().err
    assert not data_dir.exists()
