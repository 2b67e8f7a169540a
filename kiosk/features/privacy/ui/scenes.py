"""The erasure pages as screenshot scenes (`KIOSK_UI.scenes`, read by tools/screenshots.py;
nothing here runs in a kiosk): the console's Personal data tab, the number typed, what will be
erased, and done (staged)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.privacy.ui.flow import PrivacyFlow


def _flow(window: Navigator) -> PrivacyFlow:
    return cast("PrivacyFlow", window.flow("privacy"))


def _ticket(window: Navigator, demo: Mapping[str, str]) -> str:
    """The demo's request with a phone (the screenshot tool's `late` one), read through the
    kiosk's services bundle."""
    services: Any = _flow(window).services
    return str(services.requests.get(demo["late"]).ticket)


def _tab(window: Navigator, demo: Mapping[str, str]) -> None:
    window.go_home()
    admin: Any = window.flow("admin")
    admin.log_in(demo["admin_pin"])
    admin.console.section_buttons["privacy"].click()


def _number(window: Navigator, demo: Mapping[str, str]) -> None:
    _tab(window, demo)
    flow = _flow(window)
    flow.open_erase()
    for digit in _ticket(window, demo):
        flow.ticket_page.keypad.digit_buttons[digit].click()


def _confirm(window: Navigator, demo: Mapping[str, str]) -> None:
    _number(window, demo)
    _flow(window).ticket_page.keypad.ok_button.click()


def _done(window: Navigator, demo: Mapping[str, str]) -> None:
    """Staged, not erased: the scenes run once per language over one database."""
    _tab(window, demo)
    flow = _flow(window)
    flow.open_erase()
    flow.ticket_page.show_done(_ticket(window, demo))


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("admin_privacy", _tab, after="wish_answer"),
        Scene("privacy_erase_ticket", _number),
        Scene("privacy_erase_confirm", _confirm),
        Scene("privacy_erased", _done),
    )
