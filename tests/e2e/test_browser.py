"""A real browser (Playwright + Debian's chromium) on the hub's pages: a phone opens a service
tile's QR target, orders help and lands on its ticket page, which a kiosk then receives through
sync; the rate-limit page; the centre signs in, filters a report and exports it, and sees a
station's stock and expiry alerts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk


def test_scan_target_order_help_ticket_page_and_kiosk(
    phone: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    kiosk = make_kiosk("south")
    phone.goto(f"{hub.url}/s/{STATION}/water")  # what the water tile's QR code holds
    assert phone.locator("h1").inner_text() == "免费饮水"
    assert "开放时间" in phone.locator("dl.facts").inner_text()
    phone.screenshot(path=str(tmp_path / "service-zh.png"), full_page=True)

    phone.get_by_role("link", name="English").click()
    assert phone.locator("h1").inner_text() == "Free water"
    phone.get_by_role("link", name="中文").click()

    phone.locator("#order-help").click()
    assert phone.locator("h1").inner_text() == "请志愿者帮忙"
    phone.get_by_label("行李搬运").check()
    phone.locator("input[name=train]").fill("g1234")
    phone.locator("input[name=phone]").fill("13812345678")
    phone.locator("textarea[name=text]").fill("两个大箱子")
    phone.locator("#consent").check()  # the notice for the phone number, agreed to
    phone.locator("#send").click()

    phone.wait_for_url(re.compile(rf".*/t/{STATION}/\d{{6}}\?lang=zh$"))
    ticket = phone.locator("#ticket").inner_text()
    assert re.fullmatch(r"[1-9]\d{5}", ticket)
    assert "等待接单" in phone.locator("#state").inner_text()
    assert phone.locator("#phone").inner_text() == "138****5678"
    assert "13812345678" not in phone.content()
    phone.screenshot(path=str(tmp_path / "ticket-zh.png"), full_page=True)

    assert kiosk.engine.sync_once().last_error is None
    with kiosk.services.database.read() as session:
        rows = session.execute(
            text("SELECT kiosk_id, payload FROM events WHERE kind = 'request.ordered'")
        ).all()
    [(author, payload)] = rows
    assert author == f"hub:{STATION}"
    stored = json.loads(payload)
    assert stored["ticket"] == ticket and stored["channel"] == "phone"
    assert stored["train"] == "G1234"


def test_a_form_mistake_is_shown_on_the_page(phone: Any, hub: HubServer) -> None:
    phone.goto(f"{hub.url}/s/{STATION}/water/wish?lang=en")
    phone.get_by_label("Work or training").check()
    phone.locator("textarea[name=text]").fill("   ")  # passes `required`, not the hub
    phone.locator("#send").click()
    assert phone.locator("#error-text").inner_text() == "Please write something"


def test_too_many_tickets_show_a_readable_page(phone: Any, tight_hub: HubServer) -> None:
    for _ in range(2):
        phone.goto(f"{tight_hub.url}/s/{STATION}/water/help")
        phone.get_by_label("问路引导").check()
        phone.locator("#send").click()
        phone.wait_for_url(re.compile(r".*/t/.*"))
    phone.goto(f"{tight_hub.url}/s/{STATION}/water/help")
    phone.get_by_label("问路引导").check()
    with phone.expect_response(re.compile(r".*/help\?lang=zh$")) as info:
        phone.locator("#send").click()
    assert info.value.status == 429
    assert phone.locator("#refused h2").inner_text() == "操作太频繁"  # on the kept form
    assert "分钟后再试" in phone.locator("main").inner_text()


def test_centre_signs_in_filters_and_exports(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    kiosk = make_kiosk("south")
    kiosk.services.uses.record("water", "rider", 3)
    kiosk.services.uses.record("water", "elderly", 2)
    kiosk.services.uses.record("transport", "courier", 1)
    assert kiosk.engine.sync_once().last_error is None
    create_account(hub, "boss", "centre", [])

    desk.goto(f"{hub.url}/centre/")
    assert desk.url.endswith("/centre/login")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill("wrong password")
    desk.locator("#sign-in").click()
    assert "用户名或密码不正确" in desk.locator("main").inner_text()
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    assert "福州北站" in desk.locator("main").inner_text()
    assert "在线" in desk.locator("table.kiosks").inner_text()

    desk.get_by_role("link", name="服务人次").click()
    desk.locator("#f-station").fill(STATION)
    desk.locator("#f-from").fill("2026-11-01")
    desk.locator("#f-to").fill("2026-11-30")
    desk.locator("#f-apply").click()
    desk.wait_for_url(re.compile(r".*/centre/usage\?station=.*"))
    assert desk.locator("#total").inner_text() == "6"
    desk.screenshot(path=str(tmp_path / "usage.png"), full_page=True)
    desk.locator("#f-from").fill("2026-12-01")
    desk.locator("#f-to").fill("2026-12-31")
    desk.locator("#f-apply").click()
    desk.wait_for_url(re.compile(r".*from=2026-12-01.*"))
    assert desk.locator("#total").inner_text() == "0"

    desk.locator("#f-from").fill("2026-11-01")
    desk.locator("#f-to").fill("2026-11-30")
    desk.locator("#f-apply").click()
    desk.wait_for_url(re.compile(r".*from=2026-11-01.*"))
    with desk.expect_download() as download:
        desk.locator("#csv").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert exported.splitlines()[0] == (
        "station,service,audience,people,records,station_name,service_name"
    )
    assert f"{STATION},water,rider,3,1" in exported

    desk.locator("#sign-out").click()
    desk.wait_for_url(re.compile(r".*/centre/login$"))
    desk.goto(f"{hub.url}/centre/usage")
    assert desk.url.endswith("/centre/login")


def test_centre_sees_a_stations_alerts(
    desk: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    """A kiosk's medicine box and umbrella shelf, synced to the hub, as the centre's alerts."""
    kiosk = make_kiosk("south")  # its clock: 2026-11-02; the hub's: now
    services = kiosk.services
    services.medicine.restock(services.duty.admin(), "plaster", "B7", date(2026, 11, 20), 30)
    services.lending.add_stock("umbrella", 1)
    services.lending.borrow_with_phone(
        "umbrella", "13800001111", consent=True
    )  # due back 2026-11-05
    assert kiosk.engine.sync_once().last_error is None
    create_account(hub, "boss", "centre", [])

    desk.goto(f"{hub.url}/centre/login?lang=en")
    desk.locator("#username").fill("boss")
    desk.locator("#password").fill(PASSWORD)
    desk.locator("#sign-in").click()
    desk.wait_for_url(re.compile(r".*/centre/$"))
    desk.get_by_role("link", name="Stock and expiry alerts").click()
    desk.wait_for_url(re.compile(r".*/centre/alerts$"))
    section = desk.locator(f"#alerts-{STATION}").inner_text()
    assert "Plasters (batch B7) has expired and is still in the box" in section
    assert "1 umbrella overdue (the first was due 2026-11-05)" in section
    assert "No umbrellas left" in section
    assert "13800001111" not in desk.content()
    assert desk.locator("#alert-summary td.bad").count() >= 2  # medicine and lending urgent
    desk.screenshot(path=str(tmp_path / "alerts.png"), full_page=True)
