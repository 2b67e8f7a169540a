"""Phone charging (手机充电): slots, starting a session with a pickup code, collecting, lockout.

Each use case is one transaction over the event log (`charging.*` events, folded into the
charging_sessions projection). Bad input — a wrong, reused or malformed code, a slot taken a
moment ago — is refused with a bilingual message and writes nothing, except the wrong-code
counter (local security state) and, on the fifth wrong code, the `charging.locked` event.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.errors import Conflict, KioskError, Locked, NotFound, ValidationError
from kiosk.core.ids import new_id
from kiosk.core.secrets import hash_secret, verify_secret
from kiosk.features.admin.domain import Action
from kiosk.features.admin.service import attempts
from kiosk.features.admin.service.accounts import audit
from kiosk.features.charging import store as charging_store
from kiosk.features.charging.config import SlotEntry
from kiosk.features.charging.domain import (
    MAX_WRONG_CODES,
    SERVICE_ID,
    CloseReason,
    CodeAttempts,
    Slot,
    SlotKind,
    clean_code,
    code_qr_text,
    is_overdue,
    new_pickup_code,
    parse_code_qr,
)
from kiosk.features.charging.store import ChargingSessionRow
from kiosk.features.uses.domain import Audience, local_day
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.store import eventlog, queries
from kiosk.platform.store.db import Database
from kiosk.platform.store.models import AttemptRow
from kiosk.resources import resource_path

log = logging.getLogger(__name__)

ADMIN_ACTOR = "station_admin"


# --- slots configuration ------------------------------------------------------------------


def parse_slots(data: object, source: str) -> list[Slot]:
    """Slots of a configuration body by number; bad or duplicate entries are logged and left out."""
    entries = data.get("slots") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        log.warning("charging slots from %s have no list of slots: ignored", source)
        return []
    slots: dict[str, Slot] = {}
    for index, entry in enumerate(entries[:200]):
        try:
            model = SlotEntry.model_validate(entry)
        except PydanticValidationError as exc:
            first = exc.errors()[0]
            log.warning(
                "charging slots from %s: entry %d ignored (%s)", source, index, first["msg"]
            )
            continue
        if model.id in slots:
            log.warning("charging slots from %s: duplicate slot %s ignored", source, model.id)
            continue
        slots[model.id] = Slot(**model.model_dump())
    return sorted(slots.values(), key=lambda s: s.number)


def load_slots(path: Path | None = None) -> list[Slot]:
    """The bundled default set (resources/charging_slots.json)."""
    source = path or resource_path("charging_slots.json")
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("no readable %s: using 8 numbered lockers", source.name)
        data = {"slots": [_numbered(i) for i in range(1, 9)]}
    return parse_slots(data, source.name)


def _numbered(number: int) -> dict[str, Any]:
    return {
        "id": str(number),
        "number": number,
        "label_zh": f"{number} 号充电柜",
        "label_en": f"Locker {number}",
    }


def choose_slots(published: Any, default: list[Slot], kiosk_id: str | None = None) -> list[Slot]:
    """The hub's slots when it published at least one usable slot, else the default.

    A publication may give a kiosk its own set under `kiosks: {kiosk id: {slots: [...]}}`
    (the south exit has 8 lockers, the north exit 2 cables); other kiosks use `slots`.
    """
    if published is None:
        return default
    per_kiosk = published.get("kiosks") if isinstance(published, dict) else None
    if kiosk_id and isinstance(per_kiosk, dict) and isinstance(per_kiosk.get(kiosk_id), dict):
        own = parse_slots(per_kiosk[kiosk_id], f"the hub (kiosk {kiosk_id})")
        if own:
            return own
    if isinstance(published, dict) and "slots" not in published:
        return default
    slots = parse_slots(published, "the hub")
    return slots or default


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlotView:
    """A slot as the picker shows it."""

    slot: Slot
    state: str  # free | busy | locked
    session_id: str | None = None


@dataclass(frozen=True)
class StartedCharging:
    """What the rider must keep: the code (shown once, never stored) and its QR text."""

    session_id: str
    slot: Slot
    code: str
    qr_text: str
    started_at: datetime


@dataclass(frozen=True)
class ClosedCharging:
    session_id: str
    slot: Slot
    by: str  # code | volunteer
    reason: CloseReason | None = None


@dataclass(frozen=True)
class OpenCharging:
    """An open session for staff: overdue ones are flagged."""

    session_id: str
    slot: Slot
    started_at: datetime
    overdue: bool
    locked: bool


# --- errors -------------------------------------------------------------------------------

_SLOT_TAKEN = Conflict(
    "该充电位刚被占用，请另选一个", "That slot was just taken; please choose another"
)
_SLOT_EMPTY = Conflict("该充电位没有在充电的手机", "No phone is charging in that slot")
_SLOT_OFF = Conflict(
    "该充电位已停用，请选择其他充电位", "That slot is switched off; please choose another"
)
_UNKNOWN_SLOT = NotFound("没有这个充电位，请重新选择", "No such charging slot; please choose again")
_CODE_USED = Conflict(
    "此取件码已使用过，手机已取走", "This pickup code was already used; the phone was collected"
)
_CLOSED_BY_STAFF = Conflict(
    "此充电已由志愿者结束，请联系志愿者",
    "This charging session was closed by a volunteer; please ask a volunteer",
)
_OTHER_KIOSK = Conflict(
    "这部手机在本站另一台终端的充电位，请到那台终端取件",
    "This phone is charging at another kiosk of this station; please collect it there",
)
_UNKNOWN_SESSION = NotFound(
    "没有找到这次充电，请在键盘上输入取件码",
    "No such charging session; please type your code on the keypad",
)


def _locked_slot(slot: Slot) -> Locked:
    return Locked(
        f"{slot.label_zh}已锁定：取件码错误次数过多，请联系志愿者解锁",
        f"{slot.label_en} is locked after too many wrong codes; please ask a volunteer",
    )


def _wrong_code(left: int) -> ValidationError:
    return ValidationError(
        f"取件码不正确，还可尝试 {left} 次", f"Wrong pickup code: {left} tries left"
    )


class ChargingService:
    """Sessions over the configured slots; `slots` gives the current configuration."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        timezone: ZoneInfo,
        slots: Callable[[], list[Slot]],
        overdue_after: timedelta,
        max_wrong: int = MAX_WRONG_CODES,
    ) -> None:
        self._db = database
        self._clock = clock
        self._tz = timezone
        self._slots = slots
        self.overdue_after = overdue_after
        self._max_wrong = max_wrong
        self._kiosk_id: str | None = None

    # --- reading ----------------------------------------------------------------------------

    def _kiosk(self, session: Session) -> str:
        """This kiosk's id: its slots are its own (two kiosks may both have a locker "1")."""
        if self._kiosk_id is None:
            self._kiosk_id = eventlog.meta(session).kiosk_id
        return self._kiosk_id

    def slot(self, slot_id: str) -> Slot:
        found = next((s for s in self._slots() if s.id == slot_id), None)
        if found is None:
            raise _UNKNOWN_SLOT
        return found

    def _slot_or_placeholder(self, slot_id: str) -> Slot:
        """A slot that left the configuration still has a session to show and close."""
        try:
            return self.slot(slot_id)
        except NotFound:
            return Slot(slot_id, 0, SlotKind.LOCKER, f"{slot_id} 号充电位", f"Slot {slot_id}")

    def slot_views(self) -> list[SlotView]:
        """Every configured slot: free, busy (a phone inside) or locked (wrong codes)."""
        with self._db.read() as session:
            rows = {
                row.slot: row for row in charging_store.open_charging(session, self._kiosk(session))
            }
        views = []
        for slot in self._slots():
            row = rows.get(slot.id)
            if row is None and not slot.enabled:
                continue  # switched off by an admin: not offered (a phone inside still shows)
            if row is None:
                views.append(SlotView(slot, "free"))
            else:
                views.append(SlotView(slot, "locked" if row.locked else "busy", row.id))
        return views

    def open_sessions(self) -> list[OpenCharging]:
        """Open sessions for staff, overdue first, then oldest first."""
        now = self._clock.now()
        with self._db.read() as session:
            rows = charging_store.open_charging(session, self._kiosk(session))
            found = [
                OpenCharging(
                    r.id,
                    self._slot_or_placeholder(r.slot),
                    r.started_at,
                    is_overdue(r.started_at, now, self.overdue_after),
                    r.locked,
                )
                for r in rows
            ]
        return sorted(found, key=lambda s: (not s.overdue, s.started_at))

    def overdue_count(self) -> int:
        with self._db.read() as session:
            cutoff = self._clock.now() - self.overdue_after
            return charging_store.overdue_charging_count(session, cutoff, self._kiosk(session))

    # --- starting -----------------------------------------------------------------------------

    def start(self, slot_id: str) -> StartedCharging:
        """Take a free slot; the code is returned once and stored only as a scrypt hash."""
        slot = self.slot(slot_id)
        if not slot.enabled:
            raise _SLOT_OFF
        code = new_pickup_code()
        code_hash = hash_secret(code)  # ~20 ms: outside the write lock
        now = self._clock.now()
        session_id = new_id()
        with self._db.write() as session:
            if (
                charging_store.open_charging_in_slot(session, slot.id, self._kiosk(session))
                is not None
            ):
                raise _SLOT_TAKEN
            eventlog.append(
                session,
                "charging.started",
                {"session_id": session_id, "slot": slot.id, "code_hash": code_hash},
                occurred_at=now,
            )
            # A charge is a service used (人次), counted with the catalogue's other services.
            eventlog.append(
                session,
                "service.used",
                {
                    "use_id": new_id(),
                    "service_id": SERVICE_ID,
                    "audience": Audience.NONE.value,
                    "count": 1,
                    "day": local_day(now, self._tz).isoformat(),
                },
                occurred_at=now,
            )
        return StartedCharging(session_id, slot, code, code_qr_text(session_id, code), now)

    # --- collecting ---------------------------------------------------------------------------

    def collect_with_code(self, slot_id: str, code: str) -> ClosedCharging:
        """The rider picked their slot and typed the code on the keypad."""
        slot = self.slot(slot_id)
        code = clean_code(code)
        with self._db.read() as session:
            row = charging_store.open_charging_in_slot(session, slot.id, self._kiosk(session))
            if row is None:
                raise _SLOT_EMPTY
            session_id = row.id
        return self._collect(session_id, code)

    def collect_by_qr(self, text: str) -> ClosedCharging:
        """The rider scanned the QR photographed at the start."""
        session_id, code = parse_code_qr(text)
        return self._collect(session_id, code)

    def _collect(self, session_id: str, code: str) -> ClosedCharging:
        now = self._clock.now()
        error: KioskError
        with self._db.write() as session:
            row = charging_store.charging_session(session, session_id)
            if row is None:
                raise _UNKNOWN_SESSION
            if row.kiosk_id != self._kiosk(session):
                raise _OTHER_KIOSK
            slot = self._slot_or_placeholder(row.slot)
            if row.status == "collected":
                raise _CODE_USED
            if row.status != "open":
                raise _CLOSED_BY_STAFF
            if row.locked:
                raise _locked_slot(slot)
            subject = f"charging:{row.id}"
            if verify_secret(code, row.code_hash):
                attempts.record_success(session, subject)
                payload = {"session_id": row.id, "slot": row.slot, "by": "code"}
                eventlog.append(session, "charging.collected", payload, occurred_at=now)
                return ClosedCharging(row.id, slot, "code")
            error = self._count_wrong(session, row, subject, now)
        # Raised after the commit: the wrong code is counted (and the lock kept) regardless.
        raise error

    def _count_wrong(
        self, session: Session, row: ChargingSessionRow, subject: str, now: datetime
    ) -> KioskError:
        counter = queries.attempt(session, subject)
        before = CodeAttempts(counter.failures if counter else 0, row.locked)
        after = before.after_wrong(self._max_wrong)
        session.merge(AttemptRow(subject=subject, failures=after.failures, locked_until=None))
        if after.locked:
            payload = {"session_id": row.id, "slot": row.slot}
            eventlog.append(session, "charging.locked", payload, occurred_at=now)
            return _locked_slot(self._slot_or_placeholder(row.slot))
        return _wrong_code(after.tries_left(self._max_wrong))

    # --- staff --------------------------------------------------------------------------------

    def verify_staff_pin(self, pin: str) -> str:
        """The actor whose PIN this is: the station admin, or a volunteer on duty now; a wrong
        PIN counts against each of those PINs' own locks (`attempts`)."""
        now = self._clock.now()
        with self._db.write() as session:
            found = attempts.check_pin(session, pin, attempts.staff_secrets(session), now)
            if isinstance(found.owner, VolunteerRow):
                return found.owner.id
            if found.owner is not None:
                return ADMIN_ACTOR
        raise found.failure()

    def unlock(self, slot_id: str, pin: str) -> Slot:
        """A volunteer on duty (or the admin) reopens a locked slot for the rider's code."""
        slot = self.slot(slot_id)
        actor = self.verify_staff_pin(pin)
        with self._db.write() as session:
            row = charging_store.open_charging_in_slot(session, slot.id, self._kiosk(session))
            if row is None:
                raise _SLOT_EMPTY
            if not row.locked:
                return slot
            attempts.record_success(session, f"charging:{row.id}")
            payload = {"session_id": row.id, "slot": row.slot}
            eventlog.append(
                session, "charging.unlocked", payload, occurred_at=self._clock.now(), actor=actor
            )
        return slot

    def close(
        self, session_id: str, reason: str, actor: str, *, audited: bool = False
    ) -> ClosedCharging:
        """Staff end a session without the code, with a reason from the list; `audited`: on
        the admin screen, its audit event in the same transaction."""
        try:
            why = CloseReason(reason)
        except ValueError:
            raise ValidationError("请选择结束原因", "Please choose a reason") from None
        with self._db.write() as session:
            row = charging_store.charging_session(session, session_id)
            if row is None:
                raise _UNKNOWN_SESSION
            if row.status != "open":
                raise Conflict("这次充电已经结束", "This charging session has already ended")
            attempts.record_success(session, f"charging:{row.id}")
            payload = {"session_id": row.id, "slot": row.slot, "by": "volunteer", "reason": why}
            eventlog.append(
                session, "charging.collected", payload, occurred_at=self._clock.now(), actor=actor
            )
            if audited:
                audit(
                    session,
                    self._clock,
                    actor,
                    Action.CHARGING_CLOSED,
                    row.id,
                    {"status": "open", "slot": row.slot},
                    {"status": "closed", "reason": why.value},
                )
            return ClosedCharging(row.id, self._slot_or_placeholder(row.slot), "volunteer", why)
