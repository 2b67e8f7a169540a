"""The charging pages (start, confirm, code, collect, a wrong code, a locked slot) and the
admin's charging section, as screenshot scenes (`KIOSK_UI.scenes`, read by
tools/screenshots.py; nothing here runs in a kiosk). The runner's demo data has phones in
slots 1, 2 and 7 (7 locked after wrong codes)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

from kiosk.core.errors import ValidationError
from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.charging.ui.flow import ChargingFlow

Stage = Callable[[Navigator, Mapping[str, str]], None]


def _flow(window: Navigator) -> ChargingFlow:
    return cast("ChargingFlow", window.flow("charging"))


def _open(mode: str) -> Stage:
    def show(window: Navigator, _demo: Mapping[str, str]) -> None:
        window.go_home()
        _flow(window).open(mode)

    return show


def _confirm(window: Navigator, demo: Mapping[str, str]) -> None:
    _open("start")(window, demo)
    free = [b for b in _flow(window).picker.slot_buttons.values() if b.isEnabled()]
    free[0].click()  # each language's pass takes the next free slot


def _code(window: Navigator, demo: Mapping[str, str]) -> None:
    _confirm(window, demo)
    _flow(window).confirm.confirm_button.click()


def _wrong_code(window: Navigator, demo: Mapping[str, str]) -> None:
    _open("collect")(window, demo)
    flow = _flow(window)
    flow.picker.slot_buttons["2"].click()
    for digit in "1234":
        flow.entry.keypad.digit_buttons[digit].click()
    flow.entry.show_error(
        ValidationError("取件码不正确，还可尝试 3 次", "Wrong pickup code: 3 tries left")
    )


def _unlock(window: Navigator, demo: Mapping[str, str]) -> None:
    _open("collect")(window, demo)
    _flow(window).picker.slot_buttons["7"].click()


def _admin(window: Navigator, demo: Mapping[str, str]) -> None:
    """The admin console's charging section (admin names no feature: reached by name)."""
    window.go_home()
    admin: Any = window.flow("admin")
    admin.log_in(demo["admin_pin"])
    admin.console.section_buttons["charging"].click()
    _flow(window).sessions_panel.rows[0][1].click()


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("charging_start", _open("start"), after="admin_settings"),
        Scene("charging_confirm", _confirm),
        Scene("charging_code", _code),
        Scene("charging_collect", _open("collect")),
        Scene("charging_wrong_code", _wrong_code),
        Scene("charging_unlock", _unlock),
        Scene("admin_charging", _admin),
    )
