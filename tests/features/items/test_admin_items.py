"""Managing charging slots, lending and medicine items on the admin console, by taps: what the
admin sees, the `item.*_set` event and its audit as the logged-in account, bad input refused in
both languages with nothing written."""

from __future__ import annotations

import json
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import (
    LEADER_PIN,
    count,
    login,
    make_team_leader,
    type_text,
)
from tests.kiosk_fixtures import tap, type_digits, visible_text

Kiosk = tuple[MainWindow, KioskServices]


def events(services: KioskServices, kind: str) -> list[tuple[str | None, dict[str, Any]]]:
    with services.database.read() as session:
        rows = session.execute(
            select(EventRow.actor, EventRow.payload)
            .where(EventRow.kind == kind)
            .order_by(EventRow.pos)
        ).all()
    return [(actor, json.loads(payload)) for actor, payload in rows]


def test_switch_a_slot_off_and_add_one(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    login(qtbot, window, DEMO_ADMIN_PIN)
    admin, flow = window.flow("admin").console, window.flow("items")
    tap(qtbot, admin.section_buttons["charging"])
    tap(qtbot, admin.tool_buttons["slot"])
    page = flow.items
    assert window.current_page() is page
    first = services.slots[0]
    assert first.label_zh in visible_text(window) and "本机充电位" in page.title.text()
    tap(qtbot, page.rows[0][2])  # switch off
    assert f"已停用：{first.label_zh}" in visible_text(window)
    assert "已停用" in page.rows[0][0].text() and page.rows[0][2].text() == "启用"
    assert first.id not in {v.slot.id for v in services.charging.slot_views()}
    ((actor, edit),) = events(services, "item.slot_set")
    assert actor == "station_admin" and edit["enabled"] is False
    audit = events(services, "admin.audited")[-1][1]
    assert (audit["action"], audit["target"], audit["account_id"]) == (
        "slot_set",
        first.id,
        "station_admin",
    )

    before = count(services)
    tap(qtbot, page.add_buttons["cable"])  # type: ignore[index]
    type_text(qtbot, window, first.id)  # already a slot
    assert "已经有这个编号的充电位" in visible_text(window)
    assert count(services) == before
    for _ in range(len(flow.text_entry.value)):
        tap(qtbot, flow.text_entry.backspace_button)
    type_text(qtbot, window, "a 9")  # a space is not a slot id
    assert "1 到 16 位" in visible_text(window) and count(services) == before
    for _ in range(len(flow.text_entry.value)):
        tap(qtbot, flow.text_entry.backspace_button)
    type_text(qtbot, window, "A9")
    assert window.current_page() is page
    assert "已添加：A9 号充电线" in visible_text(window)
    assert services.slots[-1].id == "A9" and count(services) == before + 2


def test_lending_loan_period_by_keypad_bad_number_refused(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    window.language.set_language("en")
    login(qtbot, window, DEMO_ADMIN_PIN)
    admin, flow = window.flow("admin").console, window.flow("items")
    tap(qtbot, admin.section_buttons["lending"])
    tap(qtbot, admin.tool_buttons["lending"])
    page = flow.items
    umbrella = page.entries[0]
    assert umbrella.id == "umbrella" and "Loan period: 3 days" in page.rows[0][1].text()
    tap(qtbot, page.rows[0][1])
    entry = flow.number_entry
    assert window.current_page() is entry and "Loan period of the umbrella" in entry.title.text()
    before = count(services)
    type_digits(qtbot, entry, "400")
    tap(qtbot, entry.keypad.ok_button)
    assert "The loan period must be 1 to 365 days" in visible_text(window)
    assert window.current_page() is entry and count(services) == before
    type_digits(qtbot, entry, "7")
    tap(qtbot, entry.keypad.ok_button)
    assert window.current_page() is page
    assert "Loan period of the umbrella: 7 days" in visible_text(window)
    assert page.rows[0][1].text() == "Loan period: 7 days"
    assert next(i for i in services.lending_items if i.id == "umbrella").due_days == 7
    ((actor, edit),) = events(services, "item.lending_set")
    assert actor == "station_admin" and edit["due_days"] == 7
    audit = events(services, "admin.audited")[-1][1]
    assert audit["before"] == {"due_days": 3} and audit["after"] == {"due_days": 7}
    tap(qtbot, page.rows[0][2])  # stop lending
    assert "Switched off: umbrella" in visible_text(window)
    assert "umbrella" not in {i.id for i in services.lending.items()}


def test_medicine_item_threshold_and_hide(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    login(qtbot, window, DEMO_ADMIN_PIN)
    admin, flow = window.flow("admin").console, window.flow("items")
    tap(qtbot, admin.section_buttons["safety"])
    tap(qtbot, admin.tool_buttons["medicine"])
    page = flow.items
    item = page.entries[0]
    tap(qtbot, page.rows[0][1])
    type_digits(qtbot, flow.number_entry, "12")
    tap(qtbot, flow.number_entry.keypad.ok_button)
    assert f"{item.name_zh}最低库存：12" in visible_text(window)
    tap(qtbot, page.rows[0][2])
    assert f"已停用：{item.name_zh}" in visible_text(window)
    assert item.id not in {i.id for i in window.flow("medicine").dispense._items}
    assert [e["min_stock"] for _, e in events(services, "item.medicine_set") if "min_stock" in e]
    tap(qtbot, page.back_button)
    assert window.current_page() is admin


def test_a_team_leader_cannot_manage_items(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    make_team_leader(qtbot, window, services)
    login(qtbot, window, LEADER_PIN)
    tools = window.flow("admin").console.tool_buttons
    assert not any(tools[key].isVisible() for key in ("slot", "lending", "medicine"))
    assert not window.flow("admin").console.exit_button.isVisible()


def test_only_the_station_admin_may_leave_kiosk_mode(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    make_team_leader(qtbot, window, services)
    login(qtbot, window, LEADER_PIN)
    before = count(services)
    window.flow(
        "admin"
    ).console.exit_button.click()  # hidden from a team leader; refused even if reached
    assert window.isVisible() and window.current_page() is window.flow("admin").console
    assert "只有站点管理员可以退出终端程序" in visible_text(window)
    assert count(services) == before
