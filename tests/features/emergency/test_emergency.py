"""The emergency button on every screen, the banner on every kiosk until someone attends, and
the incident record (from the emergency page, corrected and voided from the admin screen)."""

from __future__ import annotations

import json
from datetime import timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.features.emergency.store import EmergencyRow
from kiosk.features.incidents.store import IncidentRow
from kiosk.features.medicine.store import MedicineLotRow
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN, DEMO_VOLUNTEER_PIN
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import badge, scan, tap, type_digits, visible_text, volunteer_id

Kiosk = tuple[MainWindow, KioskServices]
ON_DUTY_PHONE = "13800000001"  # 王芳, checked in by the demo


def attend(
    qtbot: QtBot, window: MainWindow, phone: str = ON_DUTY_PHONE, pin: str = DEMO_VOLUNTEER_PIN
) -> None:
    """On the "I am attending" keypad: the phone, OK, then the PIN, OK."""
    flow = window.flow("emergency")
    assert window.current_page() is flow.attend_phone
    type_digits(qtbot, flow.attend_phone, phone)
    tap(qtbot, flow.attend_phone.keypad.ok_button)
    assert window.current_page() is flow.attend_pin
    type_digits(qtbot, flow.attend_pin, pin)
    tap(qtbot, flow.attend_pin.keypad.ok_button)


def events(services: KioskServices, kind: str | None = None) -> int:
    query = select(func.count()).select_from(EventRow)
    if kind is not None:
        query = query.where(EventRow.kind == kind)
    with services.database.read() as session:
        return int(session.scalar(query) or 0)


def remote_alert(services: KioskServices, emergency_id: str = "em-north") -> None:
    """What a pull from the hub does with an alert raised at the other exit's kiosk."""
    event = Event(
        id=new_id(),
        kind="emergency.raised",
        station_id=services.settings.station_id,
        kiosk_id="north-exit-kiosk",
        seq=7,
        occurred_at=services.clock.now(),
        actor=None,
        payload={"emergency_id": emergency_id, "place_zh": "北出口", "place_en": "North exit"},
    )
    with services.database.write() as session:
        assert eventlog.ingest(session, event)


def test_one_tap_raises_an_alert_until_a_volunteer_attends(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    tap(qtbot, next(t for t in window.home.tiles if t.item.id == "water"))
    assert window.top_bar.emergency_button.isVisible()  # on every screen, in the top bar
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, window.top_bar.emergency_button)
    assert window.current_page() is window.flow("emergency").page
    text = visible_text(window)
    assert "立即拨打 120" in text and "120" in text
    assert services.settings.aed_location_zh in text and services.settings.aed_location_en in text
    assert events(services, "emergency.raised") == 1
    assert window.flow("emergency").banner.isVisible()
    assert "紧急求助：候车大厅服务台" in window.flow("emergency").banner.label.text()
    window.go_home()
    assert window.flow("emergency").banner.isVisible()  # stays on every page
    tap(qtbot, window.top_bar.emergency_button)  # a second press: the same alert
    assert events(services, "emergency.raised") == 1
    tap(qtbot, window.flow("emergency").banner.ack_button)
    attend(qtbot, window)
    assert not window.flow("emergency").banner.isVisible()
    assert window.current_page() is window.flow("emergency").page
    assert "已响应" in visible_text(window)
    with services.database.read() as session:
        row = session.scalars(select(EmergencyRow)).one()
        assert row.acknowledged_by == "volunteer"
        assert row.ack_actor == volunteer_id(services, "FZB-0001")


def test_an_alert_from_another_kiosk_shows_here_and_the_admin_acknowledges(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    window, services = kiosk
    assert not window.flow("emergency").banner.isVisible()
    remote_alert(services)
    window.refresh_status()  # the status timer (and every sync round) reads the alerts
    assert window.flow("emergency").banner.isVisible()
    assert "北出口" in window.flow("emergency").banner.label.text()
    tap(qtbot, window.top_bar.language_button)
    qtbot.waitUntil(lambda: "North exit" in window.flow("emergency").banner.label.text())
    tap(qtbot, window.top_bar.language_button)
    window.show_page(window.flow("admin").admin_login)
    type_digits(qtbot, window.flow("admin").admin_login, DEMO_ADMIN_PIN)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    assert window.current_page() is window.flow("admin").console
    tap(qtbot, window.flow("admin").console.section_buttons["safety"])
    label, ack = window.flow("emergency").safety.emergency_rows[0]
    assert "北出口" in label.text()
    tap(qtbot, ack)
    assert not window.flow("emergency").banner.isVisible()
    with services.database.read() as session:
        row = session.get(EmergencyRow, "em-north")
        assert row is not None and row.acknowledged_by == "admin"
    assert window.flow("emergency").safety.emergency_rows == []


def test_a_badge_scan_acknowledges_and_a_stranger_pin_writes_nothing(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    services.roster.register("未签到", "FZB-0099", "13900000099", "9876")
    remote_alert(services)
    window.refresh_status()
    tap(qtbot, window.flow("emergency").banner.ack_button)
    before = events(services)
    attend(qtbot, window, "13900000099", "9876")  # on the roster, not on duty
    text = visible_text(window)
    assert "未签到值班" in text and "not checked in for duty" in text
    assert events(services) == before and window.flow("emergency").banner.isVisible()
    tap(qtbot, window.flow("emergency").attend_pin.back_button)
    scan(qtbot, window, badge(services, "FZB-0003", clock))
    assert not window.flow("emergency").banner.isVisible()
    assert events(services, "emergency.acknowledged") == 1
    assert events(services, "shift.checked_out") == 0  # the scan did not clock anyone


def test_incident_recorded_from_the_emergency_page_then_corrected_and_voided(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    window, services = kiosk
    today = services.medicine.today()
    services.medicine.restock(services.duty.admin(), "gauze", "G1", today + timedelta(days=300), 4)
    tap(qtbot, window.top_bar.emergency_button)
    tap(qtbot, window.flow("emergency").page.ack_button)
    attend(qtbot, window)
    tap(qtbot, window.flow("emergency").page.incident_button)
    form = window.flow("emergency").incident
    assert window.current_page() is form
    assert form.attended.values  # the volunteer who attends is preselected
    before = events(services)
    tap(qtbot, form.save_button)  # nothing chosen yet
    assert "请填写地点" in visible_text(window)
    for group, value in (
        (form.place, "platform"),
        (form.what, "fall"),
        (form.aed_used, "no"),
        (form.called_120, "yes"),
        (form.outcome, "hospital"),
    ):
        tap(qtbot, group.buttons[value])
    tap(qtbot, form.first_aid.buttons["wound_care"])
    tap(qtbot, form.first_aid.buttons["observation"])
    tap(qtbot, form.item_pick.buttons["gauze"])
    for _ in range(4):
        tap(qtbot, form.item_count.plus_button)
    tap(qtbot, form.add_item_button)  # 5 > the 4 in the box
    tap(qtbot, form.save_button)
    text = visible_text(window)
    assert "库存不足" in text and "Not enough in stock" in text
    assert events(services) == before
    form.used.clear()
    tap(qtbot, form.item_pick.buttons["gauze"])
    tap(qtbot, form.item_count.plus_button)
    tap(qtbot, form.add_item_button)
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, form.save_button)
    assert "急救记录已保存" in visible_text(window)
    with services.database.read() as session:
        incident = session.scalars(select(IncidentRow)).one()
        lot = session.get(MedicineLotRow, "gauze:G1")
        assert lot is not None and lot.quantity == 2
        dispensed = session.scalars(
            select(EventRow.payload).where(EventRow.kind == "medicine.dispensed")
        ).one()
    assert incident.outcome == "hospital" and incident.called_120 and incident.emergency_id
    assert sorted(incident.first_aid) == ["observation", "wound_care"]
    assert json.loads(dispensed)["incident_id"] == incident.id

    window.go_home()
    window.show_page(window.flow("admin").admin_login)
    type_digits(qtbot, window.flow("admin").admin_login, DEMO_ADMIN_PIN)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    tap(qtbot, window.flow("admin").console.section_buttons["safety"])
    [(incident_id, label, amend, void)] = window.flow("emergency").safety.incident_rows
    assert "站台" in label.text() and "送医" in label.text()
    tap(qtbot, amend)
    assert window.current_page() is form and form.outcome.value == "hospital"
    tap(qtbot, form.outcome.buttons["family"])
    tap(qtbot, form.save_button)
    assert window.current_page() is window.flow("admin").console
    [(_, label, amend, void)] = window.flow("emergency").safety.incident_rows
    assert "家属接走" in label.text() and "已更正" in label.text()
    tap(qtbot, void)
    tap(qtbot, window.flow("emergency").safety.void_reasons.buttons["duplicate"])
    tap(qtbot, window.flow("emergency").safety.void_confirm)
    [(_, label, amend, void)] = window.flow("emergency").safety.incident_rows
    assert "已作废" in label.text() and not amend.isEnabled()
    with services.database.read() as session:
        row = session.get(IncidentRow, incident_id)
        assert row is not None and row.voided and row.outcome == "family"
        assert row.void_reason == "duplicate" and row.amendments == 1


def test_after_idle_the_incident_form_asks_who_records_again(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    tap(qtbot, window.top_bar.emergency_button)
    tap(qtbot, window.flow("emergency").page.ack_button)
    attend(qtbot, window)
    assert window.flow("emergency").page.actor is not None
    window.idle.idle.emit()  # nobody touched the screen for a minute
    assert window.current_page() is window.home and window.flow("emergency").page.actor is None
    window.show_page(window.flow("emergency").page)
    tap(qtbot, window.flow("emergency").page.incident_button)
    assert window.current_page() is window.flow("emergency").attend_phone


def test_a_pin_alone_is_refused_and_says_how_to_say_who_you_are(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    remote_alert(services)
    window.refresh_status()
    tap(qtbot, window.flow("emergency").banner.ack_button)
    flow = window.flow("emergency")
    before = events(services)
    type_digits(qtbot, flow.attend_phone, DEMO_VOLUNTEER_PIN)  # the PIN of three on duty
    tap(qtbot, flow.attend_phone.keypad.ok_button)
    assert window.current_page() is flow.attend_phone
    text = visible_text(window)
    assert "只输入密码无法确认是谁" in text and "A PIN alone does not say who you are" in text
    assert "scan your badge, or enter your phone number" in text
    assert events(services) == before and flow.banner.isVisible()
    type_digits(qtbot, flow.attend_phone, DEMO_ADMIN_PIN)  # the admin's PIN alone: the same
    tap(qtbot, flow.attend_phone.keypad.ok_button)
    assert "只输入密码无法确认是谁" in visible_text(window)
    assert events(services) == before and flow.banner.isVisible()


def test_two_volunteers_sharing_a_pin_the_phone_picks_who_attended(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    """王芳 and 李强 (both on duty) have the same PIN: 李强's phone credits 李强."""
    window, services = kiosk
    remote_alert(services)
    window.refresh_status()
    tap(qtbot, window.flow("emergency").banner.ack_button)
    attend(qtbot, window, "13800000002", DEMO_VOLUNTEER_PIN)
    assert not window.flow("emergency").banner.isVisible()
    assert "李强" in visible_text(window)
    with services.database.read() as session:
        row = session.get(EmergencyRow, "em-north")
        assert row is not None and row.acknowledged_by == "volunteer"
        assert row.ack_actor == volunteer_id(services, "FZB-0002")
        ack = session.scalars(
            select(EventRow).where(EventRow.kind == "emergency.acknowledged")
        ).one()
        assert ack.actor == volunteer_id(services, "FZB-0002")
