"""Pages with their own flow (phone charging, lending) still show the service's description,
where and when, and a QR code that decodes to the service's link, like any service page."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.charging.test_charging import decode
from tests.kiosk_fixtures import tap, visible_text

Kiosk = tuple[MainWindow, KioskServices]


def test_the_charging_page_shows_the_service_and_its_qr(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    tile = window.home.tile("phone_charging")
    assert tile is not None
    tap(qtbot, tile)
    card = window.flow("charging").picker.info
    assert window.current_page() is window.flow("charging").picker and card.isVisible()
    item = services.service("phone_charging")
    assert item is not None
    text = visible_text(window)
    assert item.description_zh in text and item.description_en in text
    assert item.where_zh in text
    assert card.link == services.service_link(item)
    assert decode(card.qr_label.pixmap()) == card.link
    tap(qtbot, window.flow("charging").picker.collect_button)  # the other mode keeps it
    assert card.isVisible()


def test_the_lending_page_shows_the_service_and_its_qr(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    tile = window.home.tile("books")
    assert tile is not None
    tap(qtbot, tile)
    card = window.flow("lending").page.info
    item = services.service("books")
    assert item is not None and card.isVisible()
    assert item.description_en in visible_text(window)
    assert decode(card.qr_label.pixmap()) == services.service_link(item)
