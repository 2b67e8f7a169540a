"""The kiosk is ready once the check-in works (#20): the other features' flows follow one per
turn of the event loop, and whatever needs one before then gets it made at once, with what
adds to it: a badge's check-out keeps its handover follow-up, a pickup code still goes to
charging, the red button's page still has its Roll call button.

Each test opens the real window on the demo data as the kiosk does (painted, then
`attach_services`) and acts before the event loop has had a turn, i.e. the moment the kiosk
says it is ready (the attach is in the test: pytest-qt turns the loop between a fixture and
its test)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NoReturn

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.settings import Settings
from kiosk.shell.bootstrap import build_window
from kiosk.shell.context import KioskServices, build_services
from kiosk.shell.main_window import MainWindow
from tests.kiosk_fixtures import badge, scan, tap

Kiosk = tuple[MainWindow, KioskServices]


@pytest.fixture
def painted(
    qtbot: QtBot, clock: FixedClock, settings_factory: Callable[..., Settings]
) -> Iterator[Kiosk]:
    """The window painted and the database open: `ready(painted)` attaches them."""
    services = build_services(settings_factory(), clock)
    window = build_window(
        services.settings, lambda: services.shifts.local_time(clock.now()), has_camera=lambda: False
    )
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    yield window, services
    window.allow_close()
    window.close()
    window.deleteLater()
    services.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def ready(kiosk: Kiosk) -> Kiosk:
    """What the kiosk does on its first paint: after this it says it is ready."""
    window, services = kiosk
    window.attach_services(services)
    return kiosk


def every_flow() -> set[str]:
    from kiosk.shell.bootstrap import feature_uis

    return {name for name, ui in feature_uis().items() if ui.flow is not None}


def test_ready_with_the_check_in_then_every_feature_follows(qtbot: QtBot, painted: Kiosk) -> None:
    window, services = ready(painted)
    assert set(window.flows) == {"admin", "shifts"}  # made before ready
    assert {"王芳", "李强"} <= set(window.home.board.visible_names())  # the board is filled
    assert not window.home.served.isVisible()  # people served: once every feature is there
    with qtbot.waitSignal(window.settled, timeout=30_000):
        pass
    assert set(window.flows) == every_flow()
    assert window.home.served.isVisible()
    assert window.home.served.text() == f"今日已服务 {services.uses.served_today()} 人次"


def test_a_badge_at_ready_checks_out_with_the_handover_follow_up(
    qtbot: QtBot, painted: Kiosk, clock: FixedClock
) -> None:
    window, services = ready(painted)
    token = badge(services, "FZB-0001", clock)  # 王芳, on duty since this morning
    scan(qtbot, window, token)
    assert window.current_page() is window.result
    assert window.result.headline.text().startswith("签退成功")
    follow = window.result.follow_button  # the handover feature's, made with the check-in's
    assert follow.isVisible() and follow.text() == "记录交接班"
    assert "FZB-0001" not in {d.volunteer.number for d in services.shifts.on_duty()}
    # Nothing a badge does not need was loaded for it.
    assert not {"charging", "lending", "medicine", "requests"} & set(window.flows)


@pytest.mark.parametrize(
    ("code", "feature", "said"),
    [
        ("SKC1.nosuchsession.12", "charging", "无法识别的取件码二维码，请在键盘上输入取件码"),
        ("SKT1.999999", "requests", "没有找到这个单号，请核对后重试"),
    ],
    ids=["pickup code", "ticket"],
)
def test_a_code_at_ready_reaches_its_feature_before_it_is_loaded(
    qtbot: QtBot, painted: Kiosk, code: str, feature: str, said: str
) -> None:
    window, _services = ready(painted)
    assert feature not in window.flows
    scan(qtbot, window, code)
    assert feature in window.flows
    assert window.current_page() is window.result
    assert window.result.headline.text() == said  # its feature's answer, not "not a badge"
    assert not {"charging", "requests"} - {feature} & set(window.flows)  # the other said no


def test_the_red_button_at_ready_opens_the_emergency_page_with_roll_call(
    qtbot: QtBot, painted: Kiosk
) -> None:
    window, services = ready(painted)
    assert "emergency" not in window.flows
    tap(qtbot, window.top_bar.emergency_button)
    page = window.flow("emergency").page  # type: ignore[attr-defined]
    assert window.current_page() is page
    assert services.emergency.open_alerts()  # recorded
    roll_call = page.findChild(QPushButton, "emergency_rollcall")  # the roll call feature's
    assert roll_call is not None and roll_call.isVisible()


def test_a_feature_whose_flow_fails_to_load_does_not_stop_the_others(
    qtbot: QtBot,
    painted: Kiosk,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import dataclasses
    import logging

    import kiosk.features.trains.ui as trains_ui

    def broken(navigator: object, services: object) -> NoReturn:
        raise RuntimeError("a defect in the trains' flow")

    monkeypatch.setattr(trains_ui, "KIOSK_UI", dataclasses.replace(trains_ui.KIOSK_UI, flow=broken))
    window, services = ready(painted)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(window.settled, timeout=30_000):
        pass
    assert "the trains feature's flow could not be made" in caplog.text
    assert "a defect in the trains' flow" in caplog.text  # with its traceback
    assert set(window.flows) == every_flow() - {"trains"}  # every other one is there
    assert window.home.served.text() == f"今日已服务 {services.uses.served_today()} 人次"
    water = next(t for t in window.home.tiles if t.item.id == "water")
    tap(qtbot, water)  # a tile still opens: the trains' flow, ranked before, is left out
    assert window.current_page() is window.flow("catalogue").detail  # type: ignore[attr-defined]
