"""Reprinting an issued certificate: the same number, marked as a copy, audited as the
logged-in account (a team leader's copy is recorded as that team leader); no new number, and a
failed write records nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.certificates.service import build_certificates
from kiosk.platform.store.models import EventRow
from kiosk.shell.main_window import MainWindow
from tests.features.reports.conftest import Kiosk
from tests.features.reports.test_papers import pdf_text
from tests.kiosk_fixtures import tap, type_digits, volunteer_id

LEADER_PIN = "864209"


def rows(services, kind: str) -> list[tuple[str | None, dict]]:  # type: ignore[no-untyped-def,type-arg]
    with services.database.read() as session:
        found = session.execute(
            select(EventRow.actor, EventRow.payload)
            .where(EventRow.kind == kind)
            .order_by(EventRow.pos)
        ).all()
    return [(actor, json.loads(payload)) for actor, payload in found]


def login_as(qtbot: QtBot, window: MainWindow, pin: str) -> None:
    window.go_home()
    window.show_page(window.flow("admin").admin_login)
    type_digits(qtbot, window.flow("admin").admin_login, pin)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    assert window.current_page() is window.flow("admin").console


def test_a_team_leader_issues_and_reprints_as_themselves(qtbot: QtBot, seeded: Kiosk) -> None:
    window, services = seeded
    first_admin = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN.value)
    li = volunteer_id(services, "FZB-0002")
    services.admin.set_team_leader(first_admin, li, LEADER_PIN)
    login_as(qtbot, window, LEADER_PIN)
    leader = f"tl-{li}"
    tap(qtbot, window.flow("admin").console.dashboard_button)
    tap(qtbot, window.flow("reports").dashboard.certificates_button)
    page = window.flow("reports").certificates
    page.choose_volunteer("FZB-0002")
    tap(qtbot, page.issue_button)
    qtbot.waitUntil(lambda: page._task is None, timeout=10_000)
    ((actor, issued),) = rows(services, "certificate.issued")
    assert actor == leader

    assert not page.reprint_button.isEnabled()  # nothing chosen yet
    rect = page.issued.visualRect(page.issued.model().index(0, 0))
    qtbot.mouseClick(page.issued.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.reprint_button.isEnabled()
    tap(qtbot, page.reprint_button)
    qtbot.waitUntil(lambda: page._task is None, timeout=10_000)
    texts = page.notice.texts
    assert texts is not None and texts[0].startswith(f"已补打证明 {issued['number']} 的副本")
    path = Path(texts[1].split(": ", 1)[1])
    assert path.name == f"certificate-{issued['number']}-copy.pdf"
    body = pdf_text(path)
    assert "副本 COPY" in body and issued["number"] in body and "李强" in body
    assert len(rows(services, "certificate.issued")) == 1  # no new number
    actor, audit = rows(services, "admin.audited")[-1]
    assert actor == leader and audit["account_id"] == leader
    assert audit["action"] == "certificate_reprinted" and audit["target"] == issued["number"]
    assert page.issued.rowCount() == 1


def test_a_copy_that_cannot_be_written_records_nothing(seeded: Kiosk) -> None:
    _, services = seeded
    certificates = build_certificates(services)
    li = volunteer_id(services, "FZB-0002")
    issued, _ = certificates.issue(li, date(2026, 10, 1), date(2026, 10, 31))
    before = len(rows(services, "admin.audited"))

    def pulled_stick(_certificate: object) -> Path:
        raise OSError("no such device")

    with pytest.raises(OSError):
        certificates.reprint(issued.id, pulled_stick)
    assert len(rows(services, "admin.audited")) == before
