"""The training pages as screenshot scenes (`KIOSK_UI.scenes`, read by tools/screenshots.py;
nothing here runs in a kiosk): the list with a record, the form being filled, and the
emergency page's first-aid section."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.training.ui.flow import TrainingFlow


def _flow(window: Navigator) -> TrainingFlow:
    return cast("TrainingFlow", window.flow("training"))


def _list(window: Navigator, _demo: Mapping[str, str]) -> None:
    """The list, after the admin logged in (the scene before this one)."""
    _flow(window).open_list()


def _form(window: Navigator, _demo: Mapping[str, str]) -> None:
    flow = _flow(window)
    flow.open_list()
    flow.records.new_button.click()
    page = flow.form
    page.kind_buttons["first_aid"].click()
    page.values.update({"volunteer_number": "FZB-0001", "trainer": "市红十字会"})
    page.field_buttons["certificate_no"].click()


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("training_list", _list, after="rollcall_taker"),
        Scene("training_form", _form),
    )
