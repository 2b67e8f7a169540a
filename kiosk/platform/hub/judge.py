"""Reading a push body and judging each of its events: an event row, or a reject staff can see.

The envelope of a batch (the kiosk, its seqs, each event's id) decides where the batch stands in
the kiosk's queue, so a batch that gets it wrong is refused whole (422): no kiosk can have
written it. Everything else is judged per event (DESIGN §3: trust nothing on the wire): an event
the hub cannot store or a kiosk could not fold (a time outside the window, text PostgreSQL cannot
hold, a bad payload, another station) becomes a reject that counts toward the kiosk's acked_seq,
so the queue moves on and no later pull meets a row it cannot read. A reject row itself is made
storable (its text sanitized, its payload cut to size), so listing rejects never fails either.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, NoReturn

from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticSerializationError, to_json

from kiosk.core.errors import ValidationError
from kiosk.core.events import hub_only_kinds, validate_payload
from kiosk.core.text import storable_json, storable_text
from kiosk.platform.hub.errors import Invalid, TooLarge
from kiosk.platform.sync.protocol import (
    MAX_LARGE_PUSH_EVENTS,
    MAX_PAYLOAD_BYTES,
    PushedEvent,
    PushEnvelope,
    WireEvent,
    sane_time_problem,
)

log = logging.getLogger(__name__)

MAX_REASON = 300  # characters of a reject's reason
# A kiosk's push of a kind only the centre writes (`EventKind.hub_only`), in both languages.
HUB_ONLY_REASON = "hub_only: 此类记录只能由中心页面写入 / only the centre's pages write this kind"
_IDENT = re.compile(r"[A-Za-z0-9_.:-]{1,64}")  # protocol.Ident


def parse_push(raw: bytes) -> PushEnvelope:
    """The body's envelope; 413 for too many events, 422 (with pydantic's errors) otherwise."""
    try:
        return PushEnvelope.model_validate_json(raw)
    except PydanticValidationError as exc:
        errors = _errors(exc)
        if [e["type"] for e in errors] != ["json_invalid"]:
            _refuse(errors)
    # Valid JSON that pydantic's parser refuses: a lone surrogate escape ("\ud800"). The standard
    # library reads it, so the event holding it becomes a reject instead of blocking the kiosk.
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        _refuse(errors)
    try:
        return PushEnvelope.model_validate(data)
    except PydanticValidationError as exc:
        _refuse(_errors(exc))


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def _errors(exc: PydanticValidationError) -> list[dict[str, Any]]:
    errors = exc.errors(include_url=False, include_context=False, include_input=False)
    # A location can name a key the kiosk sent: keep the reply encodable.
    return [{**e, "loc": [storable_json(p) for p in e["loc"]]} for e in errors]


def too_many_events(limit: int) -> TooLarge:
    """413 for a push of more than `limit` events (what this hub takes, `push_max_events`)."""
    return TooLarge(
        f"at most {limit} events per push",
        reason="too_many_events",
        reason_zh=f"每批最多 {limit} 条记录",
    )


def _refuse(errors: list[dict[str, Any]]) -> NoReturn:
    if any(e["type"] == "too_long" and tuple(e["loc"]) == ("events",) for e in errors):
        raise too_many_events(MAX_LARGE_PUSH_EVENTS) from None
    raise Invalid(
        "invalid push body", reason="invalid_body", reason_zh="请求格式无效", errors=errors
    ) from None


def kiosk_clock(sent_at: datetime | None, date_header: str | None) -> datetime | None:
    """The kiosk's wall clock: the body's `sent_at`, else its `Date` header if it names a sane
    instant (a header is advisory: an odd one is ignored, not refused)."""
    if sent_at is not None:
        return sent_at
    if not date_header:
        return None
    try:
        moment = parsedate_to_datetime(date_header)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # "-0000": UTC, source unknown (RFC 5322)
        moment = moment.replace(tzinfo=UTC)
    return None if sane_time_problem(moment) else moment


@dataclass(frozen=True)
class Verdict:
    """What the hub does with one pushed event: store `event`, or store `reject` (a row of the
    rejects table without kiosk_id and received_at) and answer `reason`."""

    seq: int
    id: str
    event: WireEvent | None
    reason: str | None = None
    reject: dict[str, Any] | None = None


def judge(pushed: PushedEvent, station_id: str) -> Verdict:
    """Accept `pushed` as an event of `station_id` (the credential's station), or refuse it."""
    size = _size(pushed.payload)
    if size > MAX_PAYLOAD_BYTES:
        reason = f"payload_too_large: {size} bytes > {MAX_PAYLOAD_BYTES}"
        return _refused(pushed, station_id, reason, {"omitted_bytes": size})
    try:
        event = WireEvent.model_validate(pushed.content())
    except PydanticValidationError as exc:
        first = exc.errors(include_url=False, include_context=False, include_input=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "event"
        message = str(first["msg"]).removeprefix("Value error, ")
        return _refused(pushed, station_id, f"invalid_event: {where}: {message}")
    if event.station_id != station_id:
        return _refused(pushed, station_id, f"wrong_station: kiosk belongs to {station_id}")
    if event.kind in hub_only_kinds():  # the centre's facts: a kiosk may not forge them
        return _refused(pushed, station_id, HUB_ONLY_REASON)
    try:
        validate_payload(event.kind, event.payload)
    except ValidationError as exc:
        return _refused(pushed, station_id, f"invalid_payload: {exc.en}")
    return Verdict(event.seq, event.id, event)


def _size(payload: Any) -> int:
    try:
        return len(to_json(payload))
    except PydanticSerializationError:  # a lone surrogate: measure what would be kept
        return len(to_json(storable_json(payload)))


def _refused(
    pushed: PushedEvent, station_id: str, reason: str, payload: dict[str, Any] | None = None
) -> Verdict:
    reason = storable_text(reason)[:MAX_REASON]
    if payload is None:
        payload = _kept_payload(pushed.payload)
    claimed = pushed.station_id
    row = {
        "seq": pushed.seq,
        "event_id": pushed.id,
        # the station the event named when it is one, so staff see what the kiosk claimed
        "station_id": claimed if is_ident(claimed) else station_id,
        "kind": storable_text(pushed.kind)[:64] if isinstance(pushed.kind, str) else "",
        "reason": reason,
        "payload": payload,
    }
    return Verdict(pushed.seq, pushed.id, None, reason, row)


def _kept_payload(payload: Any) -> dict[str, Any]:
    """The refused event's payload as the reject keeps it: storable, an object, bounded."""
    kept = storable_json(payload)
    if not isinstance(kept, dict):
        kept = {"not_an_object": kept}
    size = len(to_json(kept))
    return kept if size <= MAX_PAYLOAD_BYTES else {"omitted_bytes": size}


def is_ident(value: Any) -> bool:
    """Whether `value` is a valid `protocol.Ident`."""
    return isinstance(value, str) and _IDENT.fullmatch(value) is not None


def event_row(event: WireEvent) -> dict[str, Any]:
    """An accepted event as a row of the events table."""
    return {
        "id": event.id,
        "station_id": event.station_id,
        "kiosk_id": event.kiosk_id,
        "seq": event.seq,
        "kind": event.kind,
        "occurred_at": event.occurred_at,
        "actor": event.actor,
        "payload": event.payload,
    }


def wire_event(row: Any) -> WireEvent | None:
    """A stored event as it travels, or None (logged) if it is not a valid one: a row written
    before the hub checked what it stores must not make a whole pull fail."""
    try:
        return WireEvent(
            id=row.id,
            kind=row.kind,
            station_id=row.station_id,
            kiosk_id=row.kiosk_id,
            seq=row.seq,
            occurred_at=row.occurred_at,
            actor=row.actor,
            payload=row.payload,
        )
    except PydanticValidationError as exc:
        log.warning("stored event %s (%s #%s) not served: %s", row.id, row.kiosk_id, row.seq, exc)
        return None
