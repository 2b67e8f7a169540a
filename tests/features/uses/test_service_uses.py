"""Service pages as people use them: QR codes, one-tap counting, the home total, bad input."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPixmap
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.features.requests.domain import FLOW_SERVICE_IDS
from kiosk.features.uses.domain import Audience
from kiosk.features.uses.store import ServiceUseDayRow
from kiosk.platform.store.models import ConfigItemRow, EventRow
from kiosk.platform.ui.qr import qr_pixmap
from kiosk.platform.ui.theme import MIN_TEXT_LARGE_PX, MIN_TEXT_PX
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import tap, visible_text
from tests.platform.ui.test_shell import check_touch_rules

Kiosk = tuple[MainWindow, KioskServices]


def open_service(qtbot: QtBot, window: MainWindow, service_id: str) -> None:
    tap(qtbot, next(t for t in window.home.tiles if t.item.id == service_id))
    assert window.current_page() is window.flow("catalogue").detail
    assert (
        window.flow("catalogue").detail.item is not None
        and window.flow("catalogue").detail.item.id == service_id
    )


def decode(pixmap: QPixmap) -> str:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert pixmap.save(buffer, "PNG")
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data().data()))))
    assert len(found) == 1
    return str(found[0].text)


def served_events(services: KioskServices) -> list[dict[str, object]]:
    with services.database.read() as session:
        rows = session.scalars(select(EventRow.payload).where(EventRow.kind == "service.used"))
        return [json.loads(r) for r in rows]


def test_a_family_of_four_is_counted_from_the_service_page(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    assert "今日已服务 0 人次" in visible_text(window)
    open_service(qtbot, window, "water")
    for _ in range(3):
        tap(qtbot, window.flow("catalogue").detail.stepper.plus_button)
    assert window.flow("catalogue").detail.stepper.value_label.text() == "4"
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, window.flow("catalogue").detail.audience_buttons[Audience.TRAVELLER])
    text = visible_text(window)
    assert "谢谢！已记录 4 人次" in text and "Thank you! 4 served, recorded" in text
    assert window.flow("catalogue").detail.stepper.value == 1  # ready for the next person
    [payload] = served_events(services)
    assert payload["service_id"] == "water" and payload["audience"] == "traveller"
    assert payload["count"] == 4
    with services.database.read() as session:
        assert session.scalar(select(func.sum(ServiceUseDayRow.people))) == 4
    tap(qtbot, window.flow("catalogue").detail.used_button)  # one tap: one person, no group
    tap(qtbot, window.flow("catalogue").detail.back_button)
    assert window.current_page() is window.home
    assert "今日已服务 5 人次" in visible_text(window)
    tap(qtbot, window.top_bar.language_button)
    qtbot.waitUntil(lambda: "5 served today" in visible_text(window))


def test_one_tap_used_only_where_it_fits(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    for service_id, one_tap in (("water", True), ("rest", True), ("transport", False)):
        window.go_home()
        open_service(qtbot, window, service_id)
        assert window.flow("catalogue").detail.used_button.isVisible() is one_tap
        assert all(b.isVisible() for b in window.flow("catalogue").detail.audience_buttons.values())


def test_service_page_shows_both_languages(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    open_service(qtbot, window, "water")  # (train_status now opens the departures board)
    item = services.service("water")
    assert item is not None
    text = visible_text(window)
    for part in (item.name_zh, item.name_en, item.description_zh, item.description_en):
        assert part in text
    assert item.where_zh in text and item.where_en in text
    assert "全天 24 h" in text and "Open 24 h" in text


def test_every_service_qr_decodes_to_its_link(
    qtbot: QtBot, make_window: Callable[..., Kiosk]
) -> None:
    window, services = make_window(hub_url="https://hub.example")
    assert len(services.catalogue) == 18
    for item in services.catalogue:
        window.go_home()
        link = services.service_link(item)
        if item.id == "train_status":  # opens the departures board (tests/features/trains)
            continue
        # Charging and lending tiles open their own flow, whose page shows the same QR code.
        if item.id == "phone_charging" or window.flow("lending").lends(item.id):
            tap(qtbot, next(t for t in window.home.tiles if t.item.id == item.id))
            flow = (
                window.flow("charging").picker
                if item.id == "phone_charging"
                else window.flow("lending").page
            )
            assert window.current_page() is flow and flow.info.link == link
            assert decode(flow.info.qr_label.pixmap()) == link
            continue
        # The medicine box, help requests and wishes open their own first page, with a
        # smaller code of the same link in its heading (the phone page is easier for Chinese).
        if item.id == "medicine_box" or item.id in FLOW_SERVICE_IDS:
            tap(qtbot, next(t for t in window.home.tiles if t.item.id == item.id))
            first = {
                "medicine_box": window.flow("medicine").overview,
                "lost_found": window.flow("requests").details,
                "wishes": window.flow("wishes").categories,
            }.get(item.id, window.flow("requests").categories)
            assert window.current_page() is first
            assert first.service_qr.isVisible() and first.service_qr.link == link
            assert decode(first.service_qr.qr_label.pixmap()) == link
            continue
        open_service(qtbot, window, item.id)
        assert window.flow("catalogue").detail.link == link
        pixmap = window.flow("catalogue").detail.qr_label.pixmap()
        assert pixmap.width() >= 300
        assert decode(pixmap) == link
    assert decode(qr_pixmap("https://hub.example/s/fz/water", 200)) == (
        "https://hub.example/s/fz/water"
    )


def test_qr_pixmap_is_cached_per_link_and_size() -> None:
    first = qr_pixmap("https://hub.example/s/a/b", 300)
    assert qr_pixmap("https://hub.example/s/a/b", 300) is first
    assert qr_pixmap("https://hub.example/s/a/b", 320) is not first


@pytest.mark.parametrize(
    ("service_id", "audience", "count", "zh"),
    [
        ("water", "traveller", 0, "人数须在 1 到 50 之间"),
        ("water", "traveller", 51, "人数须在 1 到 50 之间"),
        ("water", "astronaut", 1, "无法识别的服务对象"),
        ("nowhere", "traveller", 1, "没有这项服务"),
    ],
)
def test_bad_input_shows_a_bilingual_message_and_writes_nothing(
    qtbot: QtBot, kiosk: Kiosk, service_id: str, audience: str, count: int, zh: str
) -> None:
    window, services = kiosk
    open_service(qtbot, window, "water")
    window.flow("catalogue").detail.use_tapped.emit(service_id, audience, count)
    assert window.flow("catalogue").detail.thanks.texts is not None
    shown_zh, shown_en = window.flow("catalogue").detail.thanks.texts
    assert shown_zh.startswith(zh) and shown_en and shown_en != shown_zh
    assert window.flow("catalogue").detail.thanks.primary.isVisible()
    assert served_events(services) == []
    assert services.uses.served_today() == 0


def test_the_stepper_stays_within_one_and_fifty(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    open_service(qtbot, window, "water")
    stepper = window.flow("catalogue").detail.stepper
    assert not stepper.minus_button.isEnabled()
    for _ in range(60):
        stepper.plus_button.click()
    assert stepper.value == 50 and not stepper.plus_button.isEnabled()


def test_published_catalogue_replaces_the_tiles(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    body = {
        "services": [
            {
                "id": "soup",
                "name_zh": "暖心姜汤",
                "name_en": "Ginger soup",
                "icon": "water",
                "description_zh": "冬季免费姜汤。",
                "description_en": "Free ginger soup in winter.",
                "where_zh": "驿站内",
                "where_en": "Inside the station",
                "hours": "18:00–22:00",
                "season": "winter",
                "one_tap": True,
                "qr_url": "https://mp.example/{station}/{service}",
            },
            {"id": "broken"},
        ]
    }
    with services.database.write() as session:
        session.add(
            ConfigItemRow(
                kind="catalogue",
                scope="*",
                version=3,
                published_at=services.clock.now(),
                body=json.dumps(body, ensure_ascii=False),
            )
        )
    window.on_config_changed()
    assert [t.item.id for t in window.home.tiles] == ["soup"]
    assert "暖心姜汤" in visible_text(window)
    open_service(qtbot, window, "soup")
    assert (
        decode(window.flow("catalogue").detail.qr_label.pixmap())
        == "https://mp.example/demo-station/soup"
    )
    tap(qtbot, window.flow("catalogue").detail.used_button)
    assert services.uses.served_today() == 1


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-type"])
def test_touch_rules_on_the_service_page(qtbot: QtBot, kiosk: Kiosk, large: bool) -> None:
    window, _ = kiosk
    if large:
        tap(qtbot, window.top_bar.large_type_button)
    for language in ("zh", "en"):
        window.language.set_language(language)
        window.go_home()
        open_service(qtbot, window, "water")
        tap(qtbot, window.flow("catalogue").detail.audience_buttons[Audience.SANITATION])
        qtbot.wait(1)
        buttons, problems = check_touch_rules(
            window, window.flow("catalogue").detail, MIN_TEXT_LARGE_PX if large else MIN_TEXT_PX
        )
        assert buttons >= 15
        assert not problems, "\n".join(problems)
        for widget in (window.flow("catalogue").detail, window.home.served):
            assert widget.isVisible() or widget is window.home.served
        for label in (
            window.flow("catalogue").detail.name_label,
            window.flow("catalogue").detail.description,
            window.flow("catalogue").detail.qr_caption,
        ):
            assert label.width() >= label.sizeHint().width() or label.wordWrap(), label.text()
