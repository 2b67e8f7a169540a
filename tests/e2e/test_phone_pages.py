"""The traveller's phone pages in a real browser (Playwright + Debian's chromium) at 390×844:
a crowded station's phones do not lock each other out, a refused form keeps what was typed,
error pages have a way back and a language switch, English pages are English, touch targets
are at least 44 px, and a request is cancelled or rated from its ticket page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.platform.sync.conftest import STATION, HubServer

SHOTS = "phone-shots"


@pytest.fixture
def phones(browser: Any) -> Iterator[Any]:
    """Make more phones (each its own cookie jar), all at the same address (loopback)."""
    contexts: list[Any] = []

    def make(locale: str = "zh-CN") -> Any:
        context = browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale=locale,
            extra_http_headers={"Accept-Language": f"{locale},en;q=0.5"},
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def order_help(phone: Any, url: str, *, train: str = "", text: str = "") -> int:
    """Fill the help form as a traveller does; the status the send got."""
    phone.goto(f"{url}/s/{STATION}/water/help")
    phone.get_by_label("问路引导").check()
    if train:
        phone.locator("input[name=train]").fill(train)
    if text:
        phone.locator("textarea[name=text]").fill(text)
    with phone.expect_response(re.compile(r".*/help\?lang=zh$")) as sent:
        phone.locator("#send").click()
    status: int = sent.value.status
    return status


def test_mistakes_and_tickets_at_one_address_do_not_lock_out_a_fourth_phone(
    phones: Any, hub: HubServer
) -> None:
    """Station Wi-Fi: every phone has the same address. Two forms sent back with mistakes and
    three tickets used the address's whole allowance before; the fourth phone got a 429."""
    first, second, third, fourth = (phones() for _ in range(4))
    assert order_help(first, hub.url, train="火车") == 422
    assert first.locator("#error-train").inner_text() == "车次格式如 G1234"
    first.locator("input[name=train]").fill("G1234")
    with first.expect_response(re.compile(r".*/help\?lang=zh$")) as sent:
        first.locator("#send").click()
    assert sent.value.status == 303
    assert order_help(second, hub.url, train="??") == 422
    second.locator("input[name=train]").fill("")
    second.locator("#send").click()
    second.wait_for_url(re.compile(r".*/t/.*"))
    assert order_help(third, hub.url) == 303
    assert order_help(fourth, hub.url, text="我在北出口") == 303
    assert re.fullmatch(r"[1-9]\d{5}", fourth.locator("#ticket").inner_text())


def test_a_refused_form_keeps_the_typed_text(phone: Any, tight_hub: HubServer) -> None:
    for _ in range(2):
        assert order_help(phone, tight_hub.url) == 303
    assert order_help(phone, tight_hub.url, train="D6501", text="两个大箱子，在 2 号口") == 429
    assert phone.locator("h2").first.inner_text() == "操作太频繁"
    assert "请 60 分钟后再试" in phone.locator("#retry").inner_text()
    assert phone.locator("textarea[name=text]").input_value() == "两个大箱子，在 2 号口"
    assert phone.locator("input[name=train]").input_value() == "D6501"
    assert phone.get_by_label("问路引导").is_checked()
