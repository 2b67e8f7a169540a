"""The medicine box as a volunteer taps it: dispense (badge and PIN), restock, daily check, the
alert strip on home, and bad input (more than in stock, an expired batch, not on duty)."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.features.medicine.store import AedCheckRow, MedicineLotRow
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN, DEMO_VOLUNTEER_PIN
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import badge, scan, tap, type_digits, visible_text

Kiosk = tuple[MainWindow, KioskServices]
ON_DUTY_PHONE = "13800000001"  # FZB-0001, checked in by the demo
OFF_DUTY_PHONE = "13800000008"  # FZB-0008, not checked in


def events(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def stock(services: KioskServices, lot: str) -> int:
    with services.database.read() as session:
        row = session.get(MedicineLotRow, lot)
        return 0 if row is None else row.quantity


def fill_box(services: KioskServices) -> None:
    actor = services.duty.admin()
    today = services.medicine.today()
    services.medicine.restock(actor, "plaster", "EARLY", today + timedelta(days=20), 3)
    services.medicine.restock(actor, "plaster", "LATE", today + timedelta(days=400), 30)
    services.medicine.restock(actor, "ibuprofen", "OLD", today + timedelta(days=1), 12)


def open_box(qtbot: QtBot, window: MainWindow) -> None:
    window.go_home()
    tap(qtbot, next(t for t in window.home.tiles if t.item.id == "medicine_box"))
    assert window.current_page() is window.flow("medicine").overview


def identify_by_pin(qtbot: QtBot, window: MainWindow, phone: str) -> None:
    assert window.current_page() is window.flow("medicine").phone
    type_digits(qtbot, window.flow("medicine").phone, phone)
    tap(qtbot, window.flow("medicine").phone.keypad.ok_button)
    assert window.current_page() is window.flow("medicine").pin
    type_digits(qtbot, window.flow("medicine").pin, DEMO_VOLUNTEER_PIN)
    tap(qtbot, window.flow("medicine").pin.keypad.ok_button)


def test_dispense_by_phone_and_pin_takes_the_earliest_batch(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    fill_box(services)
    open_box(qtbot, window)
    card = window.flow("medicine").overview.cards["plaster"]
    assert card.expiry_label.property("band") == "days_30"  # the earliest lot's colour
    tap(qtbot, window.flow("medicine").overview.dispense_button)
    identify_by_pin(qtbot, window, ON_DUTY_PHONE)
    page = window.flow("medicine").dispense
    assert window.current_page() is page and "王芳" in page.who.text()
    tap(qtbot, page.items.buttons["plaster"])
    assert next(iter(page.lot_buttons)) == "EARLY" and "LATE" in page.lot_buttons
    assert page.batch == "EARLY"  # earliest-expiring offered first
    tap(qtbot, page.stepper.plus_button)
    tap(qtbot, page.reasons.buttons["cut_graze"])
    tap(qtbot, page.audiences.buttons["rider"])
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, page.confirm_button)
    assert window.current_page() is window.result
    text = visible_text(window)
    assert "已发放 创可贴 2 片（批号 EARLY）" in text and "Gave out 2 pcs of Plasters" in text
    assert stock(services, "plaster:EARLY") == 1
    assert services.uses.served_today() >= 1


def test_dispense_by_badge_scan(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    window, services = kiosk
    fill_box(services)
    open_box(qtbot, window)
    tap(qtbot, window.flow("medicine").overview.dispense_button)
    token = badge(services, "FZB-0002", clock)  # printing it is an event
    before = events(services)
    scan(qtbot, window, token)
    assert events(services) == before  # the scan identified; it did not clock anyone out
    page = window.flow("medicine").dispense
    assert window.current_page() is page and "李强" in page.who.text()
    tap(qtbot, page.items.buttons["ibuprofen"])
    tap(qtbot, page.reasons.buttons["fever_pain"])
    tap(qtbot, page.confirm_button)
    assert stock(services, "ibuprofen:OLD") == 11


def test_bad_dispenses_show_a_message_and_write_nothing(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    fill_box(services)
    clock.advance(timedelta(days=2))  # ibuprofen OLD has expired
    open_box(qtbot, window)
    assert (
        window.flow("medicine").overview.cards["ibuprofen"].expiry_label.property("band")
        == "expired"
    )
    tap(qtbot, window.flow("medicine").overview.dispense_button)
    identify_by_pin(qtbot, window, ON_DUTY_PHONE)
    page = window.flow("medicine").dispense
    before = events(services)
    tap(qtbot, page.items.buttons["ibuprofen"])
    assert page.batch == "2403117"  # the demo's good batch is offered, never the expired one
    tap(qtbot, page.lot_buttons["OLD"])
    tap(qtbot, page.reasons.buttons["fever_pain"])
    tap(qtbot, page.confirm_button)
    assert window.current_page() is page
    assert page.message.texts is not None
    zh, en = page.message.texts
    assert "已过期" in zh and "expired" in en
    tap(qtbot, page.items.buttons["plaster"])
    for _ in range(4):  # 5 > the 3 of batch EARLY
        tap(qtbot, page.stepper.plus_button)
    tap(qtbot, page.confirm_button)
    zh, en = page.message.texts or ("", "")
    assert "库存不足" in zh and "Not enough in stock" in en
    assert "库存不足" in visible_text(window)
    assert events(services) == before


def test_a_volunteer_not_on_duty_cannot_dispense(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    fill_box(services)
    open_box(qtbot, window)
    tap(qtbot, window.flow("medicine").overview.dispense_button)
    before = events(services)
    identify_by_pin(qtbot, window, OFF_DUTY_PHONE)
    assert window.current_page() is window.flow("medicine").pin
    text = visible_text(window)
    assert "您当前未签到值班" in text and "You are not checked in for duty" in text
    assert events(services) == before


def test_restock_on_the_keypad(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    open_box(qtbot, window)
    tap(qtbot, window.flow("medicine").overview.restock_button)
    identify_by_pin(qtbot, window, ON_DUTY_PHONE)
    page = window.flow("medicine").restock
    assert window.current_page() is page
    tap(qtbot, page.items.buttons["gauze"])
    tap(qtbot, page.fields.field_buttons["batch"])
    type_digits(qtbot, page.fields, "230512")
    tap(qtbot, page.fields.field_buttons["expiry"])
    type_digits(qtbot, page.fields, "202001")  # in the past: refused
    tap(qtbot, page.fields.field_buttons["quantity"])
    type_digits(qtbot, page.fields, "25")
    before = events(services)
    tap(qtbot, page.confirm_button)
    assert "过期药品不能放入药箱" in visible_text(window)
    assert events(services) == before
    tap(qtbot, page.fields.field_buttons["expiry"])
    tap(qtbot, page.fields.keypad.clear_button)
    type_digits(qtbot, page.fields, "202805")
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, page.confirm_button)
    assert "已补充 无菌纱布 25 片" in visible_text(window)
    assert stock(services, "gauze:230512") == 25
    with services.database.read() as session:
        row = session.get(MedicineLotRow, "gauze:230512")
        assert row is not None and row.expiry.isoformat() == "2028-05-31"


def test_daily_check_clears_the_missed_check_alert_on_home(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    clock.advance(timedelta(hours=2))  # 10:30: the check is due
    window.refresh_status()
    assert "今日药箱与 AED 检查未完成" in window.home.alerts.label.text()
    assert window.home.alerts.isVisible()
    open_box(qtbot, window)
    tap(qtbot, window.flow("medicine").overview.check_button)
    identify_by_pin(qtbot, window, ON_DUTY_PHONE)
    page = window.flow("medicine").check
    assert window.current_page() is page
    tap(qtbot, page.lights.buttons["green"])
    assert page.fields.values["pads"]  # yesterday's dates are offered again
    tap(qtbot, page.fields.field_buttons["pads"])
    tap(qtbot, page.fields.keypad.clear_button)
    type_digits(qtbot, page.fields, "202806")
    tap(qtbot, page.fields.field_buttons["battery"])
    tap(qtbot, page.fields.keypad.clear_button)
    type_digits(qtbot, page.fields, "203001")
    before = events(services)
    tap(qtbot, page.confirm_button)  # the box was not ticked
    assert "请先确认已检查药箱" in visible_text(window)
    assert events(services) == before
    tap(qtbot, page.box_button)
    tap(qtbot, page.confirm_button)
    assert "今日检查已记录" in visible_text(window)
    with services.database.read() as session:
        row = session.scalars(
            select(AedCheckRow).where(AedCheckRow.day == services.medicine.today().isoformat())
        ).one()
        assert row.light == "green" and row.pads_expiry.isoformat() == "2028-06-30"
    window.go_home()
    assert "检查未完成" not in window.home.alerts.label.text()


def test_a_kiosk_without_the_medicine_box_tile_shows_no_box_alerts_on_home(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    """The other exit's kiosk has no box: its home says nothing of one (#17 §5); the admin's
    safety tab still lists the station's box alerts."""
    window, services = kiosk
    clock.advance(timedelta(hours=2))  # 10:30: the daily check is due
    window.refresh_status()
    assert "检查未完成" in window.home.alerts.label.text() and window.home.alerts.isVisible()
    window.flow("admin").log_in(DEMO_ADMIN_PIN)
    console = window.flow("admin").console
    tap(qtbot, console.section_buttons["services"])
    panel = window.flow("catalogue").catalogue_panel

    def shown() -> list[str]:
        return [label.text() for label, *_ in panel.rows if label.isVisible()]

    box = next(i for i in panel.items if i.id == "medicine_box").name_zh
    while not any(box in text for text in shown()):
        tap(qtbot, panel.next_button)
    index = next(n for n, text in enumerate(shown()) if box in text)
    tap(qtbot, panel.rows[index][1])  # hide the tile
    hidden = next(i for i in services.editable_catalogue() if i.id == "medicine_box")
    assert not hidden.enabled  # stored: the kiosk's catalogue edit
    tap(qtbot, console.section_buttons["safety"])
    assert "检查未完成" in window.flow("emergency").safety.alerts_label.text()
    tap(qtbot, console.back_button)  # log out, home
    window.refresh_status()
    assert "medicine_box" not in {t.item.id for t in window.home.tiles}
    assert not window.home.alerts.isVisible()
    assert "检查未完成" not in visible_text(window)


def test_an_expired_batch_is_taken_out_on_the_restock_screen(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    open_box(qtbot, window)  # the demo box holds an expired batch of huoxiang
    assert (
        window.flow("medicine").overview.cards["huoxiang"].expiry_label.property("band")
        == "expired"
    )
    tap(qtbot, window.flow("medicine").overview.restock_button)
    identify_by_pin(qtbot, window, ON_DUTY_PHONE)
    page = window.flow("medicine").restock
    tap(qtbot, page.items.buttons["huoxiang"])
    [(batch, take_out)] = page.expired_buttons.items()
    assert "取出过期批号" in take_out.text()
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, take_out)
    assert stock(services, f"huoxiang:{batch}") == 0 and not page.expired_buttons
    assert "已取出过期批号" in visible_text(window)
    window.refresh_status()
    assert not [a for a in window.home.alerts.alerts if a.alert.kind == "expired"]
