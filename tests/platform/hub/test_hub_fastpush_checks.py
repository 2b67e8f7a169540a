"""The one-pass push reader (`fastpush`) applies the protocol's checks too: an event whose time is
outside the window, whose text holds NUL or a lone surrogate, or whose numbers no column holds
never takes the fast path, and whatever the fast path accepts the per-event judgement accepts
(issue 13 item 1: both paths agree)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from conftest import STATION, wire_event
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.platform.hub.fastpush import read_valid_batch
from kiosk.platform.hub.judge import judge, parse_push

REGISTERED = {"volunteer_id": "v-9", "name": "张三", "number": "0009", "phone": "13800000000"}
USED = {
    "use_id": "u-1",
    "service_id": "water",
    "audience": "rider",
    "count": 2,
    "day": "2026-01-20",
}


def body(events: list[dict[str, Any]]) -> bytes:
    return json.dumps({"kiosk_id": "k-1", "events": events}).encode()


def registered(**changes: Any) -> dict[str, Any]:
    event = wire_event("k-1", 1, kind="volunteer.registered", payload=dict(REGISTERED))
    payload = changes.pop("payload", {})
    return {**event, **changes, "payload": {**event["payload"], **payload}}


def test_a_valid_event_takes_the_fast_path() -> None:
    assert read_valid_batch(body([registered()])) is not None


@pytest.mark.parametrize(
    "event",
    [
        registered(occurred_at="0001-01-01T00:00:00+14:00"),
        registered(occurred_at="9999-12-31T23:59:59-14:00"),
        registered(occurred_at="1969-12-31T23:59:59+00:00"),
        registered(occurred_at="2026-01-01T00:00:00+15:00"),
        registered(actor="v\x00"),
        registered(actor="\ud800"),
        registered(payload={"name": "张\x00三"}),
        registered(payload={"name": "\udfff"}),
        registered(seq=2**63),
        {**wire_event("k-1", 1, kind="service.used", payload={**USED, "count": 2**70})},
    ],
    ids=[
        "year 1",
        "year 9999",
        "before 1970",
        "offset +15:00",
        "NUL actor",
        "lone surrogate actor",
        "NUL name",
        "lone surrogate name",
        "seq 2**63",
        "count 2**70",
    ],
)
def test_an_event_no_kiosk_can_write_never_takes_the_fast_path(event: dict[str, Any]) -> None:
    assert read_valid_batch(body([event])) is None


texts = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["\x00", "a\x00b", "\ud800", "x\udfff", "😀", "张三"]),
)
moments = st.one_of(
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.sampled_from(
            [UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-14))]
        ),
    ),
    st.sampled_from(
        [datetime(1970, 1, 1, tzinfo=UTC), datetime(2099, 12, 31, 23, 59, 59, tzinfo=UTC)]
    ),
)


@settings(max_examples=300, deadline=None)
@given(name=texts, actor=st.one_of(st.none(), texts), occurred_at=moments)
def test_fast_acceptance_implies_acceptance_per_event(
    name: str, actor: str | None, occurred_at: datetime
) -> None:
    event = registered(payload={"name": name or "x"}, actor=actor)
    event["occurred_at"] = occurred_at.isoformat()
    raw = body([event])
    batch = read_valid_batch(raw)
    verdict = judge(parse_push(raw).events[0], STATION)
    if batch is not None:
        assert verdict.event is not None, verdict.reason
