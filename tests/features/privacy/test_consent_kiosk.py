"""Consent at the kiosk, as a traveller taps it: the phone page shows the notice (what, why,
how long, who to ask); OK without the tap to agree is refused with a clear message in both
languages and nothing is kept; after the tap the request carries the consent and the phone is
stored sealed. The same page serves wishes."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import tap, type_digits, visible_text

Kiosk = tuple[MainWindow, KioskServices]
PHONE = "13912345678"


def event_count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def test_a_phone_needs_the_tap_to_agree(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    flow = window.flow("requests")
    flow.open()
    tap(qtbot, flow.categories.tiles["luggage"])
    tap(qtbot, flow.details.field_buttons["phone"])
    page = flow.phone
    assert window.current_page() is page
    shown = visible_text(window)
    assert "180" in shown and "加密" in shown and "删除" in shown  # what, how, how long, ask
    assert page.agree_button.height() >= 72
    before = event_count(services)
    type_digits(qtbot, page, PHONE)
    tap(qtbot, page.keypad.ok_button)  # not agreed: refused, the digits stay
    assert window.current_page() is page
    shown = visible_text(window)
    assert "请阅读说明并点“同意”" in shown and "tap Agree" in shown
    assert page.keypad.value == PHONE and event_count(services) == before
    tap(qtbot, page.agree_button)
    assert page.agreed and "我已阅读说明并同意" in page.agree_button.text()
    tap(qtbot, page.keypad.ok_button)
    assert window.current_page() is flow.details
    assert "139****5678" in flow.details.field_buttons["phone"].text()
    with qtbot.wait_signal(window.data_changed, timeout=2000):
        tap(qtbot, flow.details.send_button)
    (view,) = services.requests.open_requests()
    assert view.masked_phone == "139****5678"
    with services.database.read() as session:
        payload = session.scalars(
            select(EventRow.payload).where(EventRow.kind == "request.ordered")
        ).one()
    assert '"consent":1' in payload and PHONE not in payload
    db = Path(str(services.database.engine.url.database))
    for part in (db, db.with_name(db.name + "-wal")):
        assert not part.exists() or PHONE.encode() not in part.read_bytes()


def test_the_wish_phone_page_asks_too_and_forgets_the_tap(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    flow = window.flow("wishes")
    flow.open()
    tap(qtbot, flow.categories.tiles["rest"])
    tap(qtbot, flow.text.phone_button)
    type_digits(qtbot, flow.phone, PHONE)
    tap(qtbot, flow.phone.keypad.ok_button)
    assert window.current_page() is flow.phone and "tap Agree" in visible_text(window)
    tap(qtbot, flow.phone.agree_button)
    tap(qtbot, flow.phone.keypad.ok_button)
    assert window.current_page() is flow.text and "139****5678" in flow.text.phone_button.text()
    tap(qtbot, flow.text.phone_button)  # back to the phone page: a fresh form, not agreed
    assert not flow.phone.agreed and flow.phone.keypad.value == ""
