"""The monthly report's lending section: per item, the loans begun in the month and how they
stand (returned, still out, overdue, written off)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.features.lending.store import LoanRow
from kiosk.platform.monthly import Month, MonthlySection, MonthlyTable


def _gather(session: Session, month: Month) -> MonthlyTable:
    counts: dict[str, list[int]] = {}  # item -> lent, returned, out, overdue, written off
    for item, status, due in session.execute(
        select(LoanRow.item, LoanRow.status, LoanRow.due_at).where(
            LoanRow.borrowed_at >= month.start, LoanRow.borrowed_at < month.end
        )
    ).all():
        line = counts.setdefault(str(item), [0, 0, 0, 0, 0])
        line[0] += 1
        if status == "returned":
            line[1] += 1
        elif status == "written_off":
            line[4] += 1
        else:
            line[2] += 1
            if due is not None and due < month.now:
                line[3] += 1
    rows = tuple(
        (month.name("lending", item), *(str(n) for n in line))
        for item, line in sorted(counts.items(), key=lambda kv: month.name("lending", kv[0]))
    )
    return MonthlyTable(
        "物品借用 Lending",
        (
            "物品 Item",
            "借出 Lent",
            "已归还 Returned",
            "未还 Out",
            "其中逾期 Overdue",
            "核销 Written off",
        ),
        rows,
        (0.3, 0.12, 0.15, 0.12, 0.15, 0.16),
        "按本月借出的借用统计，状态为生成报表时的状态。 Loans begun this month, as they stand when"
        " the report was made.",
    )


SECTIONS = (MonthlySection("lending", 80, _gather, ("lending",)),)
