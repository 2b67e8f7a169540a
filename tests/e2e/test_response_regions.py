"""Response times per region on the centre's requests page (#16), in a real browser: three
stations in two regions report accepted requests through the real push path; the chart
各片区接单中位时长 gives each region the median over its own requests (not a median of its
stations' medians), and its numbers table says the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from kiosk.core.ids import new_id
from tests.e2e.conftest import create_account
from tests.e2e.test_centre_tickets import sign_in
from tests.platform.sync.conftest import STATION, HubServer

SOUTH, XIAMEN = "fz-south", "xm-north"
# Minutes to accept of each station's requests: 福州市 (two stations) 10, 30 and 60 → 30.0
# (its stations' medians, 20 and 60, would give 40); 厦门市 40 and 50 → 45.0.
WAITS = {STATION: [10, 30], SOUTH: [60], XIAMEN: [40, 50]}


def _push_requests(hub: HubServer) -> None:
    made = datetime.now(UTC) - timedelta(hours=3)
    with httpx.Client(base_url=hub.url, timeout=30) as client:
        for station, waits in WAITS.items():
            kiosk = f"k-{station}"
            enrolled = client.post(
                "/v1/enroll", json={"code": hub.code(station), "kiosk_id": kiosk}
            )
            assert enrolled.status_code == 200, enrolled.text
            token = enrolled.json()["device_token"]
            events: list[dict[str, Any]] = []
            for n, wait in enumerate(waits):
                request_id = new_id()
                ordered = {
                    "request_id": request_id,
                    "ticket": f"{100001 + n}",
                    "category": "wheelchair",
                    "channel": "kiosk",
                }
                accepted = {"request_id": request_id, "volunteer_id": new_id()}
                for kind, payload, at in (
                    ("request.ordered", ordered, made),
                    ("request.accepted", accepted, made + timedelta(minutes=wait)),
                ):
                    events.append(
                        {
                            "id": new_id(),
                            "kind": kind,
                            "station_id": station,
                            "kiosk_id": kiosk,
                            "seq": len(events) + 1,
                            "occurred_at": at.isoformat(),
                            "payload": payload,
                        }
                    )
            pushed = client.post(
                "/v1/sync/push",
                json={"kiosk_id": kiosk, "events": events},
                headers={"Authorization": f"Bearer {token}"},
            )
            statuses = {r["status"] for r in pushed.json()["results"]}
            assert statuses == {"applied"}, pushed.text


def _table(desk: Any, chart: str) -> dict[str, str]:
    """A chart's numbers table (open or folded) as label → figure."""
    rows = desk.locator(f"#chart-{chart}-data tbody tr")
    return {
        (row.locator("th, td").nth(0).text_content() or "").strip(): (
            row.locator("td").last.text_content() or ""
        ).strip()
        for row in rows.all()
    }


def test_the_requests_page_charts_the_median_response_per_region(desk: Any, hub: HubServer) -> None:
    for station, name in ((SOUTH, "福州南站"), (XIAMEN, "厦门北站")):
        made = hub.admin("POST", "/v1/admin/stations", json={"station_id": station, "name": name})
        assert made.status_code == 201, made.text
    create_account(hub, "boss", "centre", [])
    _push_requests(hub)
    sign_in(desk, hub)
    desk.set_viewport_size({"width": 1366, "height": 768})

    desk.goto(f"{hub.url}/centre/tickets?lang=zh")
    assert desk.locator("#chart-response-regions").count() == 0  # no station in a region yet

    desk.goto(f"{hub.url}/centre/?lang=zh")
    for station, region in ((STATION, "福州市"), (SOUTH, "福州市"), (XIAMEN, "厦门市")):
        desk.locator(f"#region-input-{station}").fill(region)
        desk.locator(f"#set-region-{station}").click()
        assert desk.locator("#notice").inner_text() == f"片区已保存：{region}"

    desk.goto(f"{hub.url}/centre/tickets?lang=zh")
    chart = desk.locator("#chart-response-regions")
    assert "各片区接单中位时长" in chart.inner_text()
    bars = {
        bar.get_attribute("data-label"): bar.get_attribute("data-value")
        for bar in chart.locator("g.bar").all()
    }
    assert bars == {"福州市": "30.0", "厦门市": "45.0"}
    desk.locator("#chart-response-regions summary").click()
    assert _table(desk, "response-regions") == {"福州市": "30.0", "厦门市": "45.0"}
    stations = _table(desk, "response-stations")
    assert stations == {"福州北站": "20.0", "福州南站": "60.0", "厦门北站": "45.0"}
    desk.screenshot(path="/tmp/shots-centre/tickets-regions-zh-1366.png", full_page=True)
    desk.goto(f"{hub.url}/centre/tickets?lang=en")
    assert (
        "Median minutes to accept, by region"
        in desk.locator("#chart-response-regions").inner_text()
    )
    desk.screenshot(path="/tmp/shots-centre/tickets-regions-en-1366.png", full_page=True)
