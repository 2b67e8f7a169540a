"""One bad event never poisons a station (issue 13 item 1, DESIGN §3 "trust nothing on the wire").

An event the hub cannot store or a kiosk could not read (a time outside the window, text with
NUL or a lone surrogate, a number no column holds) is a per-event reject: the kiosk's queue moves
on, the station's other kiosks keep pulling, and the reject itself lists without error. A batch
whose envelope no kiosk can have written (a seq out of range, a string or a bool for a number)
is refused whole with 422 and writes nothing. Bodies are sent as raw JSON bytes, as a hostile
client would, on both databases.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from conftest import Hub, Kiosk, wire_event

from kiosk.platform.sync.protocol import PushResponse

RAW = "__raw__"  # a payload value replaced by raw JSON text (numbers json.dumps cannot write)


def send(
    kiosk: Kiosk, events: list[dict[str, Any]], raw: str = "", **envelope: Any
) -> httpx.Response:
    """POST the batch as JSON bytes; json.dumps escapes lone surrogates as \\udxxx."""
    text = json.dumps({"kiosk_id": kiosk.kiosk_id, **envelope, "events": events})
    if raw:
        text = text.replace(json.dumps(RAW), raw)
    return kiosk.hub.client.post(
        "/v1/sync/push",
        content=text.encode(),
        headers={**kiosk.auth, "Content-Type": "application/json"},
    )


def unstorable_escapes(text: str) -> list[str]:
    """NUL and lone-surrogate escapes in a JSON reply (a pair is one character, not lone)."""
    pairs = r"\\ud[89ab][0-9a-f]{2}\\ud[c-f][0-9a-f]{2}"
    return re.findall(r"\\u0000|\\ud[89a-f][0-9a-f]{2}", re.sub(pairs, "", text, flags=re.I))


def _deep(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {"leaf": 1}
    for _ in range(levels):
        value = {"a": value}
    return value


CHECKED_IN = {"shift_id": "sh-x", "volunteer_id": "v-1", "method": "badge"}
REGISTERED = {"volunteer_id": "v-9", "name": "张三", "number": "0009", "phone": "13800000000"}

# (changes to a valid event, raw JSON for RAW): each is an event no kiosk can have written.
POISON: dict[str, tuple[dict[str, Any], str]] = {
    "year 1 at +14:00": ({"occurred_at": "0001-01-01T00:00:00+14:00"}, ""),
    "year 9999 at -14:00": ({"occurred_at": "9999-12-31T23:59:59-14:00"}, ""),
    "just before 1970": ({"occurred_at": "1969-12-31T23:59:59+00:00"}, ""),
    "year 2100": ({"occurred_at": "2100-01-01T00:00:00+00:00"}, ""),
    "offset +15:00": ({"occurred_at": "2026-01-01T00:00:00+15:00"}, ""),
    "a second before 1970 at +14:00": ({"occurred_at": "1970-01-01T13:59:59+14:00"}, ""),
    "NUL in actor": ({"actor": "v-1\x00"}, ""),
    "NUL in free text": (
        {"kind": "volunteer.registered", "payload": {**REGISTERED, "name": "张\x00三"}},
        "",
    ),
    "NUL in a payload key": ({"payload": {**CHECKED_IN, "\x00": 1}}, ""),
    "NUL in an invalid payload": ({"payload": {**CHECKED_IN, "method": "te\x00le"}}, ""),
    "NUL in kind": ({"kind": "shift\x00.checked_in"}, ""),
    "NUL in station": ({"station_id": "st\x00"}, ""),
    "lone surrogate in free text": (
        {"kind": "volunteer.registered", "payload": {**REGISTERED, "name": "\ud800"}},
        "",
    ),
    "lone surrogate in actor": ({"actor": "\udfff"}, ""),
    "lone surrogate in kind": ({"kind": "\ud800"}, ""),
    "number past 64 bits": ({"payload": {**CHECKED_IN, "n": RAW}}, str(2**70)),
    "number past a float": ({"payload": {**CHECKED_IN, "n": RAW}}, "1e400"),
    "payload not an object": ({"payload": ["a", "\x00"]}, ""),
    "payload nested 40 deep": ({"payload": {**CHECKED_IN, "x": _deep(40)}}, ""),
    "occurred_at not a time": ({"occurred_at": "yesterday\x00"}, ""),
    "occurred_at a number": ({"occurred_at": 0}, ""),
    "occurred_at digits": ({"occurred_at": "1700000000"}, ""),
}


@pytest.mark.parametrize("case", list(POISON))
def test_a_poison_event_is_a_reject_and_the_station_keeps_syncing(hub: Hub, case: str) -> None:
    east, west = hub.enrol("k-east"), hub.enrol("k-west")
    changes, raw = POISON[case]
    first, poison, last = east.write(3)
    poison.update(changes)

    response = send(east, [first, poison, last], raw)
    assert response.status_code == 200, response.text
    reply = PushResponse.model_validate_json(response.content)
    assert reply.acked_seq == 3
    assert [r.status for r in reply.results] == ["applied", "rejected", "applied"]
    assert reply.results[1].reason and not unstorable_escapes(reply.results[1].reason)

    # the station's other kiosk still pulls, and gets the two good events
    pulled = west.pull_all()
    assert [e["event"]["id"] for e in pulled] == [first["id"], last["id"]]
    # the kiosk itself (restored from a backup) gets its events back and the reject
    own = hub.client.get("/v1/sync/own-events", headers=east.auth)
    assert own.status_code == 200, own.text
    assert [e["seq"] for e in own.json()["events"]] == [1, 3]
    assert [r["seq"] for r in own.json()["rejected"]] == [2]
    assert not unstorable_escapes(own.text)
    # staff see the reject, stored storable
    rejects = hub.client.get("/v1/admin/rejects", headers=hub.admin)
    assert rejects.status_code == 200, rejects.text
    assert [(r["kiosk_id"], r["seq"]) for r in rejects.json()] == [("k-east", 2)]
    assert not unstorable_escapes(rejects.text)
    assert hub.kiosk_status("k-east")["rejects"] == 1

    # and the queue moved on: the next push is applied
    assert east.push(east.write(1)).json()["results"][0]["status"] == "applied"


def test_the_window_edges_are_accepted(hub: Hub) -> None:
    """A kiosk whose clock reset to the Unix epoch still syncs (DESIGN §3)."""
    kiosk = hub.enrol("k-east")
    events = kiosk.write(3)
    events[0]["occurred_at"] = "1970-01-01T00:00:00+00:00"
    events[1]["occurred_at"] = "2099-12-31T23:59:59.999999+00:00"
    events[2]["occurred_at"] = "1970-01-01T14:00:00+14:00"  # the epoch itself, in Kiribati
    reply = send(kiosk, events).json()
    assert [r["status"] for r in reply["results"]] == ["applied"] * 3


ENVELOPE: dict[str, tuple[int, dict[str, Any], dict[str, Any]]] = {
    # name: (index of the event to change, its changes, changes to the body)
    "seq 0": (0, {"seq": 0}, {}),
    "seq -1": (0, {"seq": -1}, {}),
    "seq 2**63": (0, {"seq": 2**63}, {}),
    "seq 2**70": (0, {"seq": 2**70}, {}),
    "seq as a string": (0, {"seq": "1"}, {}),
    "seq as true": (0, {"seq": True}, {}),
    "seq as 1.0": (0, {"seq": 1.0}, {}),
    "pending as a string": (0, {}, {"pending": "1"}),
    "pending as true": (0, {}, {"pending": True}),
    "pending 2**70": (0, {}, {"pending": 2**70}),
    "sent_at year 1": (0, {}, {"sent_at": "0001-01-01T00:00:00+14:00"}),
    "sent_at year 9999": (0, {}, {"sent_at": "9999-12-31T23:59:59-14:00"}),
    "NUL in the event id": (0, {"id": "0\x00"}, {}),
    "lone surrogate in the event id": (0, {"id": "\ud800"}, {}),
}


@pytest.mark.parametrize("case", list(ENVELOPE))
def test_an_envelope_no_kiosk_can_write_is_refused_whole(hub: Hub, case: str) -> None:
    kiosk = hub.enrol("k-east")
    index, changes, envelope = ENVELOPE[case]
    events = kiosk.write(1)
    events[index].update(changes)
    response = send(kiosk, events, **envelope)
    assert response.status_code == 422, response.text
    assert response.json()["reason"] == "invalid_body"
    assert response.json()["reason_zh"]
    assert not unstorable_escapes(response.text)
    assert hub.kiosk_status("k-east")["acked_seq"] == 0
    assert hub.client.get("/v1/admin/status", headers=hub.admin).json()["events"] == 0


@pytest.mark.parametrize(
    "date",
    [
        "Mon, 01 Jan 0001 00:00:00 +1400",
        "Fri, 31 Dec 9999 23:59:59 -1400",
        "Mon, 20 Nov 1995 19:12:08 -0000",
        "Mon, 20 Nov 1995 19:12:08 +9900",
        "not a date",
    ],
)
def test_an_odd_date_header_is_ignored(hub: Hub, date: str) -> None:
    kiosk = hub.enrol("k-east")
    response = hub.client.post(
        "/v1/sync/push",
        content=json.dumps({"kiosk_id": "k-east", "events": kiosk.write(1)}).encode(),
        headers={**kiosk.auth, "Content-Type": "application/json", "Date": date},
    )
    assert response.status_code == 200, response.text
    assert response.json()["acked_seq"] == 1


def test_a_valid_batch_still_takes_every_event(hub: Hub) -> None:
    """The checks refuse nothing a kiosk writes: free text in Chinese, an emoji (a surrogate
    pair, not a lone one), 64-bit numbers and today's time."""
    kiosk = hub.enrol("k-east")
    events = [
        wire_event(
            "k-east", 1, kind="volunteer.registered", payload={**REGISTERED, "name": "李四😀"}
        ),
        wire_event("k-east", 2, occurred_at=datetime.now(UTC)),
        wire_event(
            "k-east",
            3,
            kind="service.used",
            payload={
                "use_id": "u-1",
                "service_id": "water",
                "audience": "rider",
                "count": 2,
                "day": "2026-01-20",
            },
        ),
    ]
    kiosk.events += events
    reply = send(kiosk, events).json()
    assert [r["status"] for r in reply["results"]] == ["applied"] * 3
