"""Maintenance commands as an installer would run them: badge, check, rebuild-projections."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.cli import main
from kiosk.core.errors import ValidationError
from kiosk.features.shifts.domain import ScanAction
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices


def test_badge_command_writes_a_scannable_badge(
    services: KioskServices,
    kiosk_settings: Settings,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    volunteer = services.roster.register("林志远", "FZB-0004", "13800000004", "1234")
    out = tmp_path / "badge.png"
    assert (
        main(["--data-dir", str(kiosk_settings.data_dir), "badge", volunteer.id, "--out", str(out)])
        == 0
    )
    said = capsys.readouterr().out
    assert "written to" in said
    [decoded] = zxingcpp.read_barcodes(Image.open(out))
    assert decoded.text.startswith("SKB2.") and decoded.text.split(".")[1] in said
    # the printed badge clocks the volunteer in
    assert services.shifts.scan_badge(decoded.text).action is ScanAction.CHECK_IN
    # printed again: a new serial, and the first card no longer works
    main(["--data-dir", str(kiosk_settings.data_dir), "badge", volunteer.id, "--out", str(out)])
    with pytest.raises(ValidationError, match="replaced"):
        services.shifts.scan_badge(decoded.text)


def test_badge_for_unknown_volunteer_fails_clearly(
    kiosk_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "--data-dir",
            str(kiosk_settings.data_dir),
            "badge",
            "nobody",
            "--out",
            str(tmp_path / "b.png"),
        ]
    )
    assert code == 2 and "No such volunteer" in capsys.readouterr().err
    assert not (tmp_path / "b.png").exists()


def test_check_and_rebuild(
    services: KioskServices, kiosk_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    services.roster.register("郑海", "FZB-0008", "13800000008", "1234")
    assert main(["--data-dir", str(kiosk_settings.data_dir), "check"]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    assert main(["--data-dir", str(kiosk_settings.data_dir), "rebuild-projections"]) == 0
    assert (
        "1 aggregates" in capsys.readouterr().out or "aggregates folded" in capsys.readouterr().out
    )
    assert [v.name for v in services.roster.all()] == ["郑海"]
