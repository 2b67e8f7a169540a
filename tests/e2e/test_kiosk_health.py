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
