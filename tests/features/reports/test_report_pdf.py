"""The monthly report and the hours certificate as PDF files, read back with pdftotext."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from kiosk.core.clock import FixedClock
from kiosk.core.errors import ValidationError
from kiosk.features.certificates.service import build_certificates, issuer_of
from kiosk.features.certificates.ui.pdf import write_certificate
from kiosk.features.reports.service.dashboard import build_dashboard
from kiosk.features.reports.service.monthly import ReportCancelled, ReportService
from kiosk.features.reports.ui.pdf import chart_images, write_report
from kiosk.platform.store.store import rebuild_projections
from kiosk.shell.context import KioskServices
from tests.reports_seed import seed_month


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it (layout kept, so table rows stay on one line)."""
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def _events(services: KioskServices, kind: str) -> int:
    with services.database.read() as session:
        return int(
            session.execute(
                text("SELECT count(*) FROM events WHERE kind = :k"), {"k": kind}
            ).scalar_one()
        )


def test_monthly_report_pdf_has_the_figures(
    qtbot: QtBot, services: KioskServices, clock: FixedClock, tmp_path: Path
) -> None:
    seed_month(services, clock)
    reports = ReportService(build_dashboard(services), lambda: issuer_of(services.settings))
    report = reports.monthly(2026, 11)
    path = write_report(report, chart_images(report), tmp_path)
    assert path.name == "monthly-report-2026-11.pdf"
    assert not list(tmp_path.glob("*.part"))
    body = pdf_text(path)
    assert "暖心驿站（示范站） 月度服务报表" in body
    assert "2026 年 11 月" in body
    assert "服务人次 People served" in body and " 13" in body
    water = next(line for line in body.splitlines() if line.strip().startswith("免费饮水"))
    assert water.split()[1:] == ["4", "1", "0", "0", "5"]  # traveller, rider, elderly, none, total
    wang = next(line for line in body.splitlines() if "王芳" in line)
    assert wang.split()[:5] == ["王芳", "FZB-0001", "1", "3.00", "3"]
    assert "Closed by staff" in body and "忘记取件码" in body
    assert "Generated: 2026-11-02 08:30" in body  # the station's time

    october = reports.monthly(2026, 10)
    body = pdf_text(write_report(october, chart_images(october), tmp_path))
    assert "李强" in body and "6.25" in body  # 240 + 140 min, credited 240 + 135 (down to 15 min)

    with pytest.raises(ValidationError):
        reports.monthly(2026, 12)  # a month not yet begun


def test_a_cancelled_report_leaves_no_file(
    qtbot: QtBot, services: KioskServices, clock: FixedClock, tmp_path: Path
) -> None:
    seed_month(services, clock)
    reports = ReportService(build_dashboard(services), lambda: issuer_of(services.settings))
    report = reports.monthly(2026, 11)
    out = tmp_path / "out"
    with pytest.raises(ReportCancelled):
        write_report(report, chart_images(report), out, cancelled=lambda: True)
    assert list(out.iterdir()) == []


def test_certificate_has_every_required_field_and_a_unique_recorded_number(
    qtbot: QtBot, services: KioskServices, clock: FixedClock, tmp_path: Path
) -> None:
    ids = seed_month(services, clock)
    certificates = build_certificates(services)
    issuer = certificates.issuer
    issuer = type(issuer)(
        issuer.name_zh, issuer.name_en, "0591-12345678 福州站北广场", issuer.service, issuer.code
    )
    certificates.issuer = issuer
    li = ids["FZB-0002"]
    first, path = certificates.issue(
        li, date(2026, 10, 1), date(2026, 10, 31), lambda c: write_certificate(c, issuer, tmp_path)
    )
    body = pdf_text(path)
    kiosk = first.number.split("-")[1]
    assert first.number == f"DEMOSTAT2026-{kiosk}-0001"
    for field in (
        "志愿服务记录证明",
        "李强",  # name
        "FZB-0002",  # volunteer number
        issuer.service,  # service content
        "6.25 小时",  # hours (240 + 135 credited minutes)
        "2026-10-01 至 2026-10-31",  # period
        "暖心驿站（示范站）",  # issuing station
        "0591-12345678 福州站北广场",  # its contact
        first.number,  # certificate number
        "2026-11-02",  # date of issue
    ):
        assert field in body, field

    second, _ = certificates.issue(ids["FZB-0001"], date(2026, 11, 1), date(2026, 11, 2))
    assert second.number.endswith("-0002") and second.number != first.number
    assert _events(services, "certificate.issued") == 2
    assert [c.number for c in certificates.issued()] == [second.number, first.number]

    # Nothing is recorded (and no number used) when there is nothing to certify or the file fails.
    with pytest.raises(ValidationError):
        certificates.issue(li, date(2026, 11, 1), date(2026, 11, 2))
    with pytest.raises(ValidationError):
        certificates.issue(li, date(2026, 11, 1), date(2026, 12, 31))  # ends in the future

    def broken(_c: object) -> Path:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        certificates.issue(li, date(2026, 10, 1), date(2026, 10, 31), broken)
    assert _events(services, "certificate.issued") == 2
    third, _ = certificates.issue(li, date(2026, 10, 1), date(2026, 10, 31))
    assert third.number.endswith("-0003")

    live = certificates.issued()
    rebuild_projections(services.database)  # the projection is the log's, nothing more
    assert certificates.issued() == live
