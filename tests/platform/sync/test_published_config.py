"""Configuration published on the hub takes effect on kiosks after a pull: the roster and the
hub's badge key, so a volunteer enrolled centrally clocks in at any kiosk of the station."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kiosk.core.errors import ValidationError
from kiosk.core.secrets import hash_secret
from kiosk.features.shifts.domain import ScanAction
from kiosk.platform.store.store import rebuild_projections
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

VOLUNTEER = "v-central-0001"


def publish_roster(hub: HubServer, *, active: bool = True, name: str = "刘洋") -> None:
    entry: dict[str, Any] = {
        "volunteer_id": VOLUNTEER,
        "name": name,
        "number": "FZ-C-0001",
        "pin_hash": hash_secret("2468"),
        "active": active,
    }
    body = {"kind": "roster", "station_id": STATION, "body": {"volunteers": [entry]}}
    response = hub.admin("POST", "/v1/admin/config", json=body)
    assert response.status_code == 201, response.text


def test_centrally_enrolled_volunteer_clocks_in_with_a_hub_badge(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    kiosk = make_kiosk("south")
    publish_roster(hub)
    badge = hub.admin("POST", "/v1/admin/badges", json={"volunteer_id": VOLUNTEER}).json()["token"]
    with pytest.raises(ValidationError):
        kiosk.services.shifts.scan_badge(badge)  # neither the key nor the volunteer known yet

    kiosk.engine.sync_once()
    kiosk.services.refresh_config()
    assert [v.name for v in kiosk.services.roster.all()] == ["刘洋"]
    assert kiosk.services.shifts.scan_badge(badge).action is ScanAction.CHECK_IN
    # the published PIN hash works on the keypad too, and survives a rebuild from the log
    rebuild_projections(kiosk.services.database)
    assert [d.volunteer.name for d in kiosk.services.shifts.on_duty()] == ["刘洋"]

    publish_roster(hub, active=False, name="刘洋")  # the centre deactivates the volunteer
    kiosk.engine.sync_once()
    with pytest.raises(ValidationError, match="deactivated"):
        kiosk.services.shifts.scan_badge(badge)
