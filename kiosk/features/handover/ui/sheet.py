"""The handover sheet (交接单) on the receipt printer: who handed over when, what is still
open, the stock count with each difference and its reason, the note, and a line for the
arriving volunteer's signature. Paper, because a station's handover book is paper."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.core import words
from kiosk.features.printing.domain.receipt import Block, Line, Receipt, Row, Rule, bilingual

if TYPE_CHECKING:
    from kiosk.features.handover.service import HandoverView

OPEN_ROWS = (
    ("requests", "未完成求助 Requests"),
    ("wishes", "未答复心愿 Wishes"),
    ("charging", "充电中手机 Charging"),
    ("lent", "借出未还 Lent out"),
)


def handover_sheet(view: HandoverView, names: dict[str, tuple[str, str]]) -> Receipt:
    """The sheet of `view`; `names` gives each counted item's (zh, en) name by "kind:item_id"."""
    blocks: list[Block] = [
        *bilingual("交接班记录", "Shift handover", size=2, bold=True, center=True),
        Row("交班 By", view.by),
        Row("时间 Time", f"{view.recorded_at:%Y-%m-%d %H:%M}"),
        Rule(),
        *bilingual("未完成事项", "Still open", bold=True),
        *(Row(label, str(view.open.get(key, 0))) for key, label in OPEN_ROWS),
        Rule(),
        *bilingual("清点（清点/应有）", "Stock count (counted/expected)", bold=True),
    ]
    for count in view.counts:
        key = f"{count['kind']}:{count['item_id']}"
        name_zh, _name_en = names.get(key, (str(count["item_id"]),) * 2)
        counted, expected = count["counted"], count["expected"]
        blocks.append(Row(name_zh, f"{counted}/{expected}"))
        if counted != expected:
            reason = str(count.get("reason") or "")
            zh = words.label(words.HANDOVER_REASONS, reason, "zh")
            en = words.label(words.HANDOVER_REASONS, reason, "en")
            blocks.append(Line(f"  原因 Reason: {zh} / {en}", bold=True))
    if not view.counts:
        blocks.append(Line("（无清点）No count"))
    blocks.append(Rule())
    if view.note:
        blocks.append(Line(f"备注 Note: {view.note}"))
    blocks += [
        Line(""),
        Line("接班签名 Received by: ______"),
    ]
    return Receipt("handover_sheet", tuple(blocks))
