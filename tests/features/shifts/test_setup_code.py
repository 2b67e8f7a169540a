"""A volunteer the centre added chooses their PIN at the kiosk through the real window: the
check-in page's 首次设置密码, their phone, the setup code from the slip, the PIN twice, then
phone + PIN checks them in. A wrong code, two PINs that differ, a used and an expired code are
refused with the reason; the refusals write no PIN."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.core.secrets import hash_secret
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_log_review_tabs import open_logs
from tests.features.shifts.test_clocking import enter_phone_and_pin
from tests.kiosk_fixtures import tap, type_digits

Kiosk = tuple[MainWindow, KioskServices]
PHONE = "13966660001"
CODE = "48151623"


def added_at_the_centre(services: KioskServices, clock: FixedClock) -> str:
    """The events the hub writes when the centre adds a volunteer (as pulled)."""
    volunteer_id = new_id()
    now = clock.now()
    with services.database.write() as session:
        sealed = services.database.vault.seal(session, volunteer_id, {"phone": PHONE}, now)
        registered = {"volunteer_id": volunteer_id, "name": "周小雨", "number": "FZB-0101"}
        eventlog.append(
            session, "volunteer.registered", {**registered, "sealed": sealed}, occurred_at=now
        )
        code = {
            "volunteer_id": volunteer_id,
            "code_hash": hash_secret(CODE),
            "expires_at": (now + timedelta(days=7)).isoformat(),
        }
        eventlog.append(session, "volunteer.setup_code_issued", code, occurred_at=now)
    return volunteer_id


def pins_written(services: KioskServices, volunteer_id: str) -> int:
    with services.database.read() as session:
        found = session.scalar(
            select(func.count()).where(
                EventRow.kind == "volunteer.pin_set", EventRow.aggregate_id == volunteer_id
            )
        )
        return int(found or 0)


def open_setup(qtbot: QtBot, window: MainWindow) -> None:
    flow = window.flow("shifts")
    tap(qtbot, window.home.check_in_button)
    assert flow.check_in.setup_button.text() == "首次设置密码"
    tap(qtbot, flow.check_in.setup_button)
    assert window.current_page() is flow.setup_phone


def enter(qtbot: QtBot, page: object, digits: str) -> None:
    type_digits(qtbot, page, digits)
    tap(qtbot, page.keypad.ok_button)  # type: ignore[attr-defined]


def test_a_volunteer_sets_their_pin_with_the_setup_code_and_checks_in(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    flow = window.flow("shifts")
    volunteer_id = added_at_the_centre(services, clock)
    open_setup(qtbot, window)
    enter(qtbot, flow.setup_phone, PHONE)
    assert window.current_page() is flow.setup_code
    enter(qtbot, flow.setup_code, "4815")  # too short: said at once
    assert "设置码为 8 位数字" in flow.setup_code.error.primary.text()
    flow.setup_code.reset()
    enter(qtbot, flow.setup_code, "11112222")  # wrong: found out once the PIN is chosen
    assert window.current_page() is flow.new_pin
    enter(qtbot, flow.new_pin, "2580")
    assert flow.new_pin.confirming
    enter(qtbot, flow.new_pin, "2580")
    assert window.current_page() is flow.setup_code
    assert flow.setup_code.error.primary.text() == "设置码不正确，还可尝试 4 次"
    assert pins_written(services, volunteer_id) == 0

    enter(qtbot, flow.setup_code, CODE)
    enter(qtbot, flow.new_pin, "2580")
    enter(qtbot, flow.new_pin, "2581")  # differs: choose again
    assert window.current_page() is flow.new_pin
    assert flow.new_pin.error.primary.text() == "两次输入的密码不一致"
    assert pins_written(services, volunteer_id) == 0
    enter(qtbot, flow.new_pin, "2580")
    enter(qtbot, flow.new_pin, "2580")
    assert window.current_page() is window.result
    assert window.result.headline.text() == "密码已设置"
    assert "周小雨（FZB-0101）" in window.result.detail.text()
    assert pins_written(services, volunteer_id) == 1
    tap(qtbot, window.result.done_button)

    enter_phone_and_pin(qtbot, window, PHONE, "2580")
    assert window.result.headline.text() == "签到成功 08:30"

    # The code is spent: a second use is refused with the reason, and no PIN is written.
    tap(qtbot, window.result.done_button)
    open_setup(qtbot, window)
    enter(qtbot, flow.setup_phone, PHONE)
    enter(qtbot, flow.setup_code, CODE)
    enter(qtbot, flow.new_pin, "1111")
    enter(qtbot, flow.new_pin, "1111")
    assert window.result.headline.text().startswith("此设置码已使用")
    assert pins_written(services, volunteer_id) == 1


def test_an_expired_code_is_refused_with_its_date(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    flow = window.flow("shifts")
    volunteer_id = added_at_the_centre(services, clock)
    clock.advance(timedelta(days=8))
    open_setup(qtbot, window)
    enter(qtbot, flow.setup_phone, PHONE)
    enter(qtbot, flow.setup_code, CODE)
    enter(qtbot, flow.new_pin, "2580")
    enter(qtbot, flow.new_pin, "2580")
    assert "过期，请联系中心重新发放" in window.result.headline.text()
    assert pins_written(services, volunteer_id) == 0


def admin_roster_status(qtbot: QtBot, window: MainWindow, number: str) -> str:
    """The station admin's volunteers table, as they open it: the status cell of `number`."""
    open_logs(qtbot, window)
    tap(qtbot, window.flow("admin").logs.back_button)
    tap(qtbot, window.flow("admin").console.tool_buttons["volunteers"])
    table = window.flow("volunteers").volunteers.table
    assert window.current_page() is window.flow("volunteers").volunteers
    numbers = [table.item(row, 1).text() for row in range(table.rowCount())]
    status = table.item(numbers.index(number), 3).text()
    tap(qtbot, window.flow("volunteers").volunteers.back_button)
    window.go_home()
    return status


def test_the_admin_sees_who_still_has_a_setup_code_to_use(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    """The volunteers table says a setup code is waiting, and until when, so the admin can
    send the volunteer to 首次设置密码; once the PIN is set it says so no more."""
    window, services = kiosk
    flow = window.flow("shifts")
    added_at_the_centre(services, clock)
    until = (clock.now() + timedelta(days=7)).astimezone(ZoneInfo("Asia/Shanghai")).date()
    status = admin_roster_status(qtbot, window, "FZB-0101")
    assert status.endswith(f" · 设置码待用（{until:%Y-%m-%d} 前）")
    open_setup(qtbot, window)
    enter(qtbot, flow.setup_phone, PHONE)
    enter(qtbot, flow.setup_code, CODE)
    enter(qtbot, flow.new_pin, "2580")
    enter(qtbot, flow.new_pin, "2580")
    assert window.result.headline.text() == "密码已设置"
    tap(qtbot, window.result.done_button)
    assert "设置码" not in admin_roster_status(qtbot, window, "FZB-0101")


def test_the_admin_sees_an_expired_setup_code(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    added_at_the_centre(services, clock)
    clock.advance(timedelta(days=8))
    assert admin_roster_status(qtbot, window, "FZB-0101").endswith("设置码已过期")
