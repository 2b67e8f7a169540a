"""The roll-call log tab (清点): each roll call, who took it, how many were accounted for, and
the names of those missing."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kiosk.platform.logs.query import LogQuery
from kiosk.platform.logs.spec import (
    NUMBER,
    TIME,
    Cells,
    LogColumn,
    LogSpec,
    Search,
)


def _ids(value: Any) -> list[str]:
    """A JSON list of volunteer ids as raw SQL reads it (text), or already decoded."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    """`c.names`: the volunteers (id -> name, both languages alike)."""
    _id, at, taker, present, missing, missing_ids, kiosk = row
    sep = ("、", ", ")[c.pick]
    return (
        c.time(at),
        c.name(str(taker)),
        str(present),
        str(missing),
        sep.join(c.name(v) for v in _ids(missing_ids)),
        c.kiosk(kiosk),
    )


ROLL_CALLS = LogSpec(
    key="rollcall",
    position=45,
    title=("清点", "Roll calls"),
    columns=(
        LogColumn("time", "时间", "Time", TIME),
        LogColumn("taker", "清点人", "Taken by"),
        LogColumn("present", "已到", "Present", NUMBER),
        LogColumn("missing", "未到", "Missing", NUMBER),
        LogColumn("missing_names", "未到人员", "Who is missing"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    query=LogQuery(
        select=(
            "SELECT r.id, r.taken_at, r.taker_id, r.present_count, r.missing_count, r.missing,"
            " r.kiosk_id FROM roll_calls AS r {index}"
        ),
        at="r.taken_at",
        key="r.id",
        choice=None,
        kiosk="r.kiosk_id",
        volunteer=(  # every roll call a volunteer took or was on, present or missing
            "(r.taker_id IN ({ids})"
            " OR EXISTS (SELECT 1 FROM json_each(r.missing) AS m WHERE m.value IN ({ids}))"
            " OR EXISTS (SELECT 1 FROM json_each(r.present) AS p WHERE p.value IN ({ids})))"
        ),
    ),
    cells=_cells,
    people=True,
    search=Search.VOLUNTEERS,
)
LOGS = (ROLL_CALLS,)
