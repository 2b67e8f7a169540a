"""UI fixtures: the real window over a real SQLite kiosk (demo roster) with a fixed clock."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.platform.ui.widgets.touch_keyboard import LATIN, PINYIN, TouchKeyboard
from kiosk.settings import Settings
from kiosk.shell.bootstrap import build_window
from kiosk.shell.context import KioskServices, build_services
from kiosk.shell.demo import seed_demo
from kiosk.shell.main_window import MainWindow
from tests.conftest import START


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kiosk seeded once with the demo roster (8 volunteers, 3 on duty, admin PIN)."""
    folder = tmp_path_factory.mktemp("demo")
    services = build_services(Settings(data_dir=folder), FixedClock(START))
    seed_demo(services)
    services.close()
    return folder


@pytest.fixture
def settings_factory(tmp_path: Path, demo_template: Path) -> Callable[..., Settings]:
    def make(template: Path | None = None, **overrides: object) -> Settings:
        data_dir = tmp_path / "kiosk"
        shutil.copytree(template or demo_template, data_dir)
        return Settings(data_dir=data_dir, **overrides)  # type: ignore[arg-type]

    return make


@pytest.fixture
def make_window(
    qtbot: QtBot, clock: FixedClock, settings_factory: Callable[..., Settings]
) -> Iterator[Callable[..., tuple[MainWindow, KioskServices]]]:
    opened: list[tuple[MainWindow, KioskServices]] = []

    def make(template: Path | None = None, **overrides: object) -> tuple[MainWindow, KioskServices]:
        settings = settings_factory(template, **overrides)
        services = build_services(settings, clock)
        window = build_window(
            settings,
            lambda: services.shifts.local_time(clock.now()),
            has_camera=lambda: False,
        )
        window.resize(1920, 1080)
        window.show()
        qtbot.waitExposed(window)
        # As at a real start: ready, then the other flows one per turn of the event loop.
        with qtbot.waitSignal(window.settled, timeout=30_000):
            window.attach_services(services)
        opened.append((window, services))
        return window, services

    yield make
    for window, services in opened:
        window.allow_close()
        window.close()
        window.deleteLater()
        services.close()
    # Delete now, not at some later event loop: a window left alive keeps its app-wide event
    # filters and translator, and slows every stylesheet change of the next test.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


@pytest.fixture
def kiosk(
    make_window: Callable[..., tuple[MainWindow, KioskServices]],
) -> tuple[MainWindow, KioskServices]:
    return make_window()


_stamp_ms = [10_000_000]


def type_keys(window: QObject, text: str, gap_ms: int, enter: bool = True) -> None:
    """Key presses stamped `gap_ms` apart, as the windowing system stamps real ones, so timing
    is what the test says whatever the load on the machine."""
    from PySide6.QtGui import QKeyEvent

    events = [(Qt.Key.Key_unknown, ch) for ch in text]
    if enter:
        events.append((Qt.Key.Key_Return, "\r"))
    for key, ch in events:
        _stamp_ms[0] += gap_ms
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
        event.setTimestamp(_stamp_ms[0])
        QApplication.sendEvent(window, event)
    _stamp_ms[0] += 1000  # the next burst starts well apart


def scan(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """What a USB scanner does: the text typed 5 ms a key into whatever has focus, then Enter."""
    type_keys(window, text, gap_ms=5)


def tap(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible(), f"{widget} is not on screen"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_latin(qtbot: QtBot, keyboard: TouchKeyboard, text: str) -> None:
    """Tap `text` in English (ABC) on the touch keyboard: Shift before a capital."""
    if keyboard.mode != LATIN:
        tap(qtbot, keyboard.mode_buttons[LATIN])
    for char in text:
        if char == " ":
            tap(qtbot, keyboard.space_button)
            continue
        if char.isupper():
            tap(qtbot, keyboard.shift_button)
        tap(qtbot, keyboard.keys[char.lower()])


def type_pinyin(qtbot: QtBot, keyboard: TouchKeyboard, pinyin: str, candidate: str) -> None:
    """Tap the pinyin letters, then the candidate that reads `candidate`."""
    if keyboard.mode != PINYIN:
        tap(qtbot, keyboard.mode_buttons[PINYIN])
    for letter in pinyin:
        tap(qtbot, keyboard.keys[letter])
    assert candidate in keyboard.candidates, keyboard.candidates
    tap(qtbot, keyboard.candidate_buttons[keyboard.candidates.index(candidate)])


def type_digits(qtbot: QtBot, keypad_owner: object, digits: str) -> None:
    keypad = getattr(keypad_owner, "keypad")  # noqa: B009
    for digit in digits:
        tap(qtbot, keypad.digit_buttons[digit])


def visible_text(window: QWidget) -> str:
    """Every text a person can see on the window right now, joined."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    parts = [
        w.text()
        for w in window.findChildren(QWidget)
        if isinstance(w, QLabel | QAbstractButton) and w.isVisible() and w.text()
    ]
    return "\n".join(parts)


def volunteer_id(services: KioskServices, number: str) -> str:
    return next(v.id for v in services.roster.all() if v.number == number)


def badge(services: KioskServices, number: str, clock: FixedClock) -> str:
    """A new serial badge for the volunteer (their earlier one stops working)."""
    from kiosk.features.volunteers.service.serials import BadgeService

    return services.get(BadgeService).issue(volunteer_id(services, number)).token


def app() -> QApplication:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    return instance
