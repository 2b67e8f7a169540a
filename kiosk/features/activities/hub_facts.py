"""The centre's activities as a read model (`activity_facts`, hub migration h0025, #15).

The activities page folded every `activity.` event of every station it covers on each view
(2.8 s at 2,000 stations). This model keeps one row an activity, folded by the kiosks' own
`fold_activity` from the activity's events kept in the row (platform aggregates.py: a sign-in
that arrives in a later push, from another kiosk, refolds the whole sheet in the agreed order),
in the push transaction or with the centre's own event. The row holds what the page shows:
title, kind, place, times, how many invited, who signed in (each person once, as the fold
counts them) and whether it was cancelled or credited; the page reads its slice and sums its
totals in SQL, and names only the people of the lines it shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import Select, func, select, tuple_
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.features.activities.domain import fold_activity
from kiosk.platform.hub import aggregates
from kiosk.platform.hub.aggregates import among
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.models import ActivityFact

ACTIVITY_KINDS = ("activity.",)
_NOTHING_DROPPED: frozenset[str] = frozenset()  # an activity's events hold no personal data
CHUNK = 500  # lines a CSV reads at once


def _fact_row(_station: str, _activity: str, events: list[Event]) -> dict[str, Any]:
    """The row's columns as `fold_activity` sees the activity's events (all None until its
    `activity.created` arrives)."""
    state = fold_activity(events)
    if state is None:
        return dict.fromkeys(
            (
                "title",
                "kind",
                "place",
                "starts_at",
                "ends_at",
                "invited",
                "signed",
                "cancelled",
                "credited_minutes",
                "who",
            )
        )
    return {
        "title": state.title,
        "kind": state.kind,
        "place": state.place,
        "starts_at": state.starts_at,
        "ends_at": state.ends_at,
        "invited": len(state.invited),
        "signed": len(state.sign_ins),
        "cancelled": state.cancelled,
        "credited_minutes": state.credited_minutes,
        "who": [s.volunteer_id for s in state.sign_ins],
    }


ACTIVITY_FACTS = aggregates.read_model(
    "activity_facts",
    ACTIVITY_KINDS,
    "activity_id",
    _fact_row,
    lambda e: str(e.payload.get("activity_id")),
    _NOTHING_DROPPED,
)


# --- what the pages read -------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityLine:
    """One line of the centre's page (or CSV row): an activity as its row holds it."""

    station_id: str
    activity_id: str
    title: str
    kind: str
    place: str
    starts_at: datetime
    ends_at: datetime
    invited: int  # 0: everyone of the station
    signed: int
    cancelled: bool
    credited_minutes: int | None
    who: list[str]  # who signed in (volunteer ids), in sign-in order
    names: list[str] = field(default_factory=list)  # the same, named: only on the page shown

    def when(self, tz: tzinfo) -> str:
        starts, ends = self.starts_at.astimezone(tz), self.ends_at.astimezone(tz)
        return f"{starts:%Y-%m-%d %H:%M}–{ends:%H:%M}"


_LINE = (
    ActivityFact.station_id,
    ActivityFact.activity_id,
    ActivityFact.title,
    ActivityFact.kind,
    ActivityFact.place,
    ActivityFact.starts_at,
    ActivityFact.ends_at,
    ActivityFact.invited,
    ActivityFact.signed,
    ActivityFact.cancelled,
    ActivityFact.credited_minutes,
    ActivityFact.who,
)
_ORDER = (ActivityFact.station_id, ActivityFact.starts_at, ActivityFact.activity_id)


def _in_range(
    session: Session, stmt: Any, stations: Sequence[str] | None, start: datetime, end: datetime
) -> Any:
    """`stmt` limited to activities starting in [start, end) at `stations` (None: every
    station, no list of 2,000 ids to send)."""
    f = ActivityFact
    stmt = stmt.where(f.starts_at >= start, f.starts_at < end)
    if stations is not None:
        stmt = stmt.where(among(session.connection(), f.station_id, list(stations)))
    return stmt


def _line(row: Any) -> ActivityLine:
    return ActivityLine(
        str(row.station_id),
        str(row.activity_id),
        str(row.title),
        str(row.kind),
        str(row.place or ""),
        row.starts_at,
        row.ends_at,
        int(row.invited or 0),
        int(row.signed or 0),
        bool(row.cancelled),
        None if row.credited_minutes is None else int(row.credited_minutes),
        [str(v) for v in row.who or []],
    )


def totals(
    session: Session, stations: Sequence[str] | None, start: datetime, end: datetime
) -> tuple[int, int]:
    """(activities, sign-ins) starting in the range at `stations`, summed in SQL."""
    f = ActivityFact
    stmt = _in_range(session, select(func.count(), func.sum(f.signed)), stations, start, end)
    count, signed = session.execute(stmt).one()
    return int(count or 0), int(signed or 0)


def lines(
    session: Session,
    stations: Sequence[str] | None,
    start: datetime,
    end: datetime,
    offset: int,
    limit: int,
) -> list[ActivityLine]:
    """A page of lines, by station, start and id (one bounded read)."""
    stmt: Select[Any] = select(*_LINE).order_by(*_ORDER).offset(offset).limit(limit)
    return [_line(r) for r in session.execute(_in_range(session, stmt, stations, start, end))]


def every_line(
    database: Database, stations: Sequence[str] | None, start: datetime, end: datetime
) -> Iterator[ActivityLine]:
    """Every line in the page's order, `CHUNK` at a time, each chunk a read of its own that
    starts after the last line read (keyset): a CSV streams without holding them all."""
    after: tuple[str, datetime, str] | None = None
    while True:
        stmt: Select[Any] = select(*_LINE).order_by(*_ORDER).limit(CHUNK)
        if after is not None:
            stmt = stmt.where(tuple_(*_ORDER) > after)
        with database.read() as session:
            read = _in_range(session, stmt, stations, start, end)
            found = [_line(r) for r in session.execute(read)]
        yield from found
        if len(found) < CHUNK:
            return
        last = found[-1]
        after = (last.station_id, last.starts_at, last.activity_id)


def activity_events(session: Session, station_id: str, activity_id: str) -> list[Event]:
    """The events of one activity as its row keeps them (none: an activity unknown here)."""
    f = ActivityFact
    kept = session.execute(
        select(f.events).where(f.station_id == station_id, f.activity_id == activity_id)
    ).scalar_one_or_none()
    return [aggregates.expand(station_id, e) for e in kept or []]
