"""The ticket's phone pages and every web error page, over real HTTP against a real hub:
error pages with a way back and the language switch, English pages in English (the station's
English name), field errors tied to their inputs, and a traveller cancelling or rating a
request from the ticket page (hub-authored events the kiosks pull), nothing written on refusal."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx

from tests.platform.hub.conftest import STATION, Hub, wire_event

PAGE = f"/s/{STATION}/water"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def events(hub: Hub) -> int:
    return int(hub.app.state.admin_service.status().events)


def order(hub: Hub, **fields: str) -> str:
    hub.client.get(f"{PAGE}/help")  # the phone's cookie
    response = hub.client.post(f"{PAGE}/help", data={"category": "luggage", **fields})
    assert response.status_code == 303, response.text
    found = re.fullmatch(rf"/t/{STATION}/(\d{{6}})\?lang=zh", response.headers["location"])
    assert found is not None
    return found.group(1)


def name_station(hub: Hub, name_en: str | None) -> None:
    response = hub.client.put(
        f"/v1/admin/stations/{STATION}/names",
        json={"name": "北京西站", "name_en": name_en},
        headers=hub.admin,
    )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "station_id": STATION,
        "name": "北京西站",
        "name_en": name_en,
        "region": "",  # renaming keeps the station's region (none here)
    }


def visible(html: str) -> str:
    """The page's text as a reader sees it (tags and the <title> aside)."""
    body = html.split("<body", 1)[1]
    return re.sub(r"<[^>]+>", " ", body)


def test_error_pages_have_a_way_back_and_the_language_switch(hub: Hub) -> None:
    missing = hub.client.get(f"/t/{STATION}/123456")
    assert missing.status_code == 404 and "找不到该单号" in missing.text
    assert f'id="back" href="/t/{STATION}?lang=zh"' in missing.text
    assert f'href="/t/{STATION}/123456?lang=en"' in missing.text  # the switch
    back = hub.client.get(f"/t/{STATION}?lang=zh")
    assert back.status_code == 200 and "查询单号" in back.text

    en = hub.client.get(f"/t/{STATION}/123456?lang=en")
    assert en.status_code == 404 and "No such ticket" in en.text
    assert not CJK.search(visible(en.text).replace("中文", ""))

    form_404 = hub.client.get(f"/s/{STATION}/no-such-service/help?lang=en")
    assert form_404.status_code == 404 and "Page not found" in form_404.text
    assert f'href="/s/{STATION}/no-such-service?lang=en"' in form_404.text
    bad_path = hub.client.get(f"/t/{STATION}/12ab")  # the path's pattern: a 404 page
    assert bad_path.status_code == 404 and f'href="/t/{STATION}?lang=zh"' in bad_path.text
    unknown = hub.client.get("/t/no-such-station/123456?lang=en")
    assert unknown.status_code == 404 and "Page not found" in unknown.text
    assert 'href="/t/no-such-station?lang=en"' in unknown.text
    assert hub.client.get("/t/no-such-station?lang=en").status_code == 200  # the way back opens


def test_a_forbidden_centre_page_leads_back_to_the_centre(hub: Hub) -> None:
    refused = hub.client.post("/centre/login?lang=en", data={"csrf": "x"})
    assert refused.status_code == 403
    assert 'id="back" href="/centre/?lang=en"' in refused.text
    assert 'href="/centre/login?lang=zh"' in refused.text


def test_english_pages_are_english_with_the_stations_english_name(hub: Hub) -> None:
    ticket = order(hub, train="G1234", departs="14:30", text="两个大箱子")
    before = hub.client.get(f"/t/{STATION}/{ticket}?lang=en")
    assert "北京西站" in before.text  # no English name yet: the Chinese one
    name_station(hub, "Beijing West")
    for path in (PAGE, f"{PAGE}/help", f"{PAGE}/wish", f"/t/{STATION}", f"/t/{STATION}/{ticket}"):
        page = hub.client.get(path, params={"lang": "en"})
        assert page.status_code == 200, path
        assert "Beijing West" in page.text and "北京西站" not in page.text, path
        text = visible(page.text).replace("中文", "").replace("两个大箱子", "")
        assert not CJK.search(text), (path, CJK.findall(text))
    ticket_page = hub.client.get(f"/t/{STATION}/{ticket}?lang=en").text
    assert "Status: Waiting" in ticket_page and "：" not in ticket_page
    zh = hub.client.get(f"/t/{STATION}/{ticket}?lang=zh").text
    assert "北京西站" in zh and "当前状态：等待接单" in zh
    name_station(hub, None)  # cleared: the Chinese name again
    assert "北京西站" in hub.client.get(f"{PAGE}?lang=en").text


def test_field_errors_are_tied_to_their_inputs(hub: Hub) -> None:
    hub.client.get(f"{PAGE}/help")
    sent = hub.client.post(f"{PAGE}/help", data={"train": "no", "departs": "25:99"})
    assert sent.status_code == 422
    for name in ("train", "departs"):
        field = re.search(rf'<input name="{name}"[^>]*>', sent.text)
        assert field is not None
        assert 'aria-invalid="true"' in field.group(0)
        assert f'aria-describedby="error-{name}"' in field.group(0)
        assert f'id="error-{name}"' in sent.text
    phone = re.search(r'<input name="phone"[^>]*>', sent.text)
    assert phone is not None and "aria-invalid" not in phone.group(0)
    assert 'aria-describedby="error-category"' in sent.text  # the unchosen radio group
    look_up = hub.client.get(f"/t/{STATION}", params={"ticket": "12"})
    assert look_up.status_code == 422 and 'aria-describedby="error-ticket"' in look_up.text
    found = hub.client.get(f"/t/{STATION}", params={"ticket": " 123456 ", "lang": "en"})
    assert found.status_code == 303
    assert found.headers["location"] == f"/t/{STATION}/123456?lang=en"


def test_the_departure_entered_is_shown_back(hub: Hub) -> None:
    ticket = order(hub, departs="23:59")
    page = hub.client.get(f"/t/{STATION}/{ticket}").text
    departs = re.search(r'<dd id="departs">([^<]+)</dd>', page)
    assert departs is not None and departs.group(1).endswith("23:59")


def test_a_traveller_cancels_a_request_once(hub: Hub) -> None:
    ticket = order(hub)
    base = f"/t/{STATION}/{ticket}"
    page = hub.client.get(base).text
    assert f'id="cancel" href="{base}/cancel?lang=zh"' in page
    confirm = hub.client.get(f"{base}/cancel")
    assert confirm.status_code == 200 and "取消这次求助？" in confirm.text
    done = hub.client.post(f"{base}/cancel?lang=zh")
    assert done.status_code == 303 and done.headers["location"] == f"{base}?lang=zh"
    after = hub.client.get(base).text
    assert "当前状态：已取消" in after and 'id="cancel"' not in after
    stored = events(hub)
    again = hub.client.post(f"{base}/cancel?lang=en")
    assert again.status_code == 409 and "cannot be cancelled" in again.text
    assert f'id="back" href="{base}?lang=en"' in again.text
    assert events(hub) == stored
    assert hub.client.get(f"{base}/cancel").status_code == 303  # nothing left to confirm
    missing = hub.client.post(f"/t/{STATION}/999999/cancel")
    assert missing.status_code == 404


def test_a_traveller_rates_a_done_request(hub: Hub) -> None:
    ticket = order(hub)
    base = f"/t/{STATION}/{ticket}"
    early = hub.client.post(f"{base}/rate", data={"rating": "good"})
    assert early.status_code == 409 and "服务完成后才能评价" in early.text
    assert 'id="rate"' not in hub.client.get(base).text

    # a kiosk of the station accepts and completes it
    kiosk = hub.enrol("k-south")
    pulled = kiosk.pull_all()
    [ordered] = [e["event"] for e in pulled if e["event"]["kind"] == "request.ordered"]
    request_id = ordered["payload"]["request_id"]
    now = datetime.now(UTC)
    done = [
        wire_event(
            "k-south",
            seq,
            kind=kind,
            payload={"request_id": request_id, "volunteer_id": "v-1"},
            occurred_at=now,
        )
        for seq, kind in ((1, "request.accepted"), (2, "request.completed"))
    ]
    assert kiosk.push(done).status_code == 200
    page = hub.client.get(base).text
    assert "当前状态：已完成" in page and 'id="rate-good"' in page

    stored = events(hub)
    nothing = hub.client.post(f"{base}/rate", data={"rating": "great"})
    assert nothing.status_code == 422 and 'id="error-rating"' in nothing.text
    assert events(hub) == stored
    rated = hub.client.post(f"{base}/rate?lang=en", data={"rating": "ok"})
    assert rated.status_code == 303
    en = hub.client.get(f"{base}?lang=en").text
    assert "Your rating: OK. Thank you!" in en and 'id="rate"' not in en
    [event] = [e["event"] for e in kiosk.pull_all() if e["event"]["kind"] == "request.rated"]
    assert event["payload"] == {"request_id": request_id, "rating": "ok"}
    assert event["actor"] == "phone" and event["kiosk_id"] == f"hub:{STATION}"
    twice = hub.client.post(f"{base}/rate?lang=zh", data={"rating": "bad"})
    assert twice.status_code == 409 and "已经评价过了" in twice.text
    assert events(hub) == stored + 1


def test_ticket_actions_are_limited_per_ticket(hub: Hub) -> None:
    """Acting on one ticket spends from that ticket's bucket, whoever sends it."""
    ticket = order(hub)
    base = f"/t/{STATION}/{ticket}"
    codes = []
    for _ in range(7):
        with httpx.Client(base_url=str(hub.client.base_url), timeout=30) as phone:
            codes.append(phone.post(f"{base}/rate", data={"rating": "good"}).status_code)
    assert codes == [409] * 6 + [429]  # the default: 6 at once
