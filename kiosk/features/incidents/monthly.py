"""The monthly report's first-aid section: incidents recorded (void ones left out), what
happened, the AED and 120 calls, and how they ended."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.features.incidents.store import IncidentRow
from kiosk.platform.monthly import Month, MonthlySection, MonthlyTable, both


def _gather(session: Session, month: Month) -> MonthlyTable:
    found = session.execute(
        select(
            IncidentRow.what, IncidentRow.outcome, IncidentRow.aed_used, IncidentRow.called_120
        ).where(
            IncidentRow.happened_at >= month.start,
            IncidentRow.happened_at < month.end,
            IncidentRow.voided.is_(False),
        )
    ).all()
    what = Counter(str(r.what) for r in found)
    outcomes = Counter(str(r.outcome) for r in found)
    rows: list[tuple[str, ...]] = [
        ("急救与事件记录 Incidents recorded", str(len(found))),
        ("使用除颤仪 AED used", str(sum(1 for r in found if r.aed_used))),
        ("拨打 120 急救电话 Called 120", str(sum(1 for r in found if r.called_120))),
    ]
    rows += [
        (f"情况 What: {both(words.WHAT_HAPPENED, key)}", str(count))
        for key, count in sorted(what.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    rows += [
        (f"结果 Outcome: {both(words.INCIDENT_OUTCOMES, key)}", str(count))
        for key, count in sorted(outcomes.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return MonthlyTable(
        "急救与事件 First aid and incidents",
        ("项目 Item", "次数 Count"),
        tuple(rows),
        (0.75, 0.25),
        "作废的记录不计入。 Records made void are not counted.",
    )


SECTIONS = (MonthlySection("incidents", 60, _gather),)
