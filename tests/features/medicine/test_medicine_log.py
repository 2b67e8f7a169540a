"""The medicine box's log tab: a dispense given on the kiosk is read back in the log review
with item, batch, count, reason, group and the volunteer's name, and filtered by move."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.features.admin.service.logs import LogKind
from kiosk.features.medicine.store import MedicineMoveRow
from tests.features.medicine.test_medicine import (
    ON_DUTY_PHONE,
    Kiosk,
    fill_box,
    identify_by_pin,
    open_box,
)
from tests.features.reports.conftest import open_admin
from tests.kiosk_fixtures import tap


def _dispense_two_plasters(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _services = kiosk
    open_box(qtbot, window)
    tap(qtbot, window.flow("medicine").overview.dispense_button)
    identify_by_pin(qtbot, window, ON_DUTY_PHONE)
    page = window.flow("medicine").dispense
    tap(qtbot, page.items.buttons["plaster"])
    tap(qtbot, page.stepper.plus_button)
    tap(qtbot, page.reasons.buttons["cut_graze"])
    tap(qtbot, page.audiences.buttons["rider"])
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, page.confirm_button)


def test_the_log_review_shows_every_move_of_the_box(
    qtbot: QtBot, kiosk: Kiosk, clock: FixedClock
) -> None:
    window, services = kiosk
    fill_box(services)  # three restocks by the admin, beside the demo's
    _dispense_two_plasters(qtbot, kiosk)
    with services.database.read() as session:
        moves = session.scalars(select(MedicineMoveRow).order_by(MedicineMoveRow.at)).all()
    assert [(m.move, m.lot_id, m.quantity) for m in moves][-1] == ("dispensed", "plaster:EARLY", 2)

    open_admin(qtbot, window)
    tap(qtbot, window.flow("admin").console.logs_button)
    logs = window.flow("admin").logs
    tap(qtbot, logs.tabs[LogKind.MEDICINE])
    assert logs.tabs[LogKind.MEDICINE].text() == "药箱"
    rows = logs.model.rows()
    assert len(rows) == len(moves) and logs.count_label.text() == f"共 {len(moves)} 条"
    given = next(r for r in rows if r[1] == "发放")
    assert given[2:7] == ("创可贴", "EARLY", "2", "割伤 / 擦伤", "外卖骑手")
    assert given[7].startswith("王芳")
    assert {r[1] for r in rows} == {"发放", "补充"}

    logs.choice_box.setCurrentIndex(logs.choice_box.findData("dispensed"))
    logs.choice_box.activated.emit(logs.choice_box.currentIndex())
    assert [r[1] for r in logs.model.rows()] == ["发放"]
    logs.choice_box.setCurrentIndex(logs.choice_box.findData("item:ibuprofen"))
    logs.choice_box.activated.emit(logs.choice_box.currentIndex())
    assert next(r[3] for r in logs.model.rows() if r[1] == "补充") == "OLD"
    assert {r[2] for r in logs.model.rows()} == {"布洛芬缓释胶囊"}

    tap(qtbot, window.top_bar.language_button)
    qtbot.waitUntil(lambda: logs.tabs[LogKind.MEDICINE].text() == "Medicine box")
    logs.choice_box.setCurrentIndex(logs.choice_box.findData("dispensed"))
    logs.choice_box.activated.emit(logs.choice_box.currentIndex())
    (row,) = logs.model.rows()
    assert row[1:6] == ("Given out", "Plasters", "EARLY", "2", "Cut / graze")
