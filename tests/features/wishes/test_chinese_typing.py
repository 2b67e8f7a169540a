"""Chinese on the kiosk's touch keyboard, as a traveller types it: a wish written "谢谢志愿者" in
pinyin by tapping keys and candidates, and "水" drawn stroke by stroke on the handwriting pad;
what is stored is what was typed. The scanner still works with the keyboard open."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.platform import ime
from kiosk.platform.ime import default_engines
from kiosk.platform.ui.widgets.handwriting_pad import HandwritingPad
from kiosk.platform.ui.widgets.touch_keyboard import HANDWRITING, PINYIN, TouchKeyboard
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import DEMO_ADMIN_PIN, login
from tests.kiosk_fixtures import scan, tap, type_digits, type_pinyin, visible_text

Kiosk = tuple[MainWindow, KioskServices]

needs_pinyin = pytest.mark.skipif(
    not default_engines().installed()["pinyin"], reason="librime is not installed (make system)"
)
needs_handwriting = pytest.mark.skipif(
    not default_engines().installed()["handwriting"], reason="zinnia is not installed (make system)"
)


def open_wish(qtbot: QtBot, window: MainWindow) -> TouchKeyboard:
    flow = window.flow("wishes")
    tap(qtbot, next(t for t in window.home.tiles if t.item.id == "wishes"))
    tap(qtbot, flow.categories.tiles["suggestion"])
    assert window.current_page() is flow.text
    keyboard: TouchKeyboard = flow.text.keyboard
    return keyboard


def stored_wish(services: KioskServices) -> str:
    (wish,) = services.wishes.open_wishes()  # the text is stored sealed (docs/privacy.md)
    return wish.text


@needs_pinyin
def test_wish_typed_in_pinyin(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    keyboard = open_wish(qtbot, window)
    assert keyboard.mode == PINYIN  # a Chinese screen starts in pinyin
    for letter in "xiexie":
        tap(qtbot, keyboard.keys[letter])
    assert keyboard.composing == "xie xie" and keyboard.candidates[0] == "谢谢"
    assert "谢谢" in visible_text(window)  # the candidate bar, on screen
    tap(qtbot, keyboard.candidate_buttons[0])
    assert keyboard.value == "谢谢" and not keyboard.composing
    type_pinyin(qtbot, keyboard, "zhiyuanzhe", "志愿者")
    assert keyboard.value == "谢谢志愿者"
    assert "谢谢志愿者" in keyboard.display.text()
    with qtbot.wait_signal(window.data_changed, timeout=2000):
        tap(qtbot, window.flow("wishes").text.send_button)
    assert "已收到您的诉求" in visible_text(window)
    assert stored_wish(services) == "谢谢志愿者"
    # The scanner still works with the keyboard open and pinyin half typed.
    ticket = window.flow("wishes").ticket.ticket
    tap(qtbot, window.flow("wishes").ticket.done_button)
    keyboard = open_wish(qtbot, window)
    for letter in "xie":
        tap(qtbot, keyboard.keys[letter])
    scan(qtbot, window, f"https://hub.example/t/{services.settings.station_id}/{ticket}")
    qtbot.waitUntil(lambda: window.current_page() is window.flow("requests").status)
    assert "已收到" in visible_text(window)
    assert keyboard.composing == "xie" and keyboard.value == ""  # the scan did not type into it


@needs_pinyin
def test_pinyin_backspace_paging_and_punctuation(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    keyboard = open_wish(qtbot, window)
    for letter in "shui":
        tap(qtbot, keyboard.keys[letter])
    first_page = keyboard.candidates
    tap(qtbot, keyboard.next_page_button)
    assert keyboard.candidates and keyboard.candidates != first_page
    tap(qtbot, keyboard.prev_page_button)
    assert keyboard.candidates == first_page
    tap(qtbot, keyboard.backspace_button)  # takes back a letter of the pinyin, not the text
    assert keyboard.composing == "shu" and keyboard.value == ""
    tap(qtbot, keyboard.space_button)  # the first candidate
    tap(qtbot, keyboard.keys["?"])
    assert len(keyboard.value) == 2 and keyboard.value.endswith("？")
    tap(qtbot, keyboard.mode_buttons["latin"])
    tap(qtbot, keyboard.keys["o"])
    tap(qtbot, keyboard.keys["k"])
    assert keyboard.value.endswith("？ok")
    keyboard.set_max_length(len(keyboard.value) + 1)
    tap(qtbot, keyboard.mode_buttons["pinyin"])
    type_pinyin(qtbot, keyboard, "nihao", "你好")
    assert keyboard.value.endswith("ok你")  # the limit holds for Chinese too


def draw(qtbot: QtBot, pad: HandwritingPad, strokes: list[list[tuple[float, float]]]) -> None:
    """A finger on the pad: press, move through the points, lift, for each stroke."""
    box = pad.square()
    for stroke in strokes:
        points = [
            box.topLeft() + QPoint(round(x * box.width()), round(y * box.width()))
            for x, y in stroke
        ]
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
        for start, end in itertools.pairwise(points):
            for step in range(1, 9):  # a finger moves through the points in between
                QTest.mouseMove(pad, start + (end - start) * step / 8)
        QTest.mouseRelease(
            pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1]
        )


# 水 as drawn on a 1 × 1 pad. Tegaki's model ranks 水 first when the left 横撇 comes before the
# middle 竖钩 (with the 竖钩 first it offers 小), so the test writes it that way.
WATER = [
    [(0.15, 0.35), (0.38, 0.35), (0.12, 0.75)],
    [(0.50, 0.10), (0.50, 0.88), (0.43, 0.82)],
    [(0.80, 0.25), (0.58, 0.45)],
    [(0.58, 0.45), (0.88, 0.85)],
]


@needs_handwriting
def test_wish_written_by_hand(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    keyboard = open_wish(qtbot, window)
    tap(qtbot, keyboard.mode_buttons[HANDWRITING])
    assert keyboard.pad.isVisible() and not keyboard.keys["q"].isVisible()
    draw(qtbot, keyboard.pad, WATER)
    assert len(keyboard.pad.strokes) == 4
    assert "水" in keyboard.candidates[:3], keyboard.candidates
    tap(qtbot, keyboard.candidate_buttons[keyboard.candidates.index("水")])
    assert keyboard.value == "水" and keyboard.pad.strokes == []
    with qtbot.wait_signal(window.data_changed, timeout=2000):
        tap(qtbot, window.flow("wishes").text.send_button)
    assert stored_wish(services) == "水"


@needs_pinyin
def test_volunteer_name_typed_in_pinyin(qtbot: QtBot, kiosk: Kiosk) -> None:
    """The admin adds 王芳 by pinyin, not "Wang Fang": the roster and the badge carry 王芳."""
    window, services = kiosk
    flow = window.flow("admin")
    login(qtbot, window, DEMO_ADMIN_PIN)
    tap(qtbot, flow.console.tool_buttons["volunteers"])
    tap(qtbot, window.flow("volunteers").volunteers.add_button)
    page = window.flow("volunteers").text_entry
    assert page.keyboard.isVisible() and not page.latin_keys.isVisible()
    type_pinyin(qtbot, page.keyboard, "wangfang", "王芳")
    tap(qtbot, page.ok_button)
    assert page.latin_keys.isVisible()  # the volunteer number: Latin keys only
    for key in "n7":
        tap(qtbot, page.key_buttons[key])
    tap(qtbot, page.ok_button)
    type_digits(qtbot, window.flow("volunteers").phone_entry, "13800000077")
    tap(qtbot, window.flow("volunteers").phone_entry.keypad.ok_button)
    type_digits(qtbot, window.flow("volunteers").pin_entry, "5678")
    tap(qtbot, window.flow("volunteers").pin_entry.keypad.ok_button)
    assert "已添加 王芳" in visible_text(window)
    assert [v.name for v in services.roster.all() if v.number == "n7"] == ["王芳"]


def test_kiosk_without_engines_keeps_a_latin_keyboard(
    qtbot: QtBot,
    make_window: Callable[..., Kiosk],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A machine without librime and Zinnia: the kiosk starts, the keyboard is Latin only, and
    the log says what to install."""
    monkeypatch.setattr(ime, "RIME_LIBRARY", "librime-not-installed.so.1")
    monkeypatch.setattr(ime, "ZINNIA_MODEL", Path("/nonexistent/handwriting-zh_CN.model"))
    window, services = make_window()
    with caplog.at_level(logging.WARNING, logger="kiosk.platform.ime"):
        keyboard = open_wish(qtbot, window)
    assert keyboard.modes == ("latin",) and keyboard.mode_buttons == {}
    assert not keyboard.candidate_bar.isVisible()
    logged = caplog.text
    assert "pinyin input unavailable" in logged and "handwriting input unavailable" in logged
    assert "apt-get install librime1" in logged
    for letter in "xie":
        tap(qtbot, keyboard.keys[letter])
    with qtbot.wait_signal(window.data_changed, timeout=2000):
        tap(qtbot, window.flow("wishes").text.send_button)
    assert stored_wish(services) == "xie"


@needs_pinyin
def test_an_english_screen_opens_the_keyboard_in_abc(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, _ = kiosk
    tap(qtbot, window.top_bar.language_button)
    keyboard = open_wish(qtbot, window)
    assert keyboard.mode == "latin" and keyboard.mode_buttons["latin"].isChecked()
    assert [b.text() for b in keyboard.mode_buttons.values()] == ["Pinyin", "Write", "ABC"]
    for letter in "hi":
        tap(qtbot, keyboard.keys[letter])
    assert keyboard.value == "hi" and keyboard.candidates == ()
