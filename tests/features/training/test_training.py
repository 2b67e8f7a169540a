"""Training records driven as a station admin would, on the real window over a real database:
the Training button on the console opens the list; a training is recorded on the form (kind,
volunteer number, dates, trainer and certificate typed on the touch keyboard), corrected and
voided with a reason; what the pages say and what is stored are checked at each step. Bad input
(expiry before the date, no trainer, an unknown volunteer) is refused with a message and writes
nothing. The Certificates tab warns of certificates expiring within 30 days, and the emergency
page says who on duty is first-aid trained."""

from __future__ import annotations

import json
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.training.service import TrainingForm, TrainingService
from kiosk.features.training.store import TrainingRow
from kiosk.features.training.ui.flow import TrainingFlow
from kiosk.features.training.ui.pages import TrainingFormPage
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import login
from tests.kiosk_fixtures import tap, type_latin, visible_text, volunteer_id

Kiosk = tuple[MainWindow, KioskServices]
ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)


def flow(window: MainWindow) -> TrainingFlow:
    found = window.flow("training")
    assert isinstance(found, TrainingFlow)
    return found


def events(services: KioskServices, prefix: str = "training.") -> list[tuple[str, dict[str, Any]]]:
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


def rows(services: KioskServices) -> list[TrainingRow]:
    with services.database.read() as session:
        found = list(session.scalars(select(TrainingRow).order_by(TrainingRow.recorded_at)))
        session.expunge_all()
    return found


def fill(qtbot: QtBot, page: TrainingFormPage, field: str, text: str) -> None:
    """Tap the field, clear it with backspace, type `text` on the touch keyboard."""
    tap(qtbot, page.field_buttons[field])
    while page.keyboard.value:
        tap(qtbot, page.keyboard.backspace_button)
    if text:
        type_latin(qtbot, page.keyboard, text)


def save_refused(qtbot: QtBot, window: MainWindow, services: KioskServices, zh: str) -> None:
    before = count(services)
    page = flow(window).form
    tap(qtbot, page.save_button)
    assert window.current_page() is page  # still on the form, what was typed kept
    assert zh in visible_text(window)
    assert count(services) == before  # nothing written


def test_record_correct_and_void_a_training_at_the_admin(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    login(qtbot, window, DEMO_ADMIN_PIN)
    console = window.flow("admin").console  # type: ignore[attr-defined]
    tap(qtbot, console.tool_buttons["training"])
    records = flow(window).records
    assert window.current_page() is records
    assert "还没有培训记录" in visible_text(window)

    tap(qtbot, records.new_button)
    page = flow(window).form
    assert window.current_page() is page
    assert page.values["trained_on"] == "2026-11-02"  # today, in the station's zone
    tap(qtbot, page.kind_buttons["first_aid"])
    fill(qtbot, page, "volunteer_number", "FZB-0099")
    fill(qtbot, page, "trainer", "Red Cross")
    fill(qtbot, page, "certificate_no", "RC-2026-118")
    fill(qtbot, page, "expires_on", "2026-10-01")
    save_refused(qtbot, window, services, "有效期不能早于培训日期")
    fill(qtbot, page, "expires_on", "2026-11-20")
    save_refused(qtbot, window, services, "没有这个志愿者编号")
    fill(qtbot, page, "volunteer_number", "FZB-0001")
    fill(qtbot, page, "trainer", "")
    save_refused(qtbot, window, services, "请填写培训人")
    fill(qtbot, page, "trainer", "Red Cross")
    assert events(services) == []

    tap(qtbot, page.save_button)
    assert window.current_page() is records
    seen = visible_text(window)
    assert "已登记：王芳" in seen
    assert "王芳（FZB-0001），急救 / AED，2026-11-02，Red Cross，RC-2026-118" in seen
    assert "有效期至 2026-11-20 · 即将到期" in seen  # 18 days left: warned
    wang = volunteer_id(services, "FZB-0001")
    [(kind, payload)] = events(services)
    assert kind == "training.recorded"
    assert payload["volunteer_id"] == wang and payload["expires_on"] == "2026-11-20"
    [row] = rows(services)
    assert (row.kind, row.trainer, row.certificate_no, str(row.expires_on)) == (
        "first_aid",
        "Red Cross",
        "RC-2026-118",
        "2026-11-20",
    )
    assert [p["action"] for _, p in events(services, "admin.audited")][-1] == "training_recorded"

    tap(qtbot, records.rows[0][1])  # Correct: the form holds the record
    assert window.current_page() is page and page.correcting == row.id
    assert "更正培训记录" in visible_text(window)
    assert page.values["certificate_no"] == "RC-2026-118"
    tap(qtbot, page.save_button)  # nothing changed
    assert "没有要更正的内容" in visible_text(window)
    fill(qtbot, page, "expires_on", "2028-11-01")
    tap(qtbot, page.kind_buttons["cpr"])
    tap(qtbot, page.save_button)
    assert window.current_page() is records
    seen = visible_text(window)
    assert "已更正：王芳" in seen and "心肺复苏" in seen and "2028-11-01 · 有效" in seen
    kind, payload = events(services)[-1]
    assert kind == "training.corrected"
    assert {k: v for k, v in payload.items() if v not in (None, False)} == {
        "training_id": row.id,
        "kind": "cpr",
        "expires_on": "2028-11-01",
    }  # only what changed
    [row] = rows(services)
    assert (row.kind, str(row.expires_on), row.corrections) == ("cpr", "2028-11-01", 1)

    tap(qtbot, records.rows[0][2])  # Void: why?
    assert records.reason_box.isVisible() and "为什么作废" in visible_text(window)
    tap(qtbot, records.reason_cancel)  # kept
    assert not records.reason_box.isVisible() and rows(services)[0].voided is False
    tap(qtbot, records.rows[0][2])
    tap(qtbot, records.reason_buttons["duplicate"])
    seen = visible_text(window)
    assert "已作废：王芳" in seen and "已作废：重复登记" in seen
    assert not records.rows[0][1].isVisible()  # a void record is not corrected
    [row] = rows(services)
    assert row.voided and row.void_reason == "duplicate"
    assert [k for k, _ in events(services)][-1] == "training.voided"
    assert [p["action"] for _, p in events(services, "admin.audited")][-3:] == [
        "training_recorded",
        "training_corrected",
        "training_voided",
    ]


def test_bad_input_is_refused_by_the_service_and_writes_nothing(kiosk: Kiosk) -> None:
    _window, services = kiosk
    training = services.get(TrainingService)
    good = TrainingForm("FZB-0002", "cpr", "2026-10-01", "市红十字会", "C-1", "2028-10-01")
    before = count(services)
    refusals = [
        (TrainingForm("FZB-0002", "cpr", "2026-10-01", "市红十字会", "", "2026-09-30"), "早于"),
        (TrainingForm("FZB-0002", "cpr", "2026-10-01", "   ", "", ""), "培训人"),
        (TrainingForm("nobody", "cpr", "2026-10-01", "市红十字会", "", ""), "志愿者编号"),
        (TrainingForm("FZB-0002", "karate", "2026-10-01", "市红十字会", "", ""), "类别"),
        (TrainingForm("FZB-0002", "cpr", "2026/10/01", "市红十字会", "", ""), "培训日期"),
        (TrainingForm("FZB-0002", "cpr", "2026-12-01", "市红十字会", "", ""), "晚于今天"),
        (TrainingForm("FZB-0002", "cpr", "2026-10-01", "市红十字会", "", "soon"), "有效期"),
        (TrainingForm("FZB-0002", "cpr", "2026-10-01", "x" * 41, "", ""), "培训人最多"),
    ]
    import pytest

    from kiosk.core.errors import KioskError

    for form, zh in refusals:
        with pytest.raises(KioskError) as refused:
            training.record(ADMIN, form)
        assert zh in refused.value.zh and refused.value.en
    assert count(services) == before
    done = training.record(ADMIN, good)
    with pytest.raises(KioskError, match=r"No such"):
        training.void(ADMIN, "missing", "duplicate")
    with pytest.raises(KioskError):
        training.void(ADMIN, done.id, "bored")
    training.void(ADMIN, done.id, "mistake")
    with pytest.raises(KioskError) as voided:
        training.correct(ADMIN, done.id, good)
    assert "已作废" in voided.value.zh
    leader = AdminAccount("leader", "陈静", Role.TEAM_LEADER)
    with pytest.raises(KioskError):
        training.record(leader, good)  # a team leader may not record training


def test_certificates_tab_warns_30_days_ahead_and_emergency_names_first_aiders(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    training = services.get(TrainingService)
    on_duty = [d.volunteer for d in services.shifts.on_duty()]
    first, second, third = on_duty[:3]
    training.record(
        ADMIN, TrainingForm(first.number, "first_aid", "2025-06-01", "红十字会", "A1", "2027-06-01")
    )
    training.record(
        ADMIN, TrainingForm(second.number, "cpr", "2024-11-01", "红十字会", "B2", "2026-11-30")
    )
    training.record(
        ADMIN, TrainingForm(third.number, "cpr", "2024-01-01", "红十字会", "C3", "2026-10-31")
    )
    training.record(ADMIN, TrainingForm(third.number, "epidemic", "2026-01-05", "疾控中心", "", ""))
    training.record(
        ADMIN, TrainingForm("FZB-0008", "first_aid", "2025-01-01", "红十字会", "D4", "2026-12-02")
    )
    training.record(
        ADMIN, TrainingForm("FZB-0007", "first_aid", "2025-01-01", "红十字会", "E5", "2026-12-03")
    )

    login(qtbot, window, DEMO_ADMIN_PIN)
    console = window.flow("admin").console  # type: ignore[attr-defined]
    tap(qtbot, console.section_buttons["training"])
    lines = flow(window).expiry
    assert lines is not None and lines.isVisible()
    text = lines.lines.text().splitlines()
    assert len(text) == 3  # expired; in 28 days; in 30 days (31 days is not warned yet)
    assert text[0].startswith(f"✗ {third.name}") and "已过期" in text[0]
    assert text[1].startswith(f"⚠ {second.name}") and "2026-11-30 · 即将到期" in text[1]
    assert text[2].startswith("⚠ 郑海") and "2026-12-02" in text[2]
    assert first.name not in lines.lines.text() and "吴丽华" not in lines.lines.text()

    window.go_home()
    tap(qtbot, window.top_bar.emergency_button)
    section = flow(window).first_aid
    assert section is not None and section.isVisible()
    seen = visible_text(window)
    assert "在岗急救人员" in seen
    assert section.names.text() == f"{first.name}（急救 / AED）、{second.name}（心肺复苏）"


def test_the_training_log_tab_lists_the_records(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    from datetime import timedelta

    from kiosk.features.admin.service.logs import LogKind
    from tests.features.admin.test_log_review import open_logs, shown

    window, services = kiosk
    training = services.get(TrainingService)
    first = training.record(
        ADMIN, TrainingForm("FZB-0001", "first_aid", "2025-06-01", "红十字会", "A1", "2027-06-01")
    )
    clock.advance(timedelta(minutes=1))
    second = training.record(
        ADMIN, TrainingForm("FZB-0002", "induction", "2026-10-20", "驿站站长", "", "")
    )
    clock.advance(timedelta(minutes=1))
    training.void(ADMIN, second.id, "mistake")
    training.correct(
        ADMIN,
        first.id,
        TrainingForm("FZB-0001", "first_aid", "2025-06-01", "红十字会", "A1-R", "2027-06-01"),
    )
    clock.advance(timedelta(minutes=1))
    open_logs(qtbot, window)
    logs = window.flow("admin").logs  # type: ignore[attr-defined]
    assert logs.tabs[LogKind.TRAINING].text() == "培训"
    tap(qtbot, logs.tabs[LogKind.TRAINING])
    assert [cells[1:8] for cells in shown(window)] == [
        ("李强", "岗前培训", "2026-10-20", "驿站站长", "", "", "已作废：登记错误"),
        ("王芳", "急救 / AED", "2025-06-01", "红十字会", "A1-R", "2027-06-01", "已更正"),
    ]
