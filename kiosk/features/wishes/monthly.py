"""The monthly report's wishes section: what people asked the station for, and how many got
an answer."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.features.wishes.store import WishRow
from kiosk.platform.monthly import Month, MonthlySection, MonthlyTable, both


def _gather(session: Session, month: Month) -> MonthlyTable:
    found = session.execute(
        select(WishRow.status, WishRow.category).where(
            WishRow.submitted_at >= month.start, WishRow.submitted_at < month.end
        )
    ).all()
    statuses = Counter(str(r.status) for r in found)
    categories = Counter(str(r.category) for r in found)
    rows: list[tuple[str, ...]] = [("本月收到的需求与心愿 Wishes received", str(len(found)))]
    rows += [
        (f"　{both(words.WISH_STATUSES, status)}", str(statuses[status]))
        for status in words.WISH_STATUSES
        if statuses[status]
    ]
    rows += [
        (f"类别 Kind: {both(words.WISH_CATEGORIES, category)}", str(count))
        for category, count in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return MonthlyTable(
        "需求与心愿 Needs and wishes", ("项目 Item", "数值 Figure"), tuple(rows), (0.75, 0.25)
    )


SECTIONS = (MonthlySection("wishes", 50, _gather),)
