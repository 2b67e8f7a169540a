"""Consent on the traveller's phone pages in a real browser (Playwright + Debian's chromium):
a phone number is refused with a clear field error until the notice's box is ticked, and nothing
is written; ticked, the ticket shows the phone masked and the hub holds it only sealed."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from tests.e2e.test_phone_pages import small_targets
from tests.platform.sync.conftest import STATION, HubServer

PHONE = "13812345678"


def hub_events(hub: HubServer) -> list[str]:
    engine = create_engine(hub.settings.resolved_database_url())
    try:
        with engine.connect() as conn:
            return list(conn.execute(text("SELECT CAST(payload AS TEXT) FROM events")).scalars())
    finally:
        engine.dispose()


def test_the_help_form_needs_the_box_ticked_for_a_phone(
    phone: Any, hub: HubServer, tmp_path: Path
) -> None:
    shots = Path(os.environ.get("PHONE_SHOTS") or tmp_path)
    phone.goto(f"{hub.url}/s/{STATION}/water/help")
    notice = phone.locator("#consent-label").inner_text()
    assert "加密保存" in notice and "180 天" in notice and "申请提前删除" in notice
    phone.get_by_label("问路引导").check()
    phone.locator("input[name=phone]").fill(PHONE)
    with phone.expect_response(re.compile(r".*/help\?lang=zh$")) as sent:
        phone.locator("#send").click()
    assert sent.value.status == 422
    assert phone.locator("#error-consent").inner_text() == "留下手机号前，请勾选同意上面的说明"
    assert phone.locator("input[name=phone]").input_value() == PHONE  # kept, not lost
    assert hub_events(hub) == []  # nothing written
    assert small_targets(phone) == []
    phone.screenshot(path=str(shots / "help-consent-zh.png"), full_page=True)
    phone.locator("#consent").check()
    with phone.expect_response(re.compile(r".*/help\?lang=zh$")) as sent:
        phone.locator("#send").click()
    assert sent.value.status == 303
    phone.wait_for_url(re.compile(r".*/t/.*"))
    assert phone.locator("#phone").inner_text() == "138****5678"
    (payload,) = hub_events(hub)
    assert PHONE not in payload and '"consent": 1' in payload.replace('"consent":1', '"consent": 1')


def test_the_english_wish_form_says_it_in_english(phone: Any, hub: HubServer) -> None:
    phone.goto(f"{hub.url}/s/{STATION}/water/wish?lang=en")
    phone.get_by_label("Work or training").check()
    phone.locator("textarea[name=text]").fill("a delivery job")
    phone.locator("input[name=phone]").fill(PHONE)
    phone.locator("#send").click()
    assert "tick the box to agree" in phone.locator("#error-consent").inner_text()
    assert hub_events(hub) == []
    phone.locator("#consent").check()
    phone.locator("#send").click()
    phone.wait_for_url(re.compile(r".*/t/.*\?lang=en$"))
    assert phone.locator("#phone").inner_text() == "138****5678"
