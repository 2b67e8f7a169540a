"""The centre's forms that name a station — publish "for station", a new activity, a rota line —
with a province's 2,000 stations (#15): a box, not a 2,000-option select; a code or any part of
a name typed in it is resolved on submit and what is written is for that station; text several
stations share, or none, is a 422 naming the matches with what was typed kept, nothing written;
another's station is refused. An account of three stations keeps its select of three. Driven as
the centre's browser drives them (signed in, the forms' own fields); on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import insert, text

from kiosk.platform.hub.models import Station
from tests.platform.hub.conftest import STATION, Hub
from tests.platform.hub.test_web_centre import OTHER, PASSWORD, centre, csrf_of, signed_in  # noqa: F401

STATIONS = 2000
SOUTH = "st-fz-south"
FORMS = {
    "/centre/publish": "p-station",
    "/centre/activities": "a-station",
    "/centre/rota": "r-station",
}
BODY = '{"announcements": [{"id": "a1", "zh": "今晚有雨", "en": "Rain tonight"}]}'


def _province(hub: Hub) -> None:
    """2,000 stations named 测试0000站… and 福州南站, straight into the hub's table."""
    now = datetime(2026, 11, 1, tzinfo=UTC)
    rows: list[dict[str, Any]] = [
        {"id": f"st-{n:04d}", "name": f"测试{n:04d}站", "name_en": None, "created_at": now}
        for n in range(STATIONS)
    ]
    rows.append({"id": SOUTH, "name": "福州南站", "name_en": None, "created_at": now})
    with hub.app.state.database.engine.begin() as connection:
        connection.execute(insert(Station), rows)


def _written(hub: Hub) -> dict[str, list[tuple[str, str | None]]]:
    """What the forms write, read back by SQL: activities and rota lines (events) and
    announcements (publications), each as (kind, station)."""
    with hub.app.state.database.engine.connect() as connection:
        events = connection.execute(
            text(
                "SELECT kind, station_id FROM events WHERE kind IN "
                "('activity.created', 'rota.shift_set', 'rota.pattern_set') ORDER BY hub_seq"
            )
        ).all()
        published = connection.execute(
            text("SELECT kind, station_id FROM config_items WHERE kind = 'announcements'")
        ).all()
    return {
        "events": [(k, s) for k, s in events],
        "published": [(k, s) for k, s in published],
    }


def _number_at(hub: Hub, station: str) -> str:
    """A volunteer added on the centre's own form at `station`; their number."""
    boss = signed_in(hub, "boss")
    url = f"/centre/volunteers?station={station}"
    token = csrf_of(boss.get(url).text)
    added = boss.post(url, data={"csrf": token, "name": "王芳", "phone": "13912340001"})
    assert added.status_code == 200, added.text
    found = re.search(r'<tr class="volunteer" data-number="([^"]+)">', boss.get(url).text)
    assert found is not None
    return found.group(1)


def _activity(token: str, station: str) -> dict[str, str]:
    tomorrow = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    return {
        "csrf": token,
        "station_id": station,
        "kind": "meeting",
        "title": "联盟季度例会",
        "place": "二楼会议室",
        "day": tomorrow,
        "starts": "10:00",
        "ends": "11:00",
        "invited": "",
    }


def _rota(token: str, station: str, number: str) -> dict[str, str]:
    tomorrow = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    return {
        "csrf": token,
        "station_id": station,
        "kind": "once",
        "number": number,
        "day": tomorrow,
        "starts": "14:00",
        "ends": "18:00",
        "until": "",
    }


def _field(page: str, field_id: str) -> str:
    """The station field's element (`<select …>` or `<input …>`) on a page."""
    found = re.search(rf'<(select|input)[^>]*id="{field_id}"[^>]*>', page)
    assert found is not None, field_id
    return found.group(0)


def _publish(client: httpx.Client, typed: str) -> httpx.Response:
    """Choose "for station" by typing `typed` and open the form (JSON mode), then publish with
    the station the opened form carries."""
    opened = client.get(
        "/centre/publish", params={"kind": "announcements", "to": typed, "mode": "json"}
    )
    if opened.status_code != 200:
        return opened
    carried = re.search(r'id="p-form">.*?name="station" value="([^"]*)"', opened.text, re.S)
    assert carried is not None
    form = {
        "csrf": csrf_of(opened.text),
        "kind": "announcements",
        "station": carried.group(1),
        "mode": "json",
        "body": BODY,
        "step": "publish",
    }
    return client.post("/centre/publish", data=form)


def test_forms_find_a_station_among_two_thousand_by_part_of_its_name(
    centre: Hub,  # noqa: F811
) -> None:
    _province(centre)
    number = _number_at(centre, SOUTH)
    boss = signed_in(centre, "boss")
    for path, field_id in FORMS.items():
        page = boss.get(path)
        assert page.status_code == 200
        assert page.text.count("<option") < 50, path  # not the province's 2,000
        field = _field(page.text, field_id)
        assert field.startswith("<input") and 'type="search"' in field, path
    assert 'id="p-open-all"' in boss.get("/centre/publish").text  # every station: a button
    before = _written(centre)
    assert before == {"events": [], "published": []}

    # Typed as part of a name: stored for that station.
    published = _publish(boss, "福州南")
    assert published.status_code == 200 and "第 1 版" in published.text, published.text
    token = csrf_of(boss.get("/centre/activities").text)
    made = boss.post("/centre/activities", data=_activity(token, "福州南"))
    assert made.status_code == 200 and "已新建：联盟季度例会" in made.text, made.text
    added = boss.post("/centre/rota", data=_rota(token, "福州南", number))
    assert added.status_code == 200 and "已排班" in added.text, added.text
    # A code still works as it is.
    coded = boss.post("/centre/activities", data=_activity(token, "st-1234"))
    assert coded.status_code == 200
    stored = _written(centre)
    assert stored["published"] == [("announcements", SOUTH)]
    assert stored["events"] == [
        ("activity.created", SOUTH),
        ("rota.shift_set", SOUTH),
        ("activity.created", "st-1234"),
    ]

    # Several stations hold the text, or none: 422 naming them, what was typed kept, nothing
    # written.
    for typed, said in (
        ("测试12", "有 100 个站点包含“测试12”"),
        ("上海", "没有名称或编码包含“上海”的站点"),
    ):
        refused = _publish(boss, typed)
        assert refused.status_code == 422 and said in refused.text, typed
        for path, form in (
            ("/centre/activities", _activity(token, typed)),
            ("/centre/rota", _rota(token, typed, number)),
        ):
            answer = boss.post(path, data=form)
            assert answer.status_code == 422 and said in answer.text, (path, typed)
            assert f'value="{typed}"' in _field(answer.text, FORMS[path])  # kept to mend
        if typed == "测试12":
            assert "测试1200站 (st-1200)" in refused.text
    assert _written(centre) == stored


def test_anothers_station_is_refused_by_code_and_not_found_by_name(centre: Hub) -> None:  # noqa: F811
    _province(centre)
    west = signed_in(centre, "west")  # sees STATION only
    token = csrf_of(west.get("/centre/activities").text)
    by_code = west.post("/centre/activities", data=_activity(token, SOUTH))
    assert by_code.status_code == 403
    by_name = west.post("/centre/activities", data=_activity(token, "福州南"))
    assert by_name.status_code == 422 and "没有名称或编码包含“福州南”的站点" in by_name.text
    assert west.get("/centre/publish", params={"to": SOUTH}).status_code == 403
    # "北京西" is both STATION's and OTHER's name: west sees only its own, so it is found.
    mine = west.post("/centre/activities", data=_activity(token, "北京西"))
    assert mine.status_code == 200, mine.text
    assert _written(centre)["events"] == [("activity.created", STATION)]


def test_an_account_of_three_stations_keeps_its_select(centre: Hub) -> None:  # noqa: F811
    _province(centre)
    centre.app.state.account_service.create(
        "fuzhou", PASSWORD, "station", [SOUTH, "st-0001", "st-0002"]
    )
    fuzhou = signed_in(centre, "fuzhou")
    for path, field_id in FORMS.items():
        page = fuzhou.get(path).text
        assert _field(page, field_id).startswith("<select"), path
        chosen = re.search(rf'id="{field_id}".*?</select>', page, re.S)
        assert chosen is not None
        offered = re.findall(r'<option value="(st-[^"]+)"', chosen.group(0))
        assert sorted(offered) == ["st-0001", "st-0002", SOUTH], path
    token = csrf_of(fuzhou.get("/centre/activities").text)
    made = fuzhou.post("/centre/activities", data=_activity(token, "st-0002"))
    assert made.status_code == 200
    assert _written(centre)["events"] == [("activity.created", "st-0002")]
