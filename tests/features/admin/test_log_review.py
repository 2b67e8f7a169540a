"""Log review from the admin screen: tabs, each filter narrows what is shown, paging to the end
loads everything, exports read back equal to the screen, masking and its audit event."""

from __future__ import annotations

import csv
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.core.words import AUDIENCES
from kiosk.features.admin.service.logs import LogKind, Period
from kiosk.platform.ui.tasks import Task
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import DEMO_ADMIN_PIN
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import tap, type_digits

Kiosk = tuple[MainWindow, KioskServices]
USES = 450  # more than two pages of 200


@pytest.fixture
def busy(kiosk: Kiosk, clock: FixedClock) -> Kiosk:
    """The demo kiosk with 450 uses over the last 60 days and a closed shift yesterday."""
    _, services = kiosk
    now = clock.now()
    for i in range(USES):
        clock.set(now - timedelta(hours=i * 3.2))
        audience = "rider" if i % 5 else "elderly"
        services.uses.record("water" if i % 3 else "transport", audience, 1 + i % 2)
    clock.set(now - timedelta(days=1))
    services.shifts.clock_with_pin("13800000004", "1234")
    clock.set(now - timedelta(days=1) + timedelta(hours=3))
    services.shifts.clock_with_pin("13800000004", "1234")
    clock.set(now)
    return kiosk


def open_logs(qtbot: QtBot, window: MainWindow) -> None:
    window.top_bar.logo.set_hold_ms(30)
    qtbot.mousePress(window.top_bar.logo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.flow("admin").admin_login, timeout=2000)
    qtbot.mouseRelease(window.top_bar.logo, Qt.MouseButton.LeftButton)
    type_digits(qtbot, window.flow("admin").admin_login, DEMO_ADMIN_PIN)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    assert window.current_page() is window.flow("admin").console
    tap(qtbot, window.flow("admin").console.logs_button)
    assert window.current_page() is window.flow("admin").logs


def shown(window: MainWindow) -> list[tuple[str, ...]]:
    return window.flow("admin").logs.model.rows()


def scroll_to_end(qtbot: QtBot, window: MainWindow) -> None:
    """Scroll like a finger would until the view stops asking for more."""
    model = window.flow("admin").logs.model
    while True:
        before = model.rowCount()
        window.flow("admin").logs.table.scrollToBottom()
        qtbot.wait(5)
        if model.rowCount() == before and not model.canFetchMore(model.index(-1, -1)):
            return


def test_tabs_filters_and_paging(qtbot: QtBot, busy: Kiosk) -> None:
    window, services = busy
    open_logs(qtbot, window)
    logs = window.flow("admin").logs
    # Shifts first: three demo volunteers on duty plus yesterday's closed shift.
    assert len(shown(window)) == 4
    assert all("****" in row[2] for row in shown(window))  # phones masked on screen
    logs.search.setText("0004")
    qtbot.waitUntil(lambda: len(shown(window)) == 1, timeout=2000)
    assert shown(window)[0][1] == "FZB-0004"

    tap(qtbot, logs.tabs[LogKind.USES])
    assert len(shown(window)) == 200  # the first page only
    assert logs.count_label.text() == f"共 {USES} 条"  # the total, not just the page loaded
    scroll_to_end(qtbot, window)
    assert len(shown(window)) == USES
    times = [row[0] for row in shown(window)]
    assert times == sorted(times, reverse=True)

    tap(qtbot, logs.periods[Period.TODAY])
    today = len(shown(window))
    assert 0 < today < 10
    tap(qtbot, logs.periods[Period.WEEK])
    week = len(shown(window))
    assert today < week < 60
    tap(qtbot, logs.periods[Period.LAST_MONTH])
    assert all(row[0][:7] == "2026-10" for row in shown(window))

    tap(qtbot, logs.periods[Period.ALL])
    logs.choice_box.setCurrentIndex(logs.choice_box.findData("transport"))
    logs.choice_box.activated.emit(logs.choice_box.currentIndex())
    scroll_to_end(qtbot, window)
    assert len(shown(window)) == USES // 3
    assert {row[1] for row in shown(window)} == {services.service("transport").name_zh}  # type: ignore[union-attr]

    logs.choice_box.setCurrentIndex(logs.choice_box.findData("audience:elderly"))
    logs.choice_box.activated.emit(logs.choice_box.currentIndex())
    scroll_to_end(qtbot, window)
    assert len(shown(window)) == USES // 5
    assert {row[2] for row in shown(window)} == {AUDIENCES["elderly"][0]}

    tap(qtbot, logs.periods[Period.CUSTOM])
    assert logs.middle.currentIndex() == 1
    day = services.uses.today()
    from PySide6.QtCore import QDate

    logs.calendar_from.setSelectedDate(QDate(day.year, day.month, day.day))
    logs.calendar_to.setSelectedDate(QDate(day.year, day.month, day.day))
    tap(qtbot, logs.range_ok)
    assert all(row[0].startswith(day.isoformat()) for row in shown(window))

    kiosks = logs.kiosk_box.count()
    assert kiosks == 2  # every kiosk, and this one
    tap(qtbot, logs.back_button)
    assert window.current_page() is window.flow("admin").console


def test_event_log_shows_audit_events(qtbot: QtBot, busy: Kiosk) -> None:
    window, _ = busy
    open_logs(qtbot, window)
    tap(qtbot, window.flow("admin").logs.tabs[LogKind.EVENTS])
    kinds = {row[1] for row in shown(window)}
    assert "admin.log_opened" in kinds
    assert all("pin_hash" not in row[5] for row in shown(window))
    window.flow("admin").logs.choice_box.setCurrentIndex(
        window.flow("admin").logs.choice_box.findData("volunteer.registered")
    )
    window.flow("admin").logs.choice_box.activated.emit(
        window.flow("admin").logs.choice_box.currentIndex()
    )
    assert len(shown(window)) == 8
    # The phone is sealed under the volunteer's key (docs/privacy.md): never shown here
    assert all("sealed=🔒" in row[5] and "138" not in row[5] for row in shown(window))


def export(qtbot: QtBot, window: MainWindow, fmt: str) -> Path:
    logs = window.flow("admin").logs
    target = logs.csv_button if fmt == "csv" else logs.xlsx_button
    tap(qtbot, target)
    qtbot.waitUntil(lambda: logs._job is None, timeout=10_000)
    texts = logs.notice.texts
    assert texts is not None and "已导出" in texts[0], texts
    return Path(texts[1].split(": ", 1)[1])


@pytest.mark.parametrize("unmasked", [False, True], ids=["masked", "full-numbers"])
def test_exports_read_back_equal_to_the_screen(qtbot: QtBot, busy: Kiosk, unmasked: bool) -> None:
    window, services = busy
    open_logs(qtbot, window)
    logs = window.flow("admin").logs
    if unmasked:
        tap(qtbot, logs.unmask_box)
    screen = shown(window)
    path = export(qtbot, window, "csv")
    assert path.parent == services.settings.data_dir / "exports"
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[0][0] == "姓名 Name"
    body = [tuple(line) for line in lines[1:]]
    if unmasked:
        assert [row[2] for row in body] != [row[2] for row in screen]
        assert all(len(row[2]) == 11 and "*" not in row[2] for row in body)
        assert [row[:2] + row[3:] for row in body] == [row[:2] + row[3:] for row in screen]
    else:
        assert body == screen

    tap(qtbot, logs.tabs[LogKind.USES])  # service uses: paged export of 450 rows
    scroll_to_end(qtbot, window)
    screen = shown(window)
    book = load_workbook(export(qtbot, window, "xlsx"), read_only=True)
    rows = [tuple(str(c) for c in r) for r in book.active.iter_rows(values_only=True)]
    book.close()
    assert rows[1:] == screen

    audits = [e for e in _events(services) if e[0] == "admin.exported"]
    assert len(audits) == 2
    assert {a[1]["log"] for a in audits} == {"shifts", "uses"}
    assert all(a[1]["unmasked"] is unmasked for a in audits)
    assert {a[1]["rows"] for a in audits} == {4, USES}


def _events(services: KioskServices) -> list[tuple[str, dict[str, object]]]:
    import json

    from sqlalchemy import text

    with services.database.read() as session:
        rows = session.execute(text("SELECT kind, payload FROM events ORDER BY pos")).all()
    return [(r[0], json.loads(r[1])) for r in rows]


def test_cancelled_export_leaves_no_file_and_no_audit(qtbot: QtBot, busy: Kiosk) -> None:
    window, services = busy
    open_logs(qtbot, window)
    logs = window.flow("admin").logs
    tap(qtbot, logs.tabs[LogKind.USES])
    gate = threading.Event()
    # Holds the task manager's database worker, so the export waits behind it.
    window.tasks.start(Task(lambda _progress, _cancelled: gate.wait()))
    tap(qtbot, logs.xlsx_button)
    assert logs.cancel_button.isVisible()
    tap(qtbot, logs.cancel_button)
    gate.set()
    qtbot.waitUntil(lambda: logs._job is None, timeout=10_000)
    assert logs.notice.texts == ("导出已取消", "Export cancelled")
    folder = services.settings.data_dir / "exports"
    assert not folder.exists() or not list(folder.iterdir())
    assert not [e for e in _events(services) if e[0] == "admin.exported"]


def test_a_workbook_holds_numbers_as_numbers_and_times_as_dates(qtbot: QtBot, busy: Kiosk) -> None:
    """An admin exports the service uses to Excel: 人次 is a number a spreadsheet can sum (the
    sum is what the kiosk stored), the time a date it can sort; names stay text."""
    window, services = busy
    open_logs(qtbot, window)
    logs = window.flow("admin").logs
    tap(qtbot, logs.tabs[LogKind.USES])
    scroll_to_end(qtbot, window)
    screen = shown(window)
    book = load_workbook(export(qtbot, window, "xlsx"))  # not read-only: cell types are read
    sheet = book.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:5] == [
        "时间 Time",
        "服务 Service",
        "服务对象 Group",
        "人次 People",
        "终端 Kiosk",
    ]
    body = list(sheet.iter_rows(min_row=2))
    assert len(body) == len(screen) == USES
    for cells, row in zip(body, screen, strict=True):
        time, service, audience, people, _kiosk = cells
        assert time.is_date and isinstance(time.value, datetime)
        assert time.value.strftime("%Y-%m-%d %H:%M:%S") == row[0]
        assert people.data_type == "n" and isinstance(people.value, int)
        assert str(people.value) == row[3]
        assert service.data_type == "s" and service.value == row[1]
        assert audience.value == row[2]
    book.close()
    from sqlalchemy import text

    with services.database.read() as session:
        stored = session.execute(text("SELECT SUM(count) FROM service_uses")).scalar_one()
    assert sum(cells[3].value for cells in body) == stored
