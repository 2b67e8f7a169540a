"""Hub-authored events: a dense seq per station's pseudo-kiosk, pulled by every kiosk of the
station through the ordinary cursor, on both databases."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

import pytest

from kiosk.core.errors import ValidationError
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.web_events import append_hub_event, author_id
from tests.platform.hub.conftest import STATION, Hub

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def _request(ticket: str) -> dict[str, Any]:
    return {
        "request_id": f"rq-{ticket}",
        "ticket": ticket,
        "category": "luggage",
        "channel": "phone",
    }


def _write(db: Database, ticket: str, station: str = STATION) -> HubEvent:
    with db.write() as session:
        return append_hub_event(session, station, "request.ordered", _request(ticket), NOW)


def test_author_id_fits_the_kiosk_id_limit() -> None:
    assert author_id("st-1") == "hub:st-1"
    long = author_id("s" * 64)
    assert len(long) == 64 and long.startswith("hub:")
    assert author_id("s" * 64) != author_id("s" * 63 + "t")


def test_hub_events_are_pulled_by_every_kiosk_between_kiosk_events(hub: Hub) -> None:
    db: Database = hub.app.state.database
    a, b = hub.enrol("k-a"), hub.enrol("k-b")
    assert a.push(a.write(2)).status_code == 200
    first = _write(db, "100001")
    assert a.push(a.write(1)).status_code == 200
    second = _write(db, "100002")
    assert (first.kiosk_id, first.seq, second.seq) == (f"hub:{STATION}", 1, 2)

    pulled_b = b.pull_all()
    kinds = [(e["event"]["kiosk_id"], e["event"]["seq"]) for e in pulled_b]
    assert kinds == [
        ("k-a", 1),
        ("k-a", 2),
        (f"hub:{STATION}", 1),
        ("k-a", 3),
        (f"hub:{STATION}", 2),
    ]
    assert pulled_b[2]["event"]["payload"]["channel"] == "phone"
    # the pusher gets the hub's events but not its own; the cursor then stands still
    assert [e["event"]["kiosk_id"] for e in a.pull_all()] == [f"hub:{STATION}"] * 2
    assert a.pull_all() == [] and b.pull_all() == []
    third = _write(db, "100003")
    assert [e["event"]["id"] for e in b.pull_all()] == [third.id]


def test_another_stations_kiosks_do_not_see_it(hub: Hub) -> None:
    hub.create_station("st-other")
    other = hub.enrol("k-other", station_id="st-other")
    _write(hub.app.state.database, "100004")
    assert other.pull_all() == []


def test_a_bad_payload_writes_nothing(hub: Hub) -> None:
    db: Database = hub.app.state.database
    with pytest.raises(ValidationError), db.write() as session:
        append_hub_event(session, STATION, "request.ordered", {**_request("1"), "x": 1}, NOW)
    assert hub.app.state.admin_service.status().events == 0
    assert _write(db, "100005").seq == 1  # the refused event took no seq


def test_the_hub_author_id_cannot_be_enrolled(hub: Hub) -> None:
    response = hub.client.post(
        "/v1/enroll", json={"code": hub.code(), "kiosk_id": f"hub:{STATION}"}
    )
    assert response.status_code == 409
    assert response.json()["reason"] == "kiosk_reserved"


def test_concurrent_writers_get_dense_seqs(hub: Hub) -> None:
    db: Database = hub.app.state.database
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(15):
                _write(db, f"{n}{i:05d}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in (1, 2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    reader = hub.enrol("k-r")
    seqs = sorted(e["event"]["seq"] for e in reader.pull_all())
    assert seqs == list(range(1, 46))
