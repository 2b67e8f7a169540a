"""What the centre does to a ticket reaches the kiosk's screens after a sync: a traveller types
the ticket at the kiosk's lookup and reads the centre's answer to their wish, or sees that
their request was closed (a real hub on loopback, the centre signed in over HTTP, the kiosk's
real window)."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
from pytestqt.qtbot import QtBot

from kiosk.shell.main_window import MainWindow
from tests.e2e.conftest import PASSWORD, create_account
from tests.features.requests.test_requests import tile
from tests.features.volunteers.test_badges_across_kiosks import window_of
from tests.kiosk_fixtures import tap, type_digits, visible_text
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

ANSWER = "二楼服务台每天 9 点发布招聘信息。"


def centre(hub: HubServer) -> tuple[httpx.Client, str]:
    """A centre admin's browser, signed in, and its CSRF token."""
    create_account(hub, "boss", "centre", [])
    client = httpx.Client(base_url=hub.url, timeout=30)
    form = client.get("/centre/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None
    signed = client.post(
        "/centre/login",
        data={"csrf": token.group(1), "username": "boss", "password": PASSWORD},
    )
    assert signed.status_code == 303
    page = client.get("/centre/tickets")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf is not None
    return client, csrf.group(1)


def look_up(qtbot: QtBot, window: MainWindow, ticket: str) -> str:
    """At the kiosk: 请志愿者帮忙 → 查询单号 → the six digits → OK; what the screen shows."""
    window.go_home()
    tap(qtbot, tile(window, "volunteer_help"))  # type: ignore[arg-type]
    tap(qtbot, window.flow("requests").categories.lookup_button)
    lookup = window.flow("requests").lookup
    type_digits(qtbot, lookup, ticket)
    tap(qtbot, lookup.keypad.ok_button)
    return visible_text(window)


def test_the_centres_answer_and_close_show_at_the_kiosk_lookup(
    qtbot: QtBot, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    kiosk = make_kiosk("south")
    wish = kiosk.services.wishes.submit("job", "想找一份工作")
    request = kiosk.services.requests.order("luggage")
    assert kiosk.engine.sync_once().last_error is None
    client, csrf = centre(hub)
    try:
        base = f"/centre/tickets/{STATION}"
        answered = client.post(
            f"{base}/{wish.ticket}/answer", data={"csrf": csrf, "answer": ANSWER}
        )
        assert answered.status_code == 200
        closed = client.post(
            f"{base}/{request.ticket}/close", data={"csrf": csrf, "reason": "重复提交"}
        )
        assert closed.status_code == 200
    finally:
        client.close()
    assert kiosk.engine.sync_once().last_error is None
    with window_of(qtbot, kiosk) as window:
        shown = look_up(qtbot, window, wish.ticket)
        assert ANSWER in shown and "已答复" in shown
        shown = look_up(qtbot, window, request.ticket)
        assert "已取消" in shown
        assert request.ticket not in [v.ticket for v in kiosk.services.requests.open_requests()]
