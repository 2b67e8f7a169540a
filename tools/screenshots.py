"""`python -m tools.screenshots DIR` (`make screenshots`): every page, in zh, en and zh large
type, as PNG files (developer tooling: not part of the kiosk). The scenes of features that
declare them (`KIOSK_UI.scenes`: charging, lending, medicine, emergency, the log review, the
reports) come from the registry, each placed where its `Scene.after` says; the others are still
listed here.

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

from kiosk.core.clock import FixedClock
from kiosk.core.errors import KioskError, ValidationError
from kiosk.features.shifts.service.shifts import ShiftService
from kiosk.features.shifts.ui import outcomes as clocking
from kiosk.features.uses.domain import Audience
from kiosk.features.volunteers.service.serials import BadgeService
from kiosk.platform.ui import outcomes
from kiosk.platform.ui.outcomes import Outcome
from kiosk.platform.ui.scanner import ScanProblem
from kiosk.platform.ui.widgets.touch_keyboard import HANDWRITING, LATIN, PINYIN, TouchKeyboard
from kiosk.settings import Settings
from kiosk.shell.bootstrap import build_window, feature_uis
from kiosk.shell.context import KioskServices, build_services
from kiosk.shell.demo import (
    DEMO_ADMIN_PIN,
    DEMO_LEADER_PIN,
    DEMO_VOLUNTEER_PIN,
    DEMO_VOLUNTEERS,
    seed_demo,
    seed_history,
    seed_lists,
)
from kiosk.shell.main_window import MainWindow

SIZE = (1920, 1080)
DISPLAY_AT = datetime(2026, 11, 2, 2, 21, tzinfo=UTC)  # 10:21 in Asia/Shanghai
MODES = (("zh", False, "zh"), ("en", False, "en"), ("zh", True, "zh-large"))


def _outcomes(services: KioskServices, clock: FixedClock) -> list[tuple[str, Outcome]]:
    """Real results from the service layer for each kind of result screen."""
    local = services.shifts.local_time
    volunteers = sorted(services.roster.all(), key=lambda v: v.number)
    badges = services.get(BadgeService)
    badge = {v.number: badges.issue(v.id).token for v in volunteers}
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
        ("result_check_in", clocking.describe(check_in, local)),
        ("result_check_out", clocking.describe(check_out, local)),
        ("result_already_checked_in", clocking.describe(again, local)),
        ("result_already_checked_out", clocking.describe(out_again, local)),
        ("result_offer_cancel", clocking.describe(offer, local)),
        ("result_cancelled", clocking.cancelled(cancel, local)),
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
        shifts.scan_badge(services.get(BadgeService).issue(volunteer.id).token)
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


def _lending(services: KioskServices) -> None:
    """Every umbrella lent (the empty-shelf refusal), one of them overdue since the demo."""
    left = services.lending.stock("umbrella").left
    for index in range(left):
        services.lending.borrow_with_phone("umbrella", f"1370000{index:04d}", consent=True)


def _certificate(services: KioskServices) -> None:
    """One certificate issued last month (the list a copy is printed from); no file."""
    from kiosk.features.certificates.service import build_certificates, period_of_last_month

    certificates = build_certificates(services)
    first, last = period_of_last_month(certificates.today())
    for volunteer_id, _name, _number in certificates.volunteers():
        with suppress(KioskError):  # a volunteer without hours last month gets none
            certificates.issue(volunteer_id, first, last)
            return


def _requests(services: KioskServices, clock: FixedClock) -> dict[str, str]:
    """Open help requests (one from a phone waiting too long, one whose train leaves soon, one
    accepted here that lost to the other kiosk) and needs/wishes, some answered."""
    from kiosk.core.events import Event
    from kiosk.features.wishes.service import canned_answer
    from kiosk.platform.store import eventlog

    now = clock.now()
    ids = {v.number: v.id for v in services.roster.all()}
    clock.set(DISPLAY_AT - timedelta(minutes=9))
    late = services.requests.order("luggage", phone="13912345678", consent=True)
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


def _incidents(services: KioskServices, clock: FixedClock) -> None:
    """Two first-aid records for the log review: one with plasters used, one sent to hospital."""
    from kiosk.features.incidents.service import IncidentForm
    from kiosk.features.volunteers.service.duty import Actor

    people = sorted(services.roster.all(), key=lambda v: v.number)
    nurse = Actor(people[0].id, people[0].name, people[0].id)
    for hours, what, outcome, items, note in (
        (26, "fall", "recovered", {"plaster": 2, "iodophor_swab": 1}, "膝盖擦伤"),
        (3, "fainting", "hospital", {}, ""),
    ):
        clock.set(DISPLAY_AT - timedelta(hours=hours))
        services.incidents.record(
            nurse,
            IncidentForm(
                happened_at=clock.now() - timedelta(minutes=10),
                place="waiting_hall",
                what=what,
                first_aid=["wound_care"] if items else ["recovery_position"],
                aed_used=False,
                called_120=outcome == "hospital",
                outcome=outcome,
                attended=[people[0].id, people[1].id],
                note=note,
                items=items,
            ),
        )
    clock.set(DISPLAY_AT - timedelta(minutes=4))


def _too_long() -> KioskError:
    from kiosk.platform.ui.scan_routing import SCAN_PROBLEMS

    return SCAN_PROBLEMS[ScanProblem.TOO_LONG.value]


def _scenes(
    window: MainWindow,
    results: list[tuple[str, Outcome]],
    services: KioskServices,
    demo: dict[str, str],
) -> list[tuple[str, Callable[[], None]]]:
    def home() -> None:
        window.show_season(None)  # the display date has no preset; "home_rain" sets one
        window.home.set_announcements([])  # "home_announcement" shows some
        window.go_home()

    def home_rain() -> None:
        window.show_season("rain")
        window.go_home()

    def home_announcement() -> None:
        """The centre's rain warning above the tiles (as pulled from the hub), then gone again
        for the scenes after."""
        from kiosk.features.announcements.domain import read_announcements

        services.announcements = read_announcements(
            {
                "announcements": [
                    {
                        "id": "rain",
                        "zh": "今日大雨：雨伞、雨衣免费借用，请到服务台登记",
                        "en": "Heavy rain today: umbrellas and raincoats are free to borrow",
                        "level": "warning",
                    },
                    {
                        "id": "hall",
                        "zh": "西候车室 18:00 前暂停开放，请走东侧通道",
                        "en": "The west waiting hall is closed until 18:00: use the east passage",
                    },
                ]
            }
        )
        window.refresh_status()
        window.go_home()
        services.announcements = []

    def detail() -> None:
        window.go_home()
        own_flow = {"phone_charging", "medicine_box"}
        next(t for t in window.home.tiles if t.item.id not in own_flow).click()

    def _open(service_id: str) -> None:
        window.go_home()
        next(t for t in window.home.tiles if t.item.id == service_id).click()

    def service_water_thanks() -> None:
        _open("water")
        for _ in range(3):
            window.flow("catalogue").detail.stepper.plus_button.click()
        window.flow("catalogue").detail.audience_buttons[Audience.RIDER].click()

    def service_error() -> None:
        _open("transport")
        window.flow("catalogue").detail.show_error(
            ValidationError("人数须在 1 到 50 之间", "The number of people must be 1 to 50")
        )

    def check_in() -> None:
        window.go_home()
        window.home.check_in_button.click()

    def phone() -> None:
        check_in()
        window.flow("shifts").check_in.phone_button.click()
        for digit in "1380000":
            window.flow("shifts").phone.keypad.digit_buttons[digit].click()

    def phone_empty() -> None:
        check_in()
        window.flow("shifts").check_in.phone_button.click()

    def pin() -> None:
        phone()
        for digit in "0004":
            window.flow("shifts").phone.keypad.digit_buttons[digit].click()
        window.flow("shifts").phone.keypad.ok_button.click()
        for digit in "12":
            window.flow("shifts").pin.keypad.digit_buttons[digit].click()

    def pin_wrong() -> None:
        pin()
        window.flow("shifts").pin.keypad.clear()
        window.flow("shifts").pin.show_error(
            ValidationError("密码不正确，还可尝试 4 次", "Wrong PIN: 4 tries left")
        )

    def set_pin() -> None:
        window.go_home()
        window.show_page(window.flow("admin").set_admin_pin)
        for digit in "246":
            window.flow("admin").set_admin_pin.keypad.digit_buttons[digit].click()

    def admin_login() -> None:
        window.go_home()
        window.show_page(window.flow("admin").admin_login)
        for digit in "2468":
            window.flow("admin").admin_login.keypad.digit_buttons[digit].click()

    def admin() -> None:
        window.go_home()
        window.flow("admin").log_in(DEMO_ADMIN_PIN)

    def admin_flagged() -> None:
        admin()
        window.flow("admin").console.section_buttons["flagged"].click()
        window.flow("shifts").flagged.table.selectRow(0)

    def team_leader() -> None:
        window.go_home()
        window.flow("admin").log_in(DEMO_LEADER_PIN)
        window.flow("admin").console.section_buttons["flagged"].click()

    def volunteers() -> None:
        admin()
        window.flow("volunteers").open_volunteers()
        window.flow("volunteers").volunteers.table.selectRow(2)

    def volunteer_name() -> None:
        volunteers()
        flow = window.flow("volunteers")
        flow.volunteers.add_button.click()
        _pinyin(flow.text_entry.keyboard, "wangfang", pick=False)

    def volunteer_pin() -> None:
        volunteers()
        window.flow("volunteers").volunteers.action_buttons["reset_pin"].click()

    def badge_page() -> None:
        volunteers()
        window.flow("volunteers").volunteers.action_buttons["badge"].click()

    def amend() -> None:
        admin_flagged()
        window.flow("shifts").flagged.amend_button.click()
        amend_page = window.flow("shifts").amend
        next(iter(amend_page.reason_buttons.values())).click()
        for digit in "420":
            amend_page.keypad.digit_buttons[digit].click()

    def settings_page() -> None:
        admin()
        window.flow("admin").console.settings_button.click()

    def admin_services() -> None:
        admin()
        window.flow("admin").console.section_buttons["services"].click()

    def manage(target: str, off: int | None = None) -> Callable[[], None]:
        """The management list of slots or items; `off` shows that row switched off (drawn
        only: each mode's pass must not write)."""

        def show() -> None:
            from dataclasses import replace

            from kiosk.features.items.domain import Target

            admin()
            tab = {"slot": "charging", "lending": "lending", "medicine": "safety"}[target]
            window.flow("admin").console.section_buttons[tab].click()
            window.flow("admin").console.tool_buttons[target].click()
            if off is not None:
                page = window.flow("items").items
                entries = list(page.entries)
                entries[off] = replace(entries[off], enabled=False)
                page.show_entries(Target(target), entries)
                name = entries[off]
                zh = getattr(name, "label_zh", None) or getattr(name, "name_zh", "")
                en = getattr(name, "label_en", None) or getattr(name, "name_en", "")
                page.notice.show_message(
                    f"已停用：{zh}", f"Switched off: {en}", page.lang, "success"
                )

        return show

    def item_number() -> None:
        manage("lending")()
        window.flow("items").items.rows[0][1].click()
        entry = window.flow("items").number_entry
        for digit in "400":
            entry.keypad.digit_buttons[digit].click()
        entry.show_error(
            ValidationError("借用期限须为 1 到 365 天", "The loan period must be 1 to 365 days")
        )

    def add_slot() -> None:
        manage("slot")()
        window.flow("items").items.add_buttons["locker"].click()  # type: ignore[index]
        text = window.flow("items").text_entry
        for key in "a 9":
            text.key_buttons[key].click()
        text.show_error(
            ValidationError(
                "充电位编号须为 1 到 16 位字母、数字、- 或 _",
                "A slot id is 1 to 16 letters, digits, - or _",
            )
        )

    requests, wishes = window.flow("requests"), window.flow("wishes")

    def request_categories() -> None:
        _open("volunteer_help")

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
        requests.phone.agree_button.click()  # the notice, agreed to
        requests.phone.keypad.ok_button.click()

    def request_phone() -> None:
        """The phone page's notice and its tap to agree, OK tapped before agreeing."""
        request_categories()
        requests.categories.tiles["luggage"].click()
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
        if LATIN in wishes.text.keyboard.mode_buttons:
            wishes.text.keyboard.mode_buttons[LATIN].click()
        for char in "Need a quiet place to sleep":
            if char == " ":
                wishes.text.keyboard.space_button.click()
                continue
            if char.isupper():
                wishes.text.keyboard.shift_button.click()
            wishes.text.keyboard.keys[char.lower()].click()

    def wish_pinyin() -> None:
        wish_categories()
        wishes.categories.tiles["rest"].click()
        _pinyin(wishes.text.keyboard, "xiexie")
        _pinyin(wishes.text.keyboard, "zhiyuanzhe", pick=False)

    def wish_handwriting() -> None:
        wish_categories()
        wishes.categories.tiles["rest"].click()
        keyboard = wishes.text.keyboard
        if HANDWRITING in keyboard.mode_buttons:
            keyboard.mode_buttons[HANDWRITING].click()
            size = keyboard.pad.side
            keyboard.pad.strokes = [
                [(round(x * size), round(y * size)) for x, y in stroke] for stroke in WATER
            ]
            keyboard.pad.strokes_changed.emit()

    def request_help_text() -> None:
        request_categories()
        requests.categories.tiles["luggage"].click()
        requests.details.field_buttons["text"].click()
        _pinyin(requests.help_text.keyboard, "liangge")
        _pinyin(requests.help_text.keyboard, "xiangzi", pick=False)

    def wish_ticket() -> None:
        wish_text()
        wishes.text.send_button.click()

    def admin_help() -> None:
        admin()
        window.flow("admin").console.section_buttons["help"].click()

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
        ("home_lending", home),  # after the charging scenes (charging's own)
        ("admin_services", admin_services),  # after the lending scenes (lending's own)
        ("admin_manage_slots", manage("slot", off=2)),
        ("admin_add_slot", add_slot),
        ("admin_manage_lending", manage("lending", off=3)),
        ("admin_item_number", item_number),
        ("admin_manage_medicine", manage("medicine")),
        ("home_rain", home_rain),
        ("home_announcement", home_announcement),  # then the medicine box's, emergency's
        ("request_categories", request_categories),
        ("request_details", request_details),
        ("request_train", request_train),
        ("request_phone", request_phone),
        ("request_help_text", request_help_text),
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
        ("wish_pinyin", wish_pinyin),
        ("wish_handwriting", wish_handwriting),
        ("wish_ticket", wish_ticket),
        ("admin_help", admin_help),
        ("wish_answer", wish_answer),
    ]
    # The features that declare their own scenes (`KIOSK_UI.scenes`), in registry order, each
    # where its `after` says (else after its feature's previous scene, or at the end).
    data = {
        "admin_pin": DEMO_ADMIN_PIN,
        "leader_pin": DEMO_LEADER_PIN,
        "volunteer_pin": DEMO_VOLUNTEER_PIN,
        "volunteer_phone": DEMO_VOLUNTEERS[0][2],  # on duty in the demo
        **demo,
    }
    for ui in feature_uis().values():
        if ui.scenes is None:
            continue
        at = len(scenes)
        for scene in ui.scenes():
            if scene.after:
                names = [name for name, _ in scenes]
                at = names.index(scene.after) + 1  # ValueError names a scene that is not there
            scenes.insert(at, (scene.name, partial(scene.stage, window, data)))
            at += 1
    return scenes


# 水 on a 1 × 1 pad, in the stroke order Tegaki's model ranks first (tests/features/wishes).
WATER = (
    ((0.15, 0.35), (0.38, 0.35), (0.12, 0.75)),
    ((0.50, 0.10), (0.50, 0.88), (0.43, 0.82)),
    ((0.80, 0.25), (0.58, 0.45)),
    ((0.58, 0.45), (0.88, 0.85)),
)


def _pinyin(keyboard: TouchKeyboard, letters: str, pick: bool = True) -> None:
    """Type pinyin letters on the touch keyboard; take the first candidate when `pick`."""
    if PINYIN in keyboard.mode_buttons and keyboard.mode != PINYIN:
        keyboard.mode_buttons[PINYIN].click()
    for letter in letters:
        keyboard.keys[letter].click()
    if pick and keyboard.candidates:
        keyboard.candidate_buttons[0].click()


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def capture_all(
    settings: Settings, out_dir: Path, only: Callable[[str], bool] = lambda name: True
) -> list[Path]:
    """Write the PNG files (of the scenes `only` keeps); returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    clock = FixedClock(DISPLAY_AT - timedelta(minutes=4))
    services = build_services(settings, clock)
    try:
        if seed_demo(services, with_lending=True, with_training=True):
            seed_history(services)
            seed_lists(services)
        results = _outcomes(services, clock)
        _charging(services, clock)
        _lending(services)
        demo = _requests(services, clock)
        _incidents(services, clock)
        _flagged(services, clock)
        _certificate(services)
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
        window.settle()  # pictures of the kiosk a moment after start: every feature loaded
        window.idle.stop()
        # As on a kiosk whose speech engine opened (`make run` installs one): the bar shows Read
        # aloud. The engine itself is not started for pictures.
        window.top_bar.read_aloud_button.show()
        written: list[Path] = []
        for language, large, tag in MODES:
            window.language.set_language(language)
            if window.top_bar.large_type_button.isChecked() != large:
                window.top_bar.large_type_button.setChecked(large)
            _settle(app)
            for index, (name, scene) in enumerate(
                _scenes(window, results, services, demo), start=1
            ):
                if not only(name):
                    continue
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


def main(argv: list[str] | None = None) -> int:
    """Render every page to PNG files in DIR; the exit code."""
    import argparse
    import logging
    import os
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m tools.screenshots", description=__doc__)
    parser.add_argument("out_dir", type=Path, metavar="DIR", help="where the PNG files go")
    parser.add_argument(
        "--only",
        metavar="REGEX",
        help="render only the scenes whose name matches (include the scenes they rely on, "
        "e.g. 'admin_login|admin$|activit' for pages behind the login)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmp:
        settings = Settings(data_dir=Path(tmp), idle_timeout_s=3600, result_timeout_s=120)
        if args.only:
            import re

            pattern = re.compile(args.only)
            written = capture_all(settings, args.out_dir, lambda name: bool(pattern.search(name)))
        else:
            written = capture_all(settings, args.out_dir)
    print(f"{len(written)} screenshots written to {args.out_dir}")
    return 0 if written else 1


if __name__ == "__main__":
    raise SystemExit(main())
