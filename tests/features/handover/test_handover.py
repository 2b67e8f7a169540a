"""Shift handover driven as the volunteers would, on the real window over a real database:
王芳 checks out by badge and the result screen offers to record a handover; she sees what is
still open, counts the box (one plaster fewer than the kiosk expects), is asked why before it
is saved, adds a note on the touch keyboard and records it. The next volunteer to check in is
offered it on their result screen, reads the difference and the note, and acknowledges it; the
one after is offered nothing. What is stored is checked at each step."""

from __future__ import annotations

import json
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.features.handover.store import HandoverRow
from kiosk.features.handover.ui.flow import HandoverFlow
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import badge, scan, tap, type_latin, visible_text, volunteer_id

Kiosk = tuple[MainWindow, KioskServices]


def flow(window: MainWindow) -> HandoverFlow:
    found = window.flow("handover")
    assert isinstance(found, HandoverFlow)
    return found


def events(services: KioskServices) -> list[tuple[str, dict[str, Any]]]:
    with services.database.read() as session:
        rows = session.execute(
            select(EventRow.kind, EventRow.payload)
            .where(EventRow.kind.startswith("handover."))
            .order_by(EventRow.pos)
        ).all()
    return [(kind, json.loads(payload)) for kind, payload in rows]


def test_a_handover_from_check_out_to_the_next_check_in(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    services.requests.order("luggage")  # still open at the handover
    scan(qtbot, window, badge(services, "FZB-0001", clock))  # 王芳 checks out
    assert window.current_page() is window.result
    follow = window.result.follow_button
    assert follow.isVisible() and follow.text() == "记录交接班"
    tap(qtbot, follow)
    page = flow(window).record
    assert window.current_page() is page
    assert "交接班：王芳" in visible_text(window)
    assert "未完成求助 1" in page.open_line.text()
    first = page.snapshot.stock[0]
    assert first.kind == "medicine" and first.expected > 0
    _name, minus, value, _plus, reason = page.rows[0]
    assert value.text() == str(first.expected) and not reason.isVisible()
    tap(qtbot, minus)  # one fewer than expected
    assert value.text() == str(first.expected - 1) and reason.isVisible()
    tap(qtbot, page.save_button)
    assert "请选择原因" in visible_text(window)
    assert events(services) == []  # nothing written
    tap(qtbot, reason)
    tap(qtbot, flow(window).reason.reason_buttons["unlogged"])
    assert window.current_page() is page and reason.text() == "已发放或借出未登记"
    tap(qtbot, page.note_button)
    type_latin(qtbot, flow(window).note.keyboard, "Door 3 sticks")
    tap(qtbot, flow(window).note.ok_button)
    assert page.note_button.text() == "备注：Door 3 sticks"
    tap(qtbot, page.save_button)
    assert "交接已记录" in visible_text(window) and "1 项清点有差异" in visible_text(window)
    ((kind, recorded),) = events(services)
    assert kind == "handover.recorded"
    assert recorded["volunteer_id"] == volunteer_id(services, "FZB-0001")
    assert recorded["open"]["requests"] == 1 and recorded["note"] == "Door 3 sticks"
    changed = [c for c in recorded["counts"] if c["counted"] != c["expected"]]
    assert changed == [
        {
            "kind": "medicine",
            "item_id": first.item_id,
            "expected": first.expected,
            "counted": first.expected - 1,
            "reason": "unlogged",
        }
    ]

    # The difference is a stock alert on home (and the admin's alerts tab) until acknowledged.
    difference = (
        f"交接清点差异：{first.name_zh} 账面 {first.expected}，点得 {first.expected - 1}"
        "（已发放或借出未登记），请核对库存"
    )
    window.go_home()
    window.refresh_status()
    assert difference in [a.text("zh") for a in window.home.alerts.alerts]
    assert difference in [a.text("zh") for a in window.flow_alerts()]

    window.go_home()
    scan(qtbot, window, badge(services, "FZB-0004", clock))  # 林志远 checks in
    follow = window.result.follow_button
    assert follow.isVisible() and follow.text() == "查看交接（王芳 08:30）"
    tap(qtbot, follow)
    read = flow(window).read
    assert window.current_page() is read
    seen = visible_text(window)
    assert "王芳 08:30 的交接" in seen
    assert f"{first.name_zh}：应有 {first.expected}，清点 {first.expected - 1}" in seen
    assert "备注：Door 3 sticks" in seen
    tap(qtbot, read.ack_button)
    assert "已确认交接" in visible_text(window)
    assert events(services)[-1] == (
        "handover.acknowledged",
        {
            "handover_id": recorded["handover_id"],
            "volunteer_id": volunteer_id(services, "FZB-0004"),
        },
    )
    with services.database.read() as session:
        row = session.get(HandoverRow, recorded["handover_id"])
        assert row is not None and row.differences == 1
        assert row.acknowledged_by == volunteer_id(services, "FZB-0004")
    window.go_home()
    window.refresh_status()
    assert difference not in [a.text("zh") for a in window.home.alerts.alerts]

    window.go_home()
    scan(qtbot, window, badge(services, "FZB-0008", clock))  # 郑海: nothing left to read
    assert window.current_page() is window.result
    assert not window.result.follow_button.isVisible()
    with services.database.read() as session:
        assert session.scalar(select(func.count()).select_from(HandoverRow)) == 1


def test_the_handover_log_tab_lists_them(qtbot: QtBot, kiosk: Kiosk, clock: FixedClock) -> None:
    from kiosk.features.admin.service.logs import LogKind
    from kiosk.features.handover.service import HandoverService, Snapshot, StockItem
    from tests.features.admin.test_log_review import open_logs, shown

    window, services = kiosk
    handovers = services.get(HandoverService)
    wang, lin = (volunteer_id(services, n) for n in ("FZB-0001", "FZB-0004"))
    snapshot = Snapshot(2, 1, 3, 0, [StockItem("medicine", "plaster", "创可贴", "Plasters", 20)])
    done = handovers.record(
        wang, snapshot, {"medicine:plaster": 18}, {"medicine:plaster": "missing"}
    )
    handovers.acknowledge(done.id, lin)
    open_logs(qtbot, window)
    logs = window.flow("admin").logs  # type: ignore[attr-defined]
    assert logs.tabs[LogKind.HANDOVER].text() == "交接"
    tap(qtbot, logs.tabs[LogKind.HANDOVER])
    ((_, by, opened, differences, counts, note, acknowledged, _kiosk),) = shown(window)
    assert (by, differences, note) == ("王芳", "1", "")
    assert opened == "求助 2 心愿 1 充电 3 借出 0"
    assert counts == "plaster 20→18（找不到）"
    assert acknowledged.startswith("林志远 ")


def test_a_difference_without_a_reason_writes_nothing(services: KioskServices) -> None:
    from kiosk.core.errors import ValidationError
    from kiosk.features.handover.service import HandoverService, Snapshot, StockItem

    handovers = services.get(HandoverService)
    snapshot = Snapshot(0, 0, 0, 0, [StockItem("lending", "umbrella", "伞", "Umbrella", 5)])
    for counted, reasons in (({"lending:umbrella": 4}, {}), ({"lending:umbrella": -1}, {})):
        try:
            handovers.record("v1", snapshot, counted, reasons)
        except ValidationError:
            pass
        else:
            raise AssertionError("recorded")
    assert events(services) == []


def test_a_difference_stays_open_until_corrected_recounted_or_acknowledged(
    services: KioskServices,
) -> None:
    from kiosk.features.handover.service import HandoverService, Snapshot, StockItem

    handovers = services.get(HandoverService)
    wang = services.roster.register("王芳", "FZB-0001", "13800000001", "1234").id
    lin = services.roster.register("林志远", "FZB-0004", "13800000004", "1234").id
    plaster = StockItem("medicine", "plaster", "创可贴", "Plasters", 20)
    umbrella = StockItem("lending", "umbrella", "雨伞", "Umbrella", 5)
    snapshot = Snapshot(0, 0, 0, 0, [plaster, umbrella])
    handovers.record(
        wang,
        snapshot,
        {"medicine:plaster": 18, "lending:umbrella": 4},
        {"medicine:plaster": "missing", "lending:umbrella": "unlogged"},
    )
    [p, u] = handovers.open_differences([plaster, umbrella])
    assert (p.item_id, p.expected, p.counted, p.reason) == ("plaster", 20, 18, "missing")
    assert (u.kind, u.counted) == ("lending", 4)
    corrected = StockItem("medicine", "plaster", "创可贴", "Plasters", 18)  # the admin fixed it
    assert [d.item_id for d in handovers.open_differences([corrected, umbrella])] == ["umbrella"]
    recount = handovers.record(  # the next handover counts the umbrellas right
        lin, Snapshot(0, 0, 0, 0, [umbrella]), {"lending:umbrella": 5}, {}
    )
    assert [d.item_id for d in handovers.open_differences([plaster, umbrella])] == ["plaster"]
    handovers.acknowledge(recount.id, wang)
    assert [d.item_id for d in handovers.open_differences([plaster, umbrella])] == ["plaster"]
