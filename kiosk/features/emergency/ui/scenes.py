"""The emergency button's page, its banner, a volunteer attending, the first-aid record and
the admin's safety section, as screenshot scenes (`KIOSK_UI.scenes`, read by
tools/screenshots.py; nothing here runs in a kiosk). The last one acknowledges every alert, so
the next language's pass starts with none."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.emergency.ui.flow import EmergencyFlow


def _flow(window: Navigator) -> EmergencyFlow:
    return cast("EmergencyFlow", window.flow("emergency"))


def _emergency(window: Navigator, _demo: Mapping[str, str]) -> None:
    window.go_home()
    _flow(window).raise_here()  # what the top bar's button does


def _banner(window: Navigator, demo: Mapping[str, str]) -> None:
    _emergency(window, demo)
    window.go_home()


def _attending(window: Navigator, demo: Mapping[str, str]) -> None:
    _emergency(window, demo)
    _flow(window).page.ack_button.click()


def _type(keypad: Any, digits: str) -> None:
    for digit in digits:
        keypad.digit_buttons[digit].click()
    keypad.ok_button.click()


def _pin_alone(window: Navigator, demo: Mapping[str, str]) -> None:
    """A PIN typed alone on the "I am attending" keypad: refused, saying what to do."""
    _attending(window, demo)
    _type(_flow(window).attend_phone.keypad, demo["volunteer_pin"])


def _attending_pin(window: Navigator, demo: Mapping[str, str]) -> None:
    """The phone typed: now the PIN (the phone picks the person)."""
    _attending(window, demo)
    _type(_flow(window).attend_phone.keypad, demo["volunteer_phone"])


def _incident(window: Navigator, demo: Mapping[str, str]) -> None:
    _attending_pin(window, demo)
    flow = _flow(window)
    _type(flow.attend_pin.keypad, demo["volunteer_pin"])
    flow.page.incident_button.click()
    form = flow.incident
    for group, value in (
        (form.place, "waiting_hall"),
        (form.what, "fainting"),
        (form.aed_used, "no"),
        (form.called_120, "yes"),
        (form.outcome, "hospital"),
        (form.first_aid, "recovery_position"),
    ):
        group.buttons[value].click()


def _incident_note(window: Navigator, demo: Mapping[str, str]) -> None:
    """The incident form's note typed in pinyin, the candidates showing."""
    from PySide6.QtWidgets import QApplication

    from kiosk.platform.ui.widgets.touch_keyboard import PINYIN

    _incident(window, demo)
    form: Any = cast(Any, window.flow("emergency")).incident
    form.note_button.click()
    keyboard = form.note_keyboard
    if PINYIN in keyboard.mode_buttons and keyboard.mode != PINYIN:
        keyboard.mode_buttons[PINYIN].click()
    for letter in "louti":
        keyboard.keys[letter].click()
    for _ in range(3):
        QApplication.processEvents()
    form.scroll_area.ensureWidgetVisible(keyboard)


def _admin_safety(window: Navigator, demo: Mapping[str, str]) -> Any:
    """The admin console's safety section (admin names no feature: reached by name)."""
    _emergency(window, demo)
    window.go_home()
    admin: Any = window.flow("admin")
    admin.log_in(demo["admin_pin"])
    admin.console.section_buttons["safety"].click()
    return admin


def _admin_acknowledged(window: Navigator, demo: Mapping[str, str]) -> None:
    _admin_safety(window, demo)
    for _, ack in list(_flow(window).safety.emergency_rows):
        ack.click()


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("emergency", _emergency, after="medicine_daily_check"),
        Scene("emergency_banner", _banner),
        Scene("emergency_attending", _attending),
        Scene("emergency_pin_alone", _pin_alone),
        Scene("emergency_attending_pin", _attending_pin),
        Scene("incident", _incident),
        Scene("incident_note", _incident_note),
        Scene("admin_safety", _admin_safety),
        Scene("admin_acknowledged", _admin_acknowledged),  # clears the alert for the next pass
    )
