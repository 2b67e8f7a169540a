"""The lending pages (an item, the empty shelf, a phone, a volunteer's approval) and the
admin's lending section, as screenshot scenes (`KIOSK_UI.scenes`, read by
tools/screenshots.py; nothing here runs in a kiosk). The runner's demo data has every umbrella
lent."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.lending.ui.flow import LendingFlow

Stage = Callable[[Navigator, Mapping[str, str]], None]


def _flow(window: Navigator) -> LendingFlow:
    return cast("LendingFlow", window.flow("lending"))


def _open(service_id: str) -> Stage:
    def show(window: Navigator, _demo: Mapping[str, str]) -> None:
        window.go_home()
        _flow(window).open(service_id)

    return show


def _empty(window: Navigator, demo: Mapping[str, str]) -> None:
    _open("umbrella")(window, demo)
    _flow(window).page.borrow_phone_button.click()  # nothing left: refused on the page


def _phone(window: Navigator, demo: Mapping[str, str]) -> None:
    _open("power_bank")(window, demo)
    flow = _flow(window)
    flow.page.borrow_phone_button.click()
    for digit in "1381234":
        flow.phone.keypad.digit_buttons[digit].click()


def _approval(window: Navigator, demo: Mapping[str, str]) -> None:
    _open("books")(window, demo)
    _flow(window).page.borrow_volunteer_button.click()


def _approval_pin(window: Navigator, demo: Mapping[str, str]) -> None:
    _approval(window, demo)
    approver = _flow(window).approver
    for digit in "13800000002":
        approver.keypad.digit_buttons[digit].click()
    approver.keypad.ok_button.click()


def _admin(window: Navigator, demo: Mapping[str, str]) -> None:
    """The admin console's lending section (admin names no feature: reached by name)."""
    window.go_home()
    admin: Any = window.flow("admin")
    admin.log_in(demo["admin_pin"])
    admin.console.section_buttons["lending"].click()
    _flow(window).lending_panel.rows[0][2].click()


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("lending_books", _open("books"), after="home_lending"),
        Scene("lending_wheelchair", _open("assistance")),  # lends and orders help
        Scene("lending_empty", _empty),
        Scene("lending_phone", _phone),
        Scene("lending_approval", _approval),
        Scene("lending_approval_pin", _approval_pin),
        Scene("admin_lending", _admin),
    )
