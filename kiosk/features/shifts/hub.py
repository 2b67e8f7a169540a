"""The hub part of `shifts`: volunteer hours on the centre's dashboard (/centre/hours), per
station and volunteer, for shifts begun in the range. Each shift is folded and credited with the
kiosks' own rules (kiosk.features.shifts.domain) into the read model `shift_facts` as its events
are stored (`fold_shifts`), so the centre and the kiosk never disagree on a shift's minutes and
the page sums rows in SQL instead of folding every event on every view."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from pydantic_core import to_json
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    Subquery,
    and_,
    case,
    delete,
    func,
    literal,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.features.shifts.domain import HoursRule, Rounding, credited_minutes, fold_shift
from kiosk.features.shifts.hub_totals import whole_month_totals, write_layers
from kiosk.features.volunteers.hub import Member, roster_names
from kiosk.platform.hub.aggregates import among
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.live import LiveRule, LiveWindow
from kiosk.platform.hub.models import HubEvent, ShiftFact, ShiftHoursMonthly
from kiosk.platform.hub.part import CentreTab, HubPart
from kiosk.platform.hub.read_models import ReadContext, ReadModel, as_event
from kiosk.platform.hub.regions import by_region, station_regions
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_centre import CSV_CHUNK_ROWS as CSV_BATCH
from kiosk.platform.hub.web_centre import PageQuery, Report, csv_stream
from kiosk.platform.hub.web_charts import (
    MAX_DAY_COLUMNS,
    Chart,
    day_columns,
    periods,
    station_rows,
)
from kiosk.platform.hub.web_reports import Paging, Range

router = APIRouter(prefix="/centre", tags=["centre dashboard"])


def hours_rule(settings: HubSettings) -> HoursRule:
    """Each shift credited as the kiosks credit it (HUB_HOURS_*, as their KIOSK_HOURS_*)."""
    return HoursRule(Rounding(settings.hours_rounding), settings.hours_unit_minutes)


# --- the read model: one row per shift, folded by the kiosks' own fold ---------------------

# A row keeps the ids of its shift's events, not the events: the events table holds them, and
# a refold reads them back by id (its unique index) only for shifts that already have a row. A
# push of a week's backlog (a shift's in and out mostly in one batch) then writes ~40 bytes of
# ids a shift instead of a second copy of its events, and reads nothing back (docs/hub.md).
# Rows written before this kept whole events (objects with an "id"): both shapes are read.

# On PostgreSQL each step is one statement over one JSON parameter (a multi-row VALUES built by
# SQLAlchemy costs ~75 ms to compile for 250 shifts: ten times the push itself). The write is a
# compare-and-set on `version`: a row another push changed (or made) since it was read is not
# written, and `fold_shifts` reads it again, locked, and refolds.
_PG_STORED = (
    "SELECT f.shift_id, f.version, e.id, e.kind, e.station_id, e.kiosk_id, e.seq,"
    " e.occurred_at, e.actor, CAST(e.payload AS json),"
    # and the row's line in `shift_hours_monthly` as it stands, to take off if it is rewritten
    " f.station_id, f.volunteer_id, f.day, f.status, f.minutes, f.credited, f.flagged"
    " FROM shift_facts f"
    " LEFT JOIN LATERAL (SELECT e.* FROM json_array_elements(f.events) AS j(v)"
    # by the event's key, whose received_at names its month's partition (hub h0014): each step
    # a LATERAL with LIMIT 1, so the planner keeps them apart and probes that partition only
    " CROSS JOIN LATERAL (SELECT k.id, k.received_at FROM event_keys k"
    " WHERE k.id = COALESCE(j.v ->> 'id', j.v #>> '{}') LIMIT 1) AS k"
    " CROSS JOIN LATERAL (SELECT * FROM events_log e"
    " WHERE e.id = k.id AND e.received_at = k.received_at LIMIT 1) AS e) AS e ON true"
)
_PG_KEPT = _PG_STORED + " WHERE f.shift_id = ANY(:ids)"
_PG_VOLUNTEER = (  # index (station_id, day)
    _PG_STORED
    + " WHERE f.station_id = :station AND f.volunteer_id = :volunteer AND f.day >= :since"
)
_PG_READ_LOCKED = text(_PG_KEPT + " ORDER BY f.shift_id FOR UPDATE OF f")
_RECORDSET = (
    "json_to_recordset(CAST(:rows AS json)) AS x(shift_id text, station_id text,"
    " volunteer_id text, day text, status text, minutes int, credited int, flagged bool,"
    " events json, version int)"
)
_COLUMNS = (
    "shift_facts (shift_id, station_id, volunteer_id, day, status, minutes, credited, flagged,"
    " events, version)"
)
# The first step: every shift written as if new (folded from this push's events alone), and in
# the same statement (so the same snapshot) the rows that already were there, with their
# events; those are refolded and written by `_PG_PUT`. A week's backlog (a shift's in and out
# in one batch) is then one statement; a check-out pushed hours after its check-in, two.
_PG_FIRST = text(
    f"WITH ins AS (INSERT INTO {_COLUMNS} SELECT * FROM {_RECORDSET} ORDER BY x.shift_id"
    " ON CONFLICT (shift_id) DO NOTHING RETURNING shift_id)"
    " SELECT shift_id, NULL::int, NULL::text, NULL::text, NULL::text, NULL::text, NULL::bigint,"
    " NULL::timestamptz, NULL::text, NULL::json, NULL::text, NULL::text, NULL::text,"
    " NULL::text, NULL::int, NULL::int, NULL::bool FROM ins"
    f" UNION ALL {_PG_KEPT}"
)
_PG_PUT = text(
    f"INSERT INTO {_COLUMNS} SELECT * FROM {_RECORDSET} ORDER BY x.shift_id"
    " ON CONFLICT (shift_id) DO UPDATE SET station_id = EXCLUDED.station_id,"
    " volunteer_id = EXCLUDED.volunteer_id, day = EXCLUDED.day, status = EXCLUDED.status,"
    " minutes = EXCLUDED.minutes, credited = EXCLUDED.credited, flagged = EXCLUDED.flagged,"
    " events = EXCLUDED.events, version = EXCLUDED.version"
    " WHERE shift_facts.version = EXCLUDED.version - 1"
    " RETURNING shift_id"
)
_EVENT_FIELDS = ("id", "kind", "station_id", "kiosk_id", "seq", "occurred_at", "actor", "payload")
_LINE_FIELDS = ("station_id", "volunteer_id", "day", "status", "minutes", "credited", "flagged")
# A row's additive upsert into `shift_hours_monthly`, in key order (one lock order for every
# push); a shift's line taken off is a negative line.
_PG_MONTHS = text(
    "INSERT INTO shift_hours_monthly AS m"
    " (station_id, volunteer_id, month, shifts, minutes, credited, flagged)"
    " SELECT * FROM json_to_recordset(CAST(:rows AS json)) AS x(station_id text,"
    " volunteer_id text, month text, shifts int, minutes bigint, credited bigint, flagged int)"
    " ORDER BY 1, 2, 3 ON CONFLICT (station_id, volunteer_id, month) DO UPDATE"
    " SET shifts = m.shifts + EXCLUDED.shifts, minutes = m.minutes + EXCLUDED.minutes,"
    " credited = m.credited + EXCLUDED.credited, flagged = m.flagged + EXCLUDED.flagged"
    " RETURNING m.station_id, m.volunteer_id, m.month, m.shifts"
)

_Key = tuple[str, str, str]  # station, volunteer, month
_Line = tuple[_Key, tuple[int, int, int, int]] | None  # shifts, minutes, credited, flagged


def _month_line(row: Mapping[str, Any]) -> _Line:
    """What a shift's row adds to `shift_hours_monthly`: nothing for a shift whose check-in
    has not arrived (no day) or that was cancelled, which the hours pages do not count."""
    day, status = row["day"], row["status"]
    if day is None or status == "cancelled":
        return None
    key = (str(row["station_id"]), str(row["volunteer_id"]), str(day)[:7])
    return key, (1, int(row["minutes"]), int(row["credited"]), 1 if row["flagged"] else 0)


def _add(deltas: dict[_Key, list[int]], line: _Line, sign: int) -> None:
    if line is not None:
        held = deltas.setdefault(line[0], [0, 0, 0, 0])
        for i, v in enumerate(line[1]):
            held[i] += sign * v


def _write_months(connection: Connection, deltas: dict[_Key, list[int]]) -> None:
    """Add the lines' changes to `shift_hours_monthly` (a volunteer's month whose last shift
    went, by cancelling or a corrected check-in, goes too: the page counts its rows)."""
    changed = [(k, v) for k, v in sorted(deltas.items()) if any(v)]
    if not changed:
        return
    fields = ("shifts", "minutes", "credited", "flagged")
    lines = [
        {
            "station_id": k[0],
            "volunteer_id": k[1],
            "month": k[2],
            **dict(zip(fields, v, strict=True)),
        }
        for k, v in changed
    ]
    m = ShiftHoursMonthly
    key = tuple_(m.station_id, m.volunteer_id, m.month)
    if connection.dialect.name == "postgresql":
        written = connection.execute(_PG_MONTHS, {"rows": to_json(lines).decode()}).all()
    else:
        statement = sqlite.insert(ShiftHoursMonthly)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["station_id", "volunteer_id", "month"],
                set_={c: getattr(m, c) + statement.excluded[c] for c in fields},
            ),
            lines,
        )
        keys = [k for k, _ in changed]
        written = connection.execute(
            select(m.station_id, m.volunteer_id, m.month, m.shifts).where(key.in_(keys))
        ).all()
    emptied = [k for k, v in changed if v[0] < 0]
    if emptied:
        connection.execute(delete(m).where(key.in_(emptied), m.shifts == 0))
    # each line's shifts once written, as its row's lock holds it: made, emptied or neither
    after = {(str(s), str(v), str(mo)): int(n) for s, v, mo, n in written}
    write_layers(connection, changed, after)


def _kept(
    found: Sequence[Any],
) -> tuple[dict[str, tuple[list[Event], int]], dict[str, _Line]]:
    """Rows of (shift_id, version, the event's fields…, the row's line fields) as each shift's
    stored events, and its line in `shift_hours_monthly` as read."""
    out: dict[str, tuple[list[Event], int]] = {}
    lines: dict[str, _Line] = {}
    width = 2 + len(_EVENT_FIELDS)
    for row in found:
        shift_id = str(row[0])
        kept = out.setdefault(shift_id, ([], int(row[1])))[0]
        if row[2] is not None:  # (a row whose events are all gone still has its version)
            kept.append(as_event(dict(zip(_EVENT_FIELDS, row[2:width], strict=True))))
        if shift_id not in lines:
            lines[shift_id] = _month_line(dict(zip(_LINE_FIELDS, row[width:], strict=True)))
    return out, lines


def _refold(
    stored: dict[str, tuple[list[Event], int]],
    new: dict[str, list[Event]],
    ids: list[str],
    context: ReadContext,
) -> list[dict[str, Any]]:
    """The rows of shifts `ids`: each `fold_shift` of its stored events and the new ones."""
    rule = hours_rule(context.settings)
    rows = []
    for shift_id in ids:
        kept, version = stored.get(shift_id, ([], 0))
        if kept:
            known = {e.id for e in kept}
            events = kept + [e for e in new[shift_id] if e.id not in known]
        else:
            events = new[shift_id]
        state = fold_shift(events)
        assert state is not None  # it holds at least this push's events
        minutes = state.minutes or 0
        checked_in = state.checked_in_at
        day = None if checked_in is None else checked_in.astimezone(context.tz).date()
        rows.append(
            {
                "shift_id": shift_id,
                "station_id": state.station_id,
                "volunteer_id": state.volunteer_id,
                "day": None if day is None else day.isoformat(),
                "status": state.status,
                "minutes": minutes,
                "credited": credited_minutes(minutes, rule),
                "flagged": state.flagged,
                "events": [e.id for e in events],
                "version": version + 1,
            }
        )
    return rows


def _read_sqlite(
    connection: Connection, ids: list[str]
) -> tuple[dict[str, tuple[list[Event], int]], dict[str, _Line]]:
    """The stored rows of shifts `ids` and their events, read back by id (one writer), and
    each row's line in `shift_hours_monthly`."""
    table = ShiftFact.__table__
    found = connection.execute(
        select(
            table.c.shift_id,
            table.c.events,
            table.c.version,
            *(table.c[c] for c in _LINE_FIELDS),
        ).where(table.c.shift_id.in_(ids))
    ).all()
    lines = {str(r[0]): _month_line(dict(zip(_LINE_FIELDS, r[3:], strict=True))) for r in found}
    event_ids = {
        (e["id"] if isinstance(e, dict) else str(e)): str(r[0]) for r in found for e in r[1]
    }
    out: dict[str, tuple[list[Event], int]] = {str(r[0]): ([], int(r[2])) for r in found}
    if event_ids:
        columns = [getattr(HubEvent, c) for c in _EVENT_FIELDS]
        rows = connection.execute(select(*columns).where(HubEvent.id.in_(list(event_ids)))).all()
        for row in rows:
            out[event_ids[row[0]]][0].append(as_event(dict(zip(_EVENT_FIELDS, row, strict=True))))
    return out, lines


def volunteer_shifts(
    session: Session, station_id: str, volunteer_id: str, since: date
) -> dict[str, list[Event]]:
    """Each shift the volunteer checked in to at the station on local day `since` or later, by
    id, with its stored events (the fold's input). `shift_facts` names the shifts (index
    `station_id, day`) and their events are read back by id: a volunteer's own page folds their
    shifts, not the two years of the station's log (~30,000 shift events at a busy station)."""
    if session.get_bind().dialect.name == "postgresql":
        mine = {"station": station_id, "volunteer": volunteer_id, "since": since.isoformat()}
        stored, _ = _kept(session.execute(text(_PG_VOLUNTEER), mine).all())
    else:
        f = ShiftFact
        ids = select(f.shift_id).where(
            f.station_id == station_id, f.volunteer_id == volunteer_id, f.day >= since.isoformat()
        )
        stored, _ = _read_sqlite(session.connection(), list(session.scalars(ids)))
    return {shift_id: events for shift_id, (events, _) in stored.items()}


@dataclass(frozen=True)
class _Batch:
    """A push's shift events by shift, and every shift's row as if it were new (the pure half
    of `fold_shifts`, which the push path makes while its statement runs)."""

    new: dict[str, list[Event]]
    ids: list[str]  # sorted: one lock order for every push
    as_new: str  # the rows as JSON, each folded from this push's events alone
    rows: list[dict[str, Any]]  # the same rows (their lines, for those written as new)


def prepare_shifts(events: list[Event], context: ReadContext) -> _Batch:
    new: dict[str, list[Event]] = {}
    for event in events:
        new.setdefault(str(event.payload["shift_id"]), []).append(event)
    ids = sorted(new)
    rows = _refold({}, new, ids, context)
    return _Batch(new, ids, to_json(rows).decode(), rows)


def write_shifts(connection: Connection, prepared: object, context: ReadContext) -> None:
    """Write a prepared batch: new shifts as folded; shifts already there refolded with their
    stored events (compare-and-set on PostgreSQL, where two pushes may race)."""
    assert isinstance(prepared, _Batch)
    new, ids = prepared.new, prepared.ids
    deltas: dict[_Key, list[int]] = {}  # what `shift_hours_monthly` gains and loses
    if connection.dialect.name != "postgresql":  # one writer: read, fold, write
        stored, old = _read_sqlite(connection, ids)
        rows = _refold(stored, new, ids, context)
        statement = sqlite.insert(ShiftFact)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["shift_id"],
                set_={c: statement.excluded[c] for c in rows[0] if c != "shift_id"},
            ),
            rows,
        )
        for row in rows:
            _add(deltas, _month_line(row), 1)
            _add(deltas, old.get(row["shift_id"]), -1)
        _write_months(connection, deltas)
        return
    found = connection.execute(_PG_FIRST, {"rows": prepared.as_new, "ids": ids}).all()
    inserted = {str(r[0]) for r in found if r[1] is None}
    kept, old = _kept([r for r in found if r[1] is not None])
    for row in prepared.rows:
        if row["shift_id"] in inserted:
            _add(deltas, _month_line(row), 1)
    ids = [i for i in ids if i not in inserted]
    while ids:
        rows = _refold(kept, new, ids, context)
        written = {str(r[0]) for r in connection.execute(_PG_PUT, {"rows": to_json(rows).decode()})}
        for row in rows:  # each written over the row at the version read: its line as read
            if row["shift_id"] in written:
                _add(deltas, _month_line(row), 1)
                _add(deltas, old[row["shift_id"]], -1)
        ids = [i for i in ids if i not in written]
        if ids:  # another push got there first (or made the row meanwhile): wait for it, refold
            kept, old = _kept(connection.execute(_PG_READ_LOCKED, {"ids": ids}).all())
    _write_months(connection, deltas)


def fold_shifts(connection: Connection, events: list[Event], context: ReadContext) -> None:
    """Refold every shift these events touch, with all its events so far, into `shift_facts`.

    A shift's check-in and check-out (or a sweep, a review) arrive in different pushes, from
    different kiosks, in any order: each row lists the shift's events, so the row is always
    `fold_shift` of everything stored, as on the kiosks. Two pushes touching one shift at once
    (PostgreSQL): the second's compare-and-set misses, and it refolds from the first's row."""
    write_shifts(connection, prepare_shifts(events, context), context)


SHIFT_FACTS = ReadModel(
    "shift_facts",
    ("shift.",),
    (
        "shift_facts",
        "shift_hours_monthly",
        "shift_hours_station_monthly",
        "shift_hours_volunteer_years",
    ),
    fold_shifts,
    prepare=prepare_shifts,
    write=write_shifts,
)


def shifts_closed_before(window: LiveWindow) -> ColumnElement[bool]:
    """A new kiosk is ready without the shifts closed (checked out, cancelled, swept) that
    began before the window: `shift_facts` knows them (index `station_id, day`), and every event
    of such a shift goes, so a shift is held whole or not at all. Monotone: a closed shift
    never opens again and its day never moves; a shift whose check-in has not arrived (no day)
    or that has no row yet stays in."""
    closed = select(ShiftFact.shift_id).where(
        ShiftFact.station_id == window.station_id,
        ShiftFact.status != "open",
        ShiftFact.day < window.since_day.isoformat(),
    )
    return and_(
        HubEvent.kind.startswith("shift.", autoescape=True),
        HubEvent.payload["shift_id"].as_string().in_(closed),
    )


LIVE_SHIFTS = LiveRule("shifts", ("shift.",), shifts_closed_before)


# --- the page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HoursRow:
    station_id: str
    volunteer_id: str
    name: str
    number: str  # the volunteer's number (工号), as on their badge
    shifts: int
    minutes: int  # as clocked
    credited: int  # each shift rounded by the hours rule, as the kiosks credit it
    flagged: int


@dataclass(frozen=True)
class HoursTotals:
    """Figures over every (station, volunteer) row of the range, never only the page shown."""

    rows: int
    credited: int  # minutes
    by_station: dict[str, int]  # credited minutes per station
    by_day: dict[date, int]  # credited minutes per local day the shifts began
    rows_by_station: dict[str, int] = field(default_factory=dict)  # the table's rows per station


def _shifts(engine: Engine, stations: list[str], first: date, last: date) -> Select[Any]:
    """The shifts begun (checked in) from `first` to `last` at `stations`, cancelled ones left
    out, each as a line of one shift on its day."""
    f = ShiftFact
    return select(
        f.station_id.label("station_id"),
        f.volunteer_id.label("volunteer_id"),
        f.day.label("day"),
        literal(1).label("shifts"),
        f.minutes.label("minutes"),
        f.credited.label("credited"),
        case((f.flagged, 1), else_=0).label("flagged"),
    ).where(
        among(engine, f.station_id, stations),
        f.day >= first.isoformat(),
        f.day <= last.isoformat(),
        f.status != "cancelled",
    )


def _whole_months(span: Range) -> tuple[date, date] | None:
    """The first day of the range's first whole month and of the month after its last, or
    None when the range holds no whole month."""
    start = span.first if span.first.day == 1 else _next_month(span.first)
    end = (span.last + timedelta(days=1)).replace(day=1)
    return (start, end) if start < end else None


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _lines(engine: Engine, stations: list[str], span: Range, months: bool = True) -> Subquery:
    """The range's counted shifts as lines (station, volunteer, day, shifts, minutes,
    credited, flagged): with `months`, a whole month's as its `shift_hours_monthly` rows (dated
    its first day) and only the part-months at the ends as shifts, so a year reads a row a
    volunteer and month, not a row a shift; exact either way (each day read once)."""
    whole = _whole_months(span) if months else None
    if whole is None:
        return _shifts(engine, stations, span.first, span.last).subquery()
    start, end = whole
    m = ShiftHoursMonthly
    parts: list[Any] = [
        select(
            m.station_id,
            m.volunteer_id,
            (m.month + "-01").label("day"),
            m.shifts,
            m.minutes,
            m.credited,
            m.flagged,
        ).where(
            among(engine, m.station_id, stations),
            m.month >= start.strftime("%Y-%m"),
            m.month < end.strftime("%Y-%m"),
        )
    ]
    if span.first < start:
        parts.append(_shifts(engine, stations, span.first, start - timedelta(days=1)))
    if end <= span.last:
        parts.append(_shifts(engine, stations, end, span.last))
    return union_all(*parts).subquery()


def _part_months(span: Range, start: date, end: date) -> list[tuple[date, date]]:
    """The days of the range before its first whole month and after its last."""
    parts = []
    if span.first < start:
        parts.append((span.first, start - timedelta(days=1)))
    if end <= span.last:
        parts.append((end, span.last))
    return parts


def _grouped(engine: Engine, stations: list[str], span: Range, months: bool = True) -> Select[Any]:
    lines = _lines(engine, stations, span, months)
    return select(
        lines.c.station_id,
        lines.c.volunteer_id,
        func.sum(lines.c.shifts).label("shifts"),
        func.sum(lines.c.minutes).label("minutes"),
        func.sum(lines.c.credited).label("credited"),
        func.sum(lines.c.flagged).label("flagged"),
    ).group_by(lines.c.station_id, lines.c.volunteer_id)


def hours_totals(database: Database, stations: list[str], span: Range) -> HoursTotals:
    """The table's row count and its totals, summed in SQL over every shift of the range. A
    range charted by day (`MAX_DAY_COLUMNS`) reads its shifts; a longer one, charted by month,
    reads its whole months from the coarser layers (h0026: a station's month for the hours, a
    volunteer's year for the rows; a month's sum on its first day) and the shifts only for the
    part-months at its ends."""
    months = (span.last - span.first).days + 1 > MAX_DAY_COLUMNS
    whole = _whole_months(span) if months else None
    found: Sequence[Any]
    days: Sequence[Any]
    with database.report() as session:
        if whole is not None:
            found, days = whole_month_totals(
                session, database.engine, stations, *whole, _part_months(span, *whole)
            )
            return _totals(found, days)
        lines = _lines(database.engine, stations, span, months=False)
        if database.is_postgres:
            found, days = _totals_in_one_pass(session, lines)
        else:
            grouped = _grouped(database.engine, stations, span, months=False).subquery()
            found = session.execute(
                select(grouped.c.station_id, func.count(), func.sum(grouped.c.credited)).group_by(
                    grouped.c.station_id
                )
            ).all()
            days = session.execute(
                select(lines.c.day, func.sum(lines.c.credited)).group_by(lines.c.day)
            ).all()
    return _totals(found, days)


def _totals(found: Sequence[Any], days: Sequence[Any]) -> HoursTotals:
    """Totals from (station, rows, credited) and (day, credited)."""
    return HoursTotals(
        rows=sum(int(n) for _, n, _ in found),
        credited=sum(int(c or 0) for _, _, c in found),
        by_station={str(s): int(c or 0) for s, _, c in found},
        by_day={date.fromisoformat(str(d)): int(c or 0) for d, c in days},
        rows_by_station={str(s): int(n) for s, n, _ in found},
    )


def _totals_in_one_pass(session: Session, lines: Subquery) -> tuple[list[Any], list[Any]]:
    """(station, rows, credited) and (day, credited) from one read of the lines (PostgreSQL's
    GROUPING SETS): the range's lines are grouped by volunteer and by day in the same scan,
    where two statements read them twice (a year's page: ~0.56 M lines at 2,000 stations)."""
    each = (
        select(
            lines.c.station_id,
            lines.c.volunteer_id,
            lines.c.day,
            func.sum(lines.c.credited).label("credited"),
        )
        .group_by(
            func.grouping_sets(
                tuple_(lines.c.station_id, lines.c.volunteer_id), tuple_(lines.c.day)
            )
        )
        .subquery()
    )
    # a volunteer's row has no day, a day's row no station: grouped again, a row a station
    # (its volunteers counted) or a day
    found = session.execute(
        select(each.c.station_id, each.c.day, func.count(), func.sum(each.c.credited)).group_by(
            each.c.station_id, each.c.day
        )
    ).all()
    per_station = [(s, n, c) for s, d, n, c in found if d is None]
    per_day = [(d, c) for s, d, _, c in found if s is None]
    return per_station, per_day


def _named(session: Session, found: Sequence[Any]) -> list[HoursRow]:
    """Rows of (station, volunteer, figures…) with each volunteer's name and number."""
    names = roster_names(session, sorted({str(r[0]) for r in found}), {str(r[1]) for r in found})
    unknown = Member("", "")
    return [
        HoursRow(
            str(s),
            str(v),
            names.get(str(v), unknown).name,
            names.get(str(v), unknown).number,
            int(n),
            int(m or 0),
            int(c or 0),
            int(fl or 0),
        )
        for s, v, n, m, c, fl in found
    ]


def _ordered(engine: Engine, stations: list[str], span: Range) -> Select[Any]:
    grouped = _grouped(engine, stations, span).subquery()
    return select(grouped).order_by(grouped.c.station_id, grouped.c.volunteer_id)


def _page_stations(
    rows_by_station: Mapping[str, int], offset: int, limit: int
) -> tuple[list[str], int]:
    """The stations holding rows offset..offset+limit of the table (ordered by station, then
    volunteer), and the offset of the page's first row among those stations' rows."""
    first = 0  # the table's index of this station's first row
    shown: list[str] = []
    skipped = 0
    for station in sorted(s for s, n in rows_by_station.items() if n > 0):
        if first >= offset + limit:
            break
        count = rows_by_station[station]
        if first + count > offset:
            if not shown:
                skipped = first
            shown.append(station)
        first += count
    return shown, offset - skipped


def hours(
    database: Database,
    stations: list[str],
    span: Range,
    offset: int = 0,
    limit: int | None = None,
    rows_by_station: Mapping[str, int] | None = None,
) -> list[HoursRow]:
    """One page of hours per station and volunteer for shifts begun in the range (all of it
    without `limit`), from the read model. Given the table's rows per station (the totals
    already counted them), only the stations the page falls on are grouped: a page costs
    its few stations' shifts, not the province's."""
    if rows_by_station is not None and limit is not None:
        stations, offset = _page_stations(rows_by_station, offset, limit)
        if not stations:
            return []
    stmt = _ordered(database.engine, stations, span).offset(offset).limit(limit)
    with database.report() as session:
        return _named(session, session.execute(stmt).all())


CSV_STATIONS = 50  # stations grouped by one statement of the CSV


def hours_stream(database: Database, stations: list[str], span: Range) -> Iterator[HoursRow]:
    """Every row, read a thousand at a time (the CSV: never cut, never whole in memory), a few
    stations a statement in the table's order: the first byte waits for the first stations'
    grouping, not the province's (a station's rows are read by one statement, so each is
    consistent; the CSV as a whole may straddle a push)."""
    ordered = sorted(stations)
    with database.report() as session:
        for i in range(0, len(ordered), CSV_STATIONS):
            stmt = _ordered(database.engine, ordered[i : i + CSV_STATIONS], span)
            result = session.execute(stmt.execution_options(yield_per=CSV_BATCH))
            for chunk in result.partitions():
                yield from _named(session, chunk)


def charts(
    totals: HoursTotals,
    span: Range,
    names: dict[str, str],
    w: dict[str, str],
    regions: Mapping[str, str] | None = None,
) -> list[Chart]:
    """Credited hours by day the shifts began (by month past three months), by region (when
    any station of the figures is in one: the sum of its stations' bars) and by station."""
    by_day = {d: [m / 60] for d, m in totals.by_day.items()}
    trend = day_columns(
        "hours-days",
        w["chart_hours_days"],
        w["hours_unit"],
        [(n, round(sum(v), 2)) for n, v in periods(by_day, span.first, span.last)],
        digits=1,
        label_head=w["day"],
    )
    per_station = station_rows(
        "hours-stations",
        w["chart_hours_stations"],
        w["hours_unit"],
        [(names.get(s, s), round(v / 60, 2)) for s, v in totals.by_station.items()],
        digits=1,
        rest_note=w["chart_rest_hours"],
        label_head=w["station"],
    )
    by_station = totals.by_station
    if not regions or not any(regions.get(s) for s in by_station):
        return [trend, per_station]
    per_region = station_rows(
        "hours-regions",
        w["chart_hours_regions"],
        w["hours_unit"],
        [
            (r or w["no_region"], round(sum(by_station[s] for s in ss) / 60, 2))
            for r, ss in by_region(by_station, regions).items()
        ],
        digits=1,
        label_head=w["region"],
    )
    return [trend, per_region, per_station]


@router.get("/hours", response_class=HTMLResponse)
async def hours_page(view: Report, page: PageQuery = 1) -> Response:
    """Volunteer hours per station and volunteer (shifts begun in the range): totals over
    every row, the table a page at a time, the CSV whole; all from the read model."""
    database = view.request.app.state.database
    span = view.span
    if view.format == "csv":
        stations = dict(view.all_stations)
        return csv_stream(
            f"hours-{span.first}-{span.last}",
            [
                "station",
                "volunteer_id",
                "name",
                "number",
                "shifts",
                "minutes",
                "credited_minutes",
                "credited_hours",
                "to_review",
                "station_name",
            ],
            (
                (
                    r.station_id,
                    r.volunteer_id,
                    r.name,
                    r.number,
                    r.shifts,
                    r.minutes,
                    r.credited,
                    round(r.credited / 60, 2),
                    r.flagged,
                    stations.get(r.station_id, r.station_id),
                )
                for r in hours_stream(database, view.scope, span)
            ),
        )
    totals = await run_in_threadpool(hours_totals, database, view.scope, span)
    paging = Paging(page, totals.rows)
    rows = await run_in_threadpool(
        hours, database, view.scope, span, paging.offset, paging.size, totals.rows_by_station
    )
    return view.render(
        "centre_hours.html",
        "vol_hours",
        charts=charts(
            totals,
            span,
            dict(view.all_stations),
            view.words,
            await run_in_threadpool(station_regions, database),
        ),
        rows=rows,
        total_hours=round(totals.credited / 60, 2),
        pager=view.pager(paging),
    )


# Its words on the centre's pages (`HubPart.words`).
WORDS: dict[str, tuple[str, str]] = {
    "vol_hours": ("志愿时长", "Volunteer hours"),
    "volunteer": ("志愿者", "Volunteer"),
    "shifts": ("班次", "Shifts"),
    "hours_col": ("时长（小时）", "Hours"),
    "flagged": ("待核实", "To review"),
    "hours_unit": ("小时", "hours"),
    "chart_hours_days": ("每日志愿时长", "Volunteer hours, by day"),
    "chart_hours_stations": ("各站点志愿时长", "Volunteer hours, by station"),
    "chart_hours_regions": ("各片区志愿时长", "Volunteer hours, by region"),
    "chart_rest_hours": (
        "另有 {count} 个站点共 {value} 小时未画出，见下表。",
        "{count} more stations with {value} hours are not drawn: see the table below.",
    ),
}

HUB_PART = HubPart(
    routers=(router,),
    templates="kiosk.features.shifts",
    words=WORDS,
    centre_tabs=(CentreTab("vol_hours", "/centre/hours", rank=20),),
    read_models=(SHIFT_FACTS,),
    live_rules=(LIVE_SHIFTS,),
)
