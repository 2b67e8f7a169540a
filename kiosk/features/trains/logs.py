"""The train-marks log tab (列车): each delay, gate change, cancellation and reinstatement
staff marked, on which train and service day, by which account and at which kiosk."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
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
    return choices_of(words.TRAIN_MARKS)


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    _id, at, train, day, mark, value, actor, account_name, kiosk = row
    pick = c.pick
    if mark == "delayed":
        value = f"{value} 分钟" if pick == 0 else f"{value} min"
    served = day if isinstance(day, date) else str(day)[:10]
    return (
        c.time(at),
        str(train),
        str(served),
        words.pick(words.TRAIN_MARKS, mark, pick),
        str(value or ""),
        c.account(actor, account_name, words.ROLES),
        c.kiosk(kiosk),
    )


TRAIN_MARKS = LogSpec(
    key="trains",
    position=48,
    title=("列车", "Trains"),
    columns=(
        LogColumn("time", "时间", "Time", TIME),
        LogColumn("train", "车次", "Train"),
        LogColumn("day", "运行日", "Service day"),
        LogColumn("mark", "标记", "Mark"),
        LogColumn("value", "内容", "Value"),
        LogColumn("actor", "操作人", "By"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    query=LogQuery(
        select=(
            "SELECT m.id, m.marked_at, m.train, m.day, m.mark, m.value, m.actor, a.name,"
            " m.kiosk_id FROM train_marks AS m {index}"
            " LEFT JOIN admin_accounts AS a ON a.account_id = m.actor"
        ),
        at="m.marked_at",
        key="m.id",
        choice="m.mark",
        kiosk="m.kiosk_id",
        volunteer=None,
        texts=("m.train",),
    ),
    cells=_cells,
    choices=_choices,
    people=True,  # a team leader by the roster's name
    search=Search.TEXT,
)
LOGS = (TRAIN_MARKS,)
