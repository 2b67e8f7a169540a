"""Keyset paging of a centre list of events: by station, then newest first (#15).

A list of events (train marks, roll calls, handovers) is read a page at a time by its key
(station, time, hub order), never by OFFSET: `WHERE key after :cursor ORDER BY key LIMIT n`
reads n rows through the index on (kind, station, time), however deep the page. The links carry
the key of the row they continue from (`?after=` / `?before=`, opaque to the reader), `?page=last`
the end; the page says where it lies among all rows (one count of the rows before it), as the
OFFSET-paged reports do with `_pager.html`. A link whose key cannot be read shows the first page.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session
from starlette.requests import Request

from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.web_reports import PAGE_ROWS

Key = tuple[str, datetime, int]  # station, occurred_at, hub_seq
_PARAMS = ("after", "before", "page")


def encode(key: Key) -> str:
    station, at, hub_seq = key
    raw = json.dumps([station, at.isoformat(), hub_seq], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(token: str | None) -> Key | None:
    """The key a link carries, or None for a missing or unreadable one."""
    if not token or len(token) > 400:
        return None
    try:
        station, at, hub_seq = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        when = datetime.fromisoformat(at)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return None
    if not isinstance(station, str) or not isinstance(hub_seq, int) or when.tzinfo is None:
        return None
    return station, when, hub_seq


@dataclass(frozen=True)
class Cursor:
    """Which page a request asks for: after a key, before a key, the last, or the first."""

    after: Key | None = None
    before: Key | None = None
    last: bool = False

    @classmethod
    def of(cls, request: Request) -> Cursor:
        q = request.query_params
        return cls(decode(q.get("after")), decode(q.get("before")), q.get("page") == "last")


def _later_in_list(key: Key) -> ColumnElement[bool]:
    """Rows after `key` in the list's order (station ascending, then newest first)."""
    station, at, hub_seq = key
    e = HubEvent
    return or_(
        e.station_id > station,
        and_(
            e.station_id == station,
            or_(e.occurred_at < at, and_(e.occurred_at == at, e.hub_seq < hub_seq)),
        ),
    )


def _earlier_in_list(key: Key) -> ColumnElement[bool]:
    station, at, hub_seq = key
    e = HubEvent
    return or_(
        e.station_id < station,
        and_(
            e.station_id == station,
            or_(e.occurred_at > at, and_(e.occurred_at == at, e.hub_seq > hub_seq)),
        ),
    )


def key_of(row: Any) -> Key:
    return str(row.station_id), row.occurred_at, int(row.hub_seq)


@dataclass(frozen=True)
class EventPage:
    """One page of a list of events, and where it lies among all of them."""

    rows: list[Any]  # the events, in the list's order
    total: int  # rows of the whole list
    by_station: dict[str, int]  # rows of the whole list per station
    offset: int  # rows before this page
    size: int

    def pager(self, request: Request) -> dict[str, Any]:
        """What `_pager.html` shows, with keyset links (same filters)."""
        pages = max(1, -(-self.total // self.size))
        number = min(pages, self.offset // self.size + 1)
        at_start = self.offset == 0
        at_end = self.offset + len(self.rows) >= self.total

        def url(**extra: str) -> str:
            query = {k: v for k, v in request.query_params.items() if k not in (*_PARAMS, "lang")}
            return f"{request.url.path}?{urlencode({**query, **extra})}"

        return {
            "rows": self.total,
            "pages": pages,
            "number": number,
            "first_row": self.offset + 1 if self.rows else 0,
            "last_row": self.offset + len(self.rows),
            "first_url": None if at_start else url(),
            "prev_url": None if at_start else url(before=encode(key_of(self.rows[0]))),
            "next_url": None if at_end else url(after=encode(key_of(self.rows[-1]))),
            "last_url": None if at_end else url(page="last"),
        }


_COLUMNS = (
    HubEvent.id,
    HubEvent.kind,
    HubEvent.station_id,
    HubEvent.kiosk_id,
    HubEvent.seq,
    HubEvent.occurred_at,
    HubEvent.actor,
    HubEvent.payload,
    HubEvent.hub_seq,
)


def listed(
    kinds: Sequence[str], stations: list[str], start: datetime, end: datetime
) -> tuple[ColumnElement[bool], ...]:
    """The list's events: exact kinds (so the index on (kind, station, time) serves them, as a
    LIKE on a prefix would not), of `stations`, in [start, end)."""
    e = HubEvent
    return (
        e.kind.in_(list(kinds)),
        e.station_id.in_(stations),
        e.occurred_at >= start,
        e.occurred_at < end,
    )


def in_order(where: tuple[ColumnElement[bool], ...]) -> Select[Any]:
    """Every row of the list, in its order (the CSV reads this in chunks)."""
    e = HubEvent
    return (
        select(*_COLUMNS)
        .where(*where)
        .order_by(e.station_id, e.occurred_at.desc(), e.hub_seq.desc())
    )


def page_of(
    session: Session,
    where: tuple[ColumnElement[bool], ...],
    cursor: Cursor,
    size: int = PAGE_ROWS,
) -> EventPage:
    """The page `cursor` asks for among the events `where` selects, with the list's totals
    (counted in SQL over every row)."""
    e = HubEvent
    counts = session.execute(
        select(e.station_id, func.count()).where(*where).group_by(e.station_id)
    ).all()
    by_station = {str(s): int(n) for s, n in counts}
    total = sum(by_station.values())
    forward = select(*_COLUMNS).where(*where)
    ascending = (e.station_id, e.occurred_at.desc(), e.hub_seq.desc())
    descending = (e.station_id.desc(), e.occurred_at, e.hub_seq)
    if cursor.last and total:
        tail = total - (max(1, -(-total // size)) - 1) * size
        rows = list(reversed(session.execute(forward.order_by(*descending).limit(tail)).all()))
    elif cursor.before is not None:
        stmt = forward.where(_earlier_in_list(cursor.before)).order_by(*descending).limit(size)
        rows = list(reversed(session.execute(stmt).all()))
        if len(rows) < size:  # fewer than a page before it: that is the first page
            rows = list(session.execute(forward.order_by(*ascending).limit(size)).all())
    elif cursor.after is not None:
        stmt = forward.where(_later_in_list(cursor.after)).order_by(*ascending).limit(size)
        rows = list(session.execute(stmt).all())
    else:
        rows = list(session.execute(forward.order_by(*ascending).limit(size)).all())
    if not rows and total:  # a link past the end (rows gone since): show the last page
        return page_of(session, where, Cursor(last=True), size)
    offset = 0
    if rows and (cursor.after is not None or cursor.before is not None or cursor.last):
        before = (
            select(func.count()).select_from(e).where(*where, _earlier_in_list(key_of(rows[0])))
        )
        offset = int(session.execute(before).scalar_one())
    return EventPage(rows, total, by_station, offset, size)
