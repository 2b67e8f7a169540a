"""Pages with their own flow (phone charging, lending) still show the service's description,
where and when, and a QR code that decodes to the service's link, like any service page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.charging.test_charging import decode
from tests.kiosk_fixtures import tap, visible_text

Kiosk = tuple[MainWindow, KioskServices]
HUB = "https://hub.example:8700"


@pytest.fixture
def kiosk(make_window: Callable[..., Kiosk]) -> Kiosk:
    """A kiosk that knows its hub: its service codes link to the hub's pages."""
    return make_window(hub_url=HUB)


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


def test_a_stand_alone_kiosk_shows_no_dead_link(
    qtbot: QtBot, make_window: Callable[..., Kiosk]
) -> None:
    """Without a hub a service's code would open nothing on a phone: no code, no "scan"
    caption, the text of the service still there; a station's own link needs no hub."""
    window, services = make_window()
    assert services.enrolled_hub() is None and not services.settings.hub_url
    tap(qtbot, window.home.tile("water"))  # type: ignore[arg-type]
    detail = window.flow("catalogue").detail
    assert window.current_page() is detail
    assert detail.link == "" and not detail.qr_card.isVisible()
    assert detail.qr_label.pixmap().isNull()
    text = visible_text(window)
    assert "hub.invalid" not in text and "Scan with your phone" not in text
    item = services.service("water")
    assert item is not None and item.description_zh in text
    window.go_home()
    tap(qtbot, window.home.tile("phone_charging"))  # type: ignore[arg-type]
    card = window.flow("charging").picker.info
    assert card.isVisible() and card.link == ""
    assert not card.qr_label.isVisible() and not card.qr_caption.isVisible()
    assert item is not None
    for service_id in ("lost_found", "wishes"):
        window.go_home()
        tap(qtbot, window.home.tile(service_id))  # type: ignore[arg-type]
        assert "手机扫码也能办" not in visible_text(window)


def test_codes_use_the_hubs_public_address_not_the_lan_one(
    qtbot: QtBot, make_window: Callable[..., Kiosk]
) -> None:
    """A kiosk that syncs over the station's LAN gives phones the hub's public address."""
    lan, public = "http://192.168.1.10:8700", "https://hub.example.org"
    window, services = make_window(hub_url=lan, hub_public_url=public)
    tap(qtbot, window.home.tile("water"))  # type: ignore[arg-type]
    detail = window.flow("catalogue").detail
    assert detail.qr_card.isVisible()
    station = services.settings.station_id
    assert decode(detail.qr_label.pixmap()) == f"{public}/s/{station}/water"
    assert services.ticket_link("K7Q2M9") == f"{public}/t/{station}/K7Q2M9"
    assert lan not in visible_text(window)


def test_a_public_address_that_is_no_url_is_refused() -> None:
    from kiosk.settings import Settings, SettingsError

    with pytest.raises(SettingsError, match="hub_public_url"):
        Settings(data_dir=Path("/tmp/unused"), hub_public_url="hub.example.org")
