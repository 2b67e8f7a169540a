"""Seasonal presets (summer cooling, winter warmth, rain): which one is in season, and the home
screen's order that puts its services first.

Pure, so a test sets the date with an injected clock. "auto" goes by the month in the station's
time zone (South China: winter Dec–Feb, the spring and plum rains Apr–Jun, summer heat Jul–Sep);
a station where it rains in another month sets the preset by hand, or "off".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol, TypeVar

SEASONS = ("summer", "winter", "rain")
SEASON_SETTINGS = ("auto", *SEASONS, "off")
_BY_MONTH = {12: "winter", 1: "winter", 2: "winter", 4: "rain", 5: "rain", 6: "rain"}
_BY_MONTH |= {7: "summer", 8: "summer", 9: "summer"}


class Seasonal(Protocol):
    @property
    def season(self) -> str | None: ...


T = TypeVar("T", bound=Seasonal)


def season_for(day: date, setting: str) -> str | None:
    """The preset in season on `day` under the `season` setting (None: no preset)."""
    if setting == "off":
        return None
    if setting in SEASONS:
        return setting
    return _BY_MONTH.get(day.month)


def seasonal_order(items: Sequence[T], season: str | None) -> list[T]:
    """The services of the preset in season first, each group keeping its configured order."""
    if season is None:
        return list(items)
    return sorted(items, key=lambda item: item.season != season)  # stable
