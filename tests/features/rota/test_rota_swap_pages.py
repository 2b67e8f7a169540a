"""Swaps driven as the volunteers and the team leader would, on the real window over a real
database: 林志远 checks in by badge, the result screen offers 排班换班, he offers his Tuesday
shift; 黄建国 checks in and sees it to take, but 张晓燕 took it at the other exit a moment before:
his tap is refused with a message and writes nothing; the team leader approves on the console's
今日值班 tab, and Tuesday's plan names 张晓燕."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.rota.service import PatternForm, RotaService
from kiosk.features.rota.ui.flow import RotaFlow
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_LEADER_PIN
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import login
from tests.kiosk_fixtures import badge, scan, tap, visible_text, volunteer_id

Kiosk = tuple[MainWindow, KioskServices]
ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)
TUESDAY = date(2026, 11, 3)  # the clock starts Monday 2026-11-02 08:30 in Shanghai


def flow(window: MainWindow) -> RotaFlow:
    found = window.flow("rota")
    assert isinstance(found, RotaFlow)
    return found


def swaps(services: KioskServices) -> list[tuple[str, dict[str, Any]]]:
    with services.database.read() as session:
        rows = session.execute(
            select(EventRow.kind, EventRow.payload)
            .where(EventRow.kind.startswith("rota.swap_"))
            .order_by(EventRow.pos)
        ).all()
    return [(kind, json.loads(payload)) for kind, payload in rows]


def count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def test_offer_a_shift_a_refused_take_and_the_leader_approves(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    rota = services.get(RotaService)
    rota.add_pattern(ADMIN, PatternForm("FZB-0004", "2", "09:00", "12:00", "2026-11-01"))
    lin, zhang = volunteer_id(services, "FZB-0004"), volunteer_id(services, "FZB-0005")

    scan(qtbot, window, badge(services, "FZB-0004", clock))  # 林志远 checks in
    follow = window.result.follow_button
    assert follow.isVisible() and follow.text() in ("排班换班", "Rota swaps")
    tap(qtbot, follow)
    page = flow(window).swaps
    assert window.current_page() is page
    shown = visible_text(window)
    assert "林志远" in shown and "11月3日 周二 09:00–12:00" in shown
    mine, _ = page.shift_rows[0]
    tap(qtbot, page.shift_rows[0][1])  # Offer
    [(kind, payload)] = swaps(services)
    assert kind == "rota.swap_offered" and payload["volunteer_id"] == lin
    assert payload["day"] == "2026-11-03" and payload["starts_at"] == "2026-11-03T01:00:00Z"
    assert "待接班" in mine.text() and "已让出" in visible_text(window)
    assert page.shift_rows[0][1].text() == "撤回"
    tap(qtbot, page.done_button)
    assert window.current_page() is window.home

    scan(qtbot, window, badge(services, "FZB-0006", clock))  # 黄建国 checks in
    tap(qtbot, window.result.follow_button)
    assert window.current_page() is page
    assert "林志远 让出" in page.offer_rows[0][0].text()
    rota.take(zhang, page.offers[0].id)  # 张晓燕 takes it at the other exit first
    before = count(services)
    tap(qtbot, page.offer_rows[0][1])  # Take: refused
    assert "已被其他志愿者接下" in visible_text(window)
    assert count(services) == before  # nothing written
    assert not page.offer_rows[0][1].isVisible()  # and the offer is gone from the list
    tap(qtbot, page.done_button)

    login(qtbot, window, DEMO_LEADER_PIN)  # 陈静, team leader
    console = window.flow("admin").console  # type: ignore[attr-defined]
    tap(qtbot, console.section_buttons["rota"])
    duty = flow(window).duty
    assert duty is not None
    label, approve = duty.swap_rows[0]
    assert approve.isVisible() and "林志远 → 张晓燕" in label.text()
    assert [p.volunteer_id for p in rota.planned(TUESDAY)] == [lin]
    tap(qtbot, approve)
    assert [k for k, _ in swaps(services)] == [
        "rota.swap_offered",
        "rota.swap_taken",
        "rota.swap_approved",
    ]
    assert "已批准换班" in visible_text(window)
    assert not approve.isVisible()
    assert [p.volunteer_id for p in rota.planned(TUESDAY)] == [zhang]
