"""Screenshot scenes of the pages that print (`KIOSK_UI.scenes`, read by tools/screenshots.py;
nothing here runs in a kiosk). The first sets a printer through the admin's settings page, as
an admin would, so the pages after it offer "Print"; printing itself is not attempted (there
is no printer behind the screenshots), its outcomes are shown on the bar."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.features.printing.service import PrinterUnavailable
from kiosk.platform.ui.navigator import Navigator, Scene

PRINTER = "net:192.168.1.50:9100"


def _settings(window: Navigator, demo: Mapping[str, str]) -> None:
    admin: Any = window.flow("admin")
    admin.log_in(demo["admin_pin"])
    admin.console.settings_button.click()
    admin.settings_page.change_buttons["printer"].click()
    entry = admin.text_entry
    for _ in range(len(entry.value)):
        entry.backspace_button.click()
    for ch in PRINTER:
        entry.key_buttons[ch].click()
    entry.ok_button.click()
    page = admin.settings_page
    page.notice.show_message(
        f"测试页已打印（{PRINTER}）", f"Test slip printed ({PRINTER})", page.lang, "success"
    )


_started: list[Any] = []  # the one charging ticket the scenes show (slots are few)


def _charging_code(window: Navigator) -> Any:
    charging: Any = window.flow("charging")
    if not _started:
        charging.open("start")
        free = [b for b in charging.picker.slot_buttons.values() if b.isEnabled()]
        free[0].click()
        charging.confirm.confirm_button.click()
        _started.append(charging.code.ticket)
    else:
        charging.code.show_ticket(_started[0])
        charging.code.print_bar.offer(True)
        window.show_page(charging.code)
    return charging.code


def _charging_printed(window: Navigator, _demo: Mapping[str, str]) -> None:
    _charging_code(window).print_bar.printed()


def _charging_unavailable(window: Navigator, _demo: Mapping[str, str]) -> None:
    error = PrinterUnavailable()
    _charging_code(window).print_bar.failed(error.zh, error.en)


def _request_ticket(window: Navigator, _demo: Mapping[str, str]) -> None:
    requests: Any = window.flow("requests")
    page = requests.ticket
    page.show_ticket("request", "735102", "https://hub.example.cn/t/735102", "139****5678")
    page.print_bar.offer(True)
    page.print_bar.printing()
    window.show_page(page)


def _badge(window: Navigator, demo: Mapping[str, str]) -> None:
    admin: Any = window.flow("admin")
    admin.log_in(demo["admin_pin"])
    admin.console.tool_buttons["volunteers"].click()
    volunteers: Any = window.flow("volunteers")  # printing names no feature: reached by name
    volunteers.volunteers.table.selectRow(1)
    volunteers.volunteers.action_buttons["badge"].click()


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("print_settings", _settings),
        Scene("print_charging_printed", _charging_printed),
        Scene("print_charging_unavailable", _charging_unavailable),
        Scene("print_request_ticket", _request_ticket),
        Scene("print_badge", _badge),
    )
