"""Kiosks by name (#16, #17 §5): a station admin names a kiosk on the centre's stations page
in a real browser; a name that is only spaces is refused beside its field and nothing changes;
after their next sync the station's other kiosk shows the name in its log review and its
kiosk filter instead of a six-character code. The admin API names kiosks too, and the name
list is never published by hand."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.features.admin.service.exports import build_log_services
from kiosk.features.admin.service.logs import LogFilters, LogKind
from kiosk.platform.logs.spec import short_kiosk
from kiosk.platform.store import eventlog
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk


def _kiosk_id(kiosk: SyncedKiosk) -> str:
    with kiosk.services.database.read() as session:
        return eventlog.meta(session).kiosk_id


def _sign_in(desk: Any, hub: HubServer, username: str) -> None:
    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill(username)
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))


def test_a_station_admin_names_a_kiosk_and_the_other_kiosk_shows_it(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    south, north = make_kiosk("south"), make_kiosk("north")
    south_id = _kiosk_id(south)
    south.services.uses.record("water", "rider", 2)
    assert south.engine.sync_once().last_error is None
    assert north.engine.sync_once().last_error is None
    logs, _exports = build_log_services(north.services)
    (row,) = logs.page(LogKind.USES, LogFilters()).rows
    assert short_kiosk(south_id) in row.cells  # no name yet: the short code

    create_account(hub, "fzb", "station", [STATION])
    _sign_in(desk, hub, "fzb")
    field = desk.locator(f"#name-{south_id}")
    field.fill("   ")
    desk.locator(f"#rename-{south_id}").click()
    error = desk.locator(f"#error-{south_id}")
    assert "终端名称须为 1 到 40 个字符" in error.inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("aria-describedby") == f"error-{south_id}"
    kiosks = hub.admin("GET", "/v1/admin/kiosks").json()
    assert all(k["name"] is None for k in kiosks)  # nothing written

    field = desk.locator(f"#name-{south_id}")
    field.fill("南出口 South exit")
    desk.locator(f"#rename-{south_id}").click()
    assert "已改名为“南出口 South exit”" in desk.locator("#notice").inner_text()
    assert desk.locator(f"#name-{south_id}").input_value() == "南出口 South exit"
    height = desk.locator(f"#rename-{south_id}").bounding_box()["height"]
    assert height >= 44
    desk.screenshot(path=str(tmp_path / "stations-renamed.png"), full_page=True)

    assert north.engine.sync_once().last_error is None
    (row,) = logs.page(LogKind.USES, LogFilters()).rows
    assert "南出口 South exit" in row.cells and short_kiosk(south_id) not in row.cells
    labels = {c.value: c.zh for c in logs.kiosks()}
    assert labels[south_id] == "南出口 South exit"


def test_the_admin_api_names_kiosks_and_refuses_a_hand_written_name_list(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    south = make_kiosk("south")
    south_id = _kiosk_id(south)
    long_name = "北" * 41
    response = hub.admin("POST", f"/v1/admin/kiosks/{south_id}/name", json={"name": long_name})
    assert response.status_code == 422
    response = hub.admin("POST", "/v1/admin/kiosks/k-nobody/name", json={"name": "北出口"})
    assert response.status_code == 404 and response.json()["reason"] == "unknown_kiosk"
    response = hub.admin("POST", f"/v1/admin/kiosks/{south_id}/name", json={"name": " 北出口 "})
    assert response.status_code == 204
    (kiosk,) = hub.admin("GET", "/v1/admin/kiosks").json()
    assert kiosk["name"] == "北出口"
    body = {"kiosks": [{"id": south_id, "name": "假名字"}]}
    publication = {"kind": "kiosk_names", "station_id": STATION, "body": body}
    response = hub.admin("POST", "/v1/admin/config", json=publication)
    assert response.status_code == 422 and response.json()["reason"] == "not_publishable"
    assert south.engine.sync_once().last_error is None
    logs, _exports = build_log_services(south.services)
    assert logs.kiosks()[0].zh == "北出口（本机）"
