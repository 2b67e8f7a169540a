"""The lending log tab: every loan, its item, times, status and approving volunteer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.platform.logs.query import LogQuery, parse_stored
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


def lent_items(session: Session) -> list[str]:
    """Items that have been lent here (including ones since dropped from the configuration)."""
    rows = session.connection().execute(text("SELECT DISTINCT item FROM lending_loans ORDER BY 1"))
    return [str(r[0]) for r in rows]


def _choices(session: Session, names: Names) -> list[Choice]:
    items = {i: names.get(i, (i, i)) for i in sorted(set(lent_items(session)) | set(names))}
    return choices_of(words.LOAN_STATUSES) + choices_of(items, "item", ("物品", "Item"))


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    _id, at, item, status, due, returned, written_off, reason, _method, phone = row[:10]
    approver, kiosk, flagged, sealed = row[10:]
    pick = c.pick
    state = words.pick(words.LOAN_STATUSES, status, pick)
    due_at = parse_stored(due)
    if status == "out" and due_at is not None and due_at < c.now:
        state = ("逾期未还", "Overdue")[pick]
    if status == "written_off" and reason:
        why = words.pick(words.WRITE_OFF_REASONS, reason, pick)
        state += f"（{why}）" if pick == 0 else f" ({why})"
    if flagged:
        state += ("（待核查）", " (flagged)")[pick]
    return (
        c.names.get(item, (item, item))[pick],
        c.time(at),
        c.time(due),
        c.time(returned or written_off),
        state,
        c.personal_phone(sealed, phone),
        approver or "",
        c.kiosk(kiosk),
    )


LENDING = LogSpec(
    key="lending",
    position=50,
    title=("借用", "Lending"),
    columns=(
        LogColumn("item", "物品", "Item"),
        LogColumn("borrowed", "借出", "Borrowed", TIME),
        LogColumn("due", "应还", "Due", TIME),
        LogColumn("returned", "归还", "Returned", TIME),
        LogColumn("status", "状态", "Status"),
        LogColumn("phone", "手机号", "Phone"),
        LogColumn("approved", "担保志愿者", "Approved by"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    query=LogQuery(
        select=(
            "SELECT l.id, l.borrowed_at, l.item, l.status, l.due_at, l.returned_at,"
            " l.written_off_at, l.reason, l.method, l.phone, v.name, l.borrow_kiosk_id, l.flagged,"
            " l.sealed"
            " FROM lending_loans AS l {index} LEFT JOIN volunteers AS v ON v.id = l.approved_by"
        ),
        at="l.borrowed_at",
        key="l.id",
        choice="l.status",
        kiosk="l.borrow_kiosk_id",
        volunteer="l.approved_by",
        base="l.borrowed_at IS NOT NULL",
        groups=(("item", "l.item"),),
    ),
    cells=_cells,
    choices=_choices,
    names="lending",
    search=Search.VOLUNTEERS,
)
LOGS = (LENDING,)
