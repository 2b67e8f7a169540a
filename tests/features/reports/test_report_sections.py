"""The monthly report carries what each feature did in the month: help requests and how long
people waited, wishes, first aid, the medicine box and lending, made from the screen."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.features.incidents.service import IncidentForm
from kiosk.features.volunteers.service.duty import Actor
from kiosk.shell.context import KioskServices
from tests.conftest import START
from tests.features.reports.conftest import Kiosk
from tests.features.reports.test_papers import open_dashboard, pdf_text
from tests.kiosk_fixtures import tap
from tests.reports_seed import PIN, WANG


def _november(services: KioskServices, clock: FixedClock) -> None:
    """On 11-02 (local), before START: two requests answered in 4 and 10 minutes, one waiting;
    two wishes, one answered; a fall with 2 plasters used; 3 plasters given out; an umbrella
    lent and not back."""
    admin = services.duty.admin()
    wang = services.duty.by_phone_pin(WANG[2], PIN)
    nurse = Actor(wang.actor, wang.name, wang.volunteer_id)
    clock.set(START - timedelta(minutes=50))
    services.medicine.restock(admin, "plaster", "NOV", START.date() + timedelta(days=300), 20)
    for category, wait in (("wheelchair", 4), ("luggage", 10)):
        clock.set(START - timedelta(minutes=45))
        request = services.requests.order(category)
        clock.set(START - timedelta(minutes=45 - wait))
        services.requests.accept(request.id, wang.actor)
        services.requests.complete(request.id, wang.actor, "escorted")
    services.requests.rate(request.id, "good")
    services.requests.order("directions")  # still waiting
    answered = services.wishes.submit("wages", "工资拖欠")
    services.wishes.submit("rest")
    services.wishes.set_status(answered.id, "answered", "station_admin", "已转交工会")
    clock.set(START - timedelta(minutes=20))
    services.incidents.record(
        nurse,
        IncidentForm(
            happened_at=clock.now(),
            place="platform",
            what="fall",
            first_aid=["wound_care"],
            aed_used=True,
            called_120=False,
            outcome="recovered",
            attended=[wang.actor],
            items={"plaster": 2},
        ),
    )
    services.medicine.dispense(nurse, "plaster", 3, "cut_graze", "rider", batch="NOV")
    services.lending.add_stock("umbrella", 2)
    services.lending.borrow_with_phone("umbrella", "13912345678", consent=True)
    clock.set(START)


def _line(body: str, start: str) -> list[str]:
    found = next(line for line in body.splitlines() if line.strip().startswith(start))
    return found.split()


def test_the_monthly_report_has_a_section_from_each_feature(
    qtbot: QtBot, seeded: Kiosk, clock: FixedClock, tmp_path: Path
) -> None:
    window, services = seeded
    _november(services, clock)
    open_dashboard(qtbot, window)
    flow = window.flow("reports")
    tap(qtbot, flow.dashboard.report_button)
    page = flow.report
    tap(qtbot, page.month_buttons[(2026, 11)])
    tap(qtbot, page.generate_button)
    qtbot.waitUntil(lambda: page._task is None, timeout=20_000)
    path = services.settings.data_dir / "exports" / "monthly-report-2026-11.pdf"
    assert page.notice.texts[0] == f"报表已保存：{path}"
    body = pdf_text(path)

    assert "求助请求 Help requests" in body
    assert _line(body, "本月收到的求助")[-1] == "3"
    assert _line(body, "已完成 Done")[-1] == "1" and _line(body, "已评价 Rated")[-1] == "1"
    assert _line(body, "等待接单 Waiting")[-1] == "1"
    assert _line(body, "接单用时")[-3:] == ["7.0", "/", "10.0"]  # median of 4 and 10, slowest
    assert _line(body, "评价 Rated: 满意")[-1] == "1"

    assert "需求与心愿 Needs and wishes" in body
    assert _line(body, "本月收到的需求与心愿")[-1] == "2"
    assert _line(body, "已答复 Answered")[-1] == "1"

    assert "急救与事件 First aid and incidents" in body
    assert _line(body, "急救与事件记录")[-1] == "1"
    assert _line(body, "使用除颤仪")[-1] == "1" and _line(body, "拨打 120")[-1] == "0"

    assert "爱心药箱 Medicine box" in body
    plasters = _line(body, "创可贴")
    # given 5 (3 + 2 in first aid), of which first aid 2, restocked 20 + the demo's, taken out 0
    assert plasters[2:4] == ["5", "2"] and plasters[5] == "0"

    assert "物品借用 Lending" in body
    assert _line(body, "伞 Umbrella")[-5:] == ["1", "0", "1", "0", "0"]
