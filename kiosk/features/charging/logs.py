"""The charging log tab: every charging session, its slot, status and how it ended."""

from __future__ import annotations

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
    choices_of,
)


def _choices(session: Session, names: Names) -> list[Choice]:
    return choices_of(words.CHARGING_STATUSES)


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    _id, at, slot, status, closed_at, closed_by, reason, kiosk, locked, flagged = row
    pick = c.pick
    state = words.CHARGING_STATUSES.get(status, (status, status))[pick]
    if locked and status == "open":
        state += "（已锁定）" if pick == 0 else " (locked)"
    if flagged:
        state += "（待核查）" if pick == 0 else " (flagged)"
    if closed_by == "code":
        how = ("凭取件码", "pickup code")[pick]
    elif closed_by == "volunteer":
        why = words.CHARGING_CLOSE_REASONS.get(reason or "", (reason or "", reason or ""))[pick]
        how = ("志愿者：", "staff: ")[pick] + why
    else:
        how = ""
    return (
        c.time(at),
        f"{slot} 号" if pick == 0 else f"Slot {slot}",
        state,
        c.time(closed_at),
        how,
        c.kiosk(kiosk),
    )


CHARGING = LogSpec(
    key="charging",
    position=30,
    title=("手机充电", "Charging"),
    columns=(
        LogColumn("started", "开始", "Started", TIME),
        LogColumn("slot", "充电位", "Slot"),
        LogColumn("status", "状态", "Status"),
        LogColumn("ended", "结束", "Ended", TIME),
        LogColumn("how", "结束方式", "How"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    query=LogQuery(
        select=(
            "SELECT c.id, c.started_at, c.slot, c.status, c.closed_at, c.closed_by, c.reason,"
            " c.kiosk_id, c.locked, c.flagged FROM charging_sessions AS c {index}"
        ),
        at="c.started_at",
        key="c.id",
        choice="c.status",
        kiosk="c.kiosk_id",
        volunteer=None,
    ),
    cells=_cells,
    choices=_choices,
)
LOGS = (CHARGING,)
