"""The rota pages as screenshot scenes (`KIOSK_UI.scenes`, read by tools/screenshots.py; nothing
here runs in a kiosk): the list with a line, the form being filled, the console's tab."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.rota.ui.flow import RotaFlow


def _flow(window: Navigator) -> RotaFlow:
    return cast("RotaFlow", window.flow("rota"))


def _list(window: Navigator, _demo: Mapping[str, str]) -> None:
    """The list with a weekly line, after the admin logged in (an earlier scene)."""
    flow = _flow(window)
    flow.open_list()
    if not flow.listing.entries:
        flow.listing.weekly_button.click()
        page = flow.form
        page.values.update({"weekday": "1", "starts": "09:00", "ends": "12:00"})
        page.keyboard.set_value("FZB-0001")  # typing into the number, the first field
        page.save_button.click()


def _form(window: Navigator, _demo: Mapping[str, str]) -> None:
    flow = _flow(window)
    flow.open_list()
    flow.listing.once_button.click()
    page = flow.form
    page.values.update({"number": "FZB-0002", "starts": "14:00"})
    page.field_buttons["ends"].click()
    page.keyboard.set_value("18:00")


def _admin_rota(window: Navigator, demo: Mapping[str, str]) -> None:
    """The console's On duty today tab, with the lines the list scene added (admin names no
    feature: reached by name)."""
    window.go_home()
    admin: Any = window.flow("admin")
    admin.log_in(demo["admin_pin"])
    admin.console.section_buttons["rota"].click()


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("rota_list", _list, after="handover_read"),
        Scene("rota_form", _form),
        Scene("admin_rota", _admin_rota),
    )
