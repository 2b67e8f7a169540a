"""The push body read in one pass, and the reply built without models (the hot path).

`read_valid_batch` validates the raw JSON with one TypeAdapter: the envelope exactly as
`PushRequest`/`WireEvent` define it, and each event's payload against its kind's schema (a
discriminated union on `kind`), all in strict mode, with the protocol's own types for the time
window, the seq range and the actor; the payload's text and numbers are then checked storable
(`kiosk.core.text.unstorable_json`). It answers only for the common case, a batch whose every
event is valid; anything else (a bad payload, an unknown kind, a time out of the window, text the
database cannot hold, a value that only lax validation accepts, a malformed body) gives None and
the caller reads the body the general way (`kiosk.platform.hub.judge`: the envelope, then each event
against `WireEvent` and its payload schema), which stays the authority on rejects, 413 and 422.

Why strict: what strict validation accepts, lax validation accepts with the same values, so a
fast-path payload is stored exactly as the kiosk sent it (key order aside) and the fast path
can never accept what the general path would reject. tests/platform/hub/test_hub_fastpush.py
checks this
against `validate_payload` for every kind.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import (
    Annotated,
    Any,
    Literal,
    NotRequired,  # pydantic needs these on Python < 3.12
    Union,
)

from pydantic import (
    AfterValidator,
    AwareDatetime,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    TypeAdapter,
)
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import to_json
from typing_extensions import TypedDict

from kiosk.core.events import PAYLOADS, Payload, hub_only_kinds
from kiosk.core.text import MAX_JSON_INT, unstorable_char, unstorable_json
from kiosk.platform.sync.protocol import (
    HUB_FEATURES,
    MAX_LARGE_PUSH_EVENTS,
    MAX_PAYLOAD_BYTES,
    MAX_PENDING,
    MAX_SEQ,
    EventId,
    Ident,
)

_STRICT = ConfigDict(extra="forbid", strict=True)
_BOUNDED_INT = Annotated[int, Field(ge=-MAX_JSON_INT, le=MAX_JSON_INT)]
_BOUNDED_INTS: dict[Any, Any] = {int: _BOUNDED_INT, int | None: _BOUNDED_INT | None}
# Every time of the batch as ISO text in the protocol's window, checked on the raw bytes: a year
# 1971..2098 and an offset within ±14:00 lie inside [OCCURRED_FROM, OCCURRED_UNTIL) whatever
# the rest; pydantic alone would also take "1700000000" (seconds) or year 1. A time this does
# not match (a window edge, a duplicated or escaped key) sends the batch the general way.
_TIME = re.compile(
    rb'"(?:occurred|sent)_at"\s*:\s*("(?:197[1-9]|19[89]\d|20[0-8]\d|209[0-8])-\d\d-\d\d[T ]'
    rb'\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-](?:0\d|1[0-3]):[0-5]\d|[+-]14:00)")?'
)

# The types below are built on first use from PAYLOADS, which static typing cannot follow: these
# aliases keep mypy out of it (pydantic checks them when the TypeAdapter is built).
_typed_dict: Any = TypedDict
_annotated: Any = Annotated
_literal: Any = Literal
_not_required: Any = NotRequired
_union: Any = Union


def _strict_typed_dict(name: str, fields: dict[str, Any]) -> Any:
    typed = _typed_dict(name, fields)
    typed.__pydantic_config__ = _STRICT
    return typed


def _payload_dict_type(kind: str, model: type[Payload]) -> Any:
    """A strict TypedDict with the model's fields and constraints; its output is the input."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        # Integers no database column holds never take this path (kiosk.core.text).
        annotation = _BOUNDED_INTS.get(info.annotation, info.annotation)
        annotation = _TIMES.get(annotation, annotation)
        # A field without constraints (a plain `bool | None`) has no metadata to annotate with.
        annotated = _annotated[(annotation, *info.metadata)] if info.metadata else annotation
        fields[name] = annotated if info.is_required() else _not_required[annotated]
    return _strict_typed_dict(f"Fast_{kind.replace('.', '_')}", fields)


# Field types whose strict validation returns the input value itself (no nested models, whose
# output would be an object with defaults filled in rather than the dict the kiosk sent).
_SCALARS: tuple[Any, ...] = (str, int, bool, str | None, int | None, bool | None)


def _time_text(kind_type: Any) -> Any:
    """A datetime or date field kept as the text the kiosk sent (so the payload is stored as
    sent), and accepted only if the payload model's own (lax) validation of that type takes it:
    what `validate_payload` accepts for the field, no more. Without this, a kind with a time in
    its payload (a loan's `due_at`, a request's `departs_at`) sent its whole batch the general
    way: ~60–90 µs an event instead of ~10 (docs/hub.md "A backlog in larger pushes")."""
    adapter = TypeAdapter(kind_type)

    def check(value: str) -> str:
        try:
            adapter.validate_python(value)
        except PydanticValidationError:
            raise ValueError(f"not a {kind_type.__name__}") from None
        return value

    return _annotated[str, AfterValidator(check)]


# Time fields as checked text (each type's adapter built once).
_TIMES: dict[Any, Any] = {
    datetime: _time_text(datetime),
    date: _time_text(date),
}
_TIMES |= {datetime | None: _TIMES[datetime] | None, date | None: _TIMES[date] | None}


def _fast_kinds() -> dict[str, Any]:
    """Kinds whose schema is scalar fields with constraints and no validators: those can be
    mirrored by a TypedDict. A kind left out here always takes the general path, which refuses
    a hub-only kind (`EventKind.hub_only`), so those are left out."""
    out = {}
    hub_only = hub_only_kinds()
    for kind, model in PAYLOADS.items():
        if kind in hub_only:
            continue
        decorators = model.__pydantic_decorators__
        if any(
            (
                decorators.validators,
                decorators.field_validators,
                decorators.model_validators,
                decorators.root_validators,
                decorators.computed_fields,
            )
        ) or any(
            f.annotation not in _SCALARS and (f.annotation not in _TIMES or f.metadata)
            for f in model.model_fields.values()
        ):
            continue
        out[kind] = _payload_dict_type(kind, model)
    return out


def _event_type(kind: str, payload: Any) -> Any:
    """`WireEvent`'s fields and constraints, strict, with `kind` fixed and its payload type."""
    return _strict_typed_dict(
        f"FastEvent_{kind.replace('.', '_')}",
        {
            "id": EventId,
            "kind": _literal[kind],
            "station_id": Ident,
            "kiosk_id": Ident,
            "seq": Annotated[int, Field(ge=1, le=MAX_SEQ)],
            "occurred_at": AwareDatetime,  # ISO text and the window: checked in read_valid_batch
            "actor": _not_required[Annotated[str | None, Field(max_length=64)]],
            "payload": payload,
        },
    )


@cache
def fast_kinds() -> dict[str, Any]:
    """The fast kinds, a view of the kind table (built on first use, once the registry has
    handed core its kinds)."""
    return _fast_kinds()


@cache
def _body() -> TypeAdapter[Any]:
    event = _annotated[
        _union[tuple(_annotated[_event_type(k, p), Tag(k)] for k, p in fast_kinds().items())],
        Discriminator("kind"),
    ]
    body = _strict_typed_dict(
        "FastPushBody",
        {
            "kiosk_id": Ident,
            "sent_at": _not_required[AwareDatetime | None],
            "pending": _not_required[Annotated[int, Field(ge=0, le=MAX_PENDING)] | None],
            "events": Annotated[list[event], Field(max_length=MAX_LARGE_PUSH_EVENTS)],  # type: ignore[valid-type]
        },
    )
    return TypeAdapter(body)


def warm() -> None:
    """Build the validator now (~0.1–0.2 s) rather than in the served hub's first push."""
    _body()


class ValidBatch:
    """A push body whose events are all valid, from one kiosk and one station, seqs dense."""

    __slots__ = (
        "events",
        "first_seq",
        "kiosk_id",
        "last_seq",
        "pending",
        "sent_at",
        "station_id",
    )

    def __init__(self, body: dict[str, Any]) -> None:
        self.kiosk_id: str = body["kiosk_id"]
        self.sent_at: datetime | None = body.get("sent_at")
        self.pending: int | None = body.get("pending")
        self.events: list[dict[str, Any]] = body["events"]
        self.station_id: str = self.events[0]["station_id"]
        self.first_seq: int = self.events[0]["seq"]
        self.last_seq: int = self.events[-1]["seq"]

    def rows_json(self) -> str:
        """The events as one JSON array (the shape the PostgreSQL insert expands)."""
        return to_json(self.events).decode()


def read_valid_batch(raw: bytes) -> ValidBatch | None:
    """The batch if every event in `raw` is valid and it can take the fast path, else None."""
    try:
        body: dict[str, Any] = _body().validate_json(raw)  # type: ignore[assignment]
    except PydanticValidationError:
        return None
    events = body["events"]
    if not events:
        return None
    # The protocol's own checks, once per batch on the raw bytes rather than by a Python
    # validator per field (which tripled the cost of this path): every time is sane ISO text;
    # NUL and lone surrogates reach a string only as escapes, so a body without "\u" needs no
    # walk through every payload. (Integers are bounded by the payload types; fast kinds have no
    # float fields, so no infinity either.)
    times = len(events) + (body.get("sent_at") is not None)
    found = _TIME.findall(raw)  # one per key; b"" where the value is not a sane time
    if len(found) != times or not all(found):
        return None
    may_hold_unstorable = b"\\u" in raw
    kiosk_id = body["kiosk_id"]
    station_id = events[0]["station_id"]
    expected = events[0]["seq"]
    for event in events:
        if (
            event["seq"] != expected
            or event["kiosk_id"] != kiosk_id
            or event["station_id"] != station_id
            or len(to_json(event["payload"])) > MAX_PAYLOAD_BYTES
            or (
                may_hold_unstorable
                and (
                    unstorable_json(event["payload"]) is not None
                    or unstorable_char(event.get("actor") or "") is not None
                )
            )
        ):
            return None
        expected += 1
    return ValidBatch(body)


# --- the reply -------------------------------------------------------------------------------


def applied(seq: int, event_id: str) -> dict[str, Any]:
    return {"seq": seq, "id": event_id, "status": "applied", "stored": None, "reason": None}


def reply_json(
    acked_seq: int,
    results: list[dict[str, Any]],
    hub_time: datetime,
    clock_offset_s: float | None,
    skew_threshold_s: float,
    features: tuple[str, ...] = HUB_FEATURES,
) -> bytes:
    """`PushResponse` as JSON, built from plain dicts (500 models per batch cost ~2 ms)."""
    return to_json(
        {
            "acked_seq": acked_seq,
            "results": results,
            "hub_time": hub_time,
            "clock_offset_s": clock_offset_s,
            "skew_flagged": clock_offset_s is not None and abs(clock_offset_s) > skew_threshold_s,
            "features": features,
        }
    )
