"""The rota driven as a station admin would, on the real window over a real database: the Rota
button on the console opens the list; a weekly pattern and a one-off shift are added on the form
(typed on the touch keyboard), bad input is refused with a message and writes nothing, a line is
removed; the console's On duty today tab shows who is expected, who checked in, and flags the
no-show 15 minutes after the start; home's 今日值班 line says how many of those planned today
checked in."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.features.rota.service import RotaService
from kiosk.features.rota.ui.flow import RotaFlow
from kiosk.features.rota.ui.pages import RotaFormPage
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import login
from tests.kiosk_fixtures import badge, scan, tap, type_latin, visible_text

Kiosk = tuple[MainWindow, KioskServices]
# The clock starts at 2026-11-02 08:30 Asia/Shanghai, a Monday.


def flow(window: MainWindow) -> RotaFlow:
    found = window.flow("rota")
    assert isinstance(found, RotaFlow)
    return found


def events(services: KioskServices) -> list[tuple[str, dict[str, Any]]]:
    with services.database.read() as session:
        rows = session.execute(
            select(EventRow.kind, EventRow.payload)
            .where(EventRow.kind.startswith("rota."))
            .order_by(EventRow.pos)
        ).all()
    return [(kind, json.loads(payload)) for kind, payload in rows]


def count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def fill(qtbot: QtBot, page: RotaFormPage, field: str, text: str) -> None:
    """Tap the field, clear it with backspace, type `text` on the touch keyboard."""
    tap(qtbot, page.field_buttons[field])
    while page.keyboard.value:
        tap(qtbot, page.keyboard.backspace_button)
    if text:
        type_latin(qtbot, page.keyboard, text)


def refused(qtbot: QtBot, window: MainWindow, services: KioskServices, zh: str) -> None:
    before = count(services)
    page = flow(window).form
    tap(qtbot, page.save_button)
    assert window.current_page() is page  # still on the form, what was typed kept
    assert zh in visible_text(window)
    assert count(services) == before  # nothing written


def test_add_a_weekly_pattern_and_a_shift_and_watch_today(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    login(qtbot, window, DEMO_ADMIN_PIN)
    console = window.flow("admin").console  # type: ignore[attr-defined]
    tap(qtbot, console.section_buttons["rota"])
    tap(qtbot, console.tool_buttons["rota"])
    listing = flow(window).listing
    assert window.current_page() is listing
    assert "Nobody is on the rota yet" in visible_text(window) or "排班" in visible_text(window)

    tap(qtbot, listing.weekly_button)
    page = flow(window).form
    assert window.current_page() is page
    assert page.values["day"] == "2026-11-02"  # today, station time
    fill(qtbot, page, "number", "FZB-0009")  # not on the roster
    fill(qtbot, page, "weekday", "1")
    fill(qtbot, page, "starts", "09:00")
    fill(qtbot, page, "ends", "12:00")
    refused(qtbot, window, services, "没有这个志愿者编号：FZB-0009")
    fill(qtbot, page, "number", "FZB-0004")
    fill(qtbot, page, "weekday", "8")
    refused(qtbot, window, services, "星期应为 1 至 7")
    fill(qtbot, page, "weekday", "1")
    fill(qtbot, page, "ends", "08:00")
    refused(qtbot, window, services, "结束时间须晚于开始时间")
    fill(qtbot, page, "ends", "12:00")
    tap(qtbot, page.save_button)
    assert window.current_page() is listing
    assert "已排班" in visible_text(window) or "On the rota" in visible_text(window)
    ((kind, payload),) = events(services)
    assert kind == "rota.pattern_set"
    assert (payload["weekday"], payload["starts"], payload["ends"]) == (0, "09:00", "12:00")
    assert payload["valid_from"] == "2026-11-02" and payload["valid_until"] is None

    tap(qtbot, listing.once_button)
    fill(qtbot, page, "number", "FZB-0006")
    fill(qtbot, page, "starts", "09:00")
    fill(qtbot, page, "ends", "13:00")
    tap(qtbot, page.save_button)
    assert [k for k, _ in events(services)] == ["rota.pattern_set", "rota.shift_set"]
    assert events(services)[1][1]["starts_at"] == "2026-11-02T01:00:00Z"  # 09:00 local
    shown = visible_text(window)
    assert "09:00–12:00" in shown and "09:00–13:00" in shown

    # FZB-0004 checks in by badge; at 09:15 FZB-0006 has not come.
    window.go_home()
    scan(qtbot, window, badge(services, "FZB-0004", clock))
    shown = visible_text(window)  # the check-in screen says their rota shift
    assert "您的排班：11月2日 周一 09:00–12:00" in shown or "Your rota shift: Mon 02 Nov" in shown
    clock.advance(timedelta(minutes=45))
    window.go_home()
    window.refresh_status()  # the status timer's round
    rota_line = window.home.board.rota
    assert rota_line.isVisible()
    assert rota_line.text() in (
        "On duty today: 1 of 2 planned checked in · 1 missing",
        "今日值班：排班 2 人，已到岗 1 人，缺岗 1 人",
    )
    assert [k for k, _ in events(services)][-1] == "rota.no_show"  # written once, announced
    login(qtbot, window, DEMO_ADMIN_PIN)
    tap(qtbot, console.section_buttons["rota"])
    duty = flow(window).duty
    assert duty is not None
    text = duty.lines.text()
    names = {line.name: line.state.value for line in services.get(RotaService).board()}
    assert sorted(names.values()) == ["checked_in", "no_show"]
    assert "⚠" in text and "✓" in text
    assert "1" in duty.caption.text() and "2" in duty.caption.text()

    # Remove the one-off shift: the board keeps the pattern's line only.
    tap(qtbot, console.tool_buttons["rota"])  # beside the tab chosen
    entries = flow(window).listing.entries
    once = next(i for i, e in enumerate(entries) if e.weekday is None)
    tap(qtbot, listing.rows[once][1])
    assert [k for k, _ in events(services)][-1] == "rota.removed"
    assert len(services.get(RotaService).board()) == 1
    assert len(flow(window).listing.entries) == 1
    tap(qtbot, flow(window).listing.back_button)
    window.go_home()
    window.refresh_status()
    assert rota_line.text() in (
        "On duty today: 1 of 1 planned checked in",
        "今日值班：排班 1 人，已到岗 1 人",
    )


def test_the_form_needs_a_choice(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    login(qtbot, window, DEMO_ADMIN_PIN)
    console = window.flow("admin").console  # type: ignore[attr-defined]
    tap(qtbot, console.section_buttons["rota"])
    tap(qtbot, console.tool_buttons["rota"])
    tap(qtbot, flow(window).listing.weekly_button)
    page = flow(window).form
    page.kind = ""
    fill(qtbot, page, "number", "FZB-0001")
    refused(qtbot, window, services, "请选择")
