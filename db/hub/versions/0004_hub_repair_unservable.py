"""hub: move events no kiosk can read out of the feed, into rejects staff can see

Revision ID: h0004
Revises: h0003
Create Date: 2026-12-04

Before the hub checked what it stores (issue 13 item 1), a push could store an event that broke
every later pull of its station: `occurred_at` = 0001-01-01T00:00:00+14:00 is year 0 in UTC,
which PostgreSQL keeps and then cannot return (every /v1/sync/pull and /v1/sync/own-events
answered 500), and text with NUL or a lone surrogate that a kiosk now refuses. This moves each
such event to `rejects` (its seq stays accounted for, so no kiosk's acked_seq moves) with a
reason and a storable copy of its payload, and makes stored rejects storable the same way.

A migration rather than an admin command: every hub runs its migrations on start and with
`kiosk-hub migrate`, so upgrading repairs it with no step to remember, in one transaction, and
the code that could write such rows is gone. The window is frozen here as it was decided
(kiosk/platform/sync/protocol.py: OCCURRED_FROM, OCCURRED_UNTIL). A cheap SQL filter finds
candidates
(one scan of events); Python then judges each candidate. Downgrade keeps the rejects.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from alembic import op
from sqlalchemy import Connection, text

from kiosk.core.text import storable_json, storable_text, unstorable_char, unstorable_json

revision = "h0004"
down_revision = "h0003"
branch_labels = None
depends_on = None

OCCURRED_FROM = datetime(1970, 1, 1, tzinfo=UTC)
OCCURRED_UNTIL = datetime(2100, 1, 1, tzinfo=UTC)
MAX_REASON = 300
_DIGITS_19 = "[0-9]" * 19  # an integer that may not fit 64 bits

# Candidates: a time outside the window, or text that may hold NUL / a lone surrogate / a number
# no column holds. PostgreSQL text columns cannot hold NUL at all; SQLite ones can.
_PG_EVENTS = text(
    "SELECT hub_seq, station_id, kind, actor, payload::text,"
    " (occurred_at < :lo OR occurred_at >= :hi), occurred_at::text FROM events"
    " WHERE occurred_at < :lo OR occurred_at >= :hi OR payload::text ~ :suspect"
)
_SQLITE_EVENTS = text(
    "SELECT hub_seq, station_id, kind, actor, payload,"
    " (occurred_at < :lo OR occurred_at >= :hi), occurred_at FROM events"
    " WHERE occurred_at < :lo OR occurred_at >= :hi"
    " OR instr(actor, char(0)) OR instr(kind, char(0)) OR instr(station_id, char(0))"
    " OR instr(payload, '\\u0000') OR payload GLOB '*\\ud[89a-f]*'"
    f" OR payload GLOB '*{_DIGITS_19}*' OR instr(payload, 'Infinity') OR instr(payload, 'NaN')"
)
_PG_REJECTS = text(
    "SELECT id, kind, reason, payload::text FROM rejects WHERE payload::text ~ :suspect"
)
_SQLITE_REJECTS = text(
    "SELECT id, kind, reason, payload FROM rejects"
    " WHERE instr(kind, char(0)) OR instr(reason, char(0)) OR instr(payload, '\\u0000')"
    " OR payload GLOB '*\\ud[89a-f]*' OR instr(payload, 'Infinity') OR instr(payload, 'NaN')"
)
_SUSPECT = r"\\u(0000|[dD][89a-fA-F])|[0-9]{19}|Infinity|NaN"


def upgrade() -> None:
    connection = op.get_bind()
    postgres = connection.dialect.name == "postgresql"
    json_param = "CAST(:payload AS json)" if postgres else ":payload"
    move = text(
        "INSERT INTO rejects (kiosk_id, seq, event_id, station_id, kind, reason, payload,"
        f" received_at) SELECT kiosk_id, seq, id, :station_id, :kind, :reason, {json_param},"
        " received_at FROM events WHERE hub_seq = :hub_seq"
    )
    forget = text("DELETE FROM events WHERE hub_seq = :hub_seq")
    for row in _candidates(connection, postgres):
        hub_seq, station_id, kind, actor, payload_text, outside, occurred = row
        payload = _load(payload_text)
        problem = _problem(bool(outside), str(occurred), kind, station_id, actor, payload)
        if problem is None:
            continue
        values = {
            "hub_seq": hub_seq,
            "station_id": storable_text(station_id)[:64],
            "kind": storable_text(kind)[:64],
            "reason": storable_text(f"invalid_event: {problem} (moved by h0004)")[:MAX_REASON],
            "payload": json.dumps(_kept(payload)),
        }
        connection.execute(move, values)
        connection.execute(forget, {"hub_seq": hub_seq})
    _repair_rejects(connection, postgres)


def _candidates(connection: Connection, postgres: bool) -> list[Any]:
    if postgres:
        params: dict[str, Any] = {"lo": OCCURRED_FROM, "hi": OCCURRED_UNTIL, "suspect": _SUSPECT}
        return list(connection.execute(_PG_EVENTS, params))
    # SQLite keeps naive UTC text "YYYY-MM-DD HH:MM:SS.ffffff", which sorts as it reads.
    lo = OCCURRED_FROM.strftime("%Y-%m-%d %H:%M:%S.%f")
    hi = OCCURRED_UNTIL.strftime("%Y-%m-%d %H:%M:%S.%f")
    return list(connection.execute(_SQLITE_EVENTS, {"lo": lo, "hi": hi}))


def _problem(
    outside: bool, occurred: str, kind: str, station_id: str, actor: str | None, payload: Any
) -> str | None:
    if outside:
        return f"occurred_at {occurred} is outside 1970-01-01 .. 2100-01-01 UTC"
    for name, value in (("kind", kind), ("station_id", station_id), ("actor", actor or "")):
        problem = unstorable_char(value)
        if problem is not None:
            return f"{name}: contains {problem}"
    return unstorable_json(payload, "payload")


def _load(payload_text: Any) -> Any:
    """The stored payload; the standard library reads what pydantic would refuse."""
    if not isinstance(payload_text, str):
        return payload_text
    try:
        return json.loads(payload_text)
    except (ValueError, RecursionError):
        return {"unreadable": payload_text[:200]}


def _kept(payload: Any) -> dict[str, Any]:
    kept = storable_json(payload)
    return kept if isinstance(kept, dict) else {"not_an_object": kept}


def _repair_rejects(connection: Connection, postgres: bool) -> None:
    found = connection.execute(
        _PG_REJECTS if postgres else _SQLITE_REJECTS, {"suspect": _SUSPECT} if postgres else {}
    )
    payload = "CAST(:payload AS json)" if postgres else ":payload"
    fix = text(
        f"UPDATE rejects SET kind = :kind, reason = :reason, payload = {payload} WHERE id = :id"
    )
    for reject_id, kind, reason, payload_text in list(found):
        loaded = _load(payload_text)
        if not (unstorable_char(kind) or unstorable_char(reason) or unstorable_json(loaded)):
            continue
        connection.execute(
            fix,
            {
                "id": reject_id,
                "kind": storable_text(kind)[:64],
                "reason": storable_text(reason)[:MAX_REASON],
                "payload": json.dumps(_kept(loaded)),
            },
        )


def downgrade() -> None:
    """The moved events stay rejects: they were never servable."""
