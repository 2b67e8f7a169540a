"""Activity use cases: create one (admin), sign in to it (badge, phone + PIN), read its sheet,
cancel it, credit its hours to who attended. One transaction each; bad input writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kiosk.core.errors import ValidationError
from kiosk.core.ids import new_id
from kiosk.core.text import parse_day, parse_time
from kiosk.features.activities import store
from kiosk.features.activities.domain import (
    MAX_PLACE,
    MAX_TITLE,
    ActivityKind,
    default_credit,
    sheet_open,
)
from kiosk.features.admin.domain import Action, AdminAccount, Permission
from kiosk.features.admin.service.accounts import audit
from kiosk.features.shifts.store import ShiftRow
from kiosk.features.volunteers.service.duty import Actor
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.services import ServiceContext
from kiosk.platform.store import eventlog

DENIED = ValidationError("您没有管理活动的权限", "You may not manage activities")
NO_TITLE = ValidationError("请填写活动名称", "Enter the activity's name")
NO_KIND = ValidationError("请选择活动类型", "Choose the kind of activity")
BAD_SPAN = ValidationError(
    "结束时间须晚于开始时间，且活动不超过 12 小时",
    "The end must be after the start, and an activity lasts at most 12 hours",
)
TOO_LONG = ValidationError(
    f"名称最多 {MAX_TITLE} 字，地点最多 {MAX_PLACE} 字",
    f"At most {MAX_TITLE} characters for the name, {MAX_PLACE} for the place",
)
PAST = ValidationError(
    "不能新建已经结束的活动", "An activity that has already ended cannot be created"
)
UNKNOWN_NUMBER = ValidationError("没有这个志愿者编号：{}", "No volunteer with this number: {}")
NOT_FOUND = ValidationError("没有这个活动", "No such activity")
CANCELLED = ValidationError("此活动已取消", "This activity was cancelled")
CLOSED = ValidationError(
    "现在不在签到时间内（开始前 1 小时至结束后 2 小时）",
    "Sign-in is not open now (from an hour before the start to two hours after the end)",
)
NOT_INVITED = ValidationError("您不在此活动的邀请名单上", "You are not on this activity's list")
NOT_OVER = ValidationError("活动结束后才能记录时长", "Hours are credited after the activity ends")
ALREADY_CREDITED = ValidationError("此活动的时长已经记录", "This activity's hours were credited")
NOBODY = ValidationError("没有人签到，无时长可记", "Nobody signed in: there are no hours to credit")
BAD_MINUTES = ValidationError("时长应为 1 至 720 分钟", "Hours credited: from 1 to 720 minutes")


@dataclass(frozen=True)
class ActivityForm:
    """What the admin typed: kind, name, place, the day and times (station time), and the
    volunteer numbers invited, separated by commas or spaces (empty: everyone)."""

    kind: str
    title: str
    place: str
    day: str
    starts: str
    ends: str
    invited: str = ""


@dataclass(frozen=True)
class ActivityView:
    """An activity as the kiosk lists it (times in station time)."""

    id: str
    title: str
    kind: str
    place: str
    starts_at: datetime
    ends_at: datetime
    invited: int  # 0: open to every volunteer
    signed: int
    cancelled: bool
    credited_minutes: int | None
    open_now: bool


@dataclass(frozen=True)
class SheetLine:
    """One person on the sheet: signed in (when, how) or invited and absent."""

    volunteer_id: str
    name: str
    number: str
    signed_at: datetime | None
    method: str


@dataclass(frozen=True)
class Sheet:
    """The sign-in sheet: the activity, who signed in (in order), who was invited and did not."""

    activity: ActivityView
    signed: list[SheetLine]
    absent: list[SheetLine]


@dataclass(frozen=True)
class SignedIn:
    """A sign-in stored (or found: a second scan says when the first was)."""

    name: str
    signed_at: datetime
    count: int
    again: bool


@dataclass(frozen=True)
class Credited:
    minutes: int
    credited: list[str]  # names credited
    skipped: list[str]  # names already on a shift during the activity (not counted twice)


class ActivityService:
    """Activities of this station, from the kiosk's own database."""

    def __init__(self, context: ServiceContext) -> None:
        self._db = context.database
        self._clock = context.clock
        self._tz = context.timezone

    def now(self) -> datetime:
        """Now in station time."""
        return self._clock.now().astimezone(self._tz)

    def today(self) -> date:
        return self.now().date()

    # --- reads ------------------------------------------------------------------------------------

    def current(self, limit: int = 30) -> list[ActivityView]:
        """Today's and upcoming activities (and any ended less than a day ago), soonest first."""
        now = self._clock.now()
        with self._db.read() as session:
            return [
                self._view(r, now)
                for r in store.activities(session, now - timedelta(days=1), limit)
            ]

    def recent(self, limit: int = 30) -> list[ActivityView]:
        now = self._clock.now()
        with self._db.read() as session:
            return [self._view(r, now) for r in store.recent(session, limit)]

    def view(self, activity_id: str) -> ActivityView:
        with self._db.read() as session:
            row = store.activity(session, activity_id)
            if row is None:
                raise NOT_FOUND
            return self._view(row, self._clock.now())

    def sheet(self, activity_id: str) -> Sheet:
        now = self._clock.now()
        with self._db.read() as session:
            row = store.activity(session, activity_id)
            if row is None:
                raise NOT_FOUND
            signed = [
                SheetLine(s.volunteer_id, name, number, self._local(s.signed_at), s.method)
                for s, name, number in store.sign_ins(session, activity_id)
            ]
            done = {line.volunteer_id for line in signed}
            missing = [v for v in row.invited if v not in done]
            people = store.people(session, missing)
            absent = [
                SheetLine(v, *people.get(v, (v, "")), None, "")  # type: ignore[arg-type]
                for v in missing
            ]
            return Sheet(self._view(row, now), signed, absent)

    def _view(self, row: store.ActivityRow, now: datetime) -> ActivityView:
        return ActivityView(
            id=row.id,
            title=row.title,
            kind=row.kind,
            place=row.place,
            starts_at=self._local(row.starts_at),
            ends_at=self._local(row.ends_at),
            invited=len(row.invited),
            signed=row.signed_count,
            cancelled=row.cancelled,
            credited_minutes=row.credited_minutes,
            open_now=not row.cancelled and sheet_open(row.starts_at, row.ends_at, now),
        )

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self._tz)

    # --- the admin's acts -------------------------------------------------------------------------

    def create(self, account: AdminAccount, form: ActivityForm) -> ActivityView:
        """An activity and its sheet (and its audit), one transaction."""
        _require(account)
        title, place = form.title.strip(), form.place.strip()
        if form.kind not in {k.value for k in ActivityKind}:
            raise NO_KIND
        if not title:
            raise NO_TITLE
        if len(title) > MAX_TITLE or len(place) > MAX_PLACE:
            raise TOO_LONG
        day = parse_day(form.day)
        starts = datetime.combine(day, parse_time(form.starts), self._tz)
        ends = datetime.combine(day, parse_time(form.ends), self._tz)
        if ends <= starts or ends - starts > timedelta(hours=12):
            raise BAD_SPAN
        now = self._clock.now()
        if ends < now:
            raise PAST
        numbers = [n for n in form.invited.replace("，", ",").replace(",", " ").split() if n]
        activity_id = new_id()
        with self._db.write() as session:
            invited = _volunteers_by_number(session, numbers)
            payload = {
                "activity_id": activity_id,
                "title": title,
                "kind": form.kind,
                "place": place,
                "starts_at": starts.astimezone(UTC).isoformat(),  # stored as UTC, like times
                "ends_at": ends.astimezone(UTC).isoformat(),
                "invited": invited,
            }
            eventlog.append(session, "activity.created", payload, occurred_at=now, actor=account.id)
            audit(
                session,
                self._clock,
                account.id,
                Action.ACTIVITY_CREATED,
                activity_id,
                {},
                {"title": title, "starts_at": payload["starts_at"], "invited": len(invited)},
            )
        return self.view(activity_id)

    def cancel(self, account: AdminAccount, activity_id: str) -> ActivityView:
        _require(account)
        now = self._clock.now()
        with self._db.write() as session:
            row = store.activity(session, activity_id)
            if row is None:
                raise NOT_FOUND
            if row.cancelled:
                raise CANCELLED
            eventlog.append(
                session,
                "activity.cancelled",
                {"activity_id": activity_id},
                occurred_at=now,
                actor=account.id,
            )
            audit(session, self._clock, account.id, Action.ACTIVITY_CANCELLED, activity_id, {}, {})
        return self.view(activity_id)

    def sign_in(self, activity_id: str, who: Actor, method: str) -> SignedIn:
        """`who` (identified by badge or phone + PIN) on the sheet; a second sign-in writes
        nothing and says when the first was."""
        if who.volunteer_id is None:
            raise NOT_INVITED
        now = self._clock.now()
        with self._db.write() as session:
            row = store.activity(session, activity_id)
            if row is None:
                raise NOT_FOUND
            if row.cancelled:
                raise CANCELLED
            if not sheet_open(row.starts_at, row.ends_at, now):
                raise CLOSED
            if row.invited and who.volunteer_id not in row.invited:
                raise NOT_INVITED
            before = session.get(store.ActivitySignInRow, (activity_id, who.volunteer_id))
            if before is not None:
                return SignedIn(who.name, self._local(before.signed_at), row.signed_count, True)
            eventlog.append(
                session,
                "activity.signed_in",
                {"activity_id": activity_id, "volunteer_id": who.volunteer_id, "method": method},
                occurred_at=now,
                actor=who.actor,
            )
            count = store.activity(session, activity_id).signed_count  # type: ignore[union-attr]
        return SignedIn(who.name, self._local(now), count, False)

    def credit(self, account: AdminAccount, activity_id: str, minutes: int | None) -> Credited:
        """Credit `minutes` (default: the activity's length) to each who signed in, as a manual
        shift over the activity's time (so every hours page and certificate counts it), except
        those already on a shift then (their hours are clocked). Once per activity."""
        _require(account)
        now = self._clock.now()
        with self._db.write() as session:
            row = store.activity(session, activity_id)
            if row is None:
                raise NOT_FOUND
            if row.cancelled:
                raise CANCELLED
            if row.credited_minutes is not None:
                raise ALREADY_CREDITED
            if now < row.ends_at:
                raise NOT_OVER
            minutes = default_credit(row.starts_at, row.ends_at) if minutes is None else minutes
            if not 1 <= minutes <= 720:
                raise BAD_MINUTES
            signed = store.sign_ins(session, activity_id)
            if not signed:
                raise NOBODY
            starts = row.starts_at
            ends = starts + timedelta(minutes=minutes)
            credited: list[tuple[str, str]] = []
            skipped: list[str] = []
            for sign_in, name, _number in signed:
                if _on_shift(session, sign_in.volunteer_id, starts, ends):
                    skipped.append(name)
                else:
                    credited.append((sign_in.volunteer_id, name))
            if not credited:
                raise ValidationError(
                    "签到的人在活动期间都已在值班，时长已计入，无需再记",
                    "Everyone who signed in was on a shift during it: their hours are counted",
                )
            shift_ids = []
            for volunteer_id, _name in credited:
                shift = {"shift_id": new_id(), "volunteer_id": volunteer_id, "method": "manual"}
                eventlog.append(
                    session, "shift.checked_in", shift, occurred_at=starts, actor=account.id
                )
                eventlog.append(
                    session, "shift.checked_out", shift, occurred_at=ends, actor=account.id
                )
                shift_ids.append(shift["shift_id"])
            eventlog.append(
                session,
                "activity.hours_credited",
                {
                    "activity_id": activity_id,
                    "minutes": minutes,
                    "volunteer_ids": [v for v, _ in credited],
                    "shift_ids": shift_ids,
                },
                occurred_at=now,
                actor=account.id,
            )
            audit(
                session,
                self._clock,
                account.id,
                Action.ACTIVITY_HOURS_CREDITED,
                activity_id,
                {},
                {"minutes": minutes, "volunteers": len(credited)},
            )
        return Credited(minutes, [n for _, n in credited], skipped)


def _require(account: AdminAccount) -> None:
    if not account.may(Permission.REVIEW_SHIFTS):
        raise DENIED


def _volunteers_by_number(session: Session, numbers: list[str]) -> list[str]:
    found: list[str] = []
    for number in numbers:
        volunteer_id = session.scalar(
            select(VolunteerRow.id).where(VolunteerRow.number == number, VolunteerRow.active)
        )
        if volunteer_id is None:
            raise ValidationError(
                UNKNOWN_NUMBER.zh.format(number), UNKNOWN_NUMBER.en.format(number)
            )
        if volunteer_id not in found:
            found.append(volunteer_id)
    return found


def _on_shift(session: Session, volunteer_id: str, starts: datetime, ends: datetime) -> bool:
    """A shift of the volunteer overlapping [starts, ends) (an open one counts until now)."""
    found = session.scalar(
        select(ShiftRow.id).where(
            ShiftRow.volunteer_id == volunteer_id,
            ShiftRow.status != "cancelled",
            ShiftRow.checked_in_at < ends,
            or_(ShiftRow.checked_out_at.is_(None), ShiftRow.checked_out_at > starts),
        )
    )
    return found is not None


SERVICES = (ActivityService,)
