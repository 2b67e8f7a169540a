"""A request made on a traveller's phone reaches a kiosk's database through a real sync: the
hub's page writes a hub-authored event, the kiosk's SyncEngine pulls it like any other."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk


def kiosk_rows(kiosk: SyncedKiosk, kind: str) -> list[tuple[str, int, dict[str, Any]]]:
    with kiosk.services.database.read() as session:
        rows = session.execute(
            text("SELECT kiosk_id, seq, payload FROM events WHERE kind = :k ORDER BY seq"),
            {"k": kind},
        )
        return [(str(r[0]), int(r[1]), json.loads(r[2])) for r in rows]


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_phone_request_and_wish_reach_every_kiosk_of_the_station(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    south, north = make_kiosk("south"), make_kiosk("north")
    with httpx.Client(base_url=hub.url, timeout=30) as phone:
        page = phone.get(f"/s/{STATION}/water")
        assert page.status_code == 200 and "免费饮水" in page.text
        ordered = phone.post(
            f"/s/{STATION}/water/help",
            data={
                "category": "wheelchair",
                "train": "D6501",
                "phone": "13800001234",
                "consent": "1",
            },
        )
        assert ordered.status_code == 303
        ticket = re.search(r"/t/[^/]+/(\d{6})", ordered.headers["location"])
        assert ticket is not None
        wished = phone.post(
            f"/s/{STATION}/water/wish", data={"category": "job", "text": "想找一份送餐的工作"}
        )
        assert wished.status_code == 303

    for kiosk in (south, north):
        status = kiosk.engine.sync_once()
        assert status.last_error is None and status.online
        [(author, seq, payload)] = kiosk_rows(kiosk, "request.ordered")
        assert author == f"hub:{STATION}" and seq == 1
        assert payload["ticket"] == ticket.group(1) and payload["channel"] == "phone"
        assert payload["category"] == "wheelchair" and payload["train"] == "D6501"
        [(author, seq, payload)] = kiosk_rows(kiosk, "wish.submitted")
        assert (author, seq) == (f"hub:{STATION}", 2) and "送餐" not in json.dumps(payload)
        # Sealed on the hub; the key came with the pull: the kiosk reads the words.
        (wish,) = kiosk.services.wishes.open_wishes()
        assert "送餐" in wish.text
        (request,) = kiosk.services.requests.open_requests()
        assert request.masked_phone == "138****1234"
        # the next sync brings nothing twice
        kiosk.engine.sync_once()
        assert len(kiosk_rows(kiosk, "request.ordered")) == 1
