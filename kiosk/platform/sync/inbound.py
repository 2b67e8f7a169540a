"""What a kiosk takes from its hub (DESIGN §3, "trust nothing on the wire"): each pulled event
and configuration item is checked on its own, so one the kiosk could not have been sent is
refused alone, named for staff and logged, while the rest of its page is stored and the pull
moves past it. A hub validates what it stores too; this is the kiosk's own line of defence."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from kiosk.core.errors import ValidationError
from kiosk.core.events import Event
from kiosk.platform import registry
from kiosk.platform.sync.protocol import (
    MAX_CONFIG_BODY_BYTES,
    MAX_CURSOR_LENGTH,
    MAX_PAYLOAD_BYTES,
    ConfigItem,
    PulledEvent,
)

log = logging.getLogger(__name__)

# Wider than any window a hub keeps (a kiosk whose clock is wrong still syncs), but finite:
# the kiosk adds hours and days to these times, which must never overflow.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)
MAX_SQL_INT = 2**63 - 1  # an SQLite INTEGER: a larger number cannot even be stored


@dataclass(frozen=True)
class Refusal:
    """Something a hub sent that this kiosk did not take, and why (shown to staff)."""

    what: str
    reason: str

    def __str__(self) -> str:  # the reason first: what staff read, before an id
        return f"{self.reason} ({self.what})"


class Refused(Exception):
    """Raised by the checks below; carries the `Refusal`."""

    def __init__(self, what: str, reason: str) -> None:
        super().__init__(f"{reason} ({what})")
        self.refusal = Refusal(what, reason)


def sane_cursor(cursor: object) -> bool:
    """A cursor the kiosk may store and send back: printable ASCII, no longer than the hub
    accepts (a cursor is opaque, but it travels in a URL and a column)."""
    return (
        isinstance(cursor, str)
        and len(cursor) <= MAX_CURSOR_LENGTH
        and all("!" <= c <= "~" for c in cursor)
    )


def _first_error(exc: PydanticValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}"[:200]


def _label(raw: object, key: str) -> str:
    """A short, printable name for something that may be anything."""
    value = raw.get(key) if isinstance(raw, dict) else None
    return ascii(value)[:60] if value is not None else "?"


def _utc(when: datetime, what: str, field: str) -> datetime:
    try:
        utc = when.astimezone(UTC)
    except (OverflowError, ValueError):
        raise Refused(what, f"{field} is out of the range this kiosk can store") from None
    if not EARLIEST <= utc < LATEST:
        raise Refused(what, f"{field} is out of the range this kiosk can store")
    return utc


def _storable_json(value: object, what: str, field: str, limit: int) -> None:
    """SQLite stores UTF-8 text: a lone surrogate cannot be written (and would fail the whole
    page's transaction); an oversized body is not something a hub may send."""
    try:
        size = len(json.dumps(value, ensure_ascii=False).encode())
    except (UnicodeEncodeError, ValueError, RecursionError):
        raise Refused(what, f"{field} holds text this kiosk cannot store") from None
    if size > limit:
        raise Refused(what, f"{field} is larger than {limit} bytes")


def check_event(raw: object, kiosk_id: str, station_id: str) -> Event:
    """The event of one pulled page entry, if this kiosk could have been sent it: another
    kiosk's, of this station, storable, with a valid payload for a kind this build knows (a
    kind from a newer build is kept unfolded, see `eventlog.ingest`). Raises Refused."""
    event_raw = raw.get("event") if isinstance(raw, dict) else None
    try:
        wire = PulledEvent.model_validate(raw).event
    except PydanticValidationError as exc:
        what = f"event {_label(event_raw, 'id')}"
        raise Refused(what, f"not a valid event ({_first_error(exc)})") from None
    what = f"event {wire.id} ({ascii(wire.kind)[:40]} of {wire.kiosk_id} #{wire.seq})"
    if wire.kiosk_id == kiosk_id:
        raise Refused(what, "carries this kiosk's own id: only this kiosk writes those")
    if wire.station_id != station_id:
        raise Refused(what, f"belongs to station {wire.station_id}, not this one")
    if wire.seq > MAX_SQL_INT:
        raise Refused(what, "seq is out of range")
    occurred_at = _utc(wire.occurred_at, what, "occurred_at")
    _storable_json(wire.kind, what, "kind", 64 * 4)
    _storable_json(wire.actor, what, "actor", 64 * 4)
    _storable_json(wire.payload, what, "payload", MAX_PAYLOAD_BYTES)
    kinds = registry.kinds()
    if wire.kind in kinds.payloads:
        try:
            kinds.validate(wire.kind, dict(wire.payload))
        except ValidationError as exc:
            raise Refused(what, f"invalid payload ({exc.en})") from None
    return Event(
        id=wire.id,
        kind=wire.kind,
        station_id=wire.station_id,
        kiosk_id=wire.kiosk_id,
        seq=wire.seq,
        occurred_at=occurred_at,
        actor=wire.actor,
        payload=dict(wire.payload),
    )


def _body_check(kind: str) -> Callable[[dict[str, Any]], None] | None:
    """The check of a kind the kiosk applies as a whole (a feature's `domain.CONFIG_CHECKS`, e.g.
    the roster): an unreadable one is skipped, so the last good publication stays (the other
    kinds are read entry by entry, skipping bad entries)."""
    global _checks
    if _checks[0] != registry.generation:
        _checks = (registry.generation, registry.merged("domain", "CONFIG_CHECKS"))
    return _checks[1].get(kind)


_checks: tuple[int, dict[str, Callable[[dict[str, Any]], None]]] = (-1, {})


def check_config(raw: object, station_id: str) -> dict[str, Any]:
    """A pulled configuration item as `sync_store.apply_page` takes it, if this kiosk can use
    it: for its station or all, storable, and readable for the kinds applied whole."""
    try:
        item = ConfigItem.model_validate(raw)
    except PydanticValidationError as exc:
        what = f"config {_label(raw, 'kind')}"
        raise Refused(what, f"not a valid config item ({_first_error(exc)})") from None
    what = f"config {item.kind} v{item.version}"
    if item.station_id is not None and item.station_id != station_id:
        raise Refused(what, f"is for station {ascii(item.station_id)[:66]}, not this one")
    if not 0 <= item.version <= MAX_SQL_INT or not 0 <= item.position <= MAX_SQL_INT:
        raise Refused(what, "version is out of range")
    published_at = _utc(item.published_at, what, "published_at")
    _storable_json(item.body, what, "body", MAX_CONFIG_BODY_BYTES)
    check = _body_check(item.kind)
    if check is not None:
        try:
            check(item.body)
        except PydanticValidationError as exc:
            raise Refused(what, f"body not readable ({_first_error(exc)})") from None
        except ValueError as exc:
            raise Refused(what, f"body not readable ({exc})") from None
    return {**item.model_dump(), "published_at": published_at}


def screen_page(
    events: list[dict[str, Any]],
    config: list[dict[str, Any]],
    kiosk_id: str,
    station_id: str,
) -> tuple[list[Event], list[dict[str, Any]], list[Refusal]]:
    """Split a pulled page into what the kiosk stores and what it refuses (each logged)."""
    taken: list[Event] = []
    items: list[dict[str, Any]] = []
    refusals: list[Refusal] = []
    for raw in events:
        try:
            taken.append(check_event(raw, kiosk_id, station_id))
        except Refused as exc:
            refusals.append(exc.refusal)
    for raw in config:
        try:
            items.append(check_config(raw, station_id))
        except Refused as exc:
            refusals.append(exc.refusal)
    for refusal in refusals:
        log.warning("refused from the hub: %s", refusal)
    return taken, items, refusals
