"""Large pushes (docs/hub.md "A backlog in larger pushes"): a hub lists "push_events:N" and takes
up to N events a push, exactly once as a push of 500 — acked_seq, a gap answered 409, resent
events, an id already stored under another seq, rejects inside the batch — on both databases
(PostgreSQL's one statement and the general path, `judge`); a hub set to 500 lists nothing and
refuses more, as an older hub does."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from conftest import ADMIN_TOKEN, Hub, Kiosk, serve, wire_event
from fastapi import FastAPI

from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.sync.protocol import (
    MAX_LARGE_PUSH_EVENTS,
    MAX_PUSH_EVENTS,
    PushResponse,
    hub_push_events,
)

LARGE = 2000


def events_stored(hub: Hub) -> int:
    return int(hub.client.get("/v1/admin/status", headers=hub.admin).json()["events"])


def test_a_large_push_is_taken_whole_and_a_resend_changes_nothing(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    batch = kiosk.write(LARGE)
    reply = PushResponse.model_validate(kiosk.push(batch).json())
    assert reply.acked_seq == LARGE
    assert [r.status for r in reply.results] == ["applied"] * LARGE
    assert hub_push_events(reply.features) == MAX_LARGE_PUSH_EVENTS
    assert "pending" in reply.features

    again = PushResponse.model_validate(kiosk.push(batch).json())
    assert again.acked_seq == LARGE
    assert [(r.status, r.stored) for r in again.results] == [("duplicate", "applied")] * LARGE
    assert events_stored(hub) == LARGE
    assert hub.kiosk_status("k-east")["acked_seq"] == LARGE


def test_a_large_batch_past_a_gap_is_409_and_writes_nothing(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    events = kiosk.write(2 * LARGE)
    assert kiosk.push(events[:LARGE]).json()["acked_seq"] == LARGE
    gap = kiosk.push(events[LARGE + 1 :])
    assert gap.status_code == 409
    assert gap.json()["expected_seq"] == LARGE + 1
    assert events_stored(hub) == LARGE
    assert hub.kiosk_status("k-east")["acked_seq"] == LARGE


def test_a_large_batch_with_resent_events_a_stored_id_and_rejects(hub: Hub) -> None:
    """One batch of 3,000: its first 1,000 already pushed (duplicates), one new seq carrying an
    id the hub holds under another seq, two events the hub must reject; all the rest applied."""
    kiosk = hub.enrol("k-east")
    first = kiosk.write(1000)
    assert kiosk.push(first).json()["acked_seq"] == 1000
    kiosk.write(700)
    kiosk.write(1, payload={"shift_id": "x", "volunteer_id": "v", "method": "telepathy"})
    kiosk.write(600)
    kiosk.write(1, station_id="st-elsewhere")
    kiosk.write(698)
    reused_seq = 1500
    kiosk.events[reused_seq - 1] = {**kiosk.events[reused_seq - 1], "id": first[10]["id"]}
    batch = kiosk.events
    assert len(batch) == 3000

    reply = PushResponse.model_validate(kiosk.push(batch).json())
    assert reply.acked_seq == 3000
    by_seq = {r.seq: r for r in reply.results}
    assert [r.seq for r in reply.results] == list(range(1, 3001))
    assert {by_seq[s].status for s in range(1, 1001)} == {"duplicate"}
    assert by_seq[reused_seq].status == "duplicate"
    assert by_seq[reused_seq].reason == "event id already stored"
    assert by_seq[1701].status == "rejected"
    assert (by_seq[1701].reason or "").startswith("invalid_payload")
    assert by_seq[2302].status == "rejected"
    assert (by_seq[2302].reason or "").startswith("wrong_station")
    applied = [r.seq for r in reply.results if r.status == "applied"]
    assert len(applied) == 3000 - 1000 - 1 - 2
    assert events_stored(hub) == 3000 - 1 - 2
    rejects = hub.client.get("/v1/admin/rejects", headers=hub.admin).json()
    assert sorted(r["seq"] for r in rejects) == [1701, 2302]

    # the same batch again: every event a duplicate with what was stored for it
    again = PushResponse.model_validate(kiosk.push(batch).json())
    assert again.acked_seq == 3000
    stored = {r.seq: r.stored for r in again.results}
    assert stored[1701] == stored[2302] == "rejected"
    assert [r.status for r in again.results] == ["duplicate"] * 3000
    assert events_stored(hub) == 3000 - 1 - 2


def test_more_than_the_largest_push_is_413(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    too_many = [wire_event("k-east", seq) for seq in range(1, MAX_LARGE_PUSH_EVENTS + 2)]
    response = kiosk.push(too_many)
    assert response.status_code == 413
    assert response.json()["reason"] == "too_many_events"
    assert hub.kiosk_status("k-east")["acked_seq"] == 0


@pytest.fixture
def hub_of_500(settings: HubSettings) -> Iterator[Hub]:
    """A hub set to take 500 events a push (`HUB_PUSH_MAX_EVENTS=500`), as any older hub."""
    app: FastAPI = create_app(settings.model_copy(update={"push_max_events": MAX_PUSH_EVENTS}))
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        hub.create_station()
        yield hub


def test_a_hub_set_to_500_lists_no_larger_push_and_refuses_one(hub_of_500: Hub) -> None:
    kiosk: Kiosk = hub_of_500.enrol("k-east")
    events = kiosk.write(MAX_PUSH_EVENTS + 1)
    refused = kiosk.push(events)
    assert refused.status_code == 413
    assert refused.json()["reason"] == "too_many_events"
    assert str(MAX_PUSH_EVENTS) in refused.json()["detail"]
    reply = PushResponse.model_validate(kiosk.push(events[:MAX_PUSH_EVENTS]).json())
    assert reply.acked_seq == MAX_PUSH_EVENTS
    assert hub_push_events(reply.features) == MAX_PUSH_EVENTS
    assert not [f for f in reply.features if f.startswith("push_events")]
    assert ADMIN_TOKEN  # (the same admin as every hub of these tests)


def test_a_large_batch_whose_first_event_names_another_station(hub: Hub) -> None:
    """On PostgreSQL the one statement assumes the first event's station and finds no kiosk
    there, so the general path (`SyncService.push`, `judge`) takes the whole large batch, as
    SQLite's always does: the first event rejected, the rest applied."""
    kiosk = hub.enrol("k-east")
    kiosk.write(1, station_id="st-elsewhere")
    kiosk.write(1199)
    reply = PushResponse.model_validate(kiosk.push(kiosk.events).json())
    assert reply.acked_seq == 1200
    assert reply.results[0].status == "rejected"
    assert (reply.results[0].reason or "").startswith("wrong_station")
    assert [r.status for r in reply.results[1:]] == ["applied"] * 1199
    assert events_stored(hub) == 1199
