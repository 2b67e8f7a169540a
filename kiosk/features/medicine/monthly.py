"""The monthly report's medicine-box section: per item, the units given out (and how many of
them in first aid), restocked and taken out in the month, and what is left now."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.features.medicine.store import MedicineLotRow, MedicineMoveRow
from kiosk.platform.monthly import Month, MonthlySection, MonthlyTable


def _gather(session: Session, month: Month) -> MonthlyTable:
    moved: dict[str, dict[str, int]] = {}
    for item, move, reason, units in session.execute(
        select(
            MedicineMoveRow.item_id,
            MedicineMoveRow.move,
            MedicineMoveRow.reason,
            func.sum(MedicineMoveRow.quantity),
        )
        .where(MedicineMoveRow.at >= month.start, MedicineMoveRow.at < month.end)
        .group_by(MedicineMoveRow.item_id, MedicineMoveRow.move, MedicineMoveRow.reason)
    ).all():
        totals = moved.setdefault(str(item), {})
        totals[str(move)] = totals.get(str(move), 0) + int(units or 0)
        if move == "dispensed" and reason == "incident":
            totals["first_aid"] = totals.get("first_aid", 0) + int(units or 0)
    left: dict[str, tuple[int, date | None]] = {}
    for item, units, earliest in session.execute(
        select(
            MedicineLotRow.item_id,
            func.sum(MedicineLotRow.quantity),
            func.min(MedicineLotRow.expiry).filter(MedicineLotRow.quantity > 0),
        ).group_by(MedicineLotRow.item_id)
    ).all():
        left[str(item)] = (int(units or 0), earliest)
    rows = []
    for item in sorted(set(moved) | set(left), key=lambda i: month.name("medicine", i)):
        totals = moved.get(item, {})
        units, first = left.get(item, (0, None))
        rows.append(
            (
                month.name("medicine", item),
                str(totals.get("dispensed", 0)),
                str(totals.get("first_aid", 0)),
                str(totals.get("restocked", 0)),
                str(totals.get("discarded", 0)),
                str(units),
                first.isoformat() if isinstance(first, date) else str(first or "—"),
            )
        )
    return MonthlyTable(
        "爱心药箱 Medicine box",
        (
            "物品 Item",
            "发放 Given",
            "其中急救 First aid",
            "补充 Restocked",
            "取出 Taken out",
            "现存 Left now",
            "最早到期 First expiry",
        ),
        tuple(rows),
        (0.25, 0.11, 0.13, 0.13, 0.12, 0.11, 0.15),
        "现存与最早到期为生成报表时的数量。 Left now and first expiry are as at the time the"
        " report was made.",
    )


SECTIONS = (MonthlySection("medicine", 70, _gather, ("medicine",)),)
