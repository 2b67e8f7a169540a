"""An installer enrols a kiosk from the command line; the hub's badges then verify offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.errors import ValidationError
from kiosk.features.shifts.domain import ScanAction
from kiosk.settings import Settings
from kiosk.shell.context import build_services
from tests.platform.sync.conftest import STATION, HubServer


def test_enrol_sync_and_scan_a_hub_badge(
    tmp_path: Path,
    hub: HubServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KIOSK_STATION_ID", STATION)
    data = ["--data-dir", str(tmp_path / "kiosk")]
    services = build_services(Settings(data_dir=tmp_path / "kiosk", station_id=STATION))
    volunteer = services.roster.register("吴丽华", "FZB-0007", "13800000007", "1234")
    services.close()

    assert main([*data, "sync"]) == 2
    assert "not enrolled" in capsys.readouterr().err
    assert main([*data, "enroll", "--hub", hub.url, "--code", "WRONG-CODE"]) == 2
    assert "enrolment failed" in capsys.readouterr().err
    assert main([*data, "enroll", "--hub", hub.url, "--code", hub.code()]) == 0
    assert f"enrolled in station {STATION}" in capsys.readouterr().out
    token_file = tmp_path / "kiosk" / "keys" / "device_token"
    assert token_file.stat().st_mode & 0o777 == 0o600

    response = hub.admin("POST", "/v1/admin/badges", json={"volunteer_id": volunteer.id})
    assert response.status_code == 201, response.text
    hub_badge = response.json()["token"]
    services = build_services(Settings(data_dir=tmp_path / "kiosk", station_id=STATION))
    try:
        with pytest.raises(ValidationError):  # the hub's key is not known before a pull
            services.shifts.scan_badge(hub_badge)
        assert main([*data, "sync"]) == 0
        assert "pending 0" in capsys.readouterr().out
        services.refresh_config()
        assert services.shifts.scan_badge(hub_badge).action is ScanAction.CHECK_IN
    finally:
        services.close()
    kiosks = hub.admin("GET", "/v1/admin/kiosks").json()
    assert [k["acked_seq"] for k in kiosks] == [2]  # registered + PIN set; the check-in not yet
