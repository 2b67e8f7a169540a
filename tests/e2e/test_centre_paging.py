"""A long 人次 table in a real browser (Playwright driving Debian's chromium): more groups than a
page holds, pushed by a kiosk through the real push path; the centre sees page 1 of 2 with the
row count, the total of everything on every page, and reaches the rest with 下一页 / 上一页."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from kiosk.core.ids import new_id
from kiosk.platform.hub.web_reports import PAGE_ROWS
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import STATION, HubServer

GROUPS = PAGE_ROWS + 37


def _push_uses(hub: HubServer) -> int:
    """GROUPS (service, audience) lines of one station, one use each; returns the people."""
    enrolled = httpx.post(f"{hub.url}/v1/enroll", json={"code": hub.code(), "kiosk_id": "k-p"})
    assert enrolled.status_code == 200, enrolled.text
    token = enrolled.json()["device_token"]
    events: list[dict[str, Any]] = []
    for n in range(GROUPS):
        use = {
            "use_id": f"u-{n}",
            "service_id": f"svc-{n // 2:04d}",
            "audience": ("rider", "elderly")[n % 2],
            "count": 1 + n % 3,
            "day": "2026-11-20",
        }
        events.append(
            {
                "id": new_id(),
                "kind": "service.used",
                "station_id": STATION,
                "kiosk_id": "k-p",
                "seq": n + 1,
                "occurred_at": datetime(2026, 11, 20, 2, 0, tzinfo=UTC).isoformat(),
                "actor": None,
                "payload": use,
            }
        )
    with httpx.Client(base_url=hub.url, timeout=30) as client:
        for i in range(0, GROUPS, 500):
            pushed = client.post(
                "/v1/sync/push",
                json={"kiosk_id": "k-p", "events": events[i : i + 500]},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert pushed.status_code == 200, pushed.text
    return sum(1 + n % 3 for n in range(GROUPS))


def test_a_long_usage_table_pages_and_keeps_its_total(
    desk: Any, hub: HubServer, tmp_path: Path
) -> None:
    people = _push_uses(hub)
    create_account(hub, "boss", "centre", [])
    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))

    desk.goto(f"{hub.url}/centre/usage?from=2026-11-01&to=2026-11-30")
    assert desk.locator("#page-of").inner_text() == (
        f"第 1 / 2 页：第 1–{PAGE_ROWS} 行，共 {GROUPS} 行（合计含全部行）"
    )
    assert desk.locator("#report tbody tr").count() == PAGE_ROWS
    assert desk.locator("#total").inner_text() == str(people)
    assert desk.locator("#page-prev").count() == 0
    desk.locator("#pager").scroll_into_view_if_needed()
    desk.screenshot(path=str(tmp_path / "usage-paged.png"))

    desk.locator("#page-next").click()
    desk.wait_for_url(re.compile(r".*page=2.*"))
    assert desk.locator("#page-of").inner_text().startswith("第 2 / 2 页")
    assert desk.locator("#report tbody tr").count() == GROUPS - PAGE_ROWS
    assert desk.locator("#total").inner_text() == str(people)  # a total is a total
    assert desk.locator("#page-next").count() == 0
    assert "from=2026-11-01" in desk.url  # the filters kept

    desk.locator("#page-prev-end").click()  # the pager under the table too
    desk.wait_for_url(re.compile(r".*page=1.*"))
    assert desk.locator("#report tbody tr").count() == PAGE_ROWS

    desk.goto(f"{hub.url}/centre/usage?from=2026-11-01&to=2026-11-30&page=2&lang=en")
    assert desk.locator("#page-of").inner_text() == (
        f"Page 2 of 2: rows {PAGE_ROWS + 1}–{GROUPS} of {GROUPS} (totals cover every row)"
    )
    assert desk.locator("#page-first").inner_text() == "First"
    desk.locator("#pager").scroll_into_view_if_needed()
    desk.screenshot(path=str(tmp_path / "usage-paged-en.png"))
