"""Handovers at the centre, in a real browser (Playwright driving Debian's chromium): a
handover recorded at a kiosk with a counted difference reaches the hub by sync; the centre's
交接班 page lists it under its station with who, what was open, the difference with the item's
name and the reason, the note and that nobody has acknowledged it yet; the CSV has the row."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from kiosk.core import words
from kiosk.features.handover.service import HandoverService, Snapshot, StockItem
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PIN = "2468"


def test_the_centre_sees_a_station_handover_with_its_difference(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    kiosk = make_kiosk("south", start=datetime.now(UTC))  # the hub's pages read the real clock
    wang = kiosk.services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    stock = [StockItem("medicine", "plaster", "创可贴", "Plasters", 10)]
    kiosk.services.get(HandoverService).record(
        wang.id,
        Snapshot(1, 0, 2, 0, stock),
        {"medicine:plaster": 9},
        {"medicine:plaster": "unlogged"},
        "门 3 关不上",
    )
    assert kiosk.engine.sync_once().last_error is None
    create_account(hub, "boss", "centre", [])

    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    desk.get_by_role("link", name="交接班").click()
    desk.wait_for_url(re.compile(r".*/centre/handovers$"))
    row = desk.locator(f'tbody.station[data-station="{STATION}"] tr.handover')
    assert row.count() == 1
    text = row.inner_text()
    assert "王芳" in text and "求助 1 · 心愿 0 · 充电 2 · 借出 0" in text
    assert "创可贴 10→9（已发放或借出未登记）" in text
    assert "门 3 关不上" in text and "尚未确认" in text

    cookies = {c["name"]: c["value"] for c in desk.context.cookies()}
    exported = httpx.get(
        f"{hub.url}/centre/handovers", params={"format": "csv"}, cookies=cookies, timeout=30
    )
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["station", "recorded_at", "by"]
    assert rows[1][0] == STATION and rows[1][2] == "王芳"
    reason = words.label(words.HANDOVER_REASONS, "unlogged", "en")
    assert rows[1][7] == f"Plasters 10→9 ({reason})"  # the bundled list's English name
