"""The home screen puts the services of the seasonal preset in season first and highlights
them, by the date of the injected clock or by the `season` setting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import visible_text

MakeWindow = Callable[..., tuple[MainWindow, KioskServices]]


def order(window: MainWindow) -> list[str]:
    return [tile.item.id for tile in window.home.tiles]


def highlighted(window: MainWindow) -> list[str]:
    return [tile.item.id for tile in window.home.tiles if tile.seasonal]


def test_rain_preset_puts_umbrellas_first(qtbot: QtBot, make_window: MakeWindow) -> None:
    window, _ = make_window(season="rain")
    assert order(window)[0] == "umbrella" and highlighted(window) == ["umbrella"]
    assert "当季推荐" in visible_text(window)
    assert window.home.tiles[0].isVisible()


def test_auto_follows_the_clock_and_turns_with_it(
    qtbot: QtBot, make_window: MakeWindow, clock: FixedClock
) -> None:
    clock.set(datetime(2026, 7, 10, 2, 0, tzinfo=UTC))
    window, services = make_window()
    assert order(window)[0] == "water" and highlighted(window) == ["water"]
    clock.set(datetime(2026, 12, 1, 2, 0, tzinfo=UTC))
    window.refresh_status()  # the periodic refresh notices the new season
    assert order(window)[0] == "rest" and highlighted(window) == ["rest"]
    assert len(order(window)) == len(services.catalogue)  # reordered, nothing lost
    clock.set(datetime(2026, 10, 1, 2, 0, tzinfo=UTC))
    window.refresh_status()
    assert order(window) == [item.id for item in services.catalogue]
    assert highlighted(window) == []


def test_off_keeps_the_configured_order(
    qtbot: QtBot, make_window: MakeWindow, clock: FixedClock
) -> None:
    clock.set(datetime(2026, 7, 10, 2, 0, tzinfo=UTC))
    window, services = make_window(season="off")
    assert order(window) == [item.id for item in services.catalogue]
    assert highlighted(window) == [] and "当季推荐" not in visible_text(window)
