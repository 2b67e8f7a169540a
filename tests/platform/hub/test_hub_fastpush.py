"""The one-pass reader of push bodies never accepts what the general path would refuse, and
stores payloads exactly as sent (DESIGN §3: a reject is judged by `validate_payload` alone)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import wire_event
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.errors import ValidationError
from kiosk.core.events import PAYLOADS, validate_payload
from kiosk.platform.hub.fastpush import fast_kinds, read_valid_batch
from kiosk.platform.sync.protocol import MAX_LARGE_PUSH_EVENTS, PushRequest

SAMPLES: dict[str, dict[str, Any]] = {
    "volunteer.registered": {
        "volunteer_id": "v-1",
        "name": "张三",
        "number": "0001",
        "phone": "13800000000",
    },
    "volunteer.pin_set": {"volunteer_id": "v-1", "pin_hash": "x" * 40},
    "volunteer.deactivated": {"volunteer_id": "v-1"},
    "shift.checked_in": {"shift_id": "sh-1", "volunteer_id": "v-1", "method": "badge"},
    "shift.checked_out": {"shift_id": "sh-1", "volunteer_id": "v-1", "method": "pin"},
    "shift.cancelled": {"shift_id": "sh-1", "volunteer_id": "v-1"},
    "shift.auto_closed": {"shift_id": "sh-1", "volunteer_id": "v-1", "credited_minutes": 480},
    "admin.pin_set": {"pin_hash": "y" * 40},
    # kinds with a time in their payload: kept as the text sent, checked as the model checks it
    "lending.borrowed": {
        "loan_id": "l-1",
        "item": "umbrella",
        "method": "volunteer",
        "due_at": "2026-01-20T18:00:00+08:00",
    },
    "request.ordered": {
        "request_id": "r-1",
        "ticket": "100001",
        "category": "luggage",
        "channel": "kiosk",
        "departs_at": "2026-01-20T18:30:00Z",
    },
    "service.used": {
        "use_id": "u-1",
        "service_id": "water",
        "audience": "rider",
        "count": 2,
        "day": "2026-01-20",
    },
}


def body(events: list[dict[str, Any]], kiosk_id: str = "k-1") -> bytes:
    return json.dumps({"kiosk_id": kiosk_id, "events": events}).encode()


def test_every_kind_takes_the_fast_path_with_its_payload_unchanged() -> None:
    assert set(fast_kinds()) <= set(PAYLOADS)
    samples = {k: v for k, v in SAMPLES.items() if k in PAYLOADS}
    assert set(samples) <= set(fast_kinds())
    events = [
        wire_event("k-1", i + 1, kind=kind, payload=payload)
        for i, (kind, payload) in enumerate(samples.items())
    ]
    batch = read_valid_batch(body(events))
    assert batch is not None
    assert [e["payload"] for e in batch.events] == [e["payload"] for e in events]
    assert PushRequest.model_validate_json(body(events))  # and the general path agrees


def test_anything_unusual_goes_the_general_way() -> None:
    good = wire_event("k-1", 1)
    cases = [
        [{**good, "payload": {**good["payload"], "method": "telepathy"}}],  # invalid payload
        [{**good, "kind": "no.such_kind"}],  # unknown kind
        [{**good, "seq": "1"}],  # accepted only by lax validation
        [{**good, "payload": {**good["payload"], "extra": 1}}],
        [good, wire_event("k-1", 3)],  # a hole
        [good, wire_event("k-2", 2)],  # another kiosk
        [good, wire_event("k-1", 2, station_id="st-other")],  # another station
        [],  # nothing to push
        [wire_event("k-1", i + 1) for i in range(MAX_LARGE_PUSH_EVENTS + 1)],
    ]
    for events in cases:
        assert read_valid_batch(body(events)) is None, events
    assert read_valid_batch(b"{not json") is None


TIME_TEXTS = [
    "2026-01-20T18:00:00+08:00",
    "2026-01-20T18:00:00Z",
    "2026-01-20T18:00",
    "2026-01-20 18:00:00",
    "2026-01-20",
    "2026-13-01T00:00:00Z",
    "2026-02-30",
    "2026-01-20T25:00:00Z",
    "1700000000",
    "0",
    "2026-01-20T18:00:00+99:00",
    "yesterday",
    "",
]


@pytest.mark.parametrize("value", TIME_TEXTS)
@pytest.mark.parametrize(
    ("kind", "field"), [("lending.borrowed", "due_at"), ("request.ordered", "departs_at")]
)
def test_a_time_in_a_payload_takes_the_fast_path_exactly_where_the_model_takes_it(
    kind: str, field: str, value: str
) -> None:
    """A payload's time stays the text the kiosk sent, and the fast path takes it only where
    the payload model takes it (a time it refuses sends the batch the general way)."""
    payload = {**SAMPLES[kind], field: value}
    batch = read_valid_batch(body([wire_event("k-1", 1, kind=kind, payload=payload)]))
    try:
        validate_payload(kind, payload)
    except ValidationError:
        assert batch is None
    else:
        assert batch is not None
        assert batch.events[0]["payload"] == payload


payload_values = st.one_of(
    st.text(max_size=70),
    st.integers(min_value=-5, max_value=2000),
    st.sampled_from(["badge", "pin", "manual", "station_admin", "v-1", "13800000000"]),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(TIME_TEXTS),  # times and dates, good and bad, as text
)


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(sorted(PAYLOADS)),
    data=st.data(),
)
def test_fast_acceptance_implies_general_acceptance(kind: str, data: st.DataObject) -> None:
    fields = [*PAYLOADS[kind].model_fields, "other"]
    keys = data.draw(st.lists(st.sampled_from(fields), unique=True))
    payload = {k: data.draw(payload_values) for k in keys}
    if data.draw(st.booleans()):  # start from a valid payload and break one field
        payload = {**SAMPLES.get(kind, {}), **payload}
    batch = read_valid_batch(body([wire_event("k-1", 1, kind=kind, payload=payload)]))
    if batch is None:
        return
    try:
        validate_payload(kind, payload)
    except ValidationError as exc:  # pragma: no cover - the property under test
        raise AssertionError(f"fast path accepted what validate_payload refuses: {exc}") from None
    assert batch.events[0]["payload"] == payload
