"""The help-requests log tab: every request, its category, times, response, helper, rating."""

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


def format_seconds(seconds: int, pick: int) -> str:
    """A response time: "4 分 05 秒" / "4 min 05 s" (hours when it took that long)."""
    minutes, secs = divmod(max(0, seconds), 60)
    if minutes >= 60:  # as the shifts' lengths are written
        hours, minutes = divmod(minutes, 60)
        return f"{hours} 小时 {minutes:02d} 分" if pick == 0 else f"{hours} h {minutes:02d} min"
    if pick == 0:
        return f"{minutes} 分 {secs:02d} 秒" if minutes else f"{secs} 秒"
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def _choices(session: Session, names: Names) -> list[Choice]:
    return choices_of(words.REQUEST_STATUSES) + choices_of(
        words.REQUEST_CATEGORIES, "category", ("类别", "Category")
    )


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    _id, at, ticket, category, accepted, completed, response_s, status = row[:8]
    helper, channel, rating, kiosk, flagged = row[8:]
    pick = c.pick
    state = words.pick(words.REQUEST_STATUSES, status, pick)
    if flagged:
        state += ("（待核查）", " (flagged)")[pick]
    return (
        ticket,
        words.pick(words.REQUEST_CATEGORIES, category, pick),
        c.time(at),
        c.time(accepted),
        c.time(completed),
        "" if response_s is None else format_seconds(int(response_s), pick),
        state,
        helper or "",
        words.pick(words.CHANNELS, channel, pick),
        words.pick(words.RATINGS, rating, pick),
        c.kiosk(kiosk),
    )


REQUESTS = LogSpec(
    key="requests",
    position=60,
    title=("求助", "Help requests"),
    columns=(
        LogColumn("ticket", "单号", "Ticket"),
        LogColumn("category", "类别", "Category"),
        LogColumn("ordered", "下单", "Ordered", TIME),
        LogColumn("accepted", "接单", "Accepted", TIME),
        LogColumn("completed", "完成", "Completed", TIME),
        LogColumn("response", "响应用时", "Response"),
        LogColumn("status", "状态", "Status"),
        LogColumn("helper", "志愿者", "Helper"),
        LogColumn("channel", "渠道", "Channel"),
        LogColumn("rating", "评价", "Rating"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    query=LogQuery(
        select=(
            "SELECT r.id, r.ordered_at, r.ticket, r.category, r.accepted_at, r.completed_at,"
            " r.response_s, r.status, v.name, r.channel, r.rating, r.kiosk_id, r.flagged"
            " FROM requests AS r {index} LEFT JOIN volunteers AS v ON v.id = r.accepted_by"
        ),
        at="r.ordered_at",
        key="r.id",
        choice="r.status",
        kiosk="r.kiosk_id",
        volunteer="r.accepted_by",
        groups=(("category", "r.category"),),
        ticket="r.ticket",  # whole numbers only: a substring would scan every request
    ),
    cells=_cells,
    choices=_choices,
    search=Search.VOLUNTEERS,
    tickets=True,
)
LOGS = (REQUESTS,)
