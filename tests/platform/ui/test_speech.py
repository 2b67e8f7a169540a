"""Spoken guidance as a low-vision traveller meets it: a Read aloud button on every page that
says the page's title (and a pickup code digit by digit) through a real speech-dispatcher with
espeak-ng, in Mandarin or English; in large type the tapped item and the page it opens are said
by themselves; without a speech engine the button is not there and nothing fails."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.platform.ui.speech import page_text, speakable, spell
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.charging.test_charging import start_charging
from tests.kiosk_fixtures import tap

Kiosk = tuple[MainWindow, KioskServices]
OPEN_S = 20  # speech-dispatcher lists ~1,500 voices on first connect


def test_codes_are_read_digit_by_digit_in_either_language() -> None:
    assert spell("482 193", "zh") == "四 八 二 一 九 三"
    assert spell("4821", "en") == "four eight two one"
    assert speakable("您的取件码 <b>305 017</b>", "zh") == "您的取件码 三 零 五 零 一 七"
    # Short numbers (a count, a time) stay numbers.
    assert speakable("剩 3 把伞，14:30 开放", "zh") == "剩 3 把伞，14:30 开放"


@pytest.fixture
def speaking_kiosk(
    make_window: Callable[..., Kiosk],
    speech_server: str,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> Kiosk:
    monkeypatch.setenv("SPEECHD_ADDRESS", speech_server)
    window, services = make_window(speech_engine="speechd")
    window.start_speech()
    qtbot.waitUntil(window.top_bar.read_aloud_button.isVisible, timeout=OPEN_S * 1000)
    return window, services


def read_aloud(qtbot: QtBot, window: MainWindow) -> str:
    """Tap Read aloud; what the engine took to say."""
    assert window.speaker is not None
    with qtbot.waitSignal(window.speaker.speaking, timeout=10_000) as said:
        tap(qtbot, window.top_bar.read_aloud_button)
    return str(said.args[0])


def test_read_aloud_says_each_page_and_the_pickup_code(qtbot: QtBot, speaking_kiosk: Kiosk) -> None:
    window, _ = speaking_kiosk
    assert window.speaker is not None
    engine_thread = window.speaker._engine.thread()
    assert engine_thread is not QApplication.instance().thread()  # type: ignore[union-attr]

    home = read_aloud(qtbot, window)
    assert home.startswith("我们能为您做什么？。")
    assert "手机充电" in home and "饮水" in home  # the services a person can tap

    code = start_charging(qtbot, window, "3")
    said = read_aloud(qtbot, window)
    assert spell(code, "zh") in said and code[:3] not in said
    assert "取件码" in said

    tap(qtbot, window.top_bar.language_button)
    caption = window.flow("charging").code.code_caption
    qtbot.waitUntil(lambda: caption.text() == "Your pickup code")  # the page retranslated
    said = read_aloud(qtbot, window)
    assert spell(code, "en") in said and "pickup code" in said.lower()

    window.go_home()
    assert read_aloud(qtbot, window).startswith("How can we help?. ")


def test_large_type_says_the_chosen_tile_then_its_page(qtbot: QtBot, speaking_kiosk: Kiosk) -> None:
    window, _ = speaking_kiosk
    assert window.speaker is not None
    tap(qtbot, window.top_bar.large_type_button)
    tile = next(t for t in window.home.tiles if t.item.id == "phone_charging")
    heard: list[str] = []
    window.speaker.speaking.connect(heard.append)
    tap(qtbot, tile)
    page = window.flow("charging").picker
    assert window.current_page() is page
    qtbot.waitUntil(lambda: len(heard) >= 2, timeout=15_000)
    assert heard[0] == tile.name_label.text()
    assert heard[1] == page_text(page, "zh") and heard[1]


def test_without_a_speech_engine_there_is_no_button_and_taps_still_work(
    qtbot: QtBot, make_window: Callable[..., Kiosk]
) -> None:
    window, _ = make_window(speech_engine="no-such-engine")
    with qtbot.waitSignal(window.speech_availability, timeout=10_000) as opened:
        window.start_speech()
    assert opened.args == [False]
    assert not window.top_bar.read_aloud_button.isVisible()
    tap(qtbot, window.top_bar.large_type_button)
    start_charging(qtbot, window, "3")  # nothing waits for speech
