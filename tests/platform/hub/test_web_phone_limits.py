"""Rate limits that do not punish a crowded station, over real HTTP against a real hub:
a phone's allowance follows its device cookie, its address's is much looser (station Wi-Fi,
carrier NAT), a form sent back with mistakes costs nothing, and a refused form comes back with
what was typed and when to try again, in words."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_i18n import wait_words
from tests.platform.hub.conftest import ADMIN_TOKEN, STATION, Hub

PAGE = f"/s/{STATION}/water"


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> HubSettings:
    """Three tickets per phone, ten per address, then a long wait."""
    return HubSettings(
        data_dir=tmp_path / "hub",
        database_url=database_url,
        admin_token=ADMIN_TOKEN,
        pool_size=5,
        web_submit_burst=3,
        web_submit_per_hour=1,
        web_submit_address_burst=10,
        web_submit_address_per_hour=1,
    )


def events(hub: Hub) -> int:
    return int(hub.app.state.admin_service.status().events)


def a_phone(hub: Hub) -> httpx.Client:
    """Another phone behind the same address: its own cookie jar, its first page view."""
    phone = httpx.Client(base_url=str(hub.client.base_url), timeout=30)
    assert phone.get(f"{PAGE}/help").status_code == 200
    assert "device" in phone.cookies
    return phone


def test_mistakes_cost_nothing_and_one_phone_does_not_lock_out_the_next(hub: Hub) -> None:
    first = a_phone(hub)
    for _ in range(2):  # two forms sent back with mistakes
        bad = first.post(f"{PAGE}/help", data={"category": "directions", "train": "no"})
        assert bad.status_code == 422
    for _ in range(3):
        assert first.post(f"{PAGE}/help", data={"category": "directions"}).status_code == 303
    assert events(hub) == 3
    # the first phone has used its three; the next phone at the same address has not
    refused = first.post(f"{PAGE}/help", data={"category": "directions"})
    assert refused.status_code == 429
    second = a_phone(hub)
    made = second.post(f"{PAGE}/help", data={"category": "luggage"})
    assert made.status_code == 303
    assert events(hub) == 4
    first.close()
    second.close()


def test_a_refused_form_keeps_what_was_typed_and_says_when(hub: Hub) -> None:
    phone = a_phone(hub)
    for _ in range(3):
        assert phone.post(f"{PAGE}/wish", data={"category": "job", "text": "x"}).status_code == 303
    refused = phone.post(
        f"{PAGE}/wish",
        data={
            "category": "job",
            "text": "想找一份送餐的工作",
            "phone": "13800001111",
            "consent": "1",
        },
    )
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 1000
    assert "请 60 分钟后再试" in refused.text and "您填写的内容已保留" in refused.text
    assert "想找一份送餐的工作</textarea>" in refused.text
    assert 'value="13800001111"' in refused.text
    assert re.search(r'value="job"\s+checked', refused.text)
    assert events(hub) == 3
    en = phone.post(f"{PAGE}/wish?lang=en", data={"category": "job", "text": "a job"})
    assert en.status_code == 429 and "please try again in 60 minutes." in en.text
    phone.close()


def test_phones_without_their_cookie_share_the_address_allowance(hub: Hub) -> None:
    """A client that never sends its cookie back gains nothing: each post is "a cookie-less
    phone at this address", one strict bucket for all of them."""
    codes = []
    for _ in range(4):
        with httpx.Client(base_url=str(hub.client.base_url), timeout=30) as fresh:
            codes.append(fresh.post(f"{PAGE}/help", data={"category": "directions"}).status_code)
    assert codes == [303, 303, 303, 429]


def test_the_address_limit_still_holds(hub: Hub) -> None:
    phones = [a_phone(hub) for _ in range(4)]
    codes = [
        phone.post(f"{PAGE}/help", data={"category": "directions"}).status_code
        for phone in phones
        for _ in range(3)
    ]
    assert codes.count(303) == 10 and codes[-2:] == [429, 429]
    assert events(hub) == 10
    for phone in phones:
        phone.close()


@pytest.mark.parametrize(
    ("seconds", "zh", "en"),
    [
        (0.2, "1 秒", "1 second"),
        (45, "45 秒", "45 seconds"),
        (61, "2 分钟", "2 minutes"),
        (120, "2 分钟", "2 minutes"),
        (90 * 60 + 1, "2 小时", "2 hours"),
        (3600 * 1.5, "90 分钟", "90 minutes"),
    ],
)
def test_waits_in_words(seconds: float, zh: str, en: str) -> None:
    assert wait_words(seconds, "zh") == zh
    assert wait_words(seconds, "en") == en
