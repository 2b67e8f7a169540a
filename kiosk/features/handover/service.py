"""Handover use cases: record one at check-out (with what is open and a stock count), find the
one the arriving volunteer should read, acknowledge it, list them. One transaction each; bad
input writes nothing.

What is open and what stock the kiosk expects are read by the flow from the other features'
services (it has the bundle) and handed in as a `Snapshot`: this service owns only the
handover's own facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from kiosk.core.errors import ValidationError
from kiosk.core.ids import new_id
from kiosk.features.handover import store
from kiosk.features.handover.domain import MAX_COUNT, MAX_NOTE, DifferenceReason
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.services import ServiceContext
from kiosk.platform.store import eventlog

NEEDS_REASON = ValidationError(
    "清点数与应有数不一致的物品，请选择原因", "Choose a reason for each item whose count differs"
)
BAD_COUNT = ValidationError(f"数量应为 0 至 {MAX_COUNT}", f"A count is from 0 to {MAX_COUNT}")
NOTE_TOO_LONG = ValidationError(
    f"备注最多 {MAX_NOTE} 字", f"A note has at most {MAX_NOTE} characters"
)
NOTHING_TO_ACK = ValidationError("没有需要确认的交接", "There is no handover to acknowledge")
READ_WITHIN = timedelta(hours=24)  # a handover older than this is no longer offered at check-in


DIFFERENCE_LOOK_BACK = 50  # handovers looked through for an item's latest count


@dataclass(frozen=True)
class Difference:
    """A handover's count that differs from what the kiosk expected, still open (station time)."""

    handover_id: str
    kind: str  # CountKind
    item_id: str
    name_zh: str
    name_en: str
    expected: int
    counted: int
    reason: str | None
    recorded_at: datetime


@dataclass(frozen=True)
class StockItem:
    """One item the count covers: the medicine box's usable stock, or the lending shelf's."""

    kind: str  # CountKind
    item_id: str
    name_zh: str
    name_en: str
    expected: int


@dataclass(frozen=True)
class Snapshot:
    """The station as the kiosk sees it at check-out."""

    requests: int
    wishes: int
    charging: int
    lent: int
    stock: list[StockItem] = field(default_factory=list)


@dataclass(frozen=True)
class HandoverView:
    """A handover as the arriving volunteer and the admin read it."""

    id: str
    by: str  # the leaving volunteer's name
    recorded_at: datetime
    open: dict[str, int]
    counts: list[dict[str, object]]
    note: str
    differences: int
    acknowledged_by: str | None
    acknowledged_at: datetime | None


class HandoverService:
    """The station's handovers, from the kiosk's own database."""

    def __init__(self, context: ServiceContext) -> None:
        self._db = context.database
        self._clock = context.clock
        self._tz = context.timezone

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self._tz)

    def record(
        self,
        volunteer_id: str,
        snapshot: Snapshot,
        counted: dict[str, int],
        reasons: dict[str, str],
        note: str = "",
    ) -> HandoverView:
        """The handover of `volunteer_id`; `counted` and `reasons` are keyed "kind:item_id"
        (an item not counted keeps its expected number)."""
        note = note.strip()
        if len(note) > MAX_NOTE:
            raise NOTE_TOO_LONG
        lines = []
        for item in snapshot.stock:
            key = f"{item.kind}:{item.item_id}"
            count = counted.get(key, max(0, item.expected))
            if not 0 <= count <= MAX_COUNT:
                raise BAD_COUNT
            reason = reasons.get(key) if count != item.expected else None
            if count != item.expected and reason not in {r.value for r in DifferenceReason}:
                raise NEEDS_REASON
            line: dict[str, object] = {
                "kind": item.kind,
                "item_id": item.item_id,
                "expected": item.expected,
                "counted": count,
            }
            if reason is not None:
                line["reason"] = reason
            lines.append(line)
        handover_id = new_id()
        payload = {
            "handover_id": handover_id,
            "volunteer_id": volunteer_id,
            "open": {
                "requests": snapshot.requests,
                "wishes": snapshot.wishes,
                "charging": snapshot.charging,
                "lent": snapshot.lent,
            },
            "counts": lines,
            "note": note,
        }
        with self._db.write() as session:
            eventlog.append(
                session,
                "handover.recorded",
                payload,
                occurred_at=self._clock.now(),
                actor=volunteer_id,
            )
        return self.view(handover_id)

    def view(self, handover_id: str) -> HandoverView:
        with self._db.read() as session:
            row = session.get(store.HandoverRow, handover_id)
            if row is None:
                raise NOTHING_TO_ACK
            return self._view(session, row)

    def to_read(self, volunteer_id: str) -> HandoverView | None:
        """The handover the arriving `volunteer_id` should read: the station's latest, if it
        is recent, not yet acknowledged and not their own."""
        now = self._clock.now()
        with self._db.read() as session:
            row = store.latest(session)
            if (
                row is None
                or row.acknowledged_by is not None
                or row.volunteer_id == volunteer_id
                or now - row.recorded_at > READ_WITHIN
            ):
                return None
            return self._view(session, row)

    def acknowledge(self, handover_id: str, volunteer_id: str) -> HandoverView:
        with self._db.write() as session:
            row = session.get(store.HandoverRow, handover_id)
            if row is None or row.acknowledged_by is not None:
                raise NOTHING_TO_ACK
            eventlog.append(
                session,
                "handover.acknowledged",
                {"handover_id": handover_id, "volunteer_id": volunteer_id},
                occurred_at=self._clock.now(),
                actor=volunteer_id,
            )
        return self.view(handover_id)

    def open_differences(self, stock: list[StockItem]) -> list[Difference]:
        """The count differences still open: for each item, its latest count in a handover
        (a later count without a difference closes an earlier one), while that handover is not
        yet acknowledged by the arriving volunteer and the stock is not corrected (what the
        kiosk expects now is still not what was counted). `stock`: what the kiosk expects now."""
        now_expected = {(s.kind, s.item_id): s for s in stock}
        found: list[Difference] = []
        seen: set[tuple[str, str]] = set()
        with self._db.read() as session:
            rows = store.recent(session, DIFFERENCE_LOOK_BACK)
        for row in rows:  # newest first: an item's latest count decides
            for line in row.counts:
                key = (str(line["kind"]), str(line["item_id"]))
                if key in seen:
                    continue
                seen.add(key)
                counted, expected = int(line["counted"]), int(line["expected"])
                if counted == expected or row.acknowledged_by is not None:
                    continue
                item = now_expected.get(key)
                if item is not None and item.expected == counted:
                    continue  # the stock was corrected to the count
                found.append(
                    Difference(
                        row.id,
                        key[0],
                        key[1],
                        item.name_zh if item else key[1],
                        item.name_en if item else key[1],
                        expected,
                        counted,
                        line.get("reason"),
                        self.local(row.recorded_at),
                    )
                )
        return found

    def recent(self, limit: int = 20) -> list[HandoverView]:
        with self._db.read() as session:
            return [self._view(session, row) for row in store.recent(session, limit)]

    def _view(self, session: Session, row: store.HandoverRow) -> HandoverView:
        ids = {row.volunteer_id} | ({row.acknowledged_by} if row.acknowledged_by else set())
        names = {
            v.id: v.name for v in session.query(VolunteerRow).filter(VolunteerRow.id.in_(ids)).all()
        }
        return HandoverView(
            id=row.id,
            by=names.get(row.volunteer_id, row.volunteer_id),
            recorded_at=self.local(row.recorded_at),
            open=dict(row.open),
            counts=[dict(c) for c in row.counts],
            note=row.note,
            differences=row.differences,
            acknowledged_by=None
            if row.acknowledged_by is None
            else names.get(row.acknowledged_by, row.acknowledged_by),
            acknowledged_at=None
            if row.acknowledged_at is None
            else self.local(row.acknowledged_at),
        )


SERVICES = (HandoverService,)
