"""Activities and their sign-in sheets, driven as a station admin and the members would, on the
real window over a real database: the admin creates a meeting on the form (typed on the touch
keyboard), opens its sign-in page and leaves it to the members; they sign in by badge scan (a
second scan says when the first was) and by phone + PIN; after the meeting the admin saves the
sheet as a PDF and credits its hours, which count as service time like a shift. Bad input is
refused with a message and writes nothing."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.features.activities.store import ActivityRow, ActivitySignInRow
from kiosk.features.activities.ui.flow import ActivitiesFlow
from kiosk.features.activities.ui.pages import ActivityFormPage
from kiosk.features.shifts.store import ShiftRow
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN, DEMO_VOLUNTEER_PIN
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import login
from tests.kiosk_fixtures import (
    badge,
    scan,
    tap,
    type_digits,
    type_latin,
    visible_text,
    volunteer_id,
)

Kiosk = tuple[MainWindow, KioskServices]


def flow(window: MainWindow) -> ActivitiesFlow:
    found = window.flow("activities")
    assert isinstance(found, ActivitiesFlow)
    return found


def events(services: KioskServices, prefix: str) -> list[tuple[str, dict[str, Any]]]:
    with services.database.read() as session:
        rows = session.execute(
            select(EventRow.kind, EventRow.payload)
            .where(EventRow.kind.startswith(prefix))
            .order_by(EventRow.pos)
        ).all()
    return [(kind, json.loads(payload)) for kind, payload in rows]


def count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def fill(qtbot: QtBot, page: ActivityFormPage, field: str, text: str) -> None:
    """Tap the field, clear it, type `text` in English letters and digits."""
    tap(qtbot, page.field_buttons[field])
    while page.keyboard.value:
        tap(qtbot, page.keyboard.backspace_button)
    if text:
        type_latin(qtbot, page.keyboard, text)


def open_form(qtbot: QtBot, window: MainWindow) -> ActivityFormPage:
    login(qtbot, window, DEMO_ADMIN_PIN)
    console = window.flow("admin").console  # type: ignore[attr-defined]
    tap(qtbot, console.tool_buttons["activities"])
    listing = flow(window).listing
    assert window.current_page() is listing
    assert "No activity today" in visible_text(window) or "暂无" in visible_text(window)
    tap(qtbot, listing.new_button)
    page = flow(window).form
    assert window.current_page() is page
    return page


def test_a_meeting_from_the_form_to_its_hours(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock, tmp_path: Path
) -> None:
    window, services = kiosk
    page = open_form(qtbot, window)
    assert page.values["day"] == "2026-11-02"  # today, station time
    tap(qtbot, page.kind_buttons["meeting"])
    fill(qtbot, page, "title", "Quarterly meeting")
    fill(qtbot, page, "place", "Room 2")
    fill(qtbot, page, "starts", "09:00")
    fill(qtbot, page, "ends", "08:00")  # before the start
    before = count(services)
    tap(qtbot, page.save_button)
    assert window.current_page() is page
    assert "结束时间须晚于开始时间" in visible_text(window)
    assert count(services) == before  # nothing written

    fill(qtbot, page, "ends", "11:00")
    fill(qtbot, page, "invited", "FZB-0001 FZB-0002 FZB-0009")  # no FZB-0009 on the roster
    tap(qtbot, page.save_button)
    assert "没有这个志愿者编号：FZB-0009" in visible_text(window)
    assert count(services) == before
    fill(qtbot, page, "invited", "FZB-0001 FZB-0002 FZB-0004")
    tap(qtbot, page.save_button)

    activity = flow(window).activity
    assert window.current_page() is activity
    seen = visible_text(window)
    assert "Quarterly meeting" in seen and "11-02 09:00–11:00" in seen and "Room 2" in seen
    assert "已签到 0 / 应到 3" in seen
    ((kind, created),) = events(services, "activity.")
    assert kind == "activity.created" and created["kind"] == "meeting"
    assert created["starts_at"] == "2026-11-02T01:00:00Z"  # 09:00 station time, stored as UTC
    wang, li, lin = (volunteer_id(services, n) for n in ("FZB-0001", "FZB-0002", "FZB-0004"))
    assert created["invited"] == [wang, li, lin]

    # The admin leaves the sign-in page to the members (and is logged out).
    tap(qtbot, activity.sign_in_button)
    sheet = flow(window).sign_in
    assert window.current_page() is sheet
    assert window.flow("admin").account is None  # type: ignore[attr-defined]
    assert not sheet.qr.isVisible()  # stand-alone: no code pointing nowhere
    scan(qtbot, window, badge(services, "FZB-0001", clock))
    assert "签到成功：王芳（08:30）" in visible_text(window)
    assert sheet.count.text() == "已签到 1 / 应到 3"
    clock.advance(timedelta(minutes=3))
    scan(qtbot, window, badge(services, "FZB-0003", clock))  # 陈静 is not invited
    assert "您不在此活动的邀请名单上" in visible_text(window)
    token = badge(services, "FZB-0001", clock)
    scan(qtbot, window, token)
    assert "王芳 已在 08:30 签到" in visible_text(window)  # a second scan writes nothing

    tap(qtbot, sheet.phone_button)  # 林志远 forgot his badge
    type_digits(qtbot, flow(window).phone, "13800000004")
    tap(qtbot, flow(window).phone.keypad.ok_button)
    type_digits(qtbot, flow(window).pin, DEMO_VOLUNTEER_PIN)
    tap(qtbot, flow(window).pin.keypad.ok_button)
    assert window.current_page() is sheet
    assert "签到成功：林志远（08:33）" in visible_text(window)
    assert sheet.count.text() == "已签到 2 / 应到 3"
    signed = [p for k, p in events(services, "activity.") if k == "activity.signed_in"]
    assert [(p["volunteer_id"], p["method"]) for p in signed] == [(wang, "badge"), (lin, "pin")]
    tap(qtbot, sheet.close_button)
    assert window.current_page() is window.home

    # After the meeting: the sheet as a PDF, then the hours.
    clock.advance(timedelta(hours=3))
    login(qtbot, window, DEMO_ADMIN_PIN)
    console = window.flow("admin").console  # type: ignore[attr-defined]
    tap(qtbot, console.tool_buttons["activities"])
    listing = flow(window).listing
    assert "Quarterly meeting" in listing.rows[0].text()
    tap(qtbot, listing.rows[0])
    assert "已签到：王芳（FZB-0001）08:30、林志远（FZB-0004）08:33" in visible_text(window)
    assert "未签到：李强" in visible_text(window)
    tap(qtbot, activity.pdf_button)
    saved = [p for p in (services.settings.data_dir / "exports").rglob("sign-in-*.pdf")]
    assert len(saved) == 1 and "已保存" in visible_text(window)
    text = subprocess.run(
        ["pdftotext", "-layout", str(saved[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Quarterly meeting" in text and "应到 Invited 3" in text and "实到 Signed in 2" in text
    assert "王芳" in text and "08:30" in text and "刷工牌" in text and "李强" in text

    # 王芳 was on duty through the meeting (a demo shift since 06:15): not counted twice.
    # 林志远 was not: his two hours are credited as a manual shift over the meeting.
    tap(qtbot, activity.credit_button)
    credit = flow(window).credit
    assert credit.keypad.value == "120"  # the meeting's length
    tap(qtbot, credit.keypad.ok_button)
    assert window.current_page() is activity
    assert "已为 1 人记录 2.0 小时" in visible_text(window)
    assert "王芳 当时在值班" in visible_text(window)
    with services.database.read() as session:
        shifts = session.scalars(
            select(ShiftRow).where(
                ShiftRow.volunteer_id == lin, ShiftRow.checkin_method == "manual"
            )
        ).all()
        assert len(shifts) == 1 and shifts[0].minutes == 120
        assert shifts[0].checked_in_at is not None
        assert shifts[0].checked_in_at.isoformat().startswith("2026-11-02T01:00")
        row = session.get(ActivityRow, created["activity_id"])
        assert row is not None and row.credited_minutes == 120 and row.credited == [lin]
    assert not activity.credit_button.isEnabled()  # once per activity


def test_sign_in_is_refused_outside_its_hours_and_after_a_cancellation(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    page = open_form(qtbot, window)
    tap(qtbot, page.kind_buttons["service_day"])
    fill(qtbot, page, "title", "Lei Feng day")
    fill(qtbot, page, "starts", "14:00")
    fill(qtbot, page, "ends", "17:00")
    tap(qtbot, page.save_button)
    activity = flow(window).activity
    assert "已签到 0 人" in visible_text(window)  # open to everyone
    assert not activity.sign_in_button.isEnabled()  # 08:30: opens at 13:00
    from kiosk.features.activities.service import ActivityService
    from kiosk.features.volunteers.service.duty import Actor

    activities = services.get(ActivityService)
    (view,) = activities.current()
    wang = volunteer_id(services, "FZB-0001")
    before = count(services)
    try:
        activities.sign_in(view.id, Actor(wang, "王芳", wang), "badge")
    except Exception as exc:
        assert "现在不在签到时间内" in str(getattr(exc, "zh", exc))
    else:
        raise AssertionError("signed in five hours early")
    assert count(services) == before

    tap(qtbot, activity.cancel_button)
    assert "已取消" in visible_text(window)
    assert not activity.cancel_button.isEnabled() and not activity.credit_button.isEnabled()
    clock.advance(timedelta(hours=5, minutes=45))  # 14:15: would be open
    before = count(services)
    try:
        activities.sign_in(view.id, Actor(wang, "王芳", wang), "badge")
    except Exception as exc:
        assert "此活动已取消" in str(getattr(exc, "zh", exc))
    else:
        raise AssertionError("signed in to a cancelled activity")
    assert count(services) == before
    with services.database.read() as session:
        assert session.scalar(select(func.count()).select_from(ActivitySignInRow)) == 0
