"""The badges log tab: every badge issued (serial, valid to) and revoked (why), at any kiosk of
the station, with the volunteer's name and who did it."""

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
    Search,
    choices_of,
)


def _choices(session: Session, names: Names) -> list[Choice]:
    return choices_of(words.BADGE_EVENTS)


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    _id, at, action, serial, detail, kiosk, actor, name, number = row
    if action == "issued":
        what = ("有效期至 ", "valid to ")[c.pick] + detail
    else:
        what = words.BADGE_REVOKE_REASONS.get(detail, (detail, detail))[c.pick]
    return (
        c.time(at),
        name or "",
        number or "",
        words.BADGE_EVENTS.get(action, (action, action))[c.pick],
        serial,
        what,
        actor or "",
        c.kiosk(kiosk),
    )


BADGES = LogSpec(
    key="badges",
    position=75,
    title=("工牌", "Badges"),
    columns=(
        LogColumn("at", "时间", "Time", TIME),
        LogColumn("name", "姓名", "Name"),
        LogColumn("number", "编号", "No."),
        LogColumn("action", "操作", "Action"),
        LogColumn("serial", "工牌号", "Serial"),
        LogColumn("detail", "有效期 / 原因", "Valid to / reason"),
        LogColumn("by", "操作人", "By"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    query=LogQuery(
        select=(
            "SELECT b.event_id, b.at, b.action, b.serial, b.detail, b.kiosk_id, b.actor,"
            " v.name, v.number FROM badge_log AS b {index}"
            " LEFT JOIN volunteers AS v ON v.id = b.volunteer_id"
        ),
        at="b.at",
        key="b.event_id",
        choice="b.action",
        kiosk="b.kiosk_id",
        volunteer="b.volunteer_id",
        texts=("b.serial",),
    ),
    cells=_cells,
    choices=_choices,
    search=Search.VOLUNTEERS,
)
LOGS = (BADGES,)
