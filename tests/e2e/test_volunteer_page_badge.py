"""Opening one's own page by scanning the badge: the admin prints 王芳's badge at a kiosk that
syncs with a hub; its QR (read back from the printed card with zxing, as a phone's camera reads
it) is her page's link with her number filled in, so the phone asks only for her PIN; the same
QR still checks her in at the kiosk's scanner. The badge's token after "#" never reaches the
hub (a browser does not send the fragment)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import zxingcpp
from PIL import Image

from kiosk.features.admin.domain import AdminAccount, Role
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PIN = "2468"
ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)


def test_the_badge_qr_opens_her_page_with_her_number_filled_in(
    phone: Any, make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    kiosk = make_kiosk("south")
    services = kiosk.services
    wang = services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    assert kiosk.engine.sync_once().last_error is None
    services.refresh_config()  # what the running kiosk does after a pull
    printed = services.management.print_badge(ADMIN, wang.id)
    [found] = zxingcpp.read_barcodes(Image.open(printed.path))
    link = found.text
    assert link == printed.token
    assert link.startswith(f"{hub.url}/v/{STATION}?n=FZB-0001#SKB2.")
    assert kiosk.engine.sync_once().last_error is None

    seen: list[str] = []
    phone.on("request", lambda request: seen.append(request.url))
    phone.goto(link)
    assert phone.locator("#number").input_value() == "FZB-0001"
    phone.locator("#pin").fill(PIN)  # only the PIN
    phone.locator("#open").click()
    phone.wait_for_url(re.compile(r".*/v/.*/me.*"))
    assert "王芳" in phone.locator("h1").inner_text()
    assert not any("SKB2" in url for url in seen)  # the fragment stays in the phone

    result = services.shifts.scan_badge(link)  # the kiosk's scanner reads the same QR
    assert result.volunteer.id == wang.id and result.action == "check_in"

    phone.locator("#sign-out").click()
    phone.goto(f"{hub.url}/v/{STATION}?n=%3Cb%3E")  # nothing odd is filled in or run
    assert phone.locator("#number").input_value() in ("", "<b>")
