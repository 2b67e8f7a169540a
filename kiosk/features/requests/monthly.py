"""The monthly report's help-request section: how many came, how they ended, how long people
waited for a volunteer and for the help itself, and how they rated it."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.features.requests.store import RequestRow
from kiosk.platform.monthly import Month, MonthlySection, MonthlyTable, both, minutes_text


def _gather(session: Session, month: Month) -> MonthlyTable:
    found = session.execute(
        select(
            RequestRow.status,
            RequestRow.category,
            RequestRow.response_s,
            RequestRow.completion_s,
            RequestRow.rating,
        ).where(RequestRow.ordered_at >= month.start, RequestRow.ordered_at < month.end)
    ).all()
    statuses = Counter(str(r.status) for r in found)
    categories = Counter(str(r.category) for r in found)
    ratings = Counter(str(r.rating) for r in found if r.rating)
    rows: list[tuple[str, ...]] = [("本月收到的求助 Requests received", str(len(found)))]
    rows += [
        (f"　{both(words.REQUEST_STATUSES, status)}", str(statuses[status]))
        for status in words.REQUEST_STATUSES
        if statuses[status]
    ]
    rows.append(
        (
            "接单用时 中位 / 最慢一成（分钟） Time to a volunteer, median / slowest 10 % (min)",
            minutes_text([int(r.response_s) for r in found if r.response_s is not None]),
        )
    )
    rows.append(
        (
            "完成用时 中位 / 最慢一成（分钟） Time to done, median / slowest 10 % (min)",
            minutes_text([int(r.completion_s) for r in found if r.completion_s is not None]),
        )
    )
    rows += [
        (f"评价 Rated: {both(words.RATINGS, rating)}", str(ratings[rating]))
        for rating in words.RATINGS
        if ratings[rating]
    ]
    rows += [
        (f"类别 Kind: {both(words.REQUEST_CATEGORIES, category)}", str(count))
        for category, count in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return MonthlyTable(
        "求助请求 Help requests", ("项目 Item", "数值 Figure"), tuple(rows), (0.75, 0.25)
    )


SECTIONS = (MonthlySection("requests", 40, _gather),)
