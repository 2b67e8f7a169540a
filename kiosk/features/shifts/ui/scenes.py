"""The first PIN with the centre's setup code (phone, code, the PIN) as screenshot scenes
(`KIOSK_UI.scenes`, read by tools/screenshots.py; nothing here runs in a kiosk)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.shifts.ui.flow import ClockingFlow


def _flow(window: Navigator) -> ClockingFlow:
    return cast("ClockingFlow", window.flow("shifts"))


def _phone(window: Navigator, demo: Mapping[str, str]) -> None:
    window.go_home()
    flow = _flow(window)
    flow.ask_setup_phone()
    for digit in "1396666":
        flow.setup_phone.keypad.digit_buttons[digit].click()


def _code(window: Navigator, demo: Mapping[str, str]) -> None:
    _phone(window, demo)
    flow = _flow(window)
    for digit in "0001":
        flow.setup_phone.keypad.digit_buttons[digit].click()
    flow.setup_phone.keypad.ok_button.click()
    for digit in "481516":
        flow.setup_code.keypad.digit_buttons[digit].click()


def _pin(window: Navigator, demo: Mapping[str, str]) -> None:
    _code(window, demo)
    flow = _flow(window)
    for digit in "23":
        flow.setup_code.keypad.digit_buttons[digit].click()
    flow.setup_code.keypad.ok_button.click()
    for digit in "25":
        flow.new_pin.keypad.digit_buttons[digit].click()


def _done(window: Navigator, demo: Mapping[str, str]) -> None:
    from kiosk.core.results import VolunteerInfo
    from kiosk.features.shifts.ui.outcomes import pin_chosen

    window.go_home()
    who = VolunteerInfo("v-demo", "周小雨", "FZB-0101", "139****0001", True)
    window.show_outcome(pin_chosen(who))


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("setup_phone", _phone, after="pin_wrong"),
        Scene("setup_code", _code),
        Scene("setup_pin", _pin),
        Scene("setup_done", _done),
    )
