"""A volunteer-hours certificate (志愿服务记录证明) as a one-page PDF.

Every field the volunteer-service record rules ask for is printed once in the sentence and
once in a table: name, volunteer number, service content, hours, period, issuing station and
its contact, certificate number and date of issue.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.features.certificates.service import Certificate, Issuer
from kiosk.features.shifts.domain import format_duration
from kiosk.platform.ui.pdf import PdfDocument


def certificate_file_name(certificate: Certificate, copy: bool = False) -> str:
    return f"certificate-{certificate.number}{'-copy' if copy else ''}.pdf"


def _day(value: object) -> str:
    assert isinstance(value, date)
    return f"{value.year} 年 {value.month} 月 {value.day} 日"


def write_certificate(
    certificate: Certificate, issuer: Issuer, folder: Path, copy_printed: date | None = None
) -> Path:
    """Write the certificate into `folder`; returns the file's path (no file on failure).
    With `copy_printed` (the day a copy is printed) the page says it is a copy (副本)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / certificate_file_name(certificate, copy_printed is not None)
    partial = path.with_suffix(".part")
    try:
        _write(certificate, issuer, partial, copy_printed)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def _write(c: Certificate, issuer: Issuer, path: Path, copy_printed: date | None) -> None:
    hours = f"{c.minutes / 60:.2f}"
    length = format_duration(c.minutes, "zh")
    title = f"志愿服务记录证明 {c.number}" + ("（副本）" if copy_printed else "")
    doc = PdfDocument(path, title)
    try:
        right = Qt.AlignmentFlag.AlignRight
        center = Qt.AlignmentFlag.AlignHCenter
        if copy_printed is not None:
            doc.text(
                f"副本 COPY · 补打于 printed {copy_printed.isoformat()} · 原件出具于 issued"
                f" {c.issued_on.isoformat()}",
                11,
                True,
                right,
                after_mm=2,
            )
        doc.text(f"证明编号 No.: {c.number}", 10, False, right, after_mm=10)
        doc.text("志愿服务记录证明", 26, True, center, after_mm=2)
        doc.text("Certificate of Volunteer Service Record", 13, False, center, after_mm=12)
        doc.text(
            f"兹证明 {c.volunteer_name}（志愿者编号：{c.volunteer_number}）于"
            f" {_day(c.first_day)} 至 {_day(c.last_day)} 期间，在{issuer.name_zh}参加志愿服务，"
            f"服务内容为{c.service}，累计志愿服务时长 {hours} 小时（{length}，共 {c.shifts} 次）。",
            14,
            after_mm=4,
        )
        doc.text("特此证明。", 14, after_mm=10)
        rows = [
            ["志愿者姓名 Name", c.volunteer_name],
            ["志愿者编号 Volunteer No.", c.volunteer_number],
            ["服务内容 Service", c.service],
            ["服务时长 Hours", f"{hours} 小时 h（{length}）"],
            ["服务期间 Period", f"{c.first_day.isoformat()} 至 {c.last_day.isoformat()}"],
            ["服务次数 Shifts", str(c.shifts)],
            ["出具单位 Issued by", f"{issuer.name_zh}（{issuer.name_en}）"],
            ["联系方式 Contact", issuer.contact or "—"],
            ["证明编号 Certificate No.", c.number],
            ["出具日期 Date of issue", c.issued_on.isoformat()],
        ]
        doc.table(["项目 Item", "内容 Details"], rows, [0.34, 0.66], 11)
        doc.space(12)
        doc.text(f"出具单位（盖章）：{issuer.name_zh}", 13, False, right, after_mm=3)
        if issuer.contact:
            doc.text(f"联系方式：{issuer.contact}", 11, False, right, after_mm=3)
        doc.text(_day(c.issued_on), 13, False, right, after_mm=14)
        doc.text(
            "服务时长依据本站志愿者签到、签退记录，按本站规则逐班次认定。"
            "本证明经出具单位盖章后有效。",
            9,
        )
    finally:
        doc.finish()
