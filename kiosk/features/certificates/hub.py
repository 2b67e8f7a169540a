"""The hub's side of volunteer-hours certificates: a volunteer asks for their 志愿服务记录证明
on their own phone page (features/volunteer_page), and the hub issues the same numbered
certificate a kiosk issues: a `certificate.issued` event in the station's feed (the kiosks
record it on their next pull), numbered `<station code><year>-HUB-<sequence>` (the hub's own
sequence per station and year, so it never meets a kiosk's), and the same one-page PDF.

The PDF is drawn with fpdf2 (pure Python, so the hub still installs without Qt), embedding the
subset of a CJK font it uses: WenQuanYi Micro Hei from Debian's fonts-wqy-microhei, which
`make run` installs; without a Chinese font the certificate is refused with the reason, and
nothing is issued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.features.certificates.domain import HUB_CODE, station_code
from kiosk.platform.hub.hub_events import log_of
from kiosk.platform.hub.web_events import append_hub_event, lock_author

CJK_FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)
CLOSING = "服务时长依据本站志愿者签到、签退记录，按本站规则逐班次认定。本证明经出具单位盖章后有效。"


class NoChineseFont(Exception):
    """No CJK font on this hub: a certificate cannot be drawn."""


@dataclass(frozen=True)
class HubCertificate:
    """An issued certificate and who issued it, as the PDF prints it."""

    number: str
    volunteer_name: str
    volunteer_number: str
    service: str
    first_day: date
    last_day: date
    minutes: int
    shifts: int
    issued_on: date
    station_zh: str
    station_en: str


def cjk_font() -> Path:
    for path in CJK_FONTS:
        if path.exists():
            return path
    raise NoChineseFont("no CJK font (install fonts-wqy-microhei)")


def issue(
    session: Session, station_id: str, facts: dict[str, Any], now: datetime, today: date
) -> tuple[str, str]:
    """Number and record a certificate in the caller's write transaction; (id, number).
    `facts` are the payload's volunteer and period fields."""
    author = lock_author(session, station_id)
    e = log_of(session)  # this year's may be in an archived month
    earlier = session.scalars(
        select(e.payload).where(e.kiosk_id == author, e.kind == "certificate.issued")
    ).all()
    sequence = 1 + max(
        (int(p.get("sequence", 0)) for p in earlier if p.get("year") == today.year), default=0
    )
    number = f"{station_code(station_id)}{today.year}-{HUB_CODE}-{sequence:04d}"
    payload = {
        **facts,
        "number": number,
        "year": today.year,
        "sequence": sequence,
        "issued_on": today.isoformat(),
    }
    row = append_hub_event(session, station_id, "certificate.issued", payload, now)
    return row.payload["certificate_id"], number


def _day(value: date) -> str:
    return f"{value.year} 年 {value.month} 月 {value.day} 日"


def _length(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} 小时 {rest} 分钟" if rest else f"{hours} 小时"


def certificate_pdf(c: HubCertificate) -> bytes:
    """The certificate as one A4 page: the fields the record rules ask for, once in the
    sentence and once in a table, as the kiosk's PDF has them."""
    from fpdf import FPDF  # loaded only when a volunteer asks for a certificate

    font = cjk_font()
    pdf = FPDF(format="A4")
    pdf.set_title(f"志愿服务记录证明 {c.number}")
    pdf.set_margins(22, 20, 22)
    pdf.add_font("cjk", fname=str(font), collection_font_number=0)
    pdf.add_font("cjk", style="B", fname=str(font), collection_font_number=0)
    pdf.add_page()
    width = pdf.epw
    hours = f"{c.minutes / 60:.2f}"
    pdf.set_font("cjk", size=10)
    pdf.cell(width, 6, f"证明编号 No.: {c.number}", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("cjk", "B", size=26)
    pdf.cell(width, 14, "志愿服务记录证明", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=13)
    pdf.cell(
        width,
        8,
        "Certificate of Volunteer Service Record",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(8)
    pdf.set_font("cjk", size=14)
    pdf.multi_cell(
        width,
        9,
        f"兹证明 {c.volunteer_name}（志愿者编号：{c.volunteer_number}）于 {_day(c.first_day)} 至"
        f" {_day(c.last_day)} 期间，在{c.station_zh}参加志愿服务，服务内容为{c.service}，"
        f"累计志愿服务时长 {hours} 小时（{_length(c.minutes)}，共 {c.shifts} 次）。",
        align="L",  # justified, a line of CJK and numbers spreads its last words apart
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    pdf.cell(width, 9, "特此证明。", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("cjk", size=11)
    rows = [
        ("志愿者姓名 Name", c.volunteer_name),
        ("志愿者编号 Volunteer No.", c.volunteer_number),
        ("服务内容 Service", c.service),
        ("服务时长 Hours", f"{hours} 小时 h（{_length(c.minutes)}）"),
        ("服务期间 Period", f"{c.first_day.isoformat()} 至 {c.last_day.isoformat()}"),
        ("服务次数 Shifts", str(c.shifts)),
        ("出具单位 Issued by", f"{c.station_zh}（{c.station_en}）"),
        ("证明编号 Certificate No.", c.number),
        ("出具日期 Date of issue", c.issued_on.isoformat()),
    ]
    with pdf.table(col_widths=(34, 66), line_height=8, first_row_as_headings=True) as table:
        table.row(("项目 Item", "内容 Details"))
        for label, value in rows:
            table.row((label, value))
    pdf.ln(12)
    pdf.set_font("cjk", size=13)
    pdf.cell(
        width, 8, f"出具单位（盖章）：{c.station_zh}", align="R", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.cell(width, 8, _day(c.issued_on), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(14)
    pdf.set_font("cjk", size=9)
    pdf.multi_cell(
        width, 5, CLOSING + " 本证明由志愿者在本人页面申请，经联盟中心系统出具。", align="L"
    )
    return bytes(pdf.output())
