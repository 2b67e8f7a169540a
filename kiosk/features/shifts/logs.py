"""The shifts log tab: every shift, its volunteer, times, length and status."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.features.shifts.domain import format_duration
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
    return choices_of(words.SHIFT_STATUSES)


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    _id, at, out, minutes, status, _flagged, kiosk, _method, name, number, phone, sealed = row
    return (
        name or "",
        number or "",
        c.personal_phone(sealed, phone),
        c.time(at),
        c.time(out),
        "" if minutes is None else format_duration(int(minutes), c.language),
        words.SHIFT_STATUSES.get(status, (status, status))[c.pick],
        c.kiosk(kiosk),
    )


SHIFTS = LogSpec(
    key="shifts",
    position=10,
    title=("班次", "Shifts"),
    columns=(
        LogColumn("name", "姓名", "Name"),
        LogColumn("number", "编号", "No."),
        LogColumn("phone", "手机号", "Phone"),
        LogColumn("in", "签到", "Checked in", TIME),
        LogColumn("out", "签退", "Checked out", TIME),
        LogColumn("hours", "时长", "Length"),
        LogColumn("status", "状态", "Status"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    query=LogQuery(
        select=(
            "SELECT s.id, s.checked_in_at, s.checked_out_at, s.minutes, s.status, s.flagged,"
            " s.checkin_kiosk_id, s.checkin_method, v.name, v.number, v.phone, v.sealed"
            " FROM shifts AS s {index} LEFT JOIN volunteers AS v ON v.id = s.volunteer_id"
        ),
        at="s.checked_in_at",
        key="s.id",
        choice="s.status",
        kiosk="s.checkin_kiosk_id",
        volunteer="s.volunteer_id",
        base="s.checked_in_at IS NOT NULL",
    ),
    cells=_cells,
    choices=_choices,
    search=Search.VOLUNTEERS,
)
LOGS = (SHIFTS,)
