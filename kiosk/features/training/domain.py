"""Training records (培训记录) of volunteers: the facts, their fold and the expiry rule.

A record is made at the kiosk admin (`training.recorded`); a correction names the fields it
changes (`training.corrected`); a wrong record is voided with a reason (`training.voided`),
never deleted. A record belongs to the station: its events sync to the station's other kiosks
and to the hub like any other feature's, and every kiosk folds them to the same row whatever
order they arrived in (the agreed order; a void is final).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import Field, model_validator

from kiosk.core.events import ID, EventKind, Payload
from kiosk.core.order import agreed_order

if TYPE_CHECKING:
    from kiosk.core.events import Event

MAX_TRAINER = 40
MAX_CERTIFICATE = 40
WARN_DAYS = 30  # a certificate expiring within this many days is warned of


class TrainingKind(StrEnum):
    FIRST_AID = "first_aid"  # first aid and AED
    CPR = "cpr"
    EPIDEMIC = "epidemic"  # 防疫
    INDUCTION = "induction"  # the station's own induction


class TrainingVoidReason(StrEnum):
    DUPLICATE = "duplicate"
    MISTAKE = "mistake"
    OTHER = "other"


# The kinds that make a volunteer "first-aid trained" on the emergency page.
FIRST_AID_KINDS = frozenset({TrainingKind.FIRST_AID.value, TrainingKind.CPR.value})


class ExpiryState(StrEnum):
    VALID = "valid"
    EXPIRING = "expiring"  # within WARN_DAYS
    EXPIRED = "expired"


def _pattern(choices: type[StrEnum]) -> str:
    return "^(" + "|".join(c.value for c in choices) + ")$"


KIND_PATTERN = _pattern(TrainingKind)
VOID_REASON_PATTERN = _pattern(TrainingVoidReason)
CORRECTABLE = ("volunteer_id", "kind", "trained_on", "trainer", "certificate_no", "expires_on")


def expiry_state(expires_on: date | None, today: date) -> ExpiryState:
    """Expired after its last day; expiring when at most WARN_DAYS days are left."""
    if expires_on is None:
        return ExpiryState.VALID
    if expires_on < today:
        return ExpiryState.EXPIRED
    if expires_on <= today + timedelta(days=WARN_DAYS):
        return ExpiryState.EXPIRING
    return ExpiryState.VALID


# --- event kinds --------------------------------------------------------------------------------


def _dates_in_order(trained_on: date | None, expires_on: date | None) -> None:
    if trained_on is not None and expires_on is not None and expires_on < trained_on:
        raise ValueError("a certificate expires after the training")


class TrainingRecorded(Payload):
    """A training a volunteer took: what, when, who trained them, the certificate."""

    training_id: str = ID
    volunteer_id: str = ID
    kind: str = Field(pattern=KIND_PATTERN)
    trained_on: date
    trainer: str = Field(min_length=1, max_length=MAX_TRAINER)
    certificate_no: str = Field(default="", max_length=MAX_CERTIFICATE)
    expires_on: date | None = None

    @model_validator(mode="after")
    def _order(self) -> TrainingRecorded:
        _dates_in_order(self.trained_on, self.expires_on)
        return self


class TrainingCorrected(Payload):
    """The fields a correction changes (the others stay as they were); `clear_expiry` says the
    certificate has no expiry after all (a None field means unchanged)."""

    training_id: str = ID
    volunteer_id: str | None = Field(default=None, min_length=1, max_length=64)
    kind: str | None = Field(default=None, pattern=KIND_PATTERN)
    trained_on: date | None = None
    trainer: str | None = Field(default=None, min_length=1, max_length=MAX_TRAINER)
    certificate_no: str | None = Field(default=None, max_length=MAX_CERTIFICATE)
    expires_on: date | None = None
    clear_expiry: bool = False

    @model_validator(mode="after")
    def _order(self) -> TrainingCorrected:
        _dates_in_order(self.trained_on, self.expires_on)
        return self


class TrainingVoided(Payload):
    training_id: str = ID
    reason: str = Field(pattern=VOID_REASON_PATTERN)


KINDS: tuple[EventKind, ...] = (
    EventKind("training.recorded", TrainingRecorded, "training_id"),
    EventKind("training.corrected", TrainingCorrected, "training_id"),
    EventKind("training.voided", TrainingVoided, "training_id"),
)


# --- the fold -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingState:
    """One training record as recorded and corrected (the projection row)."""

    id: str
    station_id: str
    kiosk_id: str
    volunteer_id: str
    kind: str
    trained_on: date
    trainer: str
    certificate_no: str
    expires_on: date | None
    recorded_at: datetime
    corrections: int = 0
    voided: bool = False
    void_reason: str | None = None


def _date(value: object) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def fold_training(events: list[Event]) -> TrainingState | None:
    """The record with its corrections applied in the agreed order; a void is final (a
    correction after it changes nothing)."""
    events = agreed_order(events)
    recorded = next((e for e in events if e.kind == "training.recorded"), None)
    if recorded is None:
        return None
    p = recorded.payload
    values: dict[str, Any] = {
        "volunteer_id": str(p["volunteer_id"]),
        "kind": str(p["kind"]),
        "trained_on": _date(p["trained_on"]),
        "trainer": str(p["trainer"]),
        "certificate_no": str(p.get("certificate_no", "")),
        "expires_on": _date(p.get("expires_on")),
    }
    corrections, voided, reason = 0, False, None
    for event in events:
        q = event.payload
        if event.kind == "training.corrected" and not voided:
            corrections += 1
            for name in CORRECTABLE:
                if q.get(name) is not None:
                    is_date = name in ("trained_on", "expires_on")
                    values[name] = _date(q[name]) if is_date else str(q[name])
            if q.get("clear_expiry"):
                values["expires_on"] = None
        elif event.kind == "training.voided" and not voided:
            voided, reason = True, str(q["reason"])
    return TrainingState(
        id=str(p["training_id"]),
        station_id=recorded.station_id,
        kiosk_id=recorded.kiosk_id,
        recorded_at=recorded.occurred_at,
        corrections=corrections,
        voided=voided,
        void_reason=reason,
        **values,
    )
