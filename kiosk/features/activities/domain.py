"""Activities and their sign-in sheets (活动签到 / 会议签到): the facts, their fold, the rules.

An activity (a quarterly alliance meeting, a 学雷锋 service day, a training session) is created
at the kiosk admin or at the centre with its time, place and who is invited (nobody listed:
open to every volunteer of the station). Members sign in by badge scan or phone + PIN at any
kiosk of the station, or on their phone through the activity's QR code (the hub writes that
sign-in). After it, an admin may credit its hours to those who attended; the credit is recorded
here and as ordinary manual shifts, so the hours pages, certificates and the centre count them
like any other service.

Every kiosk of the station and the hub fold the same events to the same sheet, whatever order
they arrived in: a person's first sign-in in the agreed order is the one shown (two exits that
both signed someone in agree on which), a cancellation is final, the first credit counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, model_validator

from kiosk.core.events import ID, EventKind, Payload
from kiosk.core.order import agreed_order

if TYPE_CHECKING:
    from kiosk.core.events import Event

MAX_TITLE = 40
MAX_PLACE = 40
MAX_INVITED = 500
MAX_LENGTH = timedelta(hours=12)  # an activity is a day's event at most
MAX_CREDIT_MINUTES = 12 * 60
SIGN_IN_EARLY = timedelta(hours=1)  # the sheet opens an hour before the start
SIGN_IN_LATE = timedelta(hours=2)  # and closes two hours after the end

VolunteerId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]


class ActivityKind(StrEnum):
    MEETING = "meeting"  # 联盟例会 / a members' meeting
    SERVICE_DAY = "service_day"  # 学雷锋服务日 / a volunteer service day
    TRAINING = "training"  # 培训
    OTHER = "other"


class SignInMethod(StrEnum):
    BADGE = "badge"
    PIN = "pin"  # phone + PIN at a kiosk
    PHONE = "phone"  # the activity's QR on the member's own phone (the hub writes it)


def _pattern(choices: type[StrEnum]) -> str:
    return "^(" + "|".join(c.value for c in choices) + ")$"


class ActivityCreated(Payload):
    """An activity and its sign-in sheet: what, when (station time, stored as UTC), where, who
    is invited (empty: every volunteer of the station)."""

    activity_id: str = ID
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    kind: str = Field(pattern=_pattern(ActivityKind))
    place: str = Field(default="", max_length=MAX_PLACE)
    starts_at: datetime
    ends_at: datetime
    invited: list[VolunteerId] = Field(default_factory=list, max_length=MAX_INVITED)

    @model_validator(mode="after")
    def _times(self) -> ActivityCreated:
        if self.ends_at <= self.starts_at:
            raise ValueError("an activity ends after it starts")
        if self.ends_at - self.starts_at > MAX_LENGTH:
            raise ValueError("an activity lasts at most 12 hours")
        if len(set(self.invited)) != len(self.invited):
            raise ValueError("a person is invited once")
        return self


class ActivitySignedIn(Payload):
    activity_id: str = ID
    volunteer_id: str = ID
    method: str = Field(pattern=_pattern(SignInMethod))


class ActivityCancelled(Payload):
    activity_id: str = ID
    reason: str = Field(default="", max_length=100)


class ActivityHoursCredited(Payload):
    """Hours credited to who attended: `minutes` each, as the manual shifts `shift_ids` (one
    per volunteer, same order)."""

    activity_id: str = ID
    minutes: int = Field(ge=1, le=MAX_CREDIT_MINUTES)
    volunteer_ids: list[VolunteerId] = Field(min_length=1, max_length=MAX_INVITED)
    shift_ids: list[VolunteerId] = Field(min_length=1, max_length=MAX_INVITED)

    @model_validator(mode="after")
    def _pairs(self) -> ActivityHoursCredited:
        if len(self.volunteer_ids) != len(self.shift_ids):
            raise ValueError("one shift per volunteer credited")
        return self


KINDS: tuple[EventKind, ...] = (
    EventKind("activity.created", ActivityCreated, "activity_id"),
    EventKind("activity.signed_in", ActivitySignedIn, "activity_id"),
    EventKind("activity.cancelled", ActivityCancelled, "activity_id"),
    EventKind("activity.hours_credited", ActivityHoursCredited, "activity_id"),
)


# --- the fold -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignIn:
    """One person's sign-in on the sheet (their first, in the agreed order)."""

    volunteer_id: str
    signed_at: datetime
    method: str
    kiosk_id: str


@dataclass(frozen=True)
class ActivityState:
    """An activity's sheet as every kiosk and the centre show it."""

    id: str
    station_id: str
    kiosk_id: str  # where it was created ("hub:<station>" when the centre did)
    title: str
    kind: str
    place: str
    starts_at: datetime
    ends_at: datetime
    invited: list[str]
    created_at: datetime
    sign_ins: list[SignIn] = field(default_factory=list)  # in sign-in order
    cancelled: bool = False
    credited_minutes: int | None = None
    credited: list[str] = field(default_factory=list)

    @property
    def signed_ids(self) -> set[str]:
        return {s.volunteer_id for s in self.sign_ins}

    @property
    def absent(self) -> list[str]:
        """Invited and not signed in (in the order invited)."""
        signed = self.signed_ids
        return [v for v in self.invited if v not in signed]


def _time(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def fold_activity(events: list[Event]) -> ActivityState | None:
    """The sheet: its creation, each person's first sign-in, a cancellation (final) and the
    first credit, in the agreed order. Sign-ins that arrived before the creation still count."""
    events = agreed_order(events)
    created = next((e for e in events if e.kind == "activity.created"), None)
    if created is None:
        return None
    p = created.payload
    sign_ins: dict[str, SignIn] = {}
    cancelled = False
    credited_minutes: int | None = None
    credited: list[str] = []
    for event in events:
        q = event.payload
        if event.kind == "activity.signed_in":
            volunteer = str(q["volunteer_id"])
            if volunteer not in sign_ins:
                sign_ins[volunteer] = SignIn(
                    volunteer, event.occurred_at, str(q["method"]), event.kiosk_id
                )
        elif event.kind == "activity.cancelled":
            cancelled = True
        elif event.kind == "activity.hours_credited" and credited_minutes is None:
            credited_minutes = int(q["minutes"])
            credited = [str(v) for v in q["volunteer_ids"]]
    return ActivityState(
        id=str(p["activity_id"]),
        station_id=created.station_id,
        kiosk_id=created.kiosk_id,
        title=str(p["title"]),
        kind=str(p["kind"]),
        place=str(p.get("place", "")),
        starts_at=_time(p["starts_at"]),
        ends_at=_time(p["ends_at"]),
        invited=[str(v) for v in p.get("invited", [])],
        created_at=created.occurred_at,
        sign_ins=sorted(sign_ins.values(), key=lambda s: (s.signed_at, s.volunteer_id)),
        cancelled=cancelled,
        credited_minutes=credited_minutes,
        credited=credited,
    )


def sheet_open(starts_at: datetime, ends_at: datetime, now: datetime) -> bool:
    """Sign-in is open from an hour before the start to two hours after the end."""
    return starts_at - SIGN_IN_EARLY <= now <= ends_at + SIGN_IN_LATE


def default_credit(starts_at: datetime, ends_at: datetime) -> int:
    """The minutes credited unless the admin says otherwise: the activity's own length."""
    return min(MAX_CREDIT_MINUTES, int((ends_at - starts_at).total_seconds() // 60))
