"""Seasonal presets: which one is in season for a date and a setting, and the home order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from kiosk.features.catalogue.domain.seasons import season_for, seasonal_order
from kiosk.settings import Settings, SettingsError


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 15), "winter"),
        (date(2026, 3, 1), None),
        (date(2026, 5, 20), "rain"),
        (date(2026, 7, 1), "summer"),
        (date(2026, 10, 8), None),
        (date(2026, 12, 31), "winter"),
    ],
)
def test_auto_goes_by_the_month(day: date, expected: str | None) -> None:
    assert season_for(day, "auto") == expected


def test_a_fixed_preset_or_off_ignores_the_date() -> None:
    assert season_for(date(2026, 1, 15), "rain") == "rain"
    assert season_for(date(2026, 7, 1), "off") is None


@dataclass(frozen=True)
class Item:
    id: str
    season: str | None


def test_the_preset_in_season_comes_first_in_configured_order() -> None:
    items = [Item("a", None), Item("b", "rain"), Item("c", "summer"), Item("d", "rain")]
    assert [i.id for i in seasonal_order(items, "rain")] == ["b", "d", "a", "c"]
    assert [i.id for i in seasonal_order(items, None)] == ["a", "b", "c", "d"]


def test_the_setting_is_checked() -> None:
    assert Settings(season="winter").season == "winter"
    with pytest.raises(SettingsError, match="season must be one of auto"):
        Settings(season="monsoon")  # type: ignore[arg-type]
