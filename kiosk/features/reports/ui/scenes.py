"""The dashboard and the report, certificate and folder screens behind it, as screenshot scenes
(`KIOSK_UI.scenes`, read by tools/screenshots.py; nothing here runs in a kiosk)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QApplication

from kiosk.features.reports.service.dashboard import Span
from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.reports.ui.flow import ReportsFlow


def _scene(name: str, show: Callable[[ReportsFlow, str], None]) -> Scene:
    def stage(window: Navigator, _demo: Mapping[str, str]) -> None:
        show(cast("ReportsFlow", window.flow("reports")), window.language.language)

    return Scene(name, stage)


def _dashboard(span: Span) -> Callable[[ReportsFlow, str], None]:
    def show(flow: ReportsFlow, _language: str) -> None:
        flow.open_dashboard()
        flow.dashboard.show_span(span)

    return show


def _dashboard_lower(span: Span, key: str) -> Callable[[ReportsFlow, str], None]:
    """A panel below the fold (requests and response times, stock and expiry alerts)."""

    def show(flow: ReportsFlow, language: str) -> None:
        _dashboard(span)(flow, language)
        QApplication.processEvents()  # the cards are laid out before scrolling to them
        area = flow.dashboard.scroll_area
        area.verticalScrollBar().setValue(flow.dashboard.cards[key].y())

    return show


def _report(flow: ReportsFlow, _language: str) -> None:
    flow.open_report()


def _report_running(flow: ReportsFlow, language: str) -> None:
    # The progress bar and Stop as they look while a report is made (no job started).
    flow.open_report()
    flow.report._set_busy(True)
    flow.report.progress.setValue(40)
    flow.report.notice.show_message("正在生成报表…", "Making the report…", language, "info")


def _report_done(flow: ReportsFlow, language: str) -> None:
    flow.open_report()
    flow.report.notice.show_message(
        "报表已保存：/media/admin/KIOSK_USB/monthly-report-2026-10.pdf",
        "Report saved: /media/admin/KIOSK_USB/monthly-report-2026-10.pdf",
        language,
        "success",
    )


def _certificates(flow: ReportsFlow, _language: str) -> None:
    flow.open_certificates()
    flow.certificates.choose_volunteer("FZB-0004")


def _certificate_copy(flow: ReportsFlow, language: str) -> None:
    # The list's newest certificate chosen and its copy printed (the notice drawn only).
    _certificates(flow, language)
    page = flow.certificates
    page.issued.selectRow(0)
    cell = page.issued.item(0, 0)
    number = cell.text() if cell is not None else "—"
    page.notice.show_message(
        f"已补打证明 {number} 的副本：/media/admin/KIOSK_USB/certificate-{number}-copy.pdf",
        f"Copy of certificate {number} printed:"
        f" /media/admin/KIOSK_USB/certificate-{number}-copy.pdf",
        language,
        "success",
    )


def _certificate_dates(flow: ReportsFlow, language: str) -> None:
    _certificates(flow, language)
    flow.certificates.period_buttons["custom"].click()


def _folders(flow: ReportsFlow, _language: str) -> None:
    flow.open_folders(flow.dashboard)


def scenes() -> tuple[Scene, ...]:
    return (
        _scene("dashboard_today", _dashboard(Span.TODAY)),
        _scene("dashboard_week", _dashboard(Span.WEEK)),
        _scene("dashboard_week_requests", _dashboard_lower(Span.WEEK, "requests")),
        _scene("dashboard_week_alerts", _dashboard_lower(Span.WEEK, "stock_alerts")),
        _scene("dashboard_month", _dashboard(Span.MONTH)),
        _scene("report", _report),
        _scene("report_running", _report_running),
        _scene("report_done", _report_done),
        _scene("certificates", _certificates),
        _scene("certificate_copy", _certificate_copy),
        _scene("certificate_dates", _certificate_dates),
        _scene("export_folder", _folders),
    )
