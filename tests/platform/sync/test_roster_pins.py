"""The hub's roster laid over the volunteers kiosks know from their events: a row is folded from
the volunteer's events and the published roster alone, so a PIN set at a kiosk is neither wiped
by a roster that gives none nor lost for a volunteer only the roster lists, on every exit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.core.secrets import verify_secret
from kiosk.features.admin.domain import AdminAccount
from kiosk.features.shifts.domain import ScanAction
from kiosk.features.volunteers import store as volunteers_store
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

ADMIN_PIN = "135790"


def publish_roster(hub: HubServer, *entries: dict[str, Any]) -> None:
    body = {"kind": "roster", "station_id": STATION, "body": {"volunteers": list(entries)}}
    response = hub.admin("POST", "/v1/admin/config", json=body)
    assert response.status_code == 201, response.text


def entry(volunteer_id: str, name: str) -> dict[str, Any]:
    """A roster entry as the centre publishes it when it holds no PIN for the volunteer (and
    no phone: the phone is the sealed one of the volunteer's registration)."""
    return {"volunteer_id": volunteer_id, "name": name, "number": "C-1"}


def station_admin(kiosk: SyncedKiosk) -> AdminAccount:
    kiosk.services.admin.set_first_pin(ADMIN_PIN, ADMIN_PIN)
    return kiosk.services.admin.login(ADMIN_PIN)


def test_a_roster_without_a_pin_keeps_the_pin_set_at_the_kiosk(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    south = make_kiosk("south")
    north = make_kiosk("north")
    volunteer = south.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    south.engine.sync_once()
    publish_roster(hub, entry(volunteer.id, "王芳芳"))  # the centre renames her
    for kiosk in (north, south):
        kiosk.engine.sync_once()
        result = kiosk.services.shifts.clock_with_pin("13800000001", "1234")
        assert result.action is ScanAction.CHECK_IN and result.volunteer.name == "王芳芳"
        kiosk.services.shifts.cancel_check_in(result.shift_id)


def test_a_pin_reset_for_a_volunteer_only_the_roster_lists_works_at_both_exits(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    south = make_kiosk("south")
    north = make_kiosk("north")
    publish_roster(hub, entry("v-central-7", "刘洋"))
    for kiosk in (south, north):
        kiosk.engine.sync_once()
    south.services.management.reset_pin(station_admin(south), "v-central-7", "2468")
    for kiosk in (south, north):
        kiosk.engine.sync_once()
        # The roster gives no phone (docs/hub.md), so the PIN is checked as stored: the same
        # hash on both kiosks, and the roster's name on the row.
        (row,) = [v for v in kiosk.services.roster.all() if v.id == "v-central-7"]
        assert row.name == "刘洋"
        with kiosk.services.database.read() as session:
            stored = volunteers_store.volunteer(session, "v-central-7")
            assert stored is not None and stored.pin_hash is not None
            assert verify_secret("2468", stored.pin_hash) and stored.phone == ""
