"""A pull never skips an event committed late (DESIGN §3 rule), on PostgreSQL where hub_seq
values commit out of order, and under concurrent pushes on both backends."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest
from conftest import Hub, wire_event

from kiosk.platform.hub.settings import HubSettings


def _conninfo(settings: HubSettings) -> str:
    return settings.database_url.replace("postgresql+psycopg://", "postgresql://")


def _insert(conn: psycopg.Connection[Any], event: dict[str, Any]) -> None:
    """What a push does inside its transaction: one row into events (txid by default)."""
    conn.execute(
        "INSERT INTO events (id, station_id, kiosk_id, seq, kind, occurred_at, received_at,"
        " actor, payload) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (
            event["id"],
            event["station_id"],
            event["kiosk_id"],
            event["seq"],
            event["kind"],
            event["occurred_at"],
            datetime.now(UTC),
            event["actor"],
            json.dumps(event["payload"]),
        ),
    )


def _pulled_ids(hub_kiosk: Any) -> list[str]:
    return [e["event"]["id"] for e in hub_kiosk.pull_all()]


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_transaction_committing_late_is_not_skipped(hub: Hub, settings: HubSettings) -> None:
    reader = hub.enrol("k-reader")
    hub.enrol("k-east")
    hub.enrol("k-north")
    early, late = wire_event("k-east", 1), wire_event("k-north", 1)
    with (
        psycopg.connect(_conninfo(settings)) as slow,
        psycopg.connect(_conninfo(settings)) as fast,
    ):
        _insert(slow, early)  # takes the smaller hub_seq, stays open
        _insert(fast, late)  # larger hub_seq, commits first
        fast.commit()
        assert _pulled_ids(reader) == []  # `late` must wait: `early` may still commit before it
        slow.commit()
    assert sorted(_pulled_ids(reader)) == sorted([early["id"], late["id"]])
    assert _pulled_ids(reader) == []


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_older_transaction_with_larger_hub_seq_does_not_hide_a_smaller_one(
    hub: Hub, settings: HubSettings
) -> None:
    """Transaction A takes its xid before B, but B takes the smaller hub_seq; A commits first.
    A hub_seq cursor would step past B's row; the (txid, hub_seq) cursor does not."""
    reader = hub.enrol("k-reader")
    hub.enrol("k-east")
    hub.enrol("k-north")
    a_event, b_event = wire_event("k-east", 1), wire_event("k-north", 1)
    with psycopg.connect(_conninfo(settings)) as a, psycopg.connect(_conninfo(settings)) as b:
        a.execute("SELECT 1 FROM kiosks WHERE id = 'k-east' FOR UPDATE")  # A's xid first
        b.execute("SELECT 1 FROM kiosks WHERE id = 'k-north' FOR UPDATE")
        _insert(b, b_event)  # smaller hub_seq
        _insert(a, a_event)  # larger hub_seq
        seqs = {
            row[0]: row[1]
            for row in a.execute("SELECT id, hub_seq FROM events WHERE id = %s", (a_event["id"],))
        }
        a.commit()
        first = _pulled_ids(reader)
        assert first == [a_event["id"]]  # servable: A is older than every running transaction
        b.commit()
    assert seqs[a_event["id"]] > 0
    assert _pulled_ids(reader) == [b_event["id"]]


def test_concurrent_pushes_and_pulls_lose_nothing_and_duplicate_nothing(hub: Hub) -> None:
    reader = hub.enrol("k-reader")
    writers = [hub.enrol(f"k-w{i}") for i in range(3)]
    for kiosk in writers:
        kiosk.write(60)
    errors: list[str] = []

    def push_all(kiosk: Any) -> None:
        import httpx

        with httpx.Client(base_url=str(hub.client.base_url), timeout=30) as client:
            for start in range(0, 60, 3):
                batch = kiosk.events[start : start + 3]
                response = client.post(
                    "/v1/sync/push",
                    json={"kiosk_id": kiosk.kiosk_id, "events": batch},
                    headers=kiosk.auth,
                )
                if response.status_code != 200:
                    errors.append(response.text)

    threads = [threading.Thread(target=push_all, args=(k,)) for k in writers]
    for thread in threads:
        thread.start()
    pulled: list[str] = []
    while any(t.is_alive() for t in threads):
        pulled += _pulled_ids(reader)
    for thread in threads:
        thread.join()
    pulled += _pulled_ids(reader)
    assert errors == []
    expected = sorted(e["id"] for k in writers for e in k.events)
    assert len(pulled) == len(set(pulled))
    assert sorted(pulled) == expected
