"""`python -m kiosk diagnose`: one archive a volunteer can send, with no secret in it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.platform.store.migrate import SCHEMA_HEAD
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices


def test_diagnose_writes_logs_versions_state_and_no_secrets(
    services: KioskServices, kiosk_settings: Settings, tmp_path: Path
) -> None:
    services.roster.register("王芳", "N-1", "13800000001", "1234")
    services.close()
    token = "secret-device-token-do-not-leak"
    (kiosk_settings.data_dir / "keys").mkdir(exist_ok=True)
    (kiosk_settings.data_dir / "keys" / "device_token").write_text(token)
    logs = kiosk_settings.data_dir / "logs"
    logs.mkdir()
    (logs / "kiosk.log").write_text("2026-11-02 INFO kiosk: started\n", encoding="utf-8")
    (logs / "kiosk.log.1").write_text("older\n", encoding="utf-8")
    out = tmp_path / "support" / "diag.zip"

    assert main(["--data-dir", str(kiosk_settings.data_dir), "diagnose", "--out", str(out)]) == 0

    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        summary = json.loads(archive.read("summary.json"))
        everything = b"".join(archive.read(n) for n in names)
    assert {"summary.json", "logs/kiosk.log", "logs/kiosk.log.1"} <= names
    assert summary["database"]["integrity_check"] == ["ok"]
    assert summary["database"]["schema_revision"] == [{"version_num": SCHEMA_HEAD}]
    assert summary["database"]["kiosk_meta"][0]["last_seq"] >= 1
    assert "sync_state" in summary["database"]
    assert summary["versions"]["packages"]["PySide6-Essentials"]
    assert summary["settings"]["station_id"] == kiosk_settings.station_id
    assert token.encode() not in everything
    assert b"pin_hash" not in everything and b"scrypt" not in everything


def test_diagnose_works_when_the_database_is_not_a_database(
    kiosk_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosk_settings.database_path.write_bytes(b"garbage" * 1000)
    out = tmp_path / "diag.zip"

    assert main(["--data-dir", str(kiosk_settings.data_dir), "diagnose", "--out", str(out)]) == 0

    with zipfile.ZipFile(out) as archive:
        summary = json.loads(archive.read("summary.json"))
    assert summary["database"]["quick_check"] != ["ok"]
    assert "diagnostics written" in capsys.readouterr().out
