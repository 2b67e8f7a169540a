"""What a printed ticket is: a `Receipt` of lines, rows, QR codes and rules, then a cut; and
the receipts the kiosk prints. Pure: described, not drawn (the service makes the ESC/POS bytes).

Every feature's paper (the charging pickup slip, help-request and wish tickets, the badge label,
and the handover sheet: rows of label and value under a heading) is built from the same
few blocks, so one printer setting and one house layout serve them all.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

COLUMNS = 32  # a 58 mm roll at font A: 32 half-width columns (an 80 mm roll has 48)
MAX_LINE = 400  # characters in one line of text (wrapped by the printer)
MAX_QR = 600  # bytes in a QR code (the printer's buffer and a readable module size)
MAX_BLOCKS = 200


@dataclass(frozen=True)
class Line:
    """A line of text (the printer wraps it); `size` 1–4 scales width and height."""

    text: str
    size: int = 1
    bold: bool = False
    center: bool = False


@dataclass(frozen=True)
class Row:
    """A label at the left and a value at the right of one line (tables: the handover sheet)."""

    label: str
    value: str


@dataclass(frozen=True)
class Qr:
    """A QR code the printer draws itself (ESC/POS `GS ( k`), centred; `size` is the module
    size in dots (1–16)."""

    data: str
    size: int = 7


@dataclass(frozen=True)
class Rule:
    """A dashed line across the paper."""


Block = Line | Row | Qr | Rule


@dataclass(frozen=True)
class Receipt:
    """One slip of paper: its blocks, top to bottom, then a cut. `name` says what it is
    (logs, tests)."""

    name: str
    blocks: tuple[Block, ...]

    def __post_init__(self) -> None:
        if not self.blocks or len(self.blocks) > MAX_BLOCKS:
            raise ValueError(f"a receipt has 1 to {MAX_BLOCKS} blocks")
        for block in self.blocks:
            if isinstance(block, Line) and (len(block.text) > MAX_LINE or not 1 <= block.size <= 4):
                raise ValueError("a line has up to 400 characters and a size of 1 to 4")
            if isinstance(block, Qr) and (
                not block.data or len(block.data.encode()) > MAX_QR or not 1 <= block.size <= 16
            ):
                raise ValueError("a QR code holds 1 to 600 bytes, module size 1 to 16")


def width(text: str) -> int:
    """Columns `text` takes on the paper: a Chinese character (full width) takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def row_text(row: Row, columns: int = COLUMNS) -> str:
    """`row` as one line: label, spaces, value at the right edge (or after one space when the
    two do not fit: the printer wraps)."""
    gap = columns - width(row.label) - width(row.value)
    return row.label + " " * max(gap, 1) + row.value


def bilingual(
    zh: str, en: str, *, size: int = 1, bold: bool = False, center: bool = False
) -> tuple[Line, ...]:
    """The Chinese line, then the English one in normal size (both are always printed: a
    traveller may read only one of them)."""
    return (Line(zh, size, bold, center), Line(en, 1, False, center))


def group_digits(code: str) -> str:
    """ "482913" → "482 913": easier to read back."""
    return " ".join(code[i : i + 3] for i in range(0, len(code), 3))


def charging_pickup(code: str, qr: str, slot_zh: str, slot_en: str) -> Receipt:
    """The slip a rider keeps: the pickup code, large, with its QR and the slot."""
    return Receipt(
        "charging_pickup",
        (
            *bilingual(
                "手机充电取件码", "Phone charging pickup code", size=2, bold=True, center=True
            ),
            Line(group_digits(code), 3, True, True),
            Qr(qr),
            Row("充电位 Slot", f"{slot_zh} {slot_en}"),
            Rule(),
            *bilingual(
                "取手机：点“取手机”，选充电位，输入取件码；或扫描此二维码。",
                "To collect: tap Collect phone, choose the slot and enter the code, "
                "or scan this QR code.",
            ),
            *bilingual(
                "凭此条即可取走手机，请妥善保管。",
                "This slip collects your phone: keep it safe.",
                bold=True,
            ),
        ),
    )


def ticket_slip(kind: str, ticket: str, link: str, masked_phone: str | None = None) -> Receipt:
    """A help-request (`kind` "request") or wish ("wish") ticket: its number and the QR that
    follows it."""
    if kind == "request":
        head = ("求助单", "Help request")
        steps = (
            "已通知在岗志愿者，请在附近稍候。凭单号可在任一终端查看进度。",
            "The volunteers on duty have been told; please wait nearby. "
            "Use the number at any kiosk to follow it.",
        )
    else:
        head = ("诉求 / 微心愿", "Need or wish")
        steps = (
            "已收到您的诉求。凭单号可在任一终端查看进度和答复。",
            "We have received it. Use the number at any kiosk to see its progress and our answer.",
        )
    phone = (Row("电话 Phone", masked_phone),) if masked_phone else ()
    return Receipt(
        f"{kind}_ticket",
        (
            *bilingual(*head, size=2, bold=True, center=True),
            *bilingual("单号", "Ticket number", center=True),
            Line(group_digits(ticket), 3, True, True),
            Qr(link),
            *bilingual("扫码查看进度", "Scan to follow it", center=True),
            *phone,
            Rule(),
            *bilingual(*steps),
        ),
    )


def badge_label(name: str, number: str, token: str) -> Receipt:
    """A volunteer's badge as a label: name, number and the QR a scanner checks in with."""
    return Receipt(
        "badge_label",
        (
            *bilingual("志愿者工牌", "Volunteer badge", size=2, bold=True, center=True),
            Line(name, 2, True, True),
            Line(number, 1, False, True),
            Qr(token, 5),
            *bilingual("签到签退时扫描此码", "Scan at the kiosk to check in and out", center=True),
        ),
    )


def sample_receipt(target: str) -> Receipt:
    """What the admin's Test print button prints: Chinese, a QR, a cut."""
    return Receipt(
        "test_print",
        (
            *bilingual("打印测试", "Test print", size=2, bold=True, center=True),
            Line("中文打印正常：驿站自助终端", 1, False, False),
            Row("打印机 Printer", target),
            Qr("SK-PRINT-TEST"),
            *bilingual("看到二维码和中文即为正常", "A QR code and Chinese text: all is well"),
        ),
    )
