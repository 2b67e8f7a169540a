"""The handover log tab (交接): each handover, who recorded it, what was open, the stock count's
differences and why, the note, and who acknowledged it when."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kiosk.core import words
from kiosk.platform.logs.query import LogQuery
from kiosk.platform.logs.spec import NUMBER, TIME, Cells, LogColumn, LogSpec, Search


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    """`c.names`: the volunteers (id -> name)."""
    _id, at, volunteer, open_json, counts_json, differences, note, by, by_at, kiosk = row
    pick = c.pick
    open_things = _json(open_json) or {}
    opened = (
        "求助 {requests} 心愿 {wishes} 充电 {charging} 借出 {lent}",
        "req {requests} wish {wishes} chg {charging} lent {lent}",
    )[pick].format(**{k: open_things.get(k, 0) for k in ("requests", "wishes", "charging", "lent")})
    differ = [
        f"{line['item_id']} {line['expected']}→{line['counted']}"
        f"（{words.pick(words.HANDOVER_REASONS, line.get('reason'), pick)}）"
        for line in (_json(counts_json) or [])
        if line.get("counted") != line.get("expected")
    ]
    acknowledged = f"{c.name(str(by))} {c.time(by_at)}" if by else ""
    return (
        c.time(at),
        c.name(str(volunteer)),
        opened,
        str(differences),
        ("；", "; ")[pick].join(differ),
        str(note or ""),
        acknowledged,
        c.kiosk(kiosk),
    )


HANDOVERS = LogSpec(
    key="handover",
    position=48,
    title=("交接", "Handovers"),
    columns=(
        LogColumn("time", "时间", "Time", TIME),
        LogColumn("volunteer", "交班人", "Handed over by"),
        LogColumn("open", "未完成事项", "Still open"),
        LogColumn("differences", "差异", "Differences", NUMBER),
        LogColumn("counts", "清点差异", "Count differences"),
        LogColumn("note", "备注", "Note"),
        LogColumn("acknowledged", "接班确认", "Acknowledged"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    query=LogQuery(
        select=(
            "SELECT h.id, h.recorded_at, h.volunteer_id, h.open, h.counts, h.differences,"
            " h.note, h.acknowledged_by, h.acknowledged_at, h.kiosk_id FROM handovers AS h"
            " {index}"
        ),
        at="h.recorded_at",
        key="h.id",
        choice=None,
        kiosk="h.kiosk_id",
        volunteer="(h.volunteer_id IN ({ids}) OR h.acknowledged_by IN ({ids}))",
        texts=("h.note",),
    ),
    cells=_cells,
    people=True,
    search=Search.VOLUNTEERS,
)
LOGS = (HANDOVERS,)
