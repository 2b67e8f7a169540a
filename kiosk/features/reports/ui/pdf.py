"""The monthly station report as a PDF: title, totals, the three charts, and the tables.

Bilingual headings (the station's report goes to Chinese-speaking managers; the English lets
an auditor read it too). Runs on a worker thread; the chart images are drawn beforehand on the
GUI thread (kiosk.features.reports.ui.charts.chart_image). A cancelled or failed write leaves no
file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from kiosk.core import words
from kiosk.features.reports.service.monthly import MonthlyReport, ReportCancelled
from kiosk.features.reports.ui.charts import chart_image
from kiosk.features.shifts.domain import format_duration
from kiosk.platform.monthly import both
from kiosk.platform.ui.pdf import PdfDocument

CHART_SIZE = QSize(1500, 800)  # pixels of each chart image (about 150 mm wide in the PDF)


def report_file_name(report: MonthlyReport) -> str:
    return f"monthly-report-{report.year}-{report.month:02d}.pdf"


def chart_images(report: MonthlyReport) -> list[QImage]:
    """The report's charts as images, Chinese labels (GUI thread only)."""
    return [chart_image(panel, "zh", CHART_SIZE, 30) for panel in report.charts]


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.2f}"


def write_report(
    report: MonthlyReport,
    images: list[QImage],
    folder: Path,
    progress: Callable[[int], None] = lambda percent: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Path:
    """Write the report into `folder`; returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / report_file_name(report)
    partial = path.with_suffix(".part")
    try:
        _write(report, images, partial, progress, cancelled)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)  # never leave half a report that looks complete
        raise
    return path


def _check(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise ReportCancelled()


def _write(
    report: MonthlyReport,
    images: list[QImage],
    path: Path,
    progress: Callable[[int], None],
    cancelled: Callable[[], bool],
) -> None:
    issuer = report.issuer
    month_zh = f"{report.year} 年 {report.month} 月"
    doc = PdfDocument(path, f"{issuer.name_zh} {month_zh} 月度服务报表")
    try:
        center = Qt.AlignmentFlag.AlignHCenter
        doc.text(f"{issuer.name_zh} 月度服务报表", 20, True, center, after_mm=1)
        doc.text(f"{issuer.name_en} · Monthly station report", 12, False, center, after_mm=1)
        doc.text(
            f"{month_zh}（{report.first_day.isoformat()} 至 {report.last_day.isoformat()}）",
            12,
            False,
            center,
        )
        generated = report.generated_at.strftime("%Y-%m-%d %H:%M")
        contact = f" · 联系方式 Contact: {issuer.contact}" if issuer.contact else ""
        doc.text(f"生成时间 Generated: {generated}{contact}", 9, False, center, after_mm=3)
        doc.rule()

        doc.text("合计 Totals", 13, True)
        served = report.charging
        started = served["open"] + served["collected"] + served["closed"]
        totals = [
            ("服务人次 People served", str(report.people)),
            ("服务对象类别 Groups served", str(len([a for a in report.audiences if a != "none"]))),
            (
                "志愿服务时长 Volunteer hours",
                f"{_hours(report.credited_minutes)} 小时 h"
                f"（{format_duration(report.credited_minutes, 'zh')}）",
            ),
            ("参与志愿者 Volunteers", str(len(report.volunteers))),
            ("志愿服务班次 Shifts", str(report.shifts)),
            ("手机充电 Phone charging sessions", str(started)),
        ]
        doc.table(["项目 Item", "数值 Figure"], totals, [0.6, 0.4], 10)
        progress(40)
        _check(cancelled)

        titles = (
            "各项服务人次 People served by service",
            "服务对象 Who was served",
            "每日志愿服务时长（小时） Volunteer hours per day",
        )
        for index, (title, image) in enumerate(zip(titles, images, strict=False)):
            doc.ensure(doc.mm(100))
            doc.text(title, 12, True)
            doc.image(image, 150)
            progress(45 + index * 5)
            _check(cancelled)

        doc.new_page()
        doc.text("服务人次（按服务与对象） People served by service and group", 13, True)
        audiences = list(report.audiences)
        header = ["服务 Service", *[report.audience_name(a, "zh") for a in audiences], "合计 Total"]
        rows = [
            [line.name_zh, *[str(line.people.get(a, 0)) for a in audiences], str(line.total)]
            for line in report.services
        ]
        rows.append(
            [
                "合计 Total",
                *[str(sum(line.people.get(a, 0) for line in report.services)) for a in audiences],
                str(report.people),
            ]
        )
        first = 0.3
        rest = (1 - first) / (len(audiences) + 1)
        doc.table(header, rows, [first, *[rest] * (len(audiences) + 1)], 9, cancelled)
        _check(cancelled)
        progress(65)

        doc.text("志愿服务时长（按志愿者） Volunteer hours by volunteer", 13, True)
        count = max(1, len(report.volunteers))
        volunteer_rows = [
            [
                v.name,
                v.number,
                str(v.shifts),
                _hours(v.credited_minutes),
                format_duration(v.credited_minutes, "zh"),
            ]
            for v in report.volunteers
        ]
        doc.table(
            ["姓名 Name", "编号 No.", "班次 Shifts", "小时 Hours", "时长 Length"],
            volunteer_rows,
            [0.24, 0.2, 0.14, 0.16, 0.26],
            9.5,
            cancelled,
            lambda index: progress(65 + 25 * (index + 1) // count),
        )
        _check(cancelled)
        doc.space(1)
        doc.text(
            "志愿服务时长按本站规则逐班次认定；超时未签退的班次按自动结束规则计入并标记待核查。"
            " Hours are credited per shift by the station's rounding rule; shifts closed by the"
            " sweep count with the sweep's credit and are flagged for review.",
            8.5,
        )
        doc.space(3)

        doc.text("手机充电 Phone charging", 13, True)
        charging_rows = [
            ["本月开始的充电 Sessions started", str(started)],
            ["凭取件码取回 Collected by code", str(served["collected"])],
            ["志愿者结束 Closed by staff", str(served["closed"])],
            *[
                [f"　其中 of which: {both(words.CHARGING_CLOSE_REASONS, reason)}", str(number)]
                for reason, number in sorted(report.close_reasons.items())
            ],
            ["仍在充电 Still charging", str(served["open"])],
            ["待核查 Flagged", str(served["flagged"])],
        ]
        doc.table(["项目 Item", "次数 Count"], charging_rows, [0.7, 0.3], 10, cancelled)
        _check(cancelled)
        for index, section in enumerate(report.sections):
            doc.text(section.title, 13, True)
            doc.table(
                list(section.header),
                [list(row) for row in section.rows]
                or [["本月无记录 None this month", *[""] * (len(section.header) - 1)]],
                list(section.widths),
                9.5,
                cancelled,
            )
            if section.note:
                doc.text(section.note, 8.5)
            doc.space(2)
            progress(90 + 8 * (index + 1) // len(report.sections))
            _check(cancelled)
        progress(98)
    finally:
        doc.finish()
