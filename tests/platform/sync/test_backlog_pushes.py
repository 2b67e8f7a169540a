"""A kiosk with a backlog pushes it in larger batches to a hub that lists "push_events:N"
(docs/hub.md "A backlog in larger pushes"): fewer pushes, every event on the hub once; the size
starts at 500 for each backlog, grows while pushes are answered, and falls back to 500 after a
failure or a 413 (a hub put back to an older version)."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from kiosk.core.ids import new_id
from kiosk.platform.store import eventlog, sync_store
from kiosk.platform.sync.client import HubUnavailable
from kiosk.platform.sync.engine import PushSize, SyncEngine
from kiosk.platform.sync.protocol import (
    MAX_LARGE_PUSH_EVENTS,
    MAX_PUSH_EVENTS,
    hub_push_events,
)
from tests.platform.sync.conftest import HubServer, SyncedKiosk
from tests.platform.sync.test_pending_report import write_uses
from tests.platform.sync.test_sync_e2e import hub_event_ids, local_event_ids

# Growth decided by the rule alone, whatever this machine's load (no test depends on timing).
NEVER_SLOW = 3600.0


class Recording(httpx.HTTPTransport):
    """Forwards every request and notes each push's size and answer; `lose_large_replies`
    pushes of more than 500 events are delivered and their replies lost (the hub commits, the
    kiosk hears a timeout), as on a mobile link that stalls."""

    def __init__(self) -> None:
        super().__init__()
        self.pushes: list[tuple[int, int]] = []  # (events, HTTP status; 0: reply lost)
        self.key_uploads: list[tuple[int, int]] = []  # (keys, HTTP status)
        self.lose_large_replies = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sync/keys":
            keys = len(json.loads(request.read())["keys"])
            response = super().handle_request(request)
            self.key_uploads.append((keys, response.status_code))
            return response
        if request.url.path != "/v1/sync/push":
            return super().handle_request(request)
        size = len(json.loads(request.read())["events"])
        response = super().handle_request(request)
        if size > MAX_PUSH_EVENTS and self.lose_large_replies > 0:
            self.lose_large_replies -= 1
            response.read()
            response.close()
            self.pushes.append((size, 0))
            raise httpx.ReadTimeout("the link stalled", request=request)
        self.pushes.append((size, response.status_code))
        return response

    @property
    def sizes(self) -> list[int]:
        return [size for size, _ in self.pushes]


def backlog_kiosk(make_kiosk: Callable[..., SyncedKiosk]) -> tuple[SyncedKiosk, Recording]:
    link = Recording()
    kiosk = make_kiosk("south", transport=link)
    kiosk.engine = SyncEngine(
        kiosk.services.database, kiosk.client, kiosk.clock, push_size=PushSize(NEVER_SLOW)
    )
    return kiosk, link


def assert_all_on_hub_once(hub: HubServer, kiosk: SyncedKiosk) -> None:
    assert hub_event_ids(hub) == local_event_ids(kiosk)
    assert kiosk.engine.status().pending == 0


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_a_backlog_goes_in_fewer_larger_pushes(make_kiosk, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    kiosk, link = backlog_kiosk(make_kiosk)
    write_uses(kiosk, 3000)
    kiosk.engine.sync_once()
    # 500 first (the size every hub takes), then doubled while answered; the last one drains it
    assert link.sizes == [500, 1000, 1500]
    assert {status for _, status in link.pushes} == {200}
    assert_all_on_hub_once(hub, kiosk)
    assert kiosk.engine.push_size.hub_max == MAX_LARGE_PUSH_EVENTS

    # a new backlog starts at 500 again
    write_uses(kiosk, 1200)
    kiosk.engine.sync_once()
    assert link.sizes[3:] == [500, 700]
    assert_all_on_hub_once(hub, kiosk)


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_after_a_lost_reply_the_size_falls_back_and_nothing_is_stored_twice(  # type: ignore[no-untyped-def]
    make_kiosk, hub: HubServer
) -> None:
    kiosk, link = backlog_kiosk(make_kiosk)
    write_uses(kiosk, 5000)
    link.lose_large_replies = 1
    with pytest.raises(HubUnavailable, match="stalled"):
        kiosk.engine.sync_once()
    assert link.pushes == [(500, 200), (1000, 0)]  # the hub holds 1,500; the kiosk knows 500
    assert kiosk.engine.status().pending == 4500

    kiosk.engine.sync_once()
    # back to 500 (its events already on the hub: duplicates, acknowledged up to 1,500), then
    # growing again
    assert link.sizes[2:] == [500, 1000, 2000, 500]
    assert_all_on_hub_once(hub, kiosk)


def test_a_hub_put_back_to_500_answers_413_and_the_kiosk_goes_on_at_500(  # type: ignore[no-untyped-def]
    make_kiosk, hub: HubServer
) -> None:
    kiosk, link = backlog_kiosk(make_kiosk)
    write_uses(kiosk, 1600)
    kiosk.engine.sync_once()
    assert link.sizes == [500, 1000, 100]

    hub.stop()  # the operator sets HUB_PUSH_MAX_EVENTS=500 (or puts an older hub back)
    hub.settings = hub.settings.model_copy(update={"push_max_events": MAX_PUSH_EVENTS})
    hub.start()
    write_uses(kiosk, 2000)
    kiosk.engine.push_size.current = 2 * MAX_PUSH_EVENTS  # as if mid-backlog
    kiosk.engine.sync_once()  # one round: the 413, then on at 500
    assert link.pushes[3:] == [(1000, 413), (500, 200), (500, 200), (500, 200), (500, 200)]
    assert kiosk.engine.push_size.hub_max == MAX_PUSH_EVENTS
    assert_all_on_hub_once(hub, kiosk)


def test_past_500_a_batch_stops_at_its_byte_cap(make_kiosk) -> None:  # type: ignore[no-untyped-def]
    kiosk, _ = backlog_kiosk(make_kiosk)
    write_uses(kiosk, 1500)
    with kiosk.services.database.read() as session:
        whole = sync_store.pending_wire_batch(session, 1500)
        sizes = [len(part.encode()) + 1 for part in whole.events_json]
        cap = sum(sizes[:800])  # the first 800 events fit exactly
        capped = sync_store.pending_wire_batch(session, 1500, max_bytes=cap, min_events=500)
        assert len(capped.seqs) == 800
        assert capped.seqs == whole.seqs[:800]
        assert capped.more and not whole.more  # cut at its cap, not drained
        # the first 500 are always sent, whatever the cap (as any push of 500 was)
        small = sync_store.pending_wire_batch(session, 1500, max_bytes=10, min_events=500)
        assert len(small.seqs) == 500


@pytest.mark.parametrize("hub_backend", ["postgresql"])
def test_a_large_batchs_keys_go_500_an_upload(make_kiosk, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    """700 volunteers registered (each name and phone sealed under its own key) go in one
    push; their keys, at most 500 an upload (the hub refuses more), all reach the hub."""
    kiosk, link = backlog_kiosk(make_kiosk)
    kiosk.engine.push_size.hub_max = kiosk.engine.push_size.current = 1000
    database = kiosk.services.database
    with database.write() as session:
        for number in range(700):
            volunteer_id = new_id()
            personal = {"name": f"志愿者{number}", "phone": f"1380000{number:04d}"}
            sealed = database.vault.seal(session, volunteer_id, personal, kiosk.clock.now())
            eventlog.append(
                session,
                "volunteer.registered",
                {"volunteer_id": volunteer_id, "number": f"N{number}", "sealed": sealed},
                occurred_at=kiosk.clock.now(),
            )
    kiosk.engine.sync_once()
    assert link.sizes == [700]
    assert link.key_uploads == [(500, 204), (200, 204)]
    assert_all_on_hub_once(hub, kiosk)


def test_the_size_rule() -> None:
    size = PushSize(grow_below_s=10, shrink_above_s=15)
    assert size.next() == MAX_PUSH_EVENTS  # nothing heard from the hub yet
    many = frozenset({"pending", f"push_events:{MAX_LARGE_PUSH_EVENTS}"})
    size.answered(500, 500, True, 0.2, many)
    assert size.next() == 1000
    size.answered(1000, 1000, True, 0.2, many)  # (cut at its byte cap or not: events still wait)
    size.answered(2000, 2000, True, 0.2, many)
    size.answered(4000, 4000, True, 0.2, many)
    assert size.next() == MAX_LARGE_PUSH_EVENTS  # never past the hub's N
    size.answered(5000, 5000, True, 12, many)  # slow but not too slow: kept
    assert size.next() == MAX_LARGE_PUSH_EVENTS
    size.answered(5000, 5000, True, 20, many)  # too slow: halved
    assert size.next() == 2500
    size.answered(2500, 1200, False, 0.2, many)  # drained: the next backlog starts at 500
    assert size.next() == MAX_PUSH_EVENTS
    size.answered(500, 500, True, 0.2, many)
    size.failed()
    assert size.next() == MAX_PUSH_EVENTS
    # a slow push cut at its byte cap halves what it sent (its bytes), not what was asked
    for asked in (500, 1000, 2000, 4000):
        size.answered(asked, asked, True, 0.2, many)
    size.answered(5000, 1400, True, 20, many)
    assert size.next() == 700
    size.answered(500, 500, True, 0.2, frozenset({"pending"}))  # the hub no longer lists it
    assert size.next() == MAX_PUSH_EVENTS


@pytest.mark.parametrize(
    ("features", "limit"),
    [
        ([], MAX_PUSH_EVENTS),
        (["pending"], MAX_PUSH_EVENTS),
        (["push_events:2000"], 2000),
        (["push_events:100"], MAX_PUSH_EVENTS),  # never below what every hub takes
        (["push_events:999999"], MAX_LARGE_PUSH_EVENTS),  # never past what the kiosk sends
        (["push_events:-5", "push_events:", "push_events:1e9", "push_events: 900"], 500),
    ],
)
def test_what_a_kiosk_reads_of_a_hubs_features(features: list[str], limit: int) -> None:
    assert hub_push_events(frozenset(features)) == limit
