"""Kiosk health at the centre (#16): after a sync a kiosk reports its version, the disk free
where its data lives and its last failed round (with when), at most every five minutes; the
stations page shows them, and flags a kiosk not heard from for longer than the hub's setting
(15 minutes by default) by name, at the top and on its row."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text

from kiosk import __version__
from kiosk.platform.sync.client import HubError
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import HubServer, SyncedKiosk, paused


def _kiosk(hub: HubServer) -> dict[str, Any]:
    (found,) = hub.admin("GET", "/v1/admin/kiosks").json()
    return dict(found)


def test_a_kiosk_reports_its_health_and_a_silent_one_is_flagged(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    kiosk = make_kiosk("south")
    assert kiosk.engine.sync_once().last_error is None
    first = _kiosk(hub)
    assert first["app_version"] == __version__
    assert first["disk_free_mb"] > 0 and first["health_at"] is not None
    assert first["last_error"] is None

    with paused(hub), pytest.raises(HubError):  # a round fails while the hub is down
        kiosk.engine.sync_once()
    kiosk.clock.advance(timedelta(minutes=1))
    assert kiosk.engine.sync_once().last_error is None
    assert _kiosk(hub)["health_at"] == first["health_at"]  # not due yet: five minutes apart
    kiosk.clock.advance(timedelta(minutes=5))
    assert kiosk.engine.sync_once().last_error is None
    reported = _kiosk(hub)
    assert reported["last_error"] and reported["last_error_at"].startswith("2026-11-02T00:30")

    create_account(hub, "boss", "centre", [])
    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    table = desk.locator("table.kiosks").inner_text()
    assert __version__ in table and " MB" in table and reported["last_error"][:20] in table
    assert desk.locator("#silent").count() == 0  # heard from a moment ago

    engine = create_engine(hub.settings.resolved_database_url())
    with engine.begin() as conn:  # an hour of silence
        conn.execute(
            text("UPDATE kiosks SET last_seen = :t"),
            {"t": datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=1)},
        )
    engine.dispose()
    hub.admin("POST", f"/v1/admin/kiosks/{reported['kiosk_id']}/name", json={"name": "南出口"})
    desk.reload()
    silent = desk.locator("#silent").inner_text()
    assert "1 台终端超过 15 分钟没有同步" in silent and "南出口（福州北站）" in silent
    desk.screenshot(path=str(tmp_path / "stations-health.png"), full_page=True)


def test_a_station_closed_at_night_does_not_flag_its_quiet_kiosks(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    """A station admin sets the station's opening hours on the stations page; a kiosk quiet
    for an hour while the station was closed is not flagged, and is once it is open all day.
    Bad hours are refused beside the fields, and the hours stay as they were."""
    kiosk = make_kiosk("south")
    assert kiosk.engine.sync_once().last_error is None
    engine = create_engine(hub.settings.resolved_database_url())
    with engine.begin() as conn:  # an hour of silence
        conn.execute(
            text("UPDATE kiosks SET last_seen = :t"),
            {"t": datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=1)},
        )
    create_account(hub, "west", "station", [kiosk.services.settings.station_id])
    desk.set_viewport_size({"width": 1366, "height": 768})
    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("west")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    station = kiosk.services.settings.station_id
    assert "开放时间：全天开放" in desk.locator(f"#hours-{station}").inner_text()
    assert "1 台终端超过 15 分钟没有同步" in desk.locator("#silent").inner_text()

    # Open from two hours from now for an hour: closed for all of the last hour.
    local = datetime.now(ZoneInfo(hub.settings.timezone))
    opens, closes = (f"{local + timedelta(hours=h):%H:%M}" for h in (2, 3))
    desk.locator(f"#opens-{station}").fill(opens)
    desk.locator(f"#closes-{station}").fill(closes)
    desk.locator(f"#set-hours-{station}").click()
    assert f"开放时间已保存：{opens}–{closes}" in desk.locator("#notice").inner_text()
    assert desk.locator("#silent").count() == 0  # quiet while closed: no fault
    desk.screenshot(path=str(tmp_path / "stations-hours.png"), full_page=True)

    desk.locator(f"#opens-{station}").fill("25:00")
    desk.locator(f"#set-hours-{station}").click()
    error = desk.locator(f"#hours-error-{station}")
    assert "时间格式为 时:分" in error.inner_text()
    assert desk.locator(f"#opens-{station}").get_attribute("aria-invalid") == "true"
    assert desk.locator(f"#opens-{station}").input_value() == "25:00"  # what was typed stays
    with engine.begin() as conn:
        stored = conn.execute(text("SELECT opens_at, closes_at FROM stations")).one()
    assert tuple(stored) == (opens, closes)  # nothing written

    desk.locator(f"#opens-{station}").fill("")
    desk.locator(f"#closes-{station}").fill("")
    desk.locator(f"#set-hours-{station}").click()
    assert "开放时间已保存：全天开放" in desk.locator("#notice").inner_text()
    assert "1 台终端超过 15 分钟没有同步" in desk.locator("#silent").inner_text()
    engine.dispose()
    desk.set_viewport_size({"width": 390, "height": 844})
    desk.screenshot(path=str(tmp_path / "stations-hours-phone.png"), full_page=True)
