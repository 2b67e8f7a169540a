"""The report, certificate and folder screens driven by taps: files land in the chosen folder,
a running report can be stopped, a certificate is numbered, recorded and readable."""

from __future__ import annotations

import csv
import shutil
import subprocess
import threading
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import text

from kiosk.features.admin.service.logs import LogKind
from kiosk.features.reports.service.folders import ExportFolders
from kiosk.platform.ui.tasks import Task
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.reports.conftest import Kiosk, open_admin
from tests.kiosk_fixtures import tap


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def events(services: KioskServices, kind: str) -> list[str]:
    with services.database.read() as session:
        rows = session.execute(
            text("SELECT payload FROM events WHERE kind = :k ORDER BY pos"), {"k": kind}
        )
        return [str(r[0]) for r in rows]


def open_dashboard(qtbot: QtBot, window: MainWindow) -> None:
    open_admin(qtbot, window)
    tap(qtbot, window.flow("admin").console.dashboard_button)


def with_stick(window: MainWindow, services: KioskServices, tmp_path: Path) -> Path:
    """A fake automount root with one 'mounted' stick (the real check is os.path.ismount)."""
    stick = tmp_path / "media" / "admin" / "KIOSK_USB"
    stick.mkdir(parents=True)
    window.flow("reports").folder_page.folders = ExportFolders(
        services.database,
        services.settings.data_dir / "exports",
        roots=[tmp_path / "media"],
        mounted=lambda path: path == stick,
    )
    return stick


def test_monthly_report_from_the_screen_lands_in_the_chosen_folder(
    qtbot: QtBot, seeded: Kiosk, tmp_path: Path
) -> None:
    window, services = seeded
    stick = with_stick(window, services, tmp_path)
    open_dashboard(qtbot, window)
    flow = window.flow("reports")
    tap(qtbot, flow.dashboard.report_button)
    page = flow.report
    assert window.current_page() is page
    assert page.month_buttons[(2026, 10)].isChecked()  # last month by default
    tap(qtbot, page.folder_button)
    assert window.current_page() is flow.folder_page
    rows = flow.folder_page.rows
    assert len(rows) == 2 and "KIOSK_USB" in rows[1].text() and rows[0].isChecked()
    tap(qtbot, rows[1])
    assert rows[1].isChecked()
    tap(qtbot, flow.folder_page.back_button)
    assert window.current_page() is page
    assert str(stick) in page.folder_label.text()

    tap(qtbot, page.month_buttons[(2026, 11)])
    tap(qtbot, page.generate_button)
    assert page.progress.isVisible() and page.cancel_button.isVisible()
    qtbot.waitUntil(lambda: page._task is None, timeout=20_000)
    path = stick / "monthly-report-2026-11.pdf"
    assert page.notice.texts == (f"报表已保存：{path}", f"Report saved: {path}")
    body = pdf_text(path)
    assert "2026 年 11 月" in body and "王芳" in body
    audit = events(services, "admin.exported")
    assert len(audit) == 1 and '"format":"pdf"' in audit[0] and "2026-11" in audit[0]

    # The log review's exports use the same folder now.
    tap(qtbot, page.back_button)
    tap(qtbot, flow.dashboard.back_button)
    tap(qtbot, window.flow("admin").console.logs_button)
    tap(qtbot, window.flow("admin").logs.tabs[LogKind.CHARGING])
    tap(qtbot, window.flow("admin").logs.csv_button)
    qtbot.waitUntil(lambda: window.flow("admin").logs._job is None, timeout=10_000)
    exported = list(stick.glob("charging-*.csv"))
    assert len(exported) == 1
    with exported[0].open(encoding="utf-8-sig") as f:
        assert len(list(csv.reader(f))) == 4  # header and three sessions

    # A pulled stick: back to the kiosk's own folder, never a write into the empty mount point.
    shutil.rmtree(stick)
    assert window.flow("reports").folder() == services.settings.data_dir / "exports"


def test_a_running_report_can_be_stopped(qtbot: QtBot, seeded: Kiosk) -> None:
    window, services = seeded
    open_dashboard(qtbot, window)
    tap(qtbot, window.flow("reports").dashboard.report_button)
    page = window.flow("reports").report
    gate = threading.Event()
    # Holds the task manager's database worker: the report waits behind it.
    window.tasks.start(Task(lambda _progress, _cancelled: gate.wait()))
    tap(qtbot, page.generate_button)
    assert page.cancel_button.isVisible() and not page.generate_button.isEnabled()
    tap(qtbot, page.cancel_button)
    gate.set()
    qtbot.waitUntil(lambda: page._task is None, timeout=10_000)
    assert page.notice.texts == ("报表生成已取消", "Report cancelled")
    assert not page.cancel_button.isVisible() and page.generate_button.isEnabled()
    folder = services.settings.data_dir / "exports"
    assert not folder.exists() or not list(folder.iterdir())
    assert events(services, "admin.exported") == []


def test_certificate_issued_from_the_screen(qtbot: QtBot, seeded: Kiosk, tmp_path: Path) -> None:
    window, services = seeded
    open_dashboard(qtbot, window)
    tap(qtbot, window.flow("reports").dashboard.certificates_button)
    page = window.flow("reports").certificates
    assert window.current_page() is page
    assert not page.issue_button.isEnabled()  # nobody chosen yet
    page.choose_volunteer("FZB-0002")
    assert "6.25 小时" in page.preview.text() and "2026-10-01 – 2026-10-31" in page.preview.text()
    tap(qtbot, page.period_buttons["custom"])  # any dates, on two calendars
    assert page.middle.currentIndex() == 1
    page.choose_dates(date(2026, 10, 20), date(2026, 10, 31))
    tap(qtbot, page.range_ok)
    assert "2026-10-20 – 2026-10-31：4.00 小时" in page.preview.text()  # only the 10-29 shift
    tap(qtbot, page.period_buttons["this_month"])
    assert "0.00 小时" in page.preview.text()
    assert not page.issue_button.isEnabled()  # no hours: nothing to certify
    tap(qtbot, page.period_buttons["last_month"])
    tap(qtbot, page.issue_button)
    qtbot.waitUntil(lambda: page._task is None, timeout=10_000)
    texts = page.notice.texts
    assert texts is not None and texts[0].startswith("已出具证明 DEMOSTAT2026-"), texts
    number = texts[0].split()[1].rstrip("：").split("：")[0]
    path = Path(texts[1].split(": ", 1)[1])
    assert path.parent == services.settings.data_dir / "exports"
    body = pdf_text(path)
    assert "李强" in body and "FZB-0002" in body and number in body
    assert page.issued.rowCount() == 1 and page.issued.item(0, 0).text() == number
    assert len(events(services, "certificate.issued")) == 1

    tap(qtbot, page.issue_button)  # a second one gets the next number
    qtbot.waitUntil(lambda: page._task is None, timeout=10_000)
    assert page.issued.rowCount() == 2
    assert page.issued.item(0, 0).text().endswith("-0002")
    assert len(events(services, "certificate.issued")) == 2
