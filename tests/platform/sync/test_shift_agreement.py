"""A shift checked out at both exits before they synced: after a real hub has carried every
event both ways, both kiosks and the centre credit the same minutes (the check-out first in the
agreed order wins) and both kiosks flag the shift for review, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest

from kiosk.core.clock import SystemClock
from kiosk.features.shifts.domain import ScanAction
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.web_accounts import AccountService
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PASSWORD = "correct horse battery"


def centre_hours(hub: HubServer) -> list[list[str]]:
    """The centre's hours report (CSV) for November 2026, as a coordinator downloads it."""
    database = Database(make_engine(hub.settings.resolved_database_url(), 2))
    try:
        AccountService(database, SystemClock(), hub.settings.session_ttl_s).create(
            "boss", PASSWORD, "centre", []
        )
    finally:
        database.dispose()
    with httpx.Client(base_url=hub.url, timeout=30) as browser:
        form = browser.get("/centre/login")
        found = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert found is not None, form.text
        login = {"csrf": found.group(1), "username": "boss", "password": PASSWORD}
        assert browser.post("/centre/login", data=login).status_code == 303
        report = browser.get(
            "/centre/hours", params={"from": "2026-11-01", "to": "2026-11-30", "format": "csv"}
        )
    assert report.status_code == 200, report.text
    return list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_a_shift_checked_out_at_both_exits_is_credited_the_same_everywhere(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    south = make_kiosk("south")
    north = make_kiosk("north")
    volunteer = south.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    assert south.services.shifts.clock_with_pin("13800000001", "1234").action is (
        ScanAction.CHECK_IN
    )
    south.engine.sync_once()
    north.engine.sync_once()

    # Both exits check her out while the hub is out of reach of each other's events: the south
    # exit after one hour, the north exit after three.
    south.clock.advance(timedelta(hours=1))
    north.clock.advance(timedelta(hours=3))
    assert south.services.shifts.clock_with_pin("13800000001", "1234").minutes == 60
    assert north.services.shifts.clock_with_pin("13800000001", "1234").minutes == 180
    for kiosk in (north, south, north):  # the hub hears the later check-out first
        status = kiosk.engine.sync_once()
        assert status.last_error is None and status.pending == 0

    for kiosk in (south, north):
        [hours] = kiosk.services.shifts.monthly_hours(2026, 11)
        assert hours.volunteer.id == volunteer.id
        assert (hours.shifts, hours.minutes, hours.flagged) == (1, 60, 1)
        [flagged] = kiosk.services.shifts.flagged()  # the other exit's check-out needs a look
        assert flagged.minutes == 60 and flagged.status == "closed"
        assert kiosk.services.shifts.on_duty() == []
    # station, volunteer, name, number, shifts, minutes, credited, hours, flagged, station name
    assert centre_hours(hub)[1] == [
        STATION,
        volunteer.id,
        "王芳",
        "FZB-0001",
        "1",
        "60",
        "60",
        "1.0",
        "1",
        "福州北站",
    ]
