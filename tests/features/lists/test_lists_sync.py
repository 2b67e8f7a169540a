"""The lists reach every kiosk of the station through a real sync: a wish left at the north
exit's kiosk is promoted at the centre and a project opened and completed for it; after a sync
both exits show the same lists, with the north kiosk's wish as a need met this month."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from kiosk.features.lists.service import ListsService
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.hub.test_web_centre import csrf_of, sign_in
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_the_centre_s_lists_reach_both_exits(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    now = datetime.now(UTC)  # the centre writes at the real time; the kiosks' month is now's
    south, north = make_kiosk("south", start=now), make_kiosk("north", start=now)
    wish = north.services.wishes.submit("rest", "想要饮水点")
    assert north.engine.sync_once().last_error is None
    create_account(hub, "boss", "centre", [])
    with httpx.Client(base_url=hub.url, timeout=30) as centre:
        assert sign_in(centre, "boss", PASSWORD).status_code == 303
        token = csrf_of(centre.get(f"/centre/lists?station={STATION}").text)

        def post(path: str, **form: str) -> str:
            response = centre.post(
                f"/centre/lists{path}?station={STATION}",
                data={"csrf": token, "station_id": STATION, **form},
            )
            assert response.status_code == 200, response.text
            return response.text

        post("/units", name="爱心超市", contact_role="店长")
        page = post("/needs", title="骑手夏季饮水点", ticket=wish.ticket)
        need = re.search(r'name="need_([^"]+)"', page)
        assert need is not None
        page = post(
            "/projects",
            title="夏日送清凉",
            owner="李站长",
            starts_on=now.date().isoformat(),
            ends_on=now.date().isoformat(),
            **{f"need_{need.group(1)}": "1"},
        )
        project = re.search(r'data-project="([^"]+)"', page)
        assert project is not None
        post(
            "/projects/status",
            project_id=project.group(1),
            status="done",
            on=now.date().isoformat(),
        )

    shown = []
    for kiosk in (south, north):
        assert kiosk.engine.sync_once().last_error is None
        shown.append(kiosk.services.get(ListsService).lists())
    assert shown[0] == shown[1]
    lists = shown[0]
    assert [(n.title, n.state, n.ticket) for n in lists.needs] == [
        ("骑手夏季饮水点", "done", wish.ticket)
    ]
    assert [(p.title, p.status) for p in lists.projects] == [("夏日送清凉", "done")]
    assert (lists.counts.units, lists.counts.needs_met_this_month) == (1, 1)
