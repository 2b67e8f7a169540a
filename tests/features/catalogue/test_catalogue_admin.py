"""A local admin hides, shows and moves services from the admin page: each tap is an event and
the home screen follows at once."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import tap, type_digits, visible_text

Kiosk = tuple[MainWindow, KioskServices]


def home_ids(window: MainWindow) -> list[str]:
    return [tile.item.id for tile in window.home.tiles]


def test_hide_show_and_move_a_service(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    window.top_bar.admin_gesture.emit()
    type_digits(qtbot, window.flow("admin").admin_login, DEMO_ADMIN_PIN)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    tap(qtbot, window.flow("admin").console.section_buttons["services"])
    panel = window.flow("catalogue").catalogue_panel
    qtbot.waitUntil(panel.isVisible)
    first = panel.items[0]
    label, toggle, _, down = panel.rows[0]
    assert first.name_zh in label.text() and toggle.text() == "隐藏"
    with qtbot.wait_signal(panel.changed, timeout=1000):
        tap(qtbot, toggle)
    assert first.id not in home_ids(window)
    assert "已隐藏" in visible_text(window)
    assert panel.rows[0][1].text() == "显示"  # still listed, to show it again
    with qtbot.wait_signal(panel.changed, timeout=1000):
        tap(qtbot, panel.rows[0][1])
    assert home_ids(window)[0] == first.id
    with qtbot.wait_signal(panel.changed, timeout=1000):
        tap(qtbot, down)
    assert home_ids(window)[:2] == [panel.items[0].id, first.id]
    with services.database.read() as session:
        kinds = session.scalars(
            select(EventRow.kind).where(EventRow.kind.startswith("catalogue."))
        ).all()
    assert len(kinds) == 4  # hide, show, and the two orders swapped
    tap(qtbot, panel.next_button)
    assert panel.items[5].name_zh in panel.rows[0][0].text()
