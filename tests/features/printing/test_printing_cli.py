"""`kiosk test-print`: an installer checks the printer from a shell (USB permissions, address)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.settings import Settings
from tests.features.printing.fake_printer import closed_port


def test_test_print_on_the_printer_set(
    kiosk_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "lp0"
    monkeypatch.setenv("KIOSK_PRINTER", f"file:{out}")
    assert main(["--data-dir", str(kiosk_settings.data_dir), "test-print"]) == 0
    assert f"file:{out}" in capsys.readouterr().out
    data = out.read_bytes()
    assert "打印测试".encode("gb18030") in data and b"SK-PRINT-TEST" in data
    assert data.endswith(b"\x1dV\x00")


def test_test_print_without_a_printer_says_why(
    kiosk_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_PRINTER", f"net:127.0.0.1:{closed_port()}")
    assert main(["--data-dir", str(kiosk_settings.data_dir), "test-print"]) == 1
    assert "Printer unavailable, please take a photo" in capsys.readouterr().err
    monkeypatch.delenv("KIOSK_PRINTER")
    assert main(["--data-dir", str(kiosk_settings.data_dir), "test-print"]) == 1
    assert "No printer is set" in capsys.readouterr().err
