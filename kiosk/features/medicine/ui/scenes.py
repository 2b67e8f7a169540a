"""The medicine box (the overview, who is on duty, dispensing, an expired lot refused,
restocking, the daily check) as screenshot scenes (`KIOSK_UI.scenes`, read by
tools/screenshots.py; nothing here runs in a kiosk). The runner's demo data has FZB-0001
checked out and FZB-0002 on duty."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, cast

from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.medicine.ui.flow import MedicineFlow

Stage = Callable[[Navigator, Mapping[str, str]], None]


def _flow(window: Navigator) -> MedicineFlow:
    return cast("MedicineFlow", window.flow("medicine"))


def _overview(window: Navigator, _demo: Mapping[str, str]) -> None:
    window.go_home()
    _flow(window).open()  # what its home tile opens


def _identify(action: str, phone: str = "13800000002") -> Stage:
    def show(window: Navigator, demo: Mapping[str, str]) -> None:
        _overview(window, demo)
        flow = _flow(window)
        {
            "dispense": flow.overview.dispense_button,
            "restock": flow.overview.restock_button,
            "check": flow.overview.check_button,
        }[action].click()
        for digit in phone:
            flow.phone.keypad.digit_buttons[digit].click()
        flow.phone.keypad.ok_button.click()
        for digit in demo["volunteer_pin"]:
            flow.pin.keypad.digit_buttons[digit].click()
        flow.pin.keypad.ok_button.click()

    return show


def _volunteer(window: Navigator, demo: Mapping[str, str]) -> None:
    _overview(window, demo)
    _flow(window).overview.dispense_button.click()


def _dispense(window: Navigator, demo: Mapping[str, str]) -> None:
    _identify("dispense")(window, demo)
    page = _flow(window).dispense
    page.items.buttons["plaster"].click()
    page.stepper.plus_button.click()
    page.reasons.buttons["cut_graze"].click()
    page.audiences.buttons["traveller"].click()


def _dispense_expired(window: Navigator, demo: Mapping[str, str]) -> None:
    _identify("dispense")(window, demo)
    page = _flow(window).dispense
    page.items.buttons["huoxiang"].click()
    page.lot_buttons["230110"].click()
    page.reasons.buttons["heat"].click()
    page.confirm_button.click()


def _restock(window: Navigator, demo: Mapping[str, str]) -> None:
    _identify("restock")(window, demo)
    page = _flow(window).restock
    page.items.buttons["gauze"].click()
    for field, digits in (("batch", "240518"), ("expiry", "202805"), ("quantity", "20")):
        page.fields.field_buttons[field].click()
        for digit in digits:
            page.fields.keypad.digit_buttons[digit].click()


def _daily_check(window: Navigator, demo: Mapping[str, str]) -> None:
    _identify("check")(window, demo)
    check = _flow(window).check
    check.box_button.click()
    check.lights.buttons["green"].click()


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("medicine", _overview, after="home_announcement"),
        Scene("medicine_volunteer", _volunteer),
        Scene("medicine_not_on_duty", _identify("dispense", "13800000001")),  # checked out
        Scene("medicine_dispense", _dispense),
        Scene("medicine_dispense_expired", _dispense_expired),
        Scene("medicine_restock", _restock),
        Scene("medicine_daily_check", _daily_check),
    )
