"""Stations in regions (#16, #19 §1), in a real browser (Playwright driving Debian's chromium):
a centre admin puts two stations in 福州市 and one in 厦门市 on the stations page (a region too
long is refused beside its field, nothing written); the lists page (1366×768 and 390×844) then
shows a table per region above the one per station, and each region's figures are the sum of
its stations' figures; the region filter narrows the station table. A station admin sees their
station's region but cannot set it."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from kiosk.core.ids import new_id
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.hub.test_web_centre import csrf_of, sign_in
from tests.platform.sync.conftest import STATION, HubServer

SHOTS = Path("/tmp/shots-regions")
SOUTH, XIAMEN = "fz-south", "xm-north"
FIGURES = (
    "need-open",
    "need-linked",
    "need-done",
    "units",
    "done-month",
    "project-open",
    "project-done",
    "project-cancelled",
)


@pytest.fixture
def wide(browser: Any) -> Iterator[Any]:
    """The centre's laptop: 1366×768."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _record_lists(hub: HubServer) -> None:
    """Each station's lists as the centre records them: needs, a unit, projects (one done)."""
    today = datetime.now(UTC).date().isoformat()
    with httpx.Client(base_url=hub.url, timeout=30) as centre:
        assert sign_in(centre, "boss", PASSWORD).status_code == 303
        token = csrf_of(centre.get("/centre/lists").text)

        def post(station: str, path: str, **form: str) -> str:
            response = centre.post(
                f"/centre/lists{path}?station={station}",
                data={"csrf": token, "station_id": station, **form},
            )
            assert response.status_code == 200, response.text
            return response.text

        def need(station: str, title: str) -> str:
            found = re.findall(r'name="need_([^"]+)"', post(station, "/needs", title=title))
            return str(found[-1])

        def project(station: str, title: str, need_id: str, done: bool) -> None:
            page = post(
                station,
                "/projects",
                title=title,
                owner="站长",
                starts_on=today,
                ends_on=today,
                **{f"need_{need_id}": "1"},
            )
            if done:
                found = re.search(r'data-project="([^"]+)"', page)
                assert found is not None
                post(
                    station, "/projects/status", project_id=found.group(1), status="done", on=today
                )

        project(STATION, "夏日送清凉", need(STATION, "骑手饮水点"), done=True)
        need(STATION, "夜班休息场地")
        post(SOUTH, "/units", name="爱心超市", contact_role="店长")
        project(SOUTH, "午间热饭", need(SOUTH, "环卫工人热饭"), done=False)
        need(XIAMEN, "手机充电线")
        post(XIAMEN, "/units", name="市总工会", contact_role="办公室")


def _serve(hub: HubServer, people: dict[str, int]) -> None:
    """A kiosk at each station reports people served today (`service.used`, pushed)."""
    today = datetime.now(UTC).date().isoformat()
    with httpx.Client(base_url=hub.url, timeout=30) as client:
        for station, count in people.items():
            code = hub.code(station)
            enrolled = client.post("/v1/enroll", json={"code": code, "kiosk_id": f"k-{station}"})
            assert enrolled.status_code == 200, enrolled.text
            token = enrolled.json()["device_token"]
            event = {
                "id": new_id(),
                "kind": "service.used",
                "station_id": station,
                "kiosk_id": f"k-{station}",
                "seq": 1,
                "occurred_at": datetime.now(UTC).isoformat(),
                "payload": {
                    "use_id": f"u-{station}",
                    "service_id": "water",
                    "audience": "rider",
                    "count": count,
                    "day": today,
                },
            }
            pushed = client.post(
                "/v1/sync/push",
                json={"kiosk_id": f"k-{station}", "events": [event]},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert pushed.json()["results"][0]["status"] == "applied", pushed.text


def _row(page: Any, selector: str, *extra: str) -> dict[str, int]:
    row = page.locator(selector)
    return {c: int(row.locator(f"td.{c}").inner_text()) for c in (*FIGURES, *extra)}


def test_a_centre_admin_puts_stations_in_regions_and_reads_the_lists_per_region(
    wide: Any, phone: Any, hub: HubServer
) -> None:
    for station, name in ((SOUTH, "福州南站"), (XIAMEN, "厦门北站")):
        made = hub.admin("POST", "/v1/admin/stations", json={"station_id": station, "name": name})
        assert made.status_code == 201, made.text
    create_account(hub, "boss", "centre", [])
    create_account(hub, "west", "station", [STATION])
    _record_lists(hub)
    _serve(hub, {STATION: 3, SOUTH: 4, XIAMEN: 5})

    desk = wide
    desk.goto(f"{hub.url}/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    assert desk.locator(f"#region-{STATION}").inner_text() == "片区：未分区"
    for station, region in ((STATION, "福州市"), (SOUTH, " 福州市 "), (XIAMEN, "厦门市")):
        desk.locator(f"#region-input-{station}").fill(region)
        desk.locator(f"#set-region-{station}").click()
        assert desk.locator("#notice").inner_text() == f"片区已保存：{region.strip()}"
        assert desk.locator(f"#region-{station}").inner_text() == f"片区：{region.strip()}"
    box = desk.locator(f"#set-region-{STATION}").bounding_box()
    assert box is not None and box["height"] >= 44
    shot(desk, "stations-regions")

    # Too long (an old browser ignores maxlength): refused beside the field, nothing written.
    field = desk.locator(f"#region-input-{XIAMEN}")
    field.evaluate("e => e.removeAttribute('maxlength')")
    field.fill("区" * 41)
    desk.locator(f"#set-region-{XIAMEN}").click()
    assert "片区名称最多 40 个字符" in desk.locator(f"#region-error-{XIAMEN}").inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == "区" * 41  # what was typed stays
    engine = create_engine(hub.settings.resolved_database_url())
    with engine.begin() as conn:
        stored = dict(conn.execute(text("SELECT id, region FROM stations")).all())
    engine.dispose()
    assert stored == {STATION: "福州市", SOUTH: "福州市", XIAMEN: "厦门市"}

    # The lists per region: each region's row is the sum of its stations' rows.
    desk.get_by_role("link", name="三个清单").click()
    desk.wait_for_url(re.compile(r".*/centre/lists$"))
    stations = {s: _row(desk, f'#summary tr.station[data-station="{s}"]') for s in stored}
    regions = {
        r: _row(desk, f'#regions tr.region[data-region="{r}"]', "stations")
        for r in ("福州市", "厦门市")
    }
    for region, members in (("福州市", (STATION, SOUTH)), ("厦门市", (XIAMEN,))):
        assert regions[region]["stations"] == len(members)
        for column, value in regions[region].items():
            if column != "stations":
                assert value == sum(stations[s][column] for s in members), (region, column)
    assert regions["福州市"]["need-done"] == 1 and regions["福州市"]["project-open"] == 1
    assert regions["福州市"]["units"] == 1 and regions["福州市"]["done-month"] == 1
    assert (regions["厦门市"]["need-open"], regions["厦门市"]["units"]) == (1, 1)
    assert desk.locator("#regions tr.region").count() == 2  # no station is in no region
    shot(desk, "lists-regions")

    desk.locator("#f-region").select_option("福州市")
    desk.locator("#f-apply").click()
    desk.wait_for_url(re.compile(r".*region=.*"))
    shown = desk.locator("#summary tr.station").evaluate_all(
        "rows => rows.map(r => r.dataset.station)"
    )
    assert sorted(shown) == sorted([STATION, SOUTH])
    assert desk.locator("#regions tr.region").count() == 1
    desk.goto(f"{hub.url}/centre/lists?lang=en")
    assert desk.locator("#regions-title").inner_text() == "By region"
    shot(desk, "lists-regions-en")

    # 人次 by region: 3 + 4 in 福州市, 5 in 厦门市, as the station bars.
    desk.goto(f"{hub.url}/centre/usage?lang=zh")
    bars = desk.locator("#chart-people-regions g.bar").evaluate_all(
        "gs => gs.map(g => [g.dataset.label, g.dataset.value])"
    )
    assert sorted(map(tuple, bars)) == [("厦门市", "5"), ("福州市", "7")]
    shot(desk, "usage-regions")

    # The figures CSV names each station's region (its last column).
    exported = desk.request.get(f"{hub.url}/centre/lists?format=csv&list=summary")
    lines = list(csv.reader(io.StringIO(exported.body().decode("utf-8-sig"))))
    assert lines[0][-1] == "region"
    assert {r[0]: r[-1] for r in lines[1:]} == stored

    # The same page on a phone: the tables scroll in their boxes, the page does not.
    phone.goto(f"{hub.url}/centre/login")
    phone.locator("#username").fill("boss")
    phone.locator("#password").fill(PASSWORD)
    phone.locator("#sign-in").click()
    phone.wait_for_url(re.compile(r".*/centre/$"))
    phone.goto(f"{hub.url}/centre/lists")
    fuzhou = _row(phone, '#regions tr.region[data-region="福州市"]', "stations")
    assert fuzhou == regions["福州市"]
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
    shot(phone, "lists-regions-phone")

    # A station admin sees the region and cannot set it.
    with httpx.Client(base_url=hub.url, timeout=30) as west:
        assert sign_in(west, "west", PASSWORD).status_code == 303
        page = west.get("/centre/")
        assert "片区：福州市" in page.text and "set-region-" not in page.text
        refused = west.post(
            f"/centre/stations/{STATION}/region", data={"csrf": csrf_of(page.text), "region": "X"}
        )
        assert refused.status_code == 403 and "只有中心管理员可以设置片区" in refused.text
