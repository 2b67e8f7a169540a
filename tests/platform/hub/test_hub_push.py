"""Push (DESIGN §3): exactly once, gaps answered with the expected seq, rejects never block."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conftest import Hub, wire_event

from kiosk.platform.sync.protocol import MAX_LARGE_PUSH_EVENTS, MAX_PAYLOAD_BYTES, PushResponse


def test_push_applies_in_order_and_a_resend_changes_nothing(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    batch = kiosk.write(5)
    first = PushResponse.model_validate(kiosk.push(batch).json())
    assert first.acked_seq == 5
    assert [r.status for r in first.results] == ["applied"] * 5

    again = PushResponse.model_validate(kiosk.push(batch).json())
    assert again.acked_seq == 5
    assert [(r.status, r.stored) for r in again.results] == [("duplicate", "applied")] * 5
    assert hub.client.get("/v1/admin/status", headers=hub.admin).json()["events"] == 5


def test_overlapping_batch_acks_old_and_applies_new(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    events = kiosk.write(6)
    assert kiosk.push(events[:3]).status_code == 200
    reply = PushResponse.model_validate(kiosk.push(events[1:]).json())
    assert reply.acked_seq == 6
    assert [r.status for r in reply.results] == ["duplicate"] * 2 + ["applied"] * 3


def test_gap_is_409_with_expected_seq_and_nothing_is_written(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    events = kiosk.write(5)
    assert kiosk.push(events[:2]).status_code == 200
    gap = kiosk.push(events[3:])
    assert gap.status_code == 409
    assert gap.json()["expected_seq"] == 3
    assert gap.json()["reason"] == "gap"
    assert hub.kiosk_status("k-east")["acked_seq"] == 2
    assert kiosk.push(events[2:]).json()["acked_seq"] == 5


def test_batch_with_holes_or_unsorted_is_422(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    events = kiosk.write(3)
    response = kiosk.push([events[0], events[2]])
    assert response.status_code == 422
    assert response.json()["reason"] == "invalid_body"


def test_invalid_event_becomes_a_reject_and_does_not_block_later_ones(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    good = kiosk.write(1)
    poison = kiosk.write(1, payload={"shift_id": "x", "volunteer_id": "v", "method": "telepathy"})
    unknown_kind = kiosk.write(1, kind="teleport.started", payload={"x": 1})
    foreign = kiosk.write(1, station_id="st-elsewhere")
    later = kiosk.write(2)
    reply = PushResponse.model_validate(
        kiosk.push(good + poison + unknown_kind + foreign + later).json()
    )
    assert reply.acked_seq == 6
    statuses = [r.status for r in reply.results]
    assert statuses == ["applied", "rejected", "rejected", "rejected", "applied", "applied"]
    assert reply.results[1].reason and reply.results[1].reason.startswith("invalid_payload")
    assert reply.results[3].reason and reply.results[3].reason.startswith("wrong_station")

    # a resend reports the stored outcome, rejects included
    resend = PushResponse.model_validate(kiosk.push(poison).json())
    assert resend.results[0].status == "duplicate"
    assert resend.results[0].stored == "rejected"

    rejects = hub.client.get("/v1/admin/rejects", headers=hub.admin).json()
    assert [r["seq"] for r in rejects] == [2, 3, 4]
    assert rejects[0]["payload"]["method"] == "telepathy"
    assert hub.kiosk_status("k-east")["rejects"] == 3


def test_body_naming_another_kiosk_is_403(hub: Hub) -> None:
    east = hub.enrol("k-east")
    hub.enrol("k-west")
    response = east.hub.client.post(
        "/v1/sync/push",
        json={"kiosk_id": "k-west", "events": [wire_event("k-west", 1)]},
        headers=east.auth,
    )
    assert response.status_code == 403
    assert response.json()["reason"] == "kiosk_mismatch"
    smuggled = east.push([wire_event("k-west", 1)])
    assert smuggled.status_code == 403
    assert hub.kiosk_status("k-west")["acked_seq"] == 0


def test_size_limits(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    too_many = [wire_event("k-east", seq) for seq in range(1, MAX_LARGE_PUSH_EVENTS + 2)]
    response = kiosk.push(too_many)
    assert response.status_code == 413
    assert response.json()["reason"] == "too_many_events"

    huge = hub.client.post(
        "/v1/sync/push",
        content=b'{"kiosk_id": "k-east", "events": []' + b" " * (11 * 1024 * 1024) + b"}",
        headers={**kiosk.auth, "Content-Type": "application/json"},
    )
    assert huge.status_code == 413
    assert huge.json()["reason"] == "body_too_large"

    bloated = kiosk.write(
        1, payload={"shift_id": "s" * 10, "volunteer_id": "v", "method": "x" * MAX_PAYLOAD_BYTES}
    )
    reply = kiosk.push(bloated).json()
    assert reply["results"][0]["status"] == "rejected"
    assert reply["results"][0]["reason"].startswith("payload_too_large")
    assert reply["acked_seq"] == 1

    garbage = hub.client.post(
        "/v1/sync/push", content=b"not json", headers={**kiosk.auth, "Content-Type": "text/plain"}
    )
    assert garbage.status_code == 422


def test_kiosk_clock_far_off_is_accepted_and_skew_flagged(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    epoch = datetime(1970, 1, 1, 0, 0, 5, tzinfo=UTC)
    events = kiosk.write(2, occurred_at=epoch)
    reply = kiosk.push(events, sent_at=epoch.isoformat()).json()
    assert reply["acked_seq"] == 2
    assert reply["skew_flagged"] is True
    assert reply["clock_offset_s"] < -50 * 365 * 24 * 3600
    status = hub.kiosk_status("k-east")
    assert status["skew_flagged"] is True

    ahead = datetime.now(UTC) + timedelta(days=366)
    response = hub.client.post(
        "/v1/sync/push",
        json={"kiosk_id": "k-east", "events": kiosk.write(1, occurred_at=ahead)},
        headers={**kiosk.auth, "Date": ahead.strftime("%a, %d %b %Y %H:%M:%S GMT")},
    )
    assert response.json()["acked_seq"] == 3
    assert response.json()["clock_offset_s"] > 365 * 24 * 3600

    on_time = kiosk.push(kiosk.write(1), sent_at=datetime.now(UTC).isoformat()).json()
    assert on_time["skew_flagged"] is False
    assert hub.kiosk_status("k-east")["skew_flagged"] is False


def test_empty_push_is_a_heartbeat_that_tells_acked_seq(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    kiosk.push(kiosk.write(3))
    reply = kiosk.push([]).json()
    assert reply["acked_seq"] == 3 and reply["results"] == []
    assert hub.kiosk_status("k-east")["last_seen"] is not None
