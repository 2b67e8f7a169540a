"""The hours page's coarser layers over `shift_hours_monthly` (hub h0026, #15): each station's
month (`shift_hours_station_monthly`) and each volunteer's months of a year
(`shift_hours_volunteer_years`), kept beside the month lines in the push's transaction, and
the totals of a range of whole months read from them. A year's totals grouped ~0.56 M lines
(a volunteer's month, the part-months' shifts) on every view; from these layers they read a
row a station and month and a row a volunteer and year, whatever the years of history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from pydantic_core import to_json
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    case,
    delete,
    false,
    func,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from kiosk.platform.hub.aggregates import among
from kiosk.platform.hub.models import ShiftFact, ShiftHoursStationMonthly, ShiftHoursVolunteerYear

Key = tuple[str, str, str]  # station, volunteer, month
FIELDS = ("shifts", "minutes", "credited", "flagged")

# Additive upserts in key order (one lock order for every push), as `shift_hours_monthly`'s.
_PG_STATION_MONTHS = text(
    "INSERT INTO shift_hours_station_monthly AS m"
    " (station_id, month, shifts, minutes, credited, flagged)"
    " SELECT * FROM json_to_recordset(CAST(:rows AS json)) AS x(station_id text,"
    " month text, shifts int, minutes bigint, credited bigint, flagged int)"
    " ORDER BY 1, 2 ON CONFLICT (station_id, month) DO UPDATE"
    " SET shifts = m.shifts + EXCLUDED.shifts, minutes = m.minutes + EXCLUDED.minutes,"
    " credited = m.credited + EXCLUDED.credited, flagged = m.flagged + EXCLUDED.flagged"
)
_PG_YEARS = text(
    "INSERT INTO shift_hours_volunteer_years AS y (station_id, volunteer_id, year, months)"
    " SELECT * FROM json_to_recordset(CAST(:rows AS json)) AS x(station_id text,"
    " volunteer_id text, year text, months int)"
    " ORDER BY 1, 2, 3 ON CONFLICT (station_id, volunteer_id, year) DO UPDATE"
    " SET months = y.months + EXCLUDED.months"
)


def _bit(month: str) -> int:
    """A month's bit in `shift_hours_volunteer_years.months` ("2026-03" -> 1 << 2)."""
    return 1 << (int(month[5:7]) - 1)


def write_layers(
    connection: Connection, changed: Sequence[tuple[Key, Sequence[int]]], after: dict[Key, int]
) -> None:
    """Carry the month lines' changes (`changed`: each key's added shifts, minutes, credited,
    flagged) into the coarser layers; `after` is each changed key's shifts once written. A line
    made (its shifts are all this push's) sets its month's bit, a line emptied clears it: a
    line is made or emptied under its row's lock, so the bits add up as an OR would."""
    stations: dict[tuple[str, str], list[int]] = {}
    years: dict[tuple[str, str, str], int] = {}
    for (station, volunteer, month), delta in changed:
        held = stations.setdefault((station, month), [0, 0, 0, 0])
        for i, v in enumerate(delta):
            held[i] += v
        now = after.get((station, volunteer, month), 0)
        if delta[0] > 0 and now == delta[0]:
            sign = 1
        elif delta[0] < 0 and now == 0:
            sign = -1
        else:
            continue
        year = (station, volunteer, month[:4])
        years[year] = years.get(year, 0) + sign * _bit(month)
    _add(
        connection,
        ShiftHoursStationMonthly,
        ("station_id", "month"),
        [(k, v) for k, v in sorted(stations.items()) if any(v)],
        FIELDS,
        _PG_STATION_MONTHS,
    )
    _add(
        connection,
        ShiftHoursVolunteerYear,
        ("station_id", "volunteer_id", "year"),
        [(k, [v]) for k, v in sorted(years.items()) if v],
        ("months",),
        _PG_YEARS,
    )


def _add(
    connection: Connection,
    model: type[ShiftHoursStationMonthly] | type[ShiftHoursVolunteerYear],
    keys: tuple[str, ...],
    deltas: list[tuple[tuple[str, ...], list[int]]],
    fields: tuple[str, ...],
    pg: Any,
) -> None:
    """Add `deltas` to `model`'s rows by key, and delete the rows left at 0 (its first field:
    a station's month with no shift, a year with no month)."""
    if not deltas:
        return
    lines = [
        {**dict(zip(keys, k, strict=True)), **dict(zip(fields, v, strict=True))} for k, v in deltas
    ]
    if connection.dialect.name == "postgresql":
        connection.execute(pg, {"rows": to_json(lines).decode()})
    else:
        statement = sqlite.insert(model)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=list(keys),
                set_={c: getattr(model, c) + statement.excluded[c] for c in fields},
            ),
            lines,
        )
    lowered = [k for k, v in deltas if v[0] < 0]
    if lowered:
        key = tuple_(*(getattr(model, c) for c in keys))
        first = getattr(model, fields[0])
        connection.execute(delete(model).where(key.in_(lowered), first == 0))


# --- the totals of whole months -----------------------------------------------------------


def year_masks(start: date, end: date) -> dict[str, int]:
    """The months from `start` to before `end` (first days of months) as each year's bits."""
    masks: dict[str, int] = {}
    month = start
    while month < end:
        text_month = month.strftime("%Y-%m")
        masks[text_month[:4]] = masks.get(text_month[:4], 0) | _bit(text_month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return masks


def whole_month_totals(
    session: Session,
    engine: Engine,
    stations: list[str],
    start: date,
    end: date,
    parts: list[tuple[date, date]],
) -> tuple[list[Any], list[Any]]:
    """(station, rows, credited) and (day, credited) over the whole months from `start` to
    before `end` and the part-months' days `parts` (each within one month): the hours from
    each station's months and the part-months' shifts; the rows from the volunteers' years,
    where only a volunteer whose months meet the range at its ends alone has their shifts
    read (at most one probe of index `station_id, day` each)."""
    s, y, f = ShiftHoursStationMonthly, ShiftHoursVolunteerYear, ShiftFact
    first, last = start.strftime("%Y-%m"), end.strftime("%Y-%m")
    read, less, dated = _part_reads(parts)
    in_months = (
        among(engine, s.station_id, stations),
        or_(and_(s.month >= first, s.month < last), s.month.in_(sorted(dated))),
    )
    credited: dict[str, int] = {}
    days: dict[str, int] = {}
    for station, month, minutes in _both_ways(
        session, engine, (s.station_id,), s.month, s.credited, in_months
    ):
        if station is not None:
            credited[str(station)] = int(minutes or 0)
        else:  # a month taken whole for a part of it: on the range's day in that month
            days[dated.get(str(month), f"{month}-01")] = int(minutes or 0)
    if read or less:
        spans = or_(*(f.day.between(a.isoformat(), b.isoformat()) for a, b in read + less))
        shifts = (among(engine, f.station_id, stations), spans, f.status != "cancelled")
        month_of = func.substr(f.day, 1, 7)
        for station, month, day, minutes in _both_ways(
            session, engine, (f.station_id, month_of), f.day, f.credited, shifts
        ):
            # a day of a month taken whole is outside the range: taken off, not added
            sign = -1 if str(month if day is None else day)[:7] in dated else 1
            if day is None:
                credited[str(station)] = credited.get(str(station), 0) + sign * int(minutes or 0)
            else:
                key = dated.get(str(day)[:7], str(day))
                days[key] = days.get(key, 0) + sign * int(minutes or 0)
    in_parts = or_(false(), *(f.day.between(a.isoformat(), b.isoformat()) for a, b in parts))
    whole, ends = year_masks(start, end), _part_masks(parts)
    hits = {
        name: func.max(
            case(
                (or_(*(and_(y.year == k, y.months.op("&")(m) != 0) for k, m in masks.items())), 1),
                else_=0,
            )
        ).label(name)
        for name, masks in (("whole", whole), ("ends", ends))
        if masks
    }
    pairs = (
        select(y.station_id, y.volunteer_id, *hits.values())
        .where(among(engine, y.station_id, stations), y.year.in_(sorted({*whole, *ends})))
        .group_by(y.station_id, y.volunteer_id)
        .subquery()
    )
    counted = pairs.c.whole == 1
    if "ends" in hits:
        shifted = (
            select(f.shift_id)
            .where(
                f.station_id == pairs.c.station_id,
                f.volunteer_id == pairs.c.volunteer_id,
                in_parts,
                f.status != "cancelled",
            )
            .exists()
        )
        counted = or_(counted, and_(pairs.c.ends == 1, shifted))
    rows = {
        str(station): int(n)
        for station, n in session.execute(
            select(pairs.c.station_id, func.count()).where(counted).group_by(pairs.c.station_id)
        )
    }
    # (a station whose month's shifts all fall outside the range has no row and no hours)
    per_station = [(st, rows[st], c) for st, c in credited.items() if rows.get(st)]
    return per_station, list(days.items())


def _part_reads(
    parts: list[tuple[date, date]],
) -> tuple[list[tuple[date, date]], list[tuple[date, date]], dict[str, str]]:
    """How to sum each part-month: its shifts when it holds at most half its month's days;
    else its station-months less the shifts of its month's days outside the range (a year
    from the 4th of a month reads that month's first three days, not its last 28). Returns
    the spans to read and add, the spans to read and take off, and each month taken whole
    with the range's day in it that its sums are dated (the chart buckets days by month)."""
    read: list[tuple[date, date]] = []
    less: list[tuple[date, date]] = []
    dated: dict[str, str] = {}
    for a, b in parts:
        month_first = a.replace(day=1)
        month_last = date(a.year + a.month // 12, a.month % 12 + 1, 1) - timedelta(days=1)
        if 2 * ((b - a).days + 1) <= (month_last - month_first).days + 1:
            read.append((a, b))
            continue
        dated[a.strftime("%Y-%m")] = a.isoformat()
        if month_first < a:
            less.append((month_first, a - timedelta(days=1)))
        if b < month_last:
            less.append((b + timedelta(days=1), month_last))
    return read, less, dated


def _part_masks(parts: list[tuple[date, date]]) -> dict[str, int]:
    """The part-months (each part lies within one month) as each year's bits."""
    masks: dict[str, int] = {}
    for a, _ in parts:
        month = a.strftime("%Y-%m")
        masks[month[:4]] = masks.get(month[:4], 0) | _bit(month)
    return masks


def _both_ways(
    session: Session,
    engine: Engine,
    by: tuple[Any, ...],
    other: Any,
    value: Any,
    where: tuple[ColumnElement[bool], ...],
) -> list[tuple[Any, ...]]:
    """`value` summed by the columns `by` (rows: *by, None) and by `other` (rows: None…,
    other), in one read of the rows on PostgreSQL (GROUPING SETS), two on SQLite."""
    if engine.dialect.name == "postgresql":
        sets = func.grouping_sets(tuple_(*by), tuple_(other))
        found = session.execute(select(*by, other, func.sum(value)).where(*where).group_by(sets))
        return [tuple(r) for r in found]
    nothing = (None,) * len(by)
    first = session.execute(select(*by, func.sum(value)).where(*where).group_by(*by))
    second = session.execute(select(other, func.sum(value)).where(*where).group_by(other))
    return [(*r[:-1], None, r[-1]) for r in first] + [(*nothing, o, v) for o, v in second]
