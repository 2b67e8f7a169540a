"""A help request with a few words typed in pinyin on the touch keyboard: the traveller sees
them on the request, the volunteer reads them in the queue, and they are stored with it."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.core.errors import ValidationError
from kiosk.features.requests.store import RequestRow
from kiosk.platform.ime import default_engines
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import tap, type_pinyin, visible_text

Kiosk = tuple[MainWindow, KioskServices]


@pytest.mark.skipif(not default_engines().installed()["pinyin"], reason="librime is not installed")
def test_help_request_with_words_in_pinyin(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    flow = window.flow("requests")
    flow.open()
    tap(qtbot, flow.categories.tiles["luggage"])
    tap(qtbot, flow.details.field_buttons["text"])
    assert window.current_page() is flow.help_text
    keyboard = flow.help_text.keyboard
    type_pinyin(qtbot, keyboard, "liangge", "两个")
    type_pinyin(qtbot, keyboard, "xiangzi", "箱子")
    tap(qtbot, flow.help_text.ok_button)
    assert window.current_page() is flow.details
    assert "两个箱子" in flow.details.field_buttons["text"].text()
    with qtbot.wait_signal(window.data_changed, timeout=1000):
        tap(qtbot, flow.details.send_button)
    tap(qtbot, flow.ticket.done_button)
    tap(qtbot, window.home.queue_button)
    (view,) = flow.queue.views
    assert "「两个箱子」" in flow.queue.cards[view.id].details.text()
    assert "两个箱子" in visible_text(window)
    with services.database.read() as session:
        row = session.scalars(select(RequestRow)).one()  # stored sealed (docs/privacy.md)
        assert row.text == "" and row.sealed is not None
        assert (services.database.vault.open(session, row.sealed) or {})["text"] == "两个箱子"
    # The next traveller starts with nothing typed.
    window.go_home()
    flow.open()
    tap(qtbot, flow.categories.tiles["luggage"])
    assert "两个箱子" not in flow.details.field_buttons["text"].text()
    tap(qtbot, flow.details.field_buttons["text"])
    assert flow.help_text.keyboard.value == ""


def test_too_many_or_odd_words_are_refused_and_nothing_is_written(kiosk: Kiosk) -> None:
    _, services = kiosk
    for bad in ("字" * 61, "bell\x07"):
        with pytest.raises(ValidationError) as refused:
            services.requests.order("luggage", text=bad)
        assert refused.value.zh and refused.value.en
    with services.database.read() as session:
        assert session.scalars(select(RequestRow)).all() == []
    view = services.requests.order("luggage", text="  two   bags\n")
    assert view.text == "two bags"
