"""Charts on the centre's pages, drawn on the server as SVG (no script, no library, printable).

A chart takes aggregated figures only (a value per day, per station), never a list of events,
so its size does not grow with the province: a day trend has one column per day of the range,
a station chart the `MAX_STATION_BARS` largest stations and the rest summed in a note. Each
chart comes with its numbers as a table (`_chart.html`), for screen readers and for copying.
Why SVG and not Apache ECharts: docs/hub.md ("Charts").
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH, HEIGHT = 960, 280  # the viewBox; the figure scales to the page (at least 800 px wide)
PLOT_LEFT, PLOT_TOP, PLOT_BOTTOM = 64, 16, 230
LABEL_Y = 256  # day labels under a trend
ROW_HEIGHT, ROW_LABEL = 32, 240  # a station chart's rows and the width of their names
MAX_STATION_BARS = 20
MAX_LABELS = 12  # day labels under a trend: every n-th day so that at most this many show


@dataclass(frozen=True)
class Bar:
    """One value and its rectangle in the SVG's coordinates."""

    label: str
    value: float
    text: str  # the value as shown
    x: float
    y: float
    width: float
    height: float
    show_label: bool = True


@dataclass(frozen=True)
class Chart:
    """A chart ready for `_chart.html`: `kind` is "columns" (a trend over days) or "rows"
    (stations side by side); `ticks` are (y, text) of the value axis."""

    key: str
    title: str
    unit: str
    kind: str
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]
    width: int
    height: int
    note: str = ""
    label_head: str = ""  # the table's first column: 日期 / 站点

    @property
    def label_y(self) -> int:
        return LABEL_Y

    @property
    def total(self) -> float:
        return sum(b.value for b in self.bars)


def _fmt(value: float, digits: int) -> str:
    return f"{value:.{digits}f}" if digits else str(round(value))


def _tick(value: float) -> str:
    """An axis value: whole numbers bare, a half (2.5) with its decimal."""
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _scale_top(peak: float) -> float:
    """A round top of the value axis at or above `peak` (1, 2, 5 × 10^n)."""
    if peak <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(peak))
    for step in (1, 2, 5, 10):
        if peak <= step * power:
            return float(step * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def day_columns(
    key: str,
    title: str,
    unit: str,
    points: Sequence[tuple[str, float]],
    *,
    digits: int = 0,
    label_head: str = "",
) -> Chart:
    """A trend: one column per (day label, value), in the order given."""
    top = _scale_top(max((v for _, v in points), default=0.0))
    plot_width = WIDTH - PLOT_LEFT - 8
    plot_height = PLOT_BOTTOM - PLOT_TOP
    slot = plot_width / max(1, len(points))
    every = max(1, math.ceil(len(points) / MAX_LABELS))
    bars = []
    for i, (name, value) in enumerate(points):
        height = plot_height * value / top
        bars.append(
            Bar(
                name,
                value,
                _fmt(value, digits),
                round(PLOT_LEFT + i * slot + slot * 0.15, 1),
                round(PLOT_BOTTOM - height, 1),
                round(slot * 0.7, 1),
                round(height, 1),
                show_label=i % every == 0,
            )
        )
    ticks = tuple((round(PLOT_BOTTOM - plot_height * f, 1), _tick(top * f)) for f in (0, 0.5, 1))
    return Chart(key, title, unit, "columns", tuple(bars), ticks, WIDTH, HEIGHT, "", label_head)


def station_rows(
    key: str,
    title: str,
    unit: str,
    points: Sequence[tuple[str, float]],
    *,
    digits: int = 0,
    rest_note: str = "",
    label_head: str = "",
) -> Chart:
    """Stations side by side, largest first: the `MAX_STATION_BARS` largest drawn, the others
    counted in `rest_note` (formatted with {count} and {value})."""
    ranked = sorted(points, key=lambda p: (-p[1], p[0]))
    shown, rest = ranked[:MAX_STATION_BARS], ranked[MAX_STATION_BARS:]
    top = _scale_top(max((v for _, v in shown), default=0.0))
    plot_width = WIDTH - ROW_LABEL - 90
    bars = tuple(
        Bar(
            name,
            value,
            _fmt(value, digits),
            ROW_LABEL,
            round(PLOT_TOP + i * ROW_HEIGHT, 1),
            round(plot_width * value / top, 1),
            ROW_HEIGHT - 8,
        )
        for i, (name, value) in enumerate(shown)
    )
    note = ""
    if rest and rest_note:
        note = rest_note.format(count=len(rest), value=_fmt(sum(v for _, v in rest), digits))
    height = PLOT_TOP * 2 + ROW_HEIGHT * max(1, len(bars))
    return Chart(key, title, unit, "rows", bars, (), WIDTH, height, note, label_head)


MAX_DAY_COLUMNS = 92  # a longer range is charted by month


def periods(
    by_day: Mapping[date, Sequence[float]], first: date, last: date
) -> list[tuple[str, list[float]]]:
    """The days of `first`..`last` ("11-02"), or its months ("2026-11") for a range past three
    months, each with the values of its days (the caller sums them, or takes their median)."""
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    if len(days) <= MAX_DAY_COLUMNS:
        return [(d.strftime("%m-%d"), list(by_day.get(d, ()))) for d in days]
    months: dict[str, list[float]] = {}
    for d in days:
        months.setdefault(d.strftime("%Y-%m"), []).extend(by_day.get(d, ()))
    return list(months.items())
