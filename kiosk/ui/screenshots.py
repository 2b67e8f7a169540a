"""`python -m kiosk --screenshot DIR`: every page, in zh, en and zh large type, as PNG files.

Runs on a throw-away database with the demo roster and a fixed clock (10:17 in the station's
time zone), drives the real window into each state and grabs it at 1920×1080.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.domain.clock import FixedClock
from kiosk.domain.errors import KioskError, ValidationError
from kiosk.domain.uses import Audience
from kiosk.services.context import KioskServices, build_services
from kiosk.services.demo import DEMO_ADMIN_PIN, DEMO_LEADER_PIN, seed_demo
from kiosk.services.shifts import ShiftService
from kiosk.settings import Settings
from kiosk.ui import outcomes
from kiosk.ui.bootstrap import build_window
from kiosk.ui.main_window import MainWindow
from kiosk.ui.outcomes import Outcome
from kiosk.ui.scanner import ScanProblem

SIZE = (1920, 1080)
DISPLAY_AT = datetime(2026, 11, 2, 2, 21, tzinfo=UTC)  # 10:21 in Asia/Shanghai
MODES = (("zh", False, "zh"), ("en", False, "en"), ("zh", True, "zh-large"))


def _outcomes(services: KioskServices, clock: FixedClock) -> list[tuple[str, Outcome]]:
    """Real results from the service layer for each kind of result screen."""
    local = services.shifts.local_time
    volunteers = sorted(services.roster.all(), key=lambda v: v.number)
    badge = {v.number: services.badges.issue(v.id, clock.now().date()) for v in volunteers}
    # Yesterday's shifts, and one left open overnight that the sweep closed and flagged.
    yesterday = DISPLAY_AT - timedelta(days=1)
    for number, start_h, length_min in (
        ("FZB-0004", -2.0, 245),
        ("FZB-0005", -1.5, 190),
        ("FZB-0006", -1.0, 305),
        ("FZB-0007", 0.5, 160),
    ):
        clock.set(yesterday + timedelta(hours=start_h))
        services.shifts.scan_badge(badge[number])
        clock.advance(timedelta(minutes=length_min))
        services.shifts.scan_badge(badge[number])
    clock.set(yesterday - timedelta(hours=3))
    services.shifts.scan_badge(badge["FZB-0008"])
    clock.set(yesterday + timedelta(hours=10))
    services.shifts.sweep()
    clock.set(DISPLAY_AT - timedelta(hours=1, minutes=16))
    services.shifts.scan_badge(badge["FZB-0005"])
    clock.set(DISPLAY_AT - timedelta(minutes=41))
    services.shifts.scan_badge(badge["FZB-0006"])

    clock.set(DISPLAY_AT - timedelta(minutes=4))
    check_in = services.shifts.scan_badge(badge["FZB-0004"])
    again = services.shifts.scan_badge(badge["FZB-0004"])
    clock.set(DISPLAY_AT - timedelta(minutes=1))
    offer = services.shifts.scan_badge(badge["FZB-0004"])
    cancel = services.shifts.cancel_check_in(offer.shift_id)
    clock.set(DISPLAY_AT)
    check_out = services.shifts.scan_badge(badge["FZB-0001"])
    out_again = services.shifts.scan_badge(badge["FZB-0001"])
    forged = badge["FZB-0002"][:-3] + ("AAA" if not badge["FZB-0002"].endswith("AAA") else "BBB")
    try:
        services.shifts.scan_badge(forged)
    except KioskError as exc:
        forged_error = exc
    try:
        services.shifts.clock_with_pin("13900000000", "1234")
    except KioskError as exc:
        unknown_phone = exc
    return [
        ("result_check_in", outcomes.describe(check_in, local)),
        ("result_check_out", outcomes.describe(check_out, local)),
        ("result_already_checked_in", outcomes.describe(again, local)),
        ("result_already_checked_out", outcomes.describe(out_again, local)),
        ("result_offer_cancel", outcomes.describe(offer, local)),
        ("result_cancelled", outcomes.cancelled(cancel, local)),
        ("error_forged_badge", outcomes.error(forged_error)),
        ("error_unknown_phone", outcomes.error(unknown_phone)),
        ("error_scan_too_long", outcomes.error(_too_long())),
        ("error_unexpected", outcomes.UNEXPECTED),
    ]


def _flagged(services: KioskServices, clock: FixedClock) -> None:
    """Two shifts left open since yesterday: the start-up sweep closes and flags them."""
    earlier = FixedClock(clock.now() - timedelta(hours=20))
    shifts = ShiftService(
        services.database,
        earlier,
        services.settings.shift_rules,
        services.settings.hours_rule,
        services.badges.public_keys,
        services.shifts.timezone,
    )
    for volunteer in services.roster.all()[5:7]:
        shifts.scan_badge(services.badges.issue(volunteer.id, earlier.now().date()))
        earlier.advance(timedelta(minutes=40))


def _charging(services: KioskServices, clock: FixedClock) -> None:
    """Phones in three slots: one overdue since early morning, one locked after wrong codes."""
    now = clock.now()
    clock.set(DISPLAY_AT - timedelta(hours=5, minutes=12))
    services.charging.start("1")
    clock.set(DISPLAY_AT - timedelta(minutes=35))
    services.charging.start("2")
    clock.set(DISPLAY_AT - timedelta(minutes=20))
    services.charging.start("7")
    for _ in range(5):
        with suppress(KioskError):  # the fifth wrong code locks slot 7
            services.charging.collect_with_code("7", "000000")
    clock.set(now)


def _too_long() -> KioskError:
    from kiosk.ui.main_window import _SCAN_PROBLEMS

    return _SCAN_PROBLEMS[ScanProblem.TOO_LONG.value]


def _scenes(
    window: MainWindow, results: list[tuple[str, Outcome]]
) -> list[tuple[str, Callable[[], None]]]:
    def home() -> None:
        window.go_home()

    def detail() -> None:
        window.go_home()
        window.home.tiles[2].click()

    def _open(service_id: str) -> None:
        window.go_home()
        next(t for t in window.home.tiles if t.item.id == service_id).click()

    def service_water_thanks() -> None:
        _open("water")
        for _ in range(3):
            window.detail.stepper.plus_button.click()
        window.detail.audience_buttons[Audience.RIDER].click()

    def service_error() -> None:
        _open("transport")
        window.detail.show_error(
            ValidationError("人数须在 1 到 50 之间", "The number of people must be 1 to 50")
        )

    def check_in() -> None:
        window.go_home()
        window.home.check_in_button.click()

    def phone() -> None:
        check_in()
        window.check_in.phone_button.click()
        for digit in "1380000":
            window.phone.keypad.digit_buttons[digit].click()

    def phone_empty() -> None:
        check_in()
        window.check_in.phone_button.click()

    def pin() -> None:
        phone()
        for digit in "0004":
            window.phone.keypad.digit_buttons[digit].click()
        window.phone.keypad.ok_button.click()
        for digit in "12":
            window.pin.keypad.digit_buttons[digit].click()

    def pin_wrong() -> None:
        pin()
        window.pin.keypad.clear()
        window.pin.show_error(
            ValidationError("密码不正确，还可尝试 4 次", "Wrong PIN: 4 tries left")
        )

    def set_pin() -> None:
        window.go_home()
        window.show_page(window.set_admin_pin)
        for digit in "246":
            window.set_admin_pin.keypad.digit_buttons[digit].click()

    def admin_login() -> None:
        window.go_home()
        window.show_page(window.admin_login)
        for digit in "2468":
            window.admin_login.keypad.digit_buttons[digit].click()

    def admin() -> None:
        window.go_home()
        window.admin_flow.log_in(DEMO_ADMIN_PIN)

    def admin_flagged() -> None:
        admin()
        window.admin.section_buttons["flagged"].click()
        window.admin.flagged_table.selectRow(0)

    def team_leader() -> None:
        window.go_home()
        window.admin_flow.log_in(DEMO_LEADER_PIN)
        window.admin.section_buttons["flagged"].click()

    def volunteers() -> None:
        admin()
        window.admin_flow.open_volunteers()
        window.admin_flow.volunteers.table.selectRow(2)

    def volunteer_name() -> None:
        volunteers()
        flow = window.admin_flow
        flow.volunteers.add_button.click()
        flow.text_entry.shift_button.click()
        flow.text_entry.key_buttons["z"].click()
        flow.text_entry.shift_button.click()
        for key in "hou":
            flow.text_entry.key_buttons[key].click()

    def volunteer_pin() -> None:
        volunteers()
        window.admin_flow.volunteers.action_buttons["reset_pin"].click()

    def badge_page() -> None:
        volunteers()
        window.admin_flow.volunteers.action_buttons["badge"].click()

    def amend() -> None:
        admin_flagged()
        window.admin.amend_button.click()
        amend_page = window.admin_flow.amend
        next(iter(amend_page.reason_buttons.values())).click()
        for digit in "420":
            amend_page.keypad.digit_buttons[digit].click()

    def settings_page() -> None:
        admin()
        window.admin.settings_button.click()

    def charging(mode: str) -> Callable[[], None]:
        def show() -> None:
            window.go_home()
            window.charging.open(mode)

        return show

    def charging_confirm() -> None:
        charging("start")()
        free = [b for b in window.charging.picker.slot_buttons.values() if b.isEnabled()]
        free[0].click()  # each language's pass takes the next free slot

    def charging_code() -> None:
        charging_confirm()
        window.charging.confirm.confirm_button.click()

    def charging_wrong_code() -> None:
        charging("collect")()
        window.charging.picker.slot_buttons["2"].click()
        for digit in "1234":
            window.charging.entry.keypad.digit_buttons[digit].click()
        window.charging.entry.show_error(
            ValidationError("取件码不正确，还可尝试 3 次", "Wrong pickup code: 3 tries left")
        )

    def charging_unlock() -> None:
        charging("collect")()
        window.charging.picker.slot_buttons["7"].click()

    def admin_charging() -> None:
        admin()
        window.admin.section_buttons["charging"].click()
        window.admin.charging_sessions.rows[0][1].click()

    scenes: list[tuple[str, Callable[[], None]]] = [
        ("home", home),
        ("service_detail", detail),
        ("service_water_thanks", service_water_thanks),
        ("service_train_error", service_error),
        ("home_after_uses", home),
        ("check_in", check_in),
        ("phone_empty", phone_empty),
        ("phone", phone),
        ("pin", pin),
        ("pin_wrong", pin_wrong),
    ]
    for name, outcome in results:
        scenes.append((name, partial(window.show_outcome, outcome)))
    scenes += [("set_admin_pin", set_pin), ("admin_login", admin_login), ("admin", admin)]
    scenes += [
        ("admin_flagged", admin_flagged),
        ("admin_team_leader", team_leader),
        ("admin_volunteers", volunteers),
        ("admin_volunteer_name", volunteer_name),
        ("admin_volunteer_pin", volunteer_pin),
        ("admin_badge", badge_page),
        ("admin_amend", amend),
        ("admin_settings", settings_page),
    ]
    scenes += [
        ("charging_start", charging("start")),
        ("charging_confirm", charging_confirm),
        ("charging_code", charging_code),
        ("charging_collect", charging("collect")),
        ("charging_wrong_code", charging_wrong_code),
        ("charging_unlock", charging_unlock),
        ("admin_charging", admin_charging),
    ]
    return scenes


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def capture_all(settings: Settings, out_dir: Path) -> list[Path]:
    """Write the PNG files; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    clock = FixedClock(DISPLAY_AT - timedelta(minutes=4))
    services = build_services(settings, clock)
    try:
        seed_demo(services)
        results = _outcomes(services, clock)
        _charging(services, clock)
        _flagged(services, clock)
        window = build_window(
            settings,
            lambda: services.shifts.local_time(clock.now()),
            has_camera=lambda: True,
        )
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        window.resize(*SIZE)
        window.show()
        window.attach_services(services)
        window.idle.stop()
        written: list[Path] = []
        for language, large, tag in MODES:
            window.language.set_language(language)
            if window.top_bar.large_type_button.isChecked() != large:
                window.top_bar.large_type_button.setChecked(large)
            _settle(app)
            for index, (name, scene) in enumerate(_scenes(window, results), start=1):
                scene()
                window.idle.stop()
                _settle(app)
                path = out_dir / f"{tag}_{index:02d}_{name}.png"
                window.grab().save(str(path))
                written.append(path)
        window.allow_close()
        window.close()
        return written
    finally:
        services.close()
