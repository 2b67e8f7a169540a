"""Every admin-screen action records the logged-in account, not "station_admin": a team
leader's withdrawn request, a second station admin's stock, catalogue, charging and item
changes, each in the event's actor (and the audit's account where the action is audited)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.core.secrets import hash_secret
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import LEADER_PIN, audits, login, make_team_leader
from tests.features.charging.test_charging import start_charging
from tests.kiosk_fixtures import tap, volunteer_id

Kiosk = tuple[MainWindow, KioskServices]
WANG_PIN = "246813"


def actors(services: KioskServices, kind: str) -> list[str | None]:
    with services.database.read() as session:
        return list(
            session.scalars(
                select(EventRow.actor).where(EventRow.kind == kind).order_by(EventRow.pos)
            ).all()
        )


def test_a_team_leaders_withdrawn_request_is_recorded_as_that_account(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    window, services = kiosk
    make_team_leader(qtbot, window, services)
    view = services.requests.order("luggage")
    login(qtbot, window, LEADER_PIN)
    admin = window.flow("admin").console
    tap(qtbot, admin.section_buttons["help"])
    withdraw = window.flow("requests").help_desk.requests_table.cellWidget(0, 6)
    assert withdraw is not None and withdraw.objectName() == f"withdraw_{view.ticket}"
    tap(qtbot, withdraw)
    leader = f"tl-{volunteer_id(services, 'FZB-0002')}"
    assert actors(services, "request.cancelled") == [leader]
    tap(qtbot, admin.back_button)
    assert services.admin_actor == "station_admin"  # nobody logged in any more


def test_a_second_station_admins_actions_are_recorded_as_them(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    with services.database.write() as session:  # a second admin account, from the hub
        eventlog.append(
            session,
            "admin.account_set",
            {
                "account_id": "adm-wang",
                "name": "王敏",
                "role": "station_admin",
                "pin_hash": hash_secret(WANG_PIN),
                "active": True,
            },
            occurred_at=services.clock.now(),
        )
    start_charging(qtbot, window, "1")
    login(qtbot, window, WANG_PIN)
    admin, flow = window.flow("admin").console, window.flow("items")
    assert "王敏" in admin.account_label.text()
    tap(qtbot, admin.section_buttons["lending"])
    tap(qtbot, window.flow("lending").lending_panel.stock_rows["umbrella"][1])
    assert actors(services, "lending.stocked")[-1] == "adm-wang"
    tap(qtbot, admin.section_buttons["services"])
    tap(qtbot, window.flow("catalogue").catalogue_panel.rows[0][1])
    assert actors(services, "catalogue.item_set") == ["adm-wang"]
    audit = audits(services)[-1]
    assert (audit["action"], audit["account_id"]) == ("service_set", "adm-wang")
    assert audit["after"] == {"enabled": False}
    tap(qtbot, admin.section_buttons["charging"])
    tap(qtbot, window.flow("charging").sessions_panel.rows[0][1])
    tap(qtbot, window.flow("charging").sessions_panel.reason_buttons["lost_and_found"])  # type: ignore[index]
    assert actors(services, "charging.collected")[-1] == "adm-wang"
    tap(qtbot, admin.tool_buttons["slot"])
    tap(qtbot, flow.items.rows[1][2])
    assert actors(services, "item.slot_set") == ["adm-wang"]
    assert [a["account_id"] for a in audits(services)[-2:]] == ["adm-wang", "adm-wang"]
