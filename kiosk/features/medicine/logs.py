"""The medicine box's log tab: every unit given out, restocked or taken out, with its batch,
reason, the group it was given to and the volunteer's name (the event log's raw row was the only
place a dispense could be read)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.platform.logs.query import LogQuery
from kiosk.platform.logs.spec import (
    NUMBER,
    TIME,
    Cells,
    Choice,
    LogColumn,
    LogSpec,
    Names,
    Search,
    choices_of,
)


def _choices(session: Session, names: Names) -> list[Choice]:
    return choices_of(words.MEDICINE_MOVES) + choices_of(
        {i: names.get(i, (i, i)) for i in sorted(names)}, "item", ("物品", "Item")
    )


def _reason(move: str, reason: str | None, pick: int) -> str:
    if not reason:
        return ""
    table = words.DISPENSE_REASONS if move == "dispensed" else words.DISCARD_REASONS
    return words.pick(table, reason, pick)


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    _id, at, move, item, batch, quantity, reason, audience, kiosk, name, number = row
    pick = c.pick
    who = f"{name}（{number}）" if name and number else (name or "")
    return (
        c.time(at),
        words.pick(words.MEDICINE_MOVES, move, pick),
        c.names.get(item, (item, item))[pick],
        batch,
        str(quantity),
        _reason(move, reason, pick),
        words.pick(words.AUDIENCES, audience, pick) if audience and audience != "none" else "",
        who,
        c.kiosk(kiosk),
    )


MEDICINE = LogSpec(
    key="medicine",
    position=45,
    title=("药箱", "Medicine box"),
    columns=(
        LogColumn("at", "时间", "Time", TIME),
        LogColumn("move", "操作", "Move"),
        LogColumn("item", "物品", "Item"),
        LogColumn("batch", "批号", "Batch"),
        LogColumn("quantity", "数量", "Count", NUMBER),
        LogColumn("reason", "原因", "Reason"),
        LogColumn("audience", "服务对象", "Given to"),
        LogColumn("volunteer", "志愿者", "Volunteer"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    query=LogQuery(
        select=(
            "SELECT m.event_id, m.at, m.move, m.item_id, m.batch, m.quantity, m.reason,"
            " m.audience, m.kiosk_id, v.name, v.number FROM medicine_moves AS m {index}"
            " LEFT JOIN volunteers AS v ON v.id = m.volunteer_id"
        ),
        at="m.at",
        key="m.event_id",
        choice="m.move",
        kiosk="m.kiosk_id",
        volunteer="m.volunteer_id",
        groups=(("item", "m.item_id"),),
        texts=("m.batch",),
    ),
    cells=_cells,
    choices=_choices,
    names="medicine",
    search=Search.VOLUNTEERS,
)
LOGS = (MEDICINE,)
