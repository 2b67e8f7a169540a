"""The first-aid log tab: every incident, what was done, what was used, who attended."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.platform.logs.query import LogQuery
from kiosk.platform.logs.spec import (
    TIME,
    Cells,
    Choice,
    LogColumn,
    LogSpec,
    Names,
    Search,
    choices_of,
)


def _json_list(value: Any) -> list[Any]:
    """A JSON list column as read by raw SQL (text), or already decoded."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return list(value) if isinstance(value, list) else []


def _choices(session: Session, names: Names) -> list[Choice]:
    return choices_of(words.WHAT_HAPPENED) + choices_of(
        words.INCIDENT_OUTCOMES, "outcome", ("结果", "Outcome")
    )


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    """`c.names`: medicine items and volunteers (id -> name, both languages alike)."""
    _id, at, place, what, aid, items, aed, called, outcome, attended, note, kiosk = row[:12]
    voided, amendments = row[12:]
    pick = c.pick
    state = words.pick(words.WHAT_HAPPENED, what, pick)
    if voided:
        state += ("（已作废）", " (void)")[pick]
    elif amendments:
        state += ("（已更正）", " (corrected)")[pick]
    done = [words.pick(words.FIRST_AID, a, pick) for a in _json_list(aid)]
    if aed and "aed" not in _json_list(aid):
        done.append(("使用 AED", "AED used")[pick])
    if called:
        done.append(("已拨 120", "called 120")[pick])
    used = [
        f"{c.name(str(i.get('item_id')))} ×{i.get('quantity')}"
        for i in _json_list(items)
        if isinstance(i, dict)
    ]
    people = [c.names.get(str(v), (str(v), str(v)))[0] for v in _json_list(attended)]
    sep = ("、", ", ")[pick]
    return (
        c.time(at),
        state,
        words.pick(words.PLACES, place, pick),
        sep.join(done),
        sep.join(used),
        words.pick(words.INCIDENT_OUTCOMES, outcome, pick),
        sep.join(people),
        c.kiosk(kiosk),
        note or "",
    )


INCIDENTS = LogSpec(
    key="incidents",
    position=40,
    title=("急救与事件", "First aid"),
    columns=(
        LogColumn("time", "时间", "Time", TIME),
        LogColumn("what", "情况", "What"),
        LogColumn("place", "地点", "Place"),
        LogColumn("first_aid", "处置", "First aid"),
        LogColumn("items", "用品", "Items used"),
        LogColumn("outcome", "结果", "Outcome"),
        LogColumn("attended", "在场志愿者", "Attended"),
        LogColumn("kiosk", "终端", "Kiosk"),
        LogColumn("note", "备注", "Note"),
    ),
    query=LogQuery(
        select=(
            "SELECT i.id, i.happened_at, i.place, i.what, i.first_aid, i.items_used, i.aed_used,"
            " i.called_120, i.outcome, i.attended, i.note, i.kiosk_id, i.voided, i.amendments"
            " FROM incidents AS i {index}"
        ),
        at="i.happened_at",
        key="i.id",
        choice="i.what",
        kiosk="i.kiosk_id",
        volunteer="EXISTS (SELECT 1 FROM json_each(i.attended) AS a WHERE a.value IN ({ids}))",
        groups=(("outcome", "i.outcome"),),
        texts=("i.note",),
    ),
    cells=_cells,
    choices=_choices,
    names="medicine",
    people=True,
    search=Search.VOLUNTEERS,
)
LOGS = (INCIDENTS,)
