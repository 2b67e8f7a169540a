"""The activity pages as screenshot scenes (`KIOSK_UI.scenes`, read by tools/screenshots.py;
nothing here runs in a kiosk): the list, the form being filled, a meeting's sheet with two
people signed in, and the sign-in page left for the members."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any, cast

from kiosk.platform.ui.navigator import Navigator, Scene

if TYPE_CHECKING:
    from kiosk.features.activities.ui.flow import ActivitiesFlow

TITLE = "联盟季度例会"


def _flow(window: Navigator) -> ActivitiesFlow:
    return cast("ActivitiesFlow", window.flow("activities"))


def _meeting(window: Navigator) -> str:
    """The demo meeting (made once): started half an hour ago, three invited, two signed in."""
    from kiosk.features.activities.service import ActivityForm, ActivityService
    from kiosk.features.admin.domain import FIRST_ACCOUNT_ID, AdminAccount, Role
    from kiosk.features.volunteers.service.duty import Actor

    services: Any = _flow(window)._services
    activities: ActivityService = services.get(ActivityService)
    found = [a for a in activities.current() if a.title == TITLE]
    if found:
        return found[0].id
    admin = AdminAccount(FIRST_ACCOUNT_ID, FIRST_ACCOUNT_ID, Role.STATION_ADMIN)
    now = activities.now()
    starts = now - timedelta(minutes=30)
    view = activities.create(
        admin,
        ActivityForm(
            "meeting",
            TITLE,
            "二楼会议室",
            starts.date().isoformat(),
            f"{starts:%H:%M}",
            f"{starts + timedelta(hours=2):%H:%M}",
            "FZB-0001 FZB-0002 FZB-0004 FZB-0005",
        ),
    )
    roster = {v.number: v for v in services.roster.all()}
    for number, method in (("FZB-0001", "badge"), ("FZB-0004", "pin")):
        member = roster[number]
        activities.sign_in(view.id, Actor(member.id, member.name, member.id), method)
    return view.id


def _list(window: Navigator, _demo: Mapping[str, str]) -> None:
    _meeting(window)
    _flow(window).open_list()


def _form(window: Navigator, _demo: Mapping[str, str]) -> None:
    flow = _flow(window)
    flow.open_list()
    flow.listing.new_button.click()
    page = flow.form
    page.kind_buttons["service_day"].click()
    page.values.update({"title": "学雷锋志愿服务日", "place": "进站口广场", "starts": "09:00"})
    page.field_buttons["ends"].click()


def _sheet(window: Navigator, _demo: Mapping[str, str]) -> None:
    _flow(window).open_activity(_meeting(window))


def _sign_in(window: Navigator, _demo: Mapping[str, str]) -> None:
    flow = _flow(window)
    flow.open_activity(_meeting(window))
    flow.activity.sign_in_button.click()


def scenes() -> tuple[Scene, ...]:
    return (
        Scene("activities_list", _list, after="training_form"),
        Scene("activities_form", _form),
        Scene("activity_sheet", _sheet),
        Scene("activity_sign_in", _sign_in),
    )
