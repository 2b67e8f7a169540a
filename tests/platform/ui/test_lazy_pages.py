"""Pages are built on first use, and the status refresh fills widgets without making new ones:
every widget in the stack costs start-up time, memory and a share of each page switch."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.features.charging.domain import SERVICE_ID as CHARGING_SERVICE_ID
from kiosk.features.charging.ui.flow import ChargingFlow
from kiosk.features.lending.ui.flow import LendingFlow
from kiosk.features.medicine.ui.flow import MedicineFlow
from kiosk.features.requests.ui.flow import RequestFlow
from kiosk.features.volunteers.ui.flow import VolunteersFlow
from kiosk.platform.sync.engine import SyncStatus
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import login
from tests.kiosk_fixtures import badge, scan, tap

Kiosk = tuple[MainWindow, KioskServices]


def stacked(window: MainWindow) -> list[QWidget]:
    return [window.stack.widget(i) for i in range(window.stack.count())]


def test_feature_pages_are_built_when_first_shown(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    assert ChargingFlow.picker.built(window.flow("charging")) is None
    assert RequestFlow.queue.built(window.flow("requests")) is None
    before = len(stacked(window))
    tile = window.home.tile(CHARGING_SERVICE_ID)
    assert tile is not None
    tap(qtbot, tile)
    picker = ChargingFlow.picker.built(window.flow("charging"))
    assert picker is not None and window.current_page() is picker
    assert picker in stacked(window) and len(stacked(window)) == before + 1
    tap(qtbot, window.flow("charging").picker.back_button)
    assert window.current_page() is window.home
    tap(qtbot, tile)  # the second time the same page, nothing new
    assert window.current_page() is picker and len(stacked(window)) == before + 1


def test_a_badge_scan_on_home_builds_no_page_of_the_flows_that_could_claim_it(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    scan(qtbot, window, badge(services, "FZB-0005", clock))
    qtbot.waitUntil(lambda: window.current_page() is window.result)
    assert window.result.headline.text().startswith("签到成功")
    assert LendingFlow.approver.built(window.flow("lending")) is None
    assert MedicineFlow.phone.built(window.flow("medicine")) is None
    assert RequestFlow.helper_phone.built(window.flow("requests")) is None


def test_the_status_refresh_fills_widgets_and_makes_none(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    tiles = list(window.home.tiles)
    widgets = set(window.findChildren(QWidget))
    services.uses.record(tiles[0].item.id, "none", 2)  # something to show
    window.refresh_status()
    assert window.home.tiles == tiles
    assert set(window.findChildren(QWidget)) == widgets
    assert window.home.served_today is not None and window.home.served_today >= 2


def test_every_page_can_be_built_for_screenshots_and_checks(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    before = len(stacked(window))
    window.build_all_pages()
    pages = stacked(window)
    assert len(pages) > before + 40
    assert window.flow("medicine").dispense in pages and window.flow("wishes").answer in pages
    window.build_all_pages()  # built once: a second call adds nothing
    assert len(stacked(window)) == len(pages)


def test_the_admin_console_is_built_at_the_first_login_with_the_latest_sync_state(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, _ = kiosk
    assert (
        type(window.flow("admin")).console.built(window.flow("admin")) is None
        and type(window.flow("admin")).logs.built(window.flow("admin")) is None
    )
    assert VolunteersFlow.volunteers.built(window.flow("volunteers")) is None
    status = SyncStatus(
        enrolled=True,
        online=True,
        revoked=False,
        pending=7,
        rejects=0,
        last_success_at=clock.now(),
        last_error=None,
        clock_offset_s=0.0,
    )
    window.home_status.sync_status(status)  # reported before anyone logged in
    login(qtbot, window, DEMO_ADMIN_PIN)
    admin = type(window.flow("admin")).console.built(window.flow("admin"))
    assert admin is not None and window.current_page() is admin
    assert "7" in admin.sync_label.text()
    tap(qtbot, admin.logs_button)
    assert window.current_page() is type(window.flow("admin")).logs.built(window.flow("admin"))
