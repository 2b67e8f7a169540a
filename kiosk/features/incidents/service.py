"""Incident records (急救登记): record, amend, void, list; items used come out of the stock.

An incident's items are `medicine.dispensed` events (reason "incident") written in the same
transaction as `incident.recorded`, so stock and the first-aid book never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.core.clock import Clock
from kiosk.core.errors import Conflict, NotFound, ValidationError
from kiosk.core.events import validate_payload
from kiosk.core.ids import new_id
from kiosk.features.incidents import store as incidents_queries
from kiosk.features.incidents.domain import AMENDABLE, MAX_NOTE, IncidentState
from kiosk.features.incidents.store import IncidentRow
from kiosk.features.medicine import store as medicine_queries
from kiosk.features.medicine.domain import DispenseReason, Lot, check_dispense, offered_lot
from kiosk.features.medicine.service import MedicineService
from kiosk.features.uses.domain import local_day
from kiosk.features.volunteers import store as volunteers_store
from kiosk.features.volunteers.service.duty import Actor
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database


@dataclass(frozen=True)
class IncidentForm:
    """What the form collects; every choice is a value of the lists in domain.incidents."""

    happened_at: datetime
    place: str
    what: str
    first_aid: list[str]
    aed_used: bool
    called_120: bool
    outcome: str
    attended: list[str]  # volunteer ids
    note: str = ""
    items: dict[str, int] = field(default_factory=dict)  # item id -> units used
    emergency_id: str | None = None


@dataclass(frozen=True)
class IncidentView:
    id: str
    happened_at: datetime
    place: str
    what: str
    first_aid: list[str]
    items_used: list[dict[str, Any]]
    aed_used: bool
    called_120: bool
    outcome: str
    attended: list[str]
    note: str
    amendments: int
    voided: bool


_NO_ATTENDANT = ValidationError("请选择在场的志愿者", "Please choose who attended")
_UNKNOWN = NotFound("没有找到这条急救记录", "No such incident record")
_VOIDED = Conflict("这条记录已作废", "This record has been voided")


class IncidentService:
    def __init__(
        self, database: Database, clock: Clock, timezone: ZoneInfo, medicine: MedicineService
    ) -> None:
        self._db = database
        self._clock = clock
        self._tz = timezone
        self._medicine = medicine

    def record(self, actor: Actor, form: IncidentForm) -> str:
        """Write the record and deduct its items; bad input writes nothing."""
        if not form.attended:
            raise _NO_ATTENDANT
        incident_id = new_id()
        now = self._clock.now()
        today = local_day(now, self._tz)
        payload: dict[str, Any] = {
            "incident_id": incident_id,
            "emergency_id": form.emergency_id,
            "happened_at": form.happened_at.isoformat(),
            "place": form.place,
            "what": form.what,
            "first_aid": list(form.first_aid),
            "items_used": [],
            "aed_used": form.aed_used,
            "called_120": form.called_120,
            "outcome": form.outcome,
            "attended": list(form.attended),
            "note": _note(form.note),
        }
        with self._db.write() as session:
            for volunteer_id in form.attended:
                if volunteers_store.volunteer(session, volunteer_id) is None:
                    raise NotFound(
                        "所选志愿者不在名册中", "A chosen volunteer is not on the roster"
                    )
            lots = [
                Lot(row.item_id, row.batch, row.expiry, row.quantity)
                for row in medicine_queries.lots(session)
            ]
            moves = []
            for item_id, quantity in form.items.items():
                item = self._medicine.item(item_id)
                lot = check_dispense(offered_lot(lots, item.id, today), quantity, today)
                moves.append(
                    {
                        "lot_id": lot.id,
                        "item_id": item.id,
                        "batch": lot.batch,
                        "quantity": quantity,
                    }
                )
            payload["items_used"] = moves
            validate_payload("incident.recorded", payload)  # all choices checked before writing
            for move in moves:
                dispensed = {
                    **move,
                    "reason": DispenseReason.INCIDENT.value,
                    "audience": "none",
                    "volunteer_id": form.attended[0],
                    "incident_id": incident_id,
                }
                eventlog.append(
                    session, "medicine.dispensed", dispensed, occurred_at=now, actor=actor.actor
                )
            eventlog.append(
                session, "incident.recorded", payload, occurred_at=now, actor=actor.actor
            )
        return incident_id

    def amend(self, actor: Actor, incident_id: str, **changes: Any) -> IncidentView:
        """Correct some fields; only fields that differ are written, nothing if none do."""
        unknown = set(changes) - set(AMENDABLE)
        if unknown:
            raise ValidationError("这些内容不能修改", f"Cannot amend {', '.join(sorted(unknown))}")
        with self._db.write() as session:
            row = incidents_queries.incident(session, incident_id)
            if row is None:
                raise _UNKNOWN
            if row.voided:
                raise _VOIDED
            current = _view(row)
            payload: dict[str, Any] = {"incident_id": incident_id}
            for name, value in changes.items():
                if name == "note":
                    value = _note(value)
                if getattr(current, name) != value:
                    payload[name] = value.isoformat() if isinstance(value, datetime) else value
            if len(payload) == 1:
                raise ValidationError("没有修改任何内容", "Nothing was changed")
            folded = eventlog.append_folded(
                session,
                "incident.amended",
                payload,
                occurred_at=self._clock.now(),
                actor=actor.actor,
            )
            assert isinstance(folded.state, IncidentState)
            return _view(folded.state)  # the row in this session's identity map is stale

    def void(self, actor: Actor, incident_id: str, reason: str) -> None:
        with self._db.write() as session:
            row = incidents_queries.incident(session, incident_id)
            if row is None:
                raise _UNKNOWN
            if row.voided:
                raise _VOIDED
            eventlog.append(
                session,
                "incident.voided",
                {"incident_id": incident_id, "reason": reason},
                occurred_at=self._clock.now(),
                actor=actor.actor,
            )

    def recent(self, limit: int = 50) -> list[IncidentView]:
        with self._db.read() as session:
            return [_view(row) for row in incidents_queries.incidents(session, limit)]

    def get(self, incident_id: str) -> IncidentView:
        with self._db.read() as session:
            row = incidents_queries.incident(session, incident_id)
            if row is None:
                raise _UNKNOWN
            return _view(row)


def _note(text: str) -> str:
    note = " ".join(str(text).split())
    if len(note) > MAX_NOTE:
        raise ValidationError(f"备注最多 {MAX_NOTE} 个字", f"The note is longer than {MAX_NOTE}")
    return note


def _view(row: IncidentRow | IncidentState) -> IncidentView:
    return IncidentView(
        row.id,
        row.happened_at,
        row.place,
        row.what,
        list(row.first_aid),
        list(row.items_used),
        row.aed_used,
        row.called_120,
        row.outcome,
        list(row.attended),
        row.note,
        row.amendments,
        row.voided,
    )
