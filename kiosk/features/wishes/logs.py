"""The needs-and-wishes log tab: every need or wish, its category, status, text and answer."""

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


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def _choices(session: Session, names: Names) -> list[Choice]:
    return choices_of(words.WISH_STATUSES) + choices_of(
        words.WISH_CATEGORIES, "category", ("类别", "Category")
    )


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    _id, at, ticket, category, status, body, answer, channel, kiosk, sealed = row
    pick = c.pick
    return (
        c.time(at),
        ticket,
        words.pick(words.WISH_CATEGORIES, category, pick),
        words.pick(words.WISH_STATUSES, status, pick),
        words.pick(words.CHANNELS, channel, pick),
        c.kiosk(kiosk),
        _one_line(c.personal(sealed, body, "text")),
        _one_line(answer),
    )


WISHES = LogSpec(
    key="wishes",
    position=70,
    title=("诉求与心愿", "Needs and wishes"),
    columns=(
        LogColumn("submitted", "提交", "Submitted", TIME),
        LogColumn("ticket", "单号", "Ticket"),
        LogColumn("category", "类别", "Category"),
        LogColumn("status", "状态", "Status"),
        LogColumn("channel", "渠道", "Channel"),
        LogColumn("kiosk", "终端", "Kiosk"),
        LogColumn("text", "内容", "Text"),
        LogColumn("answer", "答复", "Answer"),
    ),
    query=LogQuery(
        select=(
            "SELECT w.id, w.submitted_at, w.ticket, w.category, w.status, w.text, w.answer,"
            " w.channel, w.kiosk_id, w.sealed FROM wishes AS w {index}"
        ),
        at="w.submitted_at",
        key="w.id",
        choice="w.status",
        kiosk="w.kiosk_id",
        volunteer=None,
        groups=(("category", "w.category"),),
        texts=("w.ticket", "w.text", "w.answer"),
        ticket="w.ticket",
    ),
    cells=_cells,
    choices=_choices,
    search=Search.TEXT,
    tickets=True,
)
LOGS = (WISHES,)
