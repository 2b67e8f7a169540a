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
from kiosk.services.demo import seed_demo
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


def _requests(services: KioskServices, clock: FixedClock) -> dict[str, str]:
    """Open help requests (one from a phone waiting too long, one whose train leaves soon, one
    accepted here that lost to the other kiosk) and needs/wishes, some answered."""
    from kiosk.domain.events import Event
    from kiosk.services.wishes import canned_answer
    from kiosk.store import eventlog

    now = clock.now()
    ids = {v.number: v.id for v in services.roster.all()}
    clock.set(DISPLAY_AT - timedelta(minutes=9))
    late = services.requests.order("luggage", phone="13912345678")
    clock.set(DISPLAY_AT - timedelta(minutes=6))
    train = services.requests.order("wheelchair", train="G1234", departs_hhmm="1105")
    clock.set(DISPLAY_AT - timedelta(minutes=4))
    services.requests.accept(train.id, ids["FZB-0002"])
    lost = services.requests.order("lost")
    clock.set(DISPLAY_AT - timedelta(minutes=2))
    services.requests.accept(lost.id, ids["FZB-0003"])
    north = Event(
        "demo-north-accept",
        "request.accepted",
        services.settings.station_id,
        "kiosk-north",
        1,
        DISPLAY_AT - timedelta(minutes=2, seconds=40),
        ids["FZB-0005"],
        {"request_id": lost.id, "volunteer_id": ids["FZB-0005"]},
    )
    with services.database.write() as session:
        eventlog.ingest(session, north)
    clock.set(DISPLAY_AT - timedelta(hours=20))
    wish = services.wishes.submit("wages", "Boss owes me 2 months of pay")
    clock.set(DISPLAY_AT - timedelta(hours=2))
    services.wishes.set_status(wish.id, "answered", "station_admin", canned_answer(2))
    services.wishes.submit("suggestion", "More chairs near gate 3 please")
    clock.set(now)
    return {"late": late.id, "train": train.id, "lost": lost.id, "wish": wish.id}


def _too_long() -> KioskError:
    from kiosk.ui.main_window import _SCAN_PROBLEMS

    return _SCAN_PROBLEMS[ScanProblem.TOO_LONG.value]


def _scenes(
    window: MainWindow,
    results: list[tuple[str, Outcome]],
    services: KioskServices,
    demo: dict[str, str],
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
        window.admin.refresh()
        window.show_page(window.admin)

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

    requests, wishes = window.requests, window.wishes

    def request_categories() -> None:
        _open("assistance")

    def request_details() -> None:
        request_categories()
        requests.categories.tiles["wheelchair"].click()
        requests.details.field_buttons["train"].click()
        requests.train.train_keypad.letter_buttons["G"].click()
        for digit in "1234":
            requests.train.keypad.digit_buttons[digit].click()
        requests.train.keypad.ok_button.click()
        requests.details.field_buttons["time"].click()
        for digit in "1105":
            requests.departure.keypad.digit_buttons[digit].click()
        requests.departure.keypad.ok_button.click()
        requests.details.field_buttons["phone"].click()
        for digit in "13912345678":
            requests.phone.keypad.digit_buttons[digit].click()
        requests.phone.keypad.ok_button.click()

    def request_train() -> None:
        request_categories()
        requests.categories.tiles["luggage"].click()
        requests.details.field_buttons["train"].click()
        requests.train.train_keypad.letter_buttons["D"].click()
        for digit in "56":
            requests.train.keypad.digit_buttons[digit].click()

    def request_ticket() -> None:
        request_details()
        requests.details.send_button.click()

    def queue() -> None:
        window.go_home()
        window.home.queue_button.click()

    def helper() -> None:
        queue()
        requests.queue.cards[demo["late"]].action_button.click()

    def note() -> None:
        queue()
        requests.queue.cards[demo["train"]].action_button.click()
        for digit in "13800000002":
            requests.helper_phone.keypad.digit_buttons[digit].click()
        requests.helper_phone.keypad.ok_button.click()
        for digit in "1234":
            requests.helper_pin.keypad.digit_buttons[digit].click()
        requests.helper_pin.keypad.ok_button.click()

    def rating() -> None:
        window.go_home()
        requests.rating.ask(demo["train"])
        window.show_page(requests.rating)

    def lookup() -> None:
        window.go_home()
        requests.open_lookup()
        for digit in "12":
            requests.lookup.keypad.digit_buttons[digit].click()

    def status_request() -> None:
        window.go_home()
        requests.show_status(services.requests.get(demo["train"]))

    def status_wish() -> None:
        window.go_home()
        requests.show_status(services.wishes.get(demo["wish"]))

    def wish_categories() -> None:
        _open("wishes")

    def wish_text() -> None:
        wish_categories()
        wishes.categories.tiles["rest"].click()
        for char in "Need a quiet place to sleep":
            if char == " ":
                wishes.text.keyboard.space_button.click()
                continue
            if char.isupper():
                wishes.text.keyboard.shift_button.click()
            wishes.text.keyboard.keys[char.lower()].click()

    def wish_ticket() -> None:
        wish_text()
        wishes.text.send_button.click()

    def admin_help() -> None:
        admin()
        window.admin.section_buttons["help"].click()

    def wish_answer() -> None:
        admin_help()
        wishes.open_answer(services.wishes.open_wishes()[0].id)

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
        ("charging_start", charging("start")),
        ("charging_confirm", charging_confirm),
        ("charging_code", charging_code),
        ("charging_collect", charging("collect")),
        ("charging_wrong_code", charging_wrong_code),
        ("charging_unlock", charging_unlock),
        ("admin_charging", admin_charging),
        ("request_categories", request_categories),
        ("request_details", request_details),
        ("request_train", request_train),
        ("request_ticket", request_ticket),
        ("home_with_requests", home),
        ("request_queue", queue),
        ("request_helper", helper),
        ("request_note", note),
        ("request_rating", rating),
        ("ticket_lookup", lookup),
        ("ticket_status_request", status_request),
        ("ticket_status_wish", status_wish),
        ("wish_categories", wish_categories),
        ("wish_text", wish_text),
        ("wish_ticket", wish_ticket),
        ("admin_help", admin_help),
        ("wish_answer", wish_answer),
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
        demo = _requests(services, clock)
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
            for index, (name, scene) in enumerate(
                _scenes(window, results, services, demo), start=1
            ):
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
