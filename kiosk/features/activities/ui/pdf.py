"""An activity's sign-in sheet as a PDF (签到表): what, when, where, the counts, who signed in
(in order, with the time and how) and who was invited and did not come. Bilingual headings,
as the station's other documents. A failed write leaves no file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.core import words
from kiosk.features.activities.service import Sheet
from kiosk.platform.ui.pdf import PdfDocument


def sheet_file_name(sheet: Sheet) -> str:
    view = sheet.activity
    return f"sign-in-{view.starts_at:%Y-%m-%d-%H%M}-{view.id[-6:]}.pdf"


def write_sheet(sheet: Sheet, station: tuple[str, str], folder: Path) -> Path:
    """Write the sheet into `folder`; returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / sheet_file_name(sheet)
    partial = path.with_suffix(".part")
    try:
        _write(sheet, station, partial)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def _write(sheet: Sheet, station: tuple[str, str], path: Path) -> None:
    view = sheet.activity
    name_zh, name_en = station
    doc = PdfDocument(path, f"{view.title} 签到表")
    try:
        center = Qt.AlignmentFlag.AlignHCenter
        doc.text(f"{view.title} · 签到表", 20, True, center, after_mm=1)
        doc.text(f"{name_zh} · {name_en} · Sign-in sheet", 11, False, center, after_mm=3)
        kind = words.ACTIVITY_KINDS.get(view.kind, (view.kind, view.kind))
        state = "（已取消 / Cancelled）" if view.cancelled else ""
        doc.text(
            f"类型 Kind：{kind[0]} / {kind[1]}{state}\n"
            f"时间 Time：{view.starts_at:%Y-%m-%d %H:%M} – {view.ends_at:%H:%M}\n"
            f"地点 Place：{view.place or '—'}",
            11,
            after_mm=2,
        )
        invited = f"应到 Invited {view.invited}  ·  " if view.invited else ""
        absent = f"  ·  未到 Absent {len(sheet.absent)}" if view.invited else ""
        credited = (
            f"  ·  记录时长 Credited {view.credited_minutes / 60:.1f} h"
            if view.credited_minutes is not None
            else ""
        )
        doc.text(f"{invited}实到 Signed in {len(sheet.signed)}{absent}{credited}", 12, True)
        doc.rule()
        rows = [
            (
                str(n),
                line.name,
                line.number,
                "" if line.signed_at is None else f"{line.signed_at:%H:%M}",
                words.label(words.SIGN_IN_METHODS, line.method, "zh"),
            )
            for n, line in enumerate(sheet.signed, start=1)
        ]
        doc.table(
            ("序号 No.", "姓名 Name", "编号 Number", "签到时间 Time", "方式 How"),
            rows or [("", "无人签到 / Nobody signed in", "", "", "")],
            (0.1, 0.3, 0.2, 0.2, 0.2),
        )
        if sheet.absent:
            doc.space(4)
            doc.text("未到 Not signed in", 12, True)
            doc.text("、".join(f"{a.name}（{a.number}）" for a in sheet.absent), 11)
    finally:
        doc.finish()
