"""The handover pages as screenshot scenes (`KIOSK_UI.scenes`, read by tools/screenshots.py;
nothing here runs in a kiosk): the record with one count changed and its reason, and the page
the next volunteer reads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.handover.ui.flow import HandoverFlow


def _flow(window: Navigator) -> HandoverFlow:
    return cast("HandoverFlow", window.flow("handover"))


def _wang(window: Navigator) -> Any:
    services: Any = _flow(window)._services
    return next(v for v in services.roster.all() if v.number == "FZB-0001")


def _record(window: Navigator, _demo: Mapping[str, str]) -> None:
    flow = _flow(window)
    wang = _wang(window)
    flow.open_record(wang.id, wang.name)
    page = flow.record
    page.minus_first()
    page.set_reason(page.first_key(), "unlogged")
    page.set_note("3 号充电柜门有点卡")


def _read(window: Navigator, _demo: Mapping[str, str]) -> None:
    flow = _flow(window)
    _record(window, _demo)
    flow.record.save_button.click()
    services: Any = flow._services
    li = next(v for v in services.roster.all() if v.number == "FZB-0002")
    from kiosk.features.handover.service import HandoverService

    waiting = services.get(HandoverService).to_read(li.id)
    if waiting is not None:
        flow.open_read(waiting.id, li.id)


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("handover_record", _record, after="activity_sign_in"),
        Scene("handover_read", _read),
    )
