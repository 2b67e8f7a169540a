"""The trend of the medicine box's stock and expiry alerts (the centre's alerts page), kept in
`stock_alert_days`: each station's count at each day's end, filled lazily for the days a view
needs and does not hold yet, with the one counting rule (`count_days`), so a held count is
always what a recount would say (docs/hub.md "The alerts page's trend, held").

A day's count depends on the box's changes up to that day, its lots, the items and minimums
published now, and the day's date; nothing else. So a row stays right until
- a box change dated on or before its day arrives (a late push included): the push deletes the
  station's rows from that day on, in its own transaction (`invalidate`, from `write_lots`);
- the station's items list in effect changes (a publication for it or for every station, or
  another bundled list after an upgrade): each row carries the `items_key` of the list it was
  counted under, and a row whose key is not the station's key now is counted again.
Today is held too: its count is that of the changes so far, and a later change today deletes it.
The last day a fill counts also holds the counts of the `TREND_DAYS` days ending on it
(`trend`, h0020): they depend on nothing that day's own count does not, so the row goes with
them, and the page reads a row a station rather than grouping 30.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, TypeGuard

from sqlalchemy import Connection, bindparam, delete, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kiosk.features.medicine.domain import EXPIRING_SOON_DAYS, Alert, AlertKind, Item, stock_alerts
from kiosk.features.medicine.hub.boxes import Box, among, boxes, items_by_station
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.models import MedicineLotDay, StockAlertDay, StockAlertMark
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_alerts import TREND_DAYS, Trend, view_shared

log = logging.getLogger(__name__)

# Part of every items_key: change it when the counting rule changes, and every held row is
# counted again on its next view.
RULE = "stock_alerts-1"

# What a view's trend read of the stations' rows for a day, kept for its summary (+ the day).
_TODAY_ROWS = "stock_alert_rows:"

# The medicine box's kinds of alert that are urgent (the page marks them and sorts by them).
URGENT = frozenset({"expired", "check_missed", "aed_light"})


def urgent_count(alerts: list[Alert]) -> int:
    """How many of `alerts` are urgent (what the page's summary holds beside the lines)."""
    return sum(1 for a in alerts if a.kind.value in URGENT)


def items_key(items: list[Item]) -> str:
    """What a day's count depends on besides the box: the items' ids and minimums, the rule."""
    text = json.dumps([RULE, EXPIRING_SOON_DAYS, sorted((i.id, i.min_stock) for i in items)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def count_days(
    box: Box, items: list[Item], first: date, last: date
) -> tuple[dict[date, int | None], list[Alert] | None]:
    """The stock and expiry alerts standing at the end of each day of `first`..`last` (the
    kiosks' `stock_alerts` on that day's stock, on that day's date); None before the box
    first held anything. `box` holds the stock before `first` and the changes from it on.
    Also the alerts themselves at the end of `last` (None: no box yet)."""
    counts: dict[date, int | None] = {}
    quantities = dict(box.before)
    turns = box.turns()
    standing: list[Alert] = []
    for offset in range((last - first).days + 1):
        on = first + timedelta(days=offset)
        changes = box.changes.get(on, ())
        for lot_id, change in changes:
            quantities[lot_id] = quantities.get(lot_id, 0) + change
        if box.opened is None or on < box.opened:
            counts[on] = None
            continue
        # The rules give the same answer until the stock moves or a lot turns (soon-expiring,
        # expired): recounted only then, else carried over.
        if changes or on in turns or on == box.opened or offset == 0:
            standing = stock_alerts(items, box.stock(quantities), on)
        counts[on] = len(standing)
    return counts, (None if counts[last] is None else standing)


def as_lines(alerts: list[Alert]) -> list[list[Any]]:
    """Alerts as JSON (held with the day they stood at the end of)."""
    return [
        [a.kind.value, a.item_id, a.batch, a.when and a.when.isoformat(), a.count] for a in alerts
    ]


def from_lines(lines: list[list[Any]]) -> list[Alert]:
    return [
        Alert(AlertKind(k), item, batch, date.fromisoformat(when) if when else None, count)
        for k, item, batch, when, count in lines
    ]


def invalidate(connection: Connection, starts: Mapping[str, str]) -> None:
    """In a push's transaction: each station's held counts from its earliest changed day on
    are gone, and its mark moves (a fill that read before this push then writes nothing)."""
    if not starts:
        return
    stations = sorted(starts)  # one lock order for every push
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = insert(StockAlertMark)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["station_id"],
            set_={"version": StockAlertMark.__table__.c.version + 1},
        ),
        [{"station_id": s, "version": 1} for s in stations],
    )
    day = StockAlertDay
    connection.execute(
        delete(day).where(day.station_id == bindparam("station"), day.day >= bindparam("since")),
        [{"station": s, "since": starts[s]} for s in stations],
    )


def _versions(session: Session, stations: list[str]) -> dict[str, int]:
    mark = StockAlertMark
    query = select(mark.station_id, mark.version).where(among(session, mark.station_id, stations))
    return {station: version for station, version in session.execute(query)}


def _held(
    session: Session, stations: list[str], first: date, last: date, keys: dict[str, str]
) -> tuple[dict[str, dict[date, int | None]], dict[str, date]]:
    """The counts held for `first`..`last` under each station's key now, and for each station
    not wholly held, the first day it lacks (for a whole trend, `last` if its row lacks the
    trend's counts, `trend`: a row kept before h0020 or by a view of another range)."""
    row = StockAlertDay
    wanted = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    parsed = {d.isoformat(): d for d in wanted}
    held: dict[str, dict[date, int | None]] = {}
    stale: set[str] = set()
    summed: set[str] = set()  # the stations whose last day holds the trend's counts
    for station_id, day, alerts, key, trend in (
        session.connection()
        .execute(
            select(row.station_id, row.day, row.alerts, row.items_key, row.trend).where(
                among(session, row.station_id, stations),
                row.day >= wanted[0].isoformat(),
                row.day <= wanted[-1].isoformat(),
            )
        )
        .all()
    ):
        if key != keys[station_id]:
            stale.add(station_id)
            continue
        held.setdefault(station_id, {})[parsed[day]] = alerts
        if parsed[day] == last and _whole(trend):
            summed.add(station_id)
    missing: dict[str, date] = {}
    for station in stations:
        mine = held.get(station, {})
        if station in stale:
            missing[station] = first
        elif len(mine) < len(wanted):
            missing[station] = next(d for d in wanted if d not in mine)
        elif len(wanted) == TREND_DAYS and station not in summed:
            missing[station] = last
    return held, missing


def _whole(trend: object) -> TypeGuard[list[int | None]]:
    """Whether a row's `trend` holds a whole trend's counts."""
    return isinstance(trend, list) and len(trend) == TREND_DAYS


def trend_counts(counts: dict[date, int | None], last: date) -> list[int | None] | None:
    """The counts of the `TREND_DAYS` days ending on `last`, oldest first, as a row holds
    them (None: not every one of those days is in `counts`)."""
    days = [last - timedelta(days=n) for n in range(TREND_DAYS - 1, -1, -1)]
    return [counts[d] for d in days] if all(d in counts for d in days) else None


def keys_of(items: dict[str, list[Item]]) -> dict[str, str]:
    """Each station's `items_key` (stations sharing a list share its key, hashed once)."""
    key_of = {id(i): items_key(i) for i in {id(i): i for i in items.values()}.values()}
    return {s: key_of[id(i)] for s, i in items.items()}


def held_now(
    session: Session, stations: list[str], today: date, keys: dict[str, str]
) -> dict[str, list[Alert] | None]:
    """The stock and expiry alerts held for the end of `today` (None: no box yet), for the
    stations whose row is held under their key now and whose box has no change dated after
    today (their stock now includes it, the day's end does not: counted live instead)."""
    row, lot_day, on = StockAlertDay, MedicineLotDay, today.isoformat()
    # Not DISTINCT: SQLite would then scan the key (station first) rather than the day index.
    ahead = set(
        session.connection().execute(select(lot_day.station_id).where(lot_day.day > on)).scalars()
    )
    out: dict[str, list[Alert] | None] = {}
    for station_id, alerts, key, lines in (
        session.connection()
        .execute(
            select(row.station_id, row.alerts, row.items_key, row.lines).where(
                among(session, row.station_id, stations), row.day == on
            )
        )
        .all()
    ):
        if key != keys[station_id] or station_id in ahead:
            continue
        if alerts is None:
            out[station_id] = None
        elif lines is not None:
            out[station_id] = from_lines(lines)
    return out


def held_tallies(
    session: Session, stations: list[str], today: date, keys: dict[str, str]
) -> dict[str, tuple[int, int] | None]:
    """`held_now` counted: each held station's stock and expiry alerts for the end of `today`
    and how many are urgent (None: no box yet), read without their lines (decoded only for a
    row kept before `urgent` was held)."""
    row, lot_day, on = StockAlertDay, MedicineLotDay, today.isoformat()
    ahead = set(
        session.connection().execute(select(lot_day.station_id).where(lot_day.day > on)).scalars()
    )
    out: dict[str, tuple[int, int] | None] = {}
    old: list[str] = []
    # The rows this view's trend read for the stations it held whole (no fill wrote them in
    # this view); the others read now.
    known = view_shared(f"{_TODAY_ROWS}{on}") or {}
    rows = [(s, *known[s]) for s in stations if s in known]
    rest = [s for s in stations if s not in known]
    if rest:
        rows += session.connection().execute(
            select(
                row.station_id, row.alerts, row.items_key, row.urgent, row.lines.is_not(None)
            ).where(among(session, row.station_id, rest), row.day == on)
        )
    for station_id, alerts, key, urgent, has_lines in rows:
        if key != keys[station_id] or station_id in ahead:
            continue
        if alerts is None:
            out[station_id] = None
        elif urgent is not None:
            out[station_id] = (alerts, urgent)
        elif has_lines:
            old.append(station_id)
    if old:
        for station_id, found in held_now(session, old, today, keys).items():
            out[station_id] = None if found is None else (len(found), urgent_count(found))
    return out


def stock_alert_days(
    database: Database, stations: list[str], first: date, last: date, settings: HubSettings
) -> dict[str, dict[date, int]]:
    """Each station's stock and expiry alerts standing at the end of each day of
    `first`..`last` (the kiosks' `stock_alerts` on that day's stock; items and minimums as
    published now), from the day its box first held anything: the held counts, and the days
    not held counted now and kept."""
    with database.read() as session:
        versions = _versions(session, stations)  # before the box: a push after it shows
        items = items_by_station(session, stations)
        keys = keys_of(items)
        counts, lines, missing = _counted(session, stations, first, last, items, keys)
    if missing:
        _keep_if_can(database, counts, lines, missing, last, keys, versions)
    return _present(counts)


def stock_alert_trend(
    database: Database, stations: list[str], first: date, last: date, settings: HubSettings
) -> Trend:
    """`stock_alert_days` summed by day and by station, as the alerts page draws it. A
    station whose row for `last` holds the whole trend's counts (`trend`, kept by the fill
    that counted `last`; gone with the row when a push changes any day up to it) under its
    key now is one row read; the others are read, counted and kept as `stock_alert_days`
    does."""
    row = StockAlertDay
    with database.read() as session:
        items = items_by_station(session, stations)
        keys = keys_of(items)
        whole: dict[str, list[int | None]] = {}  # never written: read before any mark
        shared = view_shared(f"{_TODAY_ROWS}{last.isoformat()}")
        if (last - first).days + 1 == TREND_DAYS:
            for station, key, trend, alerts, urgent, has_lines in (
                session.connection()
                .execute(
                    select(
                        row.station_id,
                        row.items_key,
                        row.trend,
                        row.alerts,
                        row.urgent,
                        row.lines.is_not(None),
                    ).where(among(session, row.station_id, stations), row.day == last.isoformat())
                )
                .all()
            ):
                if key == keys[station] and _whole(trend):
                    whole[station] = trend
                    if shared is not None:  # the summary of this view reads it (`held_tallies`)
                        shared[station] = (alerts, key, urgent, has_lines)
        rest = [s for s in stations if s not in whole]
        # Before the rows and the box the others are counted from: a push after it shows.
        versions = _versions(session, rest) if rest else {}
        counts, lines, missing = _counted(session, rest, first, last, items, keys)
    if missing:
        _keep_if_can(database, counts, lines, missing, last, keys, versions)
    return _summed(whole, first) + Trend.of(_present(counts))


def _summed(trends: dict[str, list[int | None]], first: date) -> Trend:
    """The stations' held trends summed by day and by station (a station with no day
    counted, no box yet, is not on the chart; a day no station counted is absent). Summed
    column by column in C (`zip`, `filter`): 2,000 stations × 30 days on every view."""
    by_station = {
        station: sum(filter(None, trend))
        for station, trend in trends.items()
        if any(n is not None for n in trend)
    }
    by_day = {
        first + timedelta(days=n): sum(filter(None, column))
        for n, column in enumerate(zip(*trends.values(), strict=True))
        if any(c is not None for c in column)
    }
    return Trend(by_day, by_station)


def _counted(
    session: Session,
    stations: list[str],
    first: date,
    last: date,
    items: dict[str, list[Item]],
    keys: dict[str, str],
) -> tuple[dict[str, dict[date, int | None]], dict[str, list[Alert] | None], dict[str, date]]:
    """The stations' counts of `first`..`last`: held, or counted now from the first day not
    held (`missing`, with the last day's alerts, `lines`, to keep)."""
    if not stations:
        return {}, {}, {}
    held, missing = _held(session, stations, first, last, keys)
    lines: dict[str, list[Alert] | None] = {}
    if missing:
        since = min(missing.values())
        found = boxes(session, list(missing), since)
        for station in missing:
            box = found.get(station) or Box()
            counts, lines[station] = count_days(box, items[station], since, last)
            held[station] = {**held.get(station, {}), **counts}
    return held, lines, missing


def _present(counts: dict[str, dict[date, int | None]]) -> dict[str, dict[date, int]]:
    """The days counted (not before a box), of the stations with any."""
    return {
        s: {d: n for d, n in days.items() if n is not None}
        for s, days in counts.items()
        if any(n is not None for n in days.values())
    }


def _keep_if_can(
    database: Database,
    counts: dict[str, dict[date, int | None]],
    lines: dict[str, list[Alert] | None],
    missing: dict[str, date],
    last: date,
    keys: dict[str, str],
    versions: dict[str, int],
) -> None:
    """`_keep`, but a page never fails because it could not keep what it counted (a busy
    SQLite, a deadlock with another view's write, a read-only replica): it shows the counts,
    and the next view counts again."""
    try:
        _keep(database, counts, lines, missing, last, keys, versions)
    except SQLAlchemyError:
        log.warning("stock alerts trend not kept", exc_info=True)


def _keep(
    database: Database,
    counts: dict[str, dict[date, int | None]],
    lines: dict[str, list[Alert] | None],
    missing: dict[str, date],
    last: date,
    keys: dict[str, str],
    versions: dict[str, int],
) -> None:
    """Write the counts just made, for the stations no push has touched since they were read
    (a station pushed meanwhile is counted again on the next view)."""
    stations = sorted(missing)
    with database.write() as session:
        connection = session.connection()
        insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
        # A station without a mark gets one at 0, so a first push that is making it now is
        # waited for (its insert holds the key) and seen below.
        postgres = connection.dialect.name == "postgresql"
        if postgres:  # one statement, one parameter (2,000 stations)
            connection.execute(_PG_MARKS, {"stations": stations})
        else:
            connection.execute(
                insert(StockAlertMark).on_conflict_do_nothing(index_elements=["station_id"]),
                [{"station_id": s, "version": 0} for s in stations],
            )
        mark = StockAlertMark
        now = {
            station: version
            for station, version in session.execute(
                select(mark.station_id, mark.version)
                .where(among(session, mark.station_id, stations))
                .order_by(mark.station_id)
                .with_for_update(read=True)  # a push moving the mark waits for this write
            )
        }
        kept = [s for s in stations if now.get(s, 0) == versions.get(s, 0)]
        rows = [
            {
                "station_id": s,
                "day": d.isoformat(),
                "alerts": n,
                "items_key": keys[s],
                "lines": as_lines(lines[s] or []) if d == last and n is not None else None,
                "urgent": urgent_count(lines[s] or []) if d == last and n is not None else None,
                "trend": trend_counts(counts[s], last) if d == last else None,
            }
            for s in kept
            for d, n in counts[s].items()
            if missing[s] <= d <= last
        ]
        # Only the last day counted keeps its alerts (the alerts open now read them) and the
        # trend's counts.
        day = StockAlertDay
        connection.execute(
            update(day)
            .where(
                among(session, day.station_id, kept),
                day.day < last.isoformat(),
                day.lines.is_not(None) | day.trend.is_not(None),
            )
            .values(lines=None, urgent=None, trend=None)
        )
        if rows and postgres:  # 60,000 rows: one JSON parameter, not an executemany
            connection.execute(_PG_KEEP, {"rows": json.dumps(rows)})
        elif rows:
            statement = insert(StockAlertDay)
            connection.execute(
                statement.on_conflict_do_update(
                    index_elements=["station_id", "day"],
                    set_={
                        c: statement.excluded[c]
                        for c in ("alerts", "items_key", "lines", "urgent", "trend")
                    },
                ),
                rows,
            )


_PG_MARKS = text(
    "INSERT INTO stock_alert_marks (station_id, version)"
    " SELECT unnest(CAST(:stations AS text[])), 0 ON CONFLICT (station_id) DO NOTHING"
)
_PG_KEEP = text(
    "INSERT INTO stock_alert_days (station_id, day, alerts, items_key, lines, urgent, trend)"
    " SELECT station_id, day, alerts, items_key, lines, urgent, trend"
    " FROM json_to_recordset(CAST(:rows AS json))"
    " AS x(station_id text, day text, alerts integer, items_key text, lines json,"
    " urgent integer, trend json)"
    " ON CONFLICT (station_id, day) DO UPDATE"
    " SET alerts = excluded.alerts, items_key = excluded.items_key, lines = excluded.lines,"
    " urgent = excluded.urgent, trend = excluded.trend"
)
