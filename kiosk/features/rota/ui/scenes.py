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


def _volunteer(window: Navigator, number: str) -> Any:
    services: Any = _flow(window)._services
    return next(v for v in services.roster.all() if v.number == number)


def _swaps(window: Navigator, _demo: Mapping[str, str]) -> None:
    """李强's swap page: his own shift tomorrow (offered, taken by 黄建国, awaiting approval), a
    shift the day after, and 林志远's offered shift to take."""
    from datetime import timedelta

    from kiosk.features.admin.domain import AdminAccount, Role
    from kiosk.features.rota.service import ShiftForm

    flow = _flow(window)
    rota = flow._rota
    admin = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)
    li, lin, huang = (_volunteer(window, n) for n in ("FZB-0002", "FZB-0004", "FZB-0006"))
    if not rota.upcoming(li.id):
        today = rota.now().date()
        for number, offset in (("FZB-0002", 1), ("FZB-0002", 2), ("FZB-0004", 1)):
            day = (today + timedelta(days=offset)).isoformat()
            rota.add_shift(admin, ShiftForm(number, day, "14:00", "18:00"))
        first = rota.upcoming(li.id)[0]
        offer = rota.offer(li.id, first.rota_id, first.starts_at)
        rota.take(huang.id, offer.id)
        other = rota.upcoming(lin.id)[0]
        rota.offer(lin.id, other.rota_id, other.starts_at)
    flow.open_swaps(li.id, li.name)


def _admin_swaps(window: Navigator, demo: Mapping[str, str]) -> None:
    """The 今日值班 tab with the swap the page scene took, awaiting approval."""
    _admin_rota(window, demo)


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("rota_list", _list, after="handover_read"),
        Scene("rota_form", _form),
        Scene("admin_rota", _admin_rota),
        Scene("rota_swaps", _swaps),
        Scene("admin_rota_swaps", _admin_swaps),
    )
