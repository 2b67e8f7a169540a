"""Erasing one ticket's personal data at the kiosk's admin, as a station admin does it when a
traveller asks: the Personal data tab's button, the ticket number on the keypad, what will be
erased (the phone masked, the words), Erase. A bad or unknown number, or a ticket with nothing
to erase, is refused with a message in both languages and nothing is written; the erasure is
`privacy.erased` by the account with its audit, and the ticket's phone and words read as erased
afterwards. A team leader does not see the tab."""

from __future__ import annotations

import json
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.features.privacy.ui.flow import PrivacyFlow
from kiosk.platform.store.models import EventRow, SubjectKeyRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN, DEMO_LEADER_PIN
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import login
from tests.kiosk_fixtures import tap, type_digits, visible_text

Kiosk = tuple[MainWindow, KioskServices]
PHONE = "13912345678"
WORDS = "行李太重，需要人帮忙搬到站台"


def flow(window: MainWindow) -> PrivacyFlow:
    found = window.flow("privacy")
    assert isinstance(found, PrivacyFlow)
    return found


def event_count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def events(services: KioskServices, kind: str) -> list[tuple[str | None, dict[str, Any]]]:
    with services.database.read() as session:
        rows = session.execute(
            select(EventRow.actor, EventRow.payload)
            .where(EventRow.kind == kind)
            .order_by(EventRow.pos)
        ).all()
    return [(actor, json.loads(payload)) for actor, payload in rows]


def enter(qtbot: QtBot, window: MainWindow, digits: str) -> None:
    page = flow(window).ticket_page
    page.keypad.clear()
    type_digits(qtbot, page, digits)
    tap(qtbot, page.keypad.ok_button)


def refused(
    qtbot: QtBot, window: MainWindow, services: KioskServices, digits: str, zh: str, en: str
) -> None:
    before = event_count(services)
    enter(qtbot, window, digits)
    assert window.current_page() is flow(window).ticket_page
    shown = visible_text(window)
    assert zh in shown and en in shown
    assert event_count(services) == before  # nothing written


def test_a_station_admin_erases_one_tickets_personal_data(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    asked = services.requests.order("luggage", phone=PHONE, text=WORDS, consent=True)
    bare = services.requests.order("wheelchair")  # no phone, no words
    login(qtbot, window, DEMO_ADMIN_PIN)
    console = window.flow("admin").console  # type: ignore[attr-defined]
    tap(qtbot, console.section_buttons["privacy"])
    shown = visible_text(window)
    assert "180 天后删除" in shown  # the retention the section explains
    button = flow(window).erase_button
    assert button is not None and button.isVisible() and button.height() >= 72
    tap(qtbot, button)
    page = flow(window).ticket_page
    assert window.current_page() is page
    assert "删除单号对应的个人信息" in visible_text(window)

    refused(qtbot, window, services, "12", "请输入 6 位单号", "6-digit ticket number")
    unknown = "100000" if "100000" not in (asked.ticket, bare.ticket) else "999999"
    refused(qtbot, window, services, unknown, "没有找到这个单号", "No request or wish")
    refused(qtbot, window, services, bare.ticket, "没有可删除的个人信息", "no personal data")

    enter(qtbot, window, asked.ticket)
    confirm = flow(window).confirm
    assert window.current_page() is confirm
    facts = confirm.facts.text()
    assert "求助" in facts and "139****5678" in facts and WORDS in facts
    assert PHONE not in visible_text(window)
    assert confirm.erase_button.height() >= 96
    tap(qtbot, confirm.back_button)  # Back: nothing happens
    assert window.current_page() is page and events(services, "privacy.erased") == []
    enter(qtbot, window, asked.ticket)
    before = event_count(services)
    tap(qtbot, confirm.erase_button)

    assert window.current_page() is page
    assert f"已删除单号 {asked.ticket} 的个人信息" in visible_text(window)
    assert event_count(services) == before + 2  # the erasure and its audit, together
    [(actor, erased)] = events(services, "privacy.erased")
    assert erased == {"subject": asked.id, "reason": "request"}
    assert actor == "station_admin"
    (audit_actor, audit) = events(services, "admin.audited")[-1]
    assert audit_actor == "station_admin"
    assert audit["action"] == "personal_data_erased" and audit["target"] == asked.id
    assert audit["after"] == {"ticket": asked.ticket, "kind": "request"}
    with services.database.read() as session:
        assert session.get(SubjectKeyRow, asked.id) is None
    view = services.requests.get(asked.id)
    assert view.erased and view.masked_phone is None
    assert view.category == "luggage"  # the ticket itself stays

    # Asked again: nothing left to erase, nothing written
    refused(qtbot, window, services, asked.ticket, "没有可删除的个人信息", "no personal data")
    tap(qtbot, page.back_button)
    assert window.current_page() is console


def test_a_team_leader_does_not_see_the_erasure(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _services = kiosk
    login(qtbot, window, DEMO_LEADER_PIN)
    console = window.flow("admin").console  # type: ignore[attr-defined]
    assert window.current_page() is console
    assert not console.section_buttons["privacy"].isVisible()
