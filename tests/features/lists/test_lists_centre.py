"""The centre's lists over real HTTP against a real hub (SQLite): a member unit and its
resource recorded, a traveller's wish promoted from the ticket desk, a project opened and
completed; each bad form refused with its reason beside its field (zh and en) and nothing
written; the traveller's ticket page follows the project; CSV of each list; a station account
sees only its own stations; and a kiosk of the station pulls every entry."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from kiosk.hub_app import create_app
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.conftest import ADMIN_TOKEN, STATION, Hub, serve
from tests.platform.hub.test_web_centre import PASSWORD, csrf_of, signed_in

OTHER = "st-fuzhou-south"


@pytest.fixture
def centre(tmp_path: Path) -> Iterator[Hub]:
    settings = HubSettings(
        data_dir=tmp_path / "hub",
        database_url=f"sqlite:///{tmp_path / 'hub.sqlite3'}",
        admin_token=ADMIN_TOKEN,
    )
    app = create_app(settings)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        hub.create_station()
        hub.create_station(OTHER)
        accounts = app.state.account_service
        accounts.create("boss", PASSWORD, "centre", [])
        accounts.create("south", PASSWORD, "station", [OTHER])
        yield hub


def written(hub: Hub) -> int:
    with hub.app.state.database.read() as session:
        return int(session.scalar(select(func.count()).where(HubEvent.kind.like("lists.%"))) or 0)


def ticket_of(response: httpx.Response) -> str:
    assert response.status_code == 303, response.text
    found = re.search(r"/t/[^/]+/(\d{6})", response.headers["location"])
    assert found is not None
    return found.group(1)


def test_three_lists_at_the_centre_from_a_wish_to_a_completed_project(centre: Hub) -> None:
    hub = centre
    boss = signed_in(hub, "boss")
    page = boss.get(f"/centre/lists?station={STATION}")
    assert page.status_code == 200 and 'id="unit-form"' in page.text
    token = csrf_of(page.text)
    lists = "/centre/lists"

    def post(path: str, **form: str) -> httpx.Response:
        return boss.post(
            f"{path}?station={STATION}", data={"csrf": token, "station_id": STATION, **form}
        )

    # a member unit: bad input first, nothing written
    empty = post(f"{lists}/units", name="  ", contact_role="办公室")
    assert (
        empty.status_code == 422 and 'id="error-name"' in empty.text and "请填写此项" in empty.text
    )
    assert 'value="办公室"' in empty.text  # what was typed is kept
    english = boss.post(
        f"{lists}/units?station={STATION}&lang=en",
        data={"csrf": token, "station_id": STATION, "name": "x" * 61},
    )
    assert english.status_code == 422 and "At most 60 characters" in english.text
    boss.get("/centre/?lang=zh")
    assert post(f"{lists}/units", name="a\x00b").status_code == 422
    assert boss.post(f"{lists}/units", data={"station_id": STATION, "name": "x"}).status_code == 403
    assert written(hub) == 0
    unit = post(f"{lists}/units", name="市总工会", contact_role="办公室")
    assert unit.status_code == 200 and "已登记成员单位：市总工会" in unit.text
    again = post(f"{lists}/units", name="市总工会")
    assert again.status_code == 422 and "这个成员单位已登记" in again.text
    unit_id = re.search(r'<option value="([^"]+)" >市总工会', unit.text)
    assert unit_id is not None

    # its resource
    bad = post(
        f"{lists}/resources",
        unit_id=unit_id.group(1),
        kind="goods",
        description="矿泉水",
        quantity="二十",
    )
    assert bad.status_code == 422 and 'id="error-quantity"' in bad.text and "数量须为" in bad.text
    bad_kind = post(f"{lists}/resources", unit_id=unit_id.group(1), kind="cash", description="x")
    assert bad_kind.status_code == 422 and "请选择资源类别" in bad_kind.text
    no_unit = post(f"{lists}/resources", unit_id="nope", kind="goods", description="x")
    assert no_unit.status_code == 422 and 'id="error-unit_id"' in no_unit.text
    assert written(hub) == 1
    added = post(
        f"{lists}/resources",
        unit_id=unit_id.group(1),
        kind="goods",
        description="矿泉水",
        quantity="20",
        measure="箱",
    )
    assert added.status_code == 200 and "已登记资源：矿泉水" in added.text
    assert "20 箱" in added.text

    # a traveller's wish, promoted from the centre's ticket page
    wish = ticket_of(
        hub.client.post(f"/s/{STATION}/water/wish", data={"category": "rest", "text": "想要饮水点"})
    )
    desk = boss.get(f"/centre/tickets/{STATION}/{wish}")
    assert (
        desk.status_code == 200 and 'id="promote-form"' in desk.text and "列入需求清单" in desk.text
    )
    promoted = boss.post(
        f"{lists}/needs?station={STATION}",
        data={
            "csrf": token,
            "station_id": STATION,
            "ticket": wish,
            "title": "骑手需要饮水点",
            "back": f"/centre/tickets/{STATION}/{wish}?lang=zh",
        },
        follow_redirects=False,
    )
    assert promoted.status_code == 303
    desk = boss.get(promoted.headers["location"])
    assert 'id="promote-form"' not in desk.text and "已列入需求清单" in desk.text
    assert "骑手需要饮水点" in desk.text
    twice = post(f"{lists}/needs", ticket=wish, title="再列一次")
    assert twice.status_code == 422 and "这条心愿已在需求清单上" in twice.text
    unknown = post(f"{lists}/needs", ticket="999999", title="x")
    assert unknown.status_code == 422 and 'id="error-ticket"' in unknown.text
    typed = post(f"{lists}/needs", title="夜间休息场地")
    assert typed.status_code == 200 and "已列入需求清单：夜间休息场地" in typed.text
    assert written(hub) == 4

    # a project: bad dates, no need, then the real one
    need_ids = re.findall(r'name="need_([^"]+)"', typed.text)
    resource_ids = re.findall(r'name="resource_([^"]+)"', typed.text)
    assert len(need_ids) == 2 and len(resource_ids) == 1
    wish_need = re.search(r'name="need_([^"]+)"[^>]*> 骑手需要饮水点', typed.text)
    assert wish_need is not None
    dates = {"starts_on": "2026-11-10", "ends_on": "2026-11-01"}
    backwards = post(
        f"{lists}/projects",
        title="夏日送清凉",
        owner="李站长",
        **dates,
        **{f"need_{wish_need.group(1)}": "1"},
    )
    assert backwards.status_code == 422 and "结束日期不能早于开始日期" in backwards.text
    nothing = post(
        f"{lists}/projects",
        title="夏日送清凉",
        owner="李站长",
        starts_on="2026-11-01",
        ends_on="2026-11-30",
    )
    assert nothing.status_code == 422 and 'id="error-needs"' in nothing.text
    assert written(hub) == 4
    opened = post(
        f"{lists}/projects",
        title="夏日送清凉",
        owner="李站长",
        starts_on="2026-11-01",
        ends_on="2026-11-30",
        **{f"need_{wish_need.group(1)}": "1", f"resource_{resource_ids[0]}": "1"},
    )
    assert opened.status_code == 200 and "已新建项目：夏日送清凉" in opened.text

    phone = hub.client.get(f"/t/{STATION}/{wish}")
    assert phone.status_code == 200 and "项目进行中" in phone.text and "夏日送清凉" in phone.text
    assert "Project: in progress" in hub.client.get(f"/t/{STATION}/{wish}?lang=en").text

    project_id = re.search(r'data-project="([^"]+)"', opened.text)
    assert project_id is not None
    early = post(
        f"{lists}/projects/status", project_id=project_id.group(1), status="done", on="2026-10-01"
    )
    assert early.status_code == 422 and "日期不能早于项目开始日期" in early.text
    done = post(
        f"{lists}/projects/status",
        project_id=project_id.group(1),
        status="done",
        on="2026-11-15",
        note="送出 20 箱",
    )
    assert done.status_code == 200 and "已更改项目状态：夏日送清凉" in done.text
    cancel = post(
        f"{lists}/projects/status",
        project_id=project_id.group(1),
        status="cancelled",
        on="2026-11-16",
    )
    assert cancel.status_code == 422 and "已完成或已取消的项目不能再改状态" in cancel.text
    assert written(hub) == 6
    phone = hub.client.get(f"/t/{STATION}/{wish}?lang=zh")
    assert "项目已完成" in phone.text

    # the figures, per station and for all of them
    summary = boss.get("/centre/lists")
    row = summary.text.split(f'data-station="{STATION}"')[1].split("</tr>")[0]
    assert 'need-open">1<' in row and 'need-done">1<' in row and 'resource-goods">1<' in row
    assert 'project-done">1<' in row and 'id="totals"' in summary.text
    assert 'id="choose-station"' in summary.text and 'id="unit-form"' not in summary.text

    # CSV of each list
    exported = boss.get(f"{lists}?station={STATION}&format=csv&list=needs")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["station", "station_name", "need"]
    assert sorted((r[2], r[3], r[5]) for r in rows[1:]) == [
        ("夜间休息场地", "staff", "open"),
        ("骑手需要饮水点", "wish", "done"),
    ]
    projects = list(
        csv.reader(
            io.StringIO(
                boss.get(f"{lists}?station={STATION}&format=csv&list=projects").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert (
        projects[1][2] == "夏日送清凉"
        and projects[1][8] == "done"
        and projects[1][10] == "送出 20 箱"
    )
    resources = list(
        csv.reader(
            io.StringIO(boss.get(f"{lists}?format=csv&list=resources").content.decode("utf-8-sig"))
        )
    )
    assert resources[1][2:7] == ["市总工会", "goods", "矿泉水", "20", "箱"]
    assert boss.get(f"{lists}?format=csv&list=summary").status_code == 200

    # a station account: its own station only
    south = signed_in(hub, "south")
    assert south.get(f"{lists}?station={STATION}").status_code == 403
    south_token = csrf_of(south.get(lists).text)
    refused = south.post(
        f"{lists}/units", data={"csrf": south_token, "station_id": STATION, "name": "x"}
    )
    assert refused.status_code == 403 and written(hub) == 6

    # every entry is an event of the station's feed, pulled by its kiosks
    kiosk = hub.enrol("k-later")
    kinds = sorted(
        e["event"]["kind"] for e in kiosk.pull_all() if e["event"]["kind"].startswith("lists.")
    )
    assert kinds == [
        "lists.need_added",
        "lists.need_added",
        "lists.project_opened",
        "lists.project_status",
        "lists.resource_added",
        "lists.unit_added",
    ]
