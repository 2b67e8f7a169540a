"""Phone charging rules: slots, pickup codes, the code's QR text, the lockout and the session fold.

Pure rules shared by the service layer, the event schemas and the projection, so a session folds
the same way on this kiosk, on the other exit's kiosk and in a rebuild. A pickup code is six
digits made with `secrets`; only its scrypt hash is ever stored.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import Field

from kiosk.core.errors import ValidationError
from kiosk.core.events import ID, EventKind, Payload
from kiosk.core.order import agreed_order

SERVICE_ID = "phone_charging"  # the catalogue tile that opens the charging page

if TYPE_CHECKING:  # events.py imports this module's patterns
    from kiosk.core.events import Event

CODE_LENGTH = 6
MAX_WRONG_CODES = 5
# A pickup-code QR names its session and code; the prefix tells it from a volunteer badge.
QR_PREFIX = "SKC1."
_QR = re.compile(r"^SKC1\.([0-9A-Za-z-]{1,36})\.(\d{6})$")
SLOT_ID_PATTERN = r"^[A-Za-z0-9_-]{1,16}$"


class SlotKind(StrEnum):
    """An open cable on the counter, or a locker with a door."""

    CABLE = "cable"
    LOCKER = "locker"


class CloseReason(StrEnum):
    """Why a volunteer or admin closed a session instead of the rider's code."""

    CODE_FORGOTTEN = "code_forgotten"  # owner identified, phone handed over
    LOST_AND_FOUND = "lost_and_found"  # never collected: handed to lost and found
    SLOT_FAULT = "slot_fault"  # the slot or cable broke; phone given back
    OTHER = "other"


CLOSE_REASON_PATTERN = "^(" + "|".join(r.value for r in CloseReason) + ")$"


@dataclass(frozen=True)
class Slot:
    """One charging place, as configured (bundled default or published by the hub)."""

    id: str
    number: int
    kind: SlotKind
    label_zh: str
    label_en: str
    enabled: bool = True  # False: switched off by a local admin (no new phones)

    def label(self, language: str) -> str:
        return self.label_zh if language == "zh" else self.label_en


def new_pickup_code() -> str:
    """Six random digits (leading zeros kept)."""
    return f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"


def clean_code(raw: str) -> str:
    """A pickup code as typed: exactly six digits, else a bilingual refusal."""
    if (
        not isinstance(raw, str)
        or len(raw) != CODE_LENGTH
        or not raw.isdigit()
        or not raw.isascii()
    ):
        raise ValidationError("取件码为 6 位数字", "The pickup code has 6 digits")
    return raw


def code_qr_text(session_id: str, code: str) -> str:
    """What the pickup QR encodes: SKC1.<session>.<code>."""
    return f"{QR_PREFIX}{session_id}.{code}"


def is_code_qr(text: str) -> bool:
    """True when a scan claims to be a pickup code (even a malformed one): route it here."""
    return text.upper().startswith("SKC")


def parse_code_qr(text: str) -> tuple[str, str]:
    """(session id, code) of a pickup QR; anything else is refused with a clear message."""
    match = _QR.match(text.strip()) if len(text) <= 80 else None
    if match is None:
        raise ValidationError(
            "无法识别的取件码二维码，请在键盘上输入取件码",
            "Unrecognised pickup QR code; please type the code on the keypad",
        )
    return match.group(1), match.group(2)


@dataclass(frozen=True)
class CodeAttempts:
    """Wrong codes counted on a session since it started or was last unlocked."""

    failures: int = 0
    locked: bool = False

    def after_wrong(self, max_failures: int = MAX_WRONG_CODES) -> CodeAttempts:
        """One more wrong code; the `max_failures`-th locks until a volunteer unlocks."""
        failures = self.failures + 1
        return CodeAttempts(failures, self.locked or failures >= max_failures)

    def after_unlock(self) -> CodeAttempts:
        return CodeAttempts()

    def tries_left(self, max_failures: int = MAX_WRONG_CODES) -> int:
        return max(0, max_failures - self.failures)


def is_overdue(started_at: datetime, now: datetime, after: timedelta) -> bool:
    """A phone left longer than `after` is flagged for staff."""
    return now - started_at >= after


@dataclass(frozen=True)
class ChargingState:
    """One session: where, since when, and how it ended (the projection row)."""

    id: str
    slot: str
    station_id: str
    kiosk_id: str
    code_hash: str
    status: str  # open | collected | closed (by a volunteer)
    locked: bool
    started_at: datetime
    closed_at: datetime | None
    closed_by: str | None  # code | volunteer
    reason: str | None
    closed_actor: str | None
    flagged: bool


def fold_charging(events: list[Event]) -> ChargingState | None:
    """The session's state; the first closing event in the agreed order wins (collected at
    both exits: every kiosk keeps the same one) and a later one flags it."""
    events = agreed_order(events)
    started = [e for e in events if e.kind == "charging.started"]
    if not started:
        return None
    first = started[0]
    state: dict[str, object] = {
        "id": first.payload["session_id"],
        "slot": first.payload["slot"],
        "station_id": first.station_id,
        "kiosk_id": first.kiosk_id,
        "code_hash": first.payload["code_hash"],
        "status": "open",
        "locked": False,
        "started_at": first.occurred_at,
        "closed_at": None,
        "closed_by": None,
        "reason": None,
        "closed_actor": None,
        "flagged": len(started) > 1,
    }
    for event in events:
        if event.kind == "charging.locked" and state["status"] == "open":
            state["locked"] = True
        elif event.kind == "charging.unlocked" and state["status"] == "open":
            state["locked"] = False
        elif event.kind == "charging.collected":
            if state["status"] != "open":
                state["flagged"] = True  # closed at two kiosks: keep the first, flag it
                continue
            by = str(event.payload["by"])
            state.update(
                status="collected" if by == "code" else "closed",
                locked=False,
                closed_at=event.occurred_at,
                closed_by=by,
                reason=event.payload.get("reason"),
                closed_actor=event.actor,
            )
    return ChargingState(**state)  # type: ignore[arg-type]


# --- event kinds (payload schemas, one declaration each) ------------------------------------------


class ChargingStarted(Payload):
    """A phone left in a slot; the pickup code is kept only as its scrypt hash."""

    session_id: str = ID
    slot: str = Field(pattern=SLOT_ID_PATTERN)
    code_hash: str = Field(min_length=20, max_length=200)


class ChargingCollected(Payload):
    """The session ended: the rider's code, or a volunteer with a reason from the list."""

    session_id: str = ID
    slot: str = Field(pattern=SLOT_ID_PATTERN)
    by: str = Field(pattern=r"^(code|volunteer)$")
    reason: str | None = Field(default=None, pattern=CLOSE_REASON_PATTERN)


class ChargingLocked(Payload):
    """Too many wrong codes: the slot stays shut until a volunteer unlocks it."""

    session_id: str = ID
    slot: str = Field(pattern=SLOT_ID_PATTERN)


class ChargingUnlocked(Payload):
    session_id: str = ID
    slot: str = Field(pattern=SLOT_ID_PATTERN)


KINDS: tuple[EventKind, ...] = (
    EventKind("charging.started", ChargingStarted, "session_id"),
    EventKind("charging.collected", ChargingCollected, "session_id"),
    EventKind("charging.locked", ChargingLocked, "session_id"),
    EventKind("charging.unlocked", ChargingUnlocked, "session_id"),
)
