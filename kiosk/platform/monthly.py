"""What a feature adds to the monthly station report: one titled table of the month's figures.

A feature declares `<feature>/monthly.py: SECTIONS`, a tuple of `MonthlySection`, found by
module convention like the log tabs; the report (kiosk/features/reports) lays them out in
`position` order after its own totals, charts, 人次, hours and charging, and knows no feature
by name. Headings and cells are written in both languages ("已完成 Done"), as the report is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy.orm import Session

from kiosk.core.feature import Feature
from kiosk.platform.logs.spec import Names
from kiosk.platform.parts import part


@dataclass(frozen=True)
class Month:
    """The month reported on: its local days, their UTC bounds [start, end), the station's
    zone, when the report is made, and the tables of names the sections asked for."""

    first_day: date
    last_day: date
    start: datetime
    end: datetime
    timezone: tzinfo
    now: datetime
    names: Mapping[str, Names]

    def name(self, table: str, key: str) -> str:
        """An id's name as the report writes it: "伞 Umbrella" (items are named for sentences,
        "an umbrella", so the English is capitalised for a table; the id when unknown)."""
        zh, en = self.names.get(table, {}).get(key, (key, key))
        return zh if zh == en else f"{zh} {en[:1].upper()}{en[1:]}"


@dataclass(frozen=True)
class MonthlyTable:
    """One section as printed: a heading, a header row, rows of text, column widths (fractions
    of the page width, summing to 1) and an optional note under the table."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    note: str = ""


@dataclass(frozen=True)
class MonthlySection:
    """A feature's part of the report. `gather` reads the month in the report's one read
    transaction; `names` are the name tables it needs ("lending", "medicine")."""

    key: str
    position: int
    gather: Callable[[Session, Month], MonthlyTable]
    names: tuple[str, ...] = ()


def monthly_sections(features: Iterable[Feature]) -> tuple[MonthlySection, ...]:
    """Every feature's report sections in `position` order."""
    found: list[MonthlySection] = []
    for feature in features:
        found += part(feature, "monthly", "SECTIONS", ())
    keys = [s.key for s in found]
    twice = {key for key in keys if keys.count(key) > 1}
    if twice:
        raise ValueError(f"two features declare the report section(s) {sorted(twice)}")
    return tuple(sorted(found, key=lambda s: s.position))


def both(table: Mapping[str, tuple[str, str]], value: str) -> str:
    """A coded value in both languages, "已完成 Done"; an unknown value as itself."""
    pair = table.get(value)
    return value if pair is None else f"{pair[0]} {pair[1]}"


def minutes_text(seconds: Sequence[int]) -> str:
    """The median and the slowest tenth of waits in minutes, "3.5 / 12.0"; "—" for none."""
    if not seconds:
        return "—"
    ordered = sorted(seconds)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    p90 = ordered[min(len(ordered) - 1, -(-len(ordered) * 9 // 10) - 1)]
    return f"{median / 60:.1f} / {p90 / 60:.1f}"
