"""Rota use cases: add a weekly pattern or a one-off shift (admin), remove one, list the rota,
today's duty board (expected vs checked in, no-shows) and a volunteer's next planned shift.
One transaction each; bad input writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.errors import ValidationError
from kiosk.core.ids import new_id
from kiosk.core.text import parse_day, parse_time
from kiosk.features.admin.domain import Action, AdminAccount, Permission
from kiosk.features.admin.service.accounts import audit
from kiosk.features.rota import store
from kiosk.features.rota.domain import (
    LOOK_AHEAD_DAYS,
    MAX_SHIFT,
    SWAP_CLOSED,
    SWAP_DENIED,
    SWAP_NOT_FOUND,
    SWAP_NOT_OFFERER,
    SWAP_NOT_TAKEN,
    SWAP_NOT_YOURS,
    SWAP_OFFERED,
    SWAP_OWN,
    SWAP_STARTED,
    SWAP_TAKEN,
    DutyState,
    Planned,
    Swap,
    SwapState,
    checked_in_for,
    no_show,
    no_show_event_id,
    planned_on,
    with_swaps,
)
from kiosk.features.shifts.store import ShiftRow
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.services import ServiceContext
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow

DENIED = ValidationError("您没有管理排班的权限", "You may not manage the rota")
NO_KIND = ValidationError("请选择“每周”或“单次”", "Choose every week or one shift")
NO_NUMBER = ValidationError("请填写志愿者编号", "Enter the volunteer's number")
UNKNOWN_NUMBER = ValidationError("没有这个志愿者编号：{}", "No volunteer with this number: {}")
BAD_WEEKDAY = ValidationError("星期应为 1 至 7（1 为周一）", "Weekday: 1 to 7 (1 is Monday)")
BAD_SPAN = ValidationError(
    "结束时间须晚于开始时间（同一天），且一班不超过 12 小时",
    "The end must be after the start (the same day), and a shift lasts at most 12 hours",
)
BAD_UNTIL = ValidationError(
    "截止日期不能早于起始日期", "The last day cannot be before the first day"
)
PAST = ValidationError("不能排已经结束的班", "A shift that has already ended cannot be added")
NOT_FOUND = ValidationError("没有这条排班", "No such rota entry")
REMOVED = ValidationError("这条排班已删除", "This rota entry was removed")


@dataclass(frozen=True)
class PatternForm:
    """What the admin typed for a weekly pattern: the volunteer's number, the weekday (1 Monday
    … 7 Sunday), start and end (station time), first day and optional last day."""

    number: str
    weekday: str
    starts: str
    ends: str
    valid_from: str
    valid_until: str = ""


@dataclass(frozen=True)
class ShiftForm:
    """What the admin typed for a one-off shift: the volunteer's number, the day, start, end."""

    number: str
    day: str
    starts: str
    ends: str


@dataclass(frozen=True)
class EntryView:
    """A rota line as the admin lists it (times in station time)."""

    id: str
    name: str
    number: str
    weekday: int | None  # a weekly pattern; None: a one-off shift
    starts: str  # HH:MM
    ends: str
    valid_from: date | None
    valid_until: date | None
    day: date | None  # a one-off shift's day


@dataclass(frozen=True)
class SwapView:
    """A swap as the volunteer and the team leader see it (times in station time)."""

    id: str
    rota_id: str
    starts_at: datetime
    ends_at: datetime
    offered_by: str  # names
    taken_by: str
    state: SwapState


@dataclass(frozen=True)
class UpcomingShift:
    """One of a volunteer's planned shifts ahead, and the swap it is in (if any)."""

    rota_id: str
    starts_at: datetime
    ends_at: datetime
    swap: SwapView | None


@dataclass(frozen=True)
class DutyLine:
    """One planned shift today: who, when, and its state (a `DUTY_STATES` key)."""

    rota_id: str
    volunteer_id: str
    name: str
    number: str
    starts_at: datetime
    ends_at: datetime
    state: DutyState


class RotaService:
    """The station's rota, from the kiosk's own database."""

    def __init__(self, context: ServiceContext) -> None:
        self._db = context.database
        self._clock = context.clock
        self._tz = context.timezone

    def now(self) -> datetime:
        """Now in station time."""
        return self._clock.now().astimezone(self._tz)

    # --- reads ------------------------------------------------------------------------------------

    def entries(self) -> list[EntryView]:
        """Every live entry: weekly patterns by weekday and time, then one-off shifts by time."""
        with self._db.read() as session:
            rows = store.live(session)
            people = _people(session, [r.volunteer_id for r in rows])
        views = [self._entry_view(r, people) for r in rows]
        return sorted(
            views,
            key=lambda v: (v.weekday is None, v.weekday or 0, v.day or date.min, v.starts, v.id),
        )

    def _entry_view(self, row: store.RotaEntryRow, people: dict[str, tuple[str, str]]) -> EntryView:
        name, number = people.get(row.volunteer_id, (row.volunteer_id, ""))
        if row.weekday is not None:
            return EntryView(
                row.id,
                name,
                number,
                row.weekday,
                row.starts or "",
                row.ends or "",
                row.valid_from,
                row.valid_until,
                None,
            )
        assert row.starts_at is not None and row.ends_at is not None
        starts, ends = row.starts_at.astimezone(self._tz), row.ends_at.astimezone(self._tz)
        return EntryView(
            row.id,
            name,
            number,
            None,
            starts.strftime("%H:%M"),
            ends.strftime("%H:%M"),
            None,
            None,
            starts.date(),
        )

    def planned(self, day: date) -> list[Planned]:
        """The shifts expected on the station-local `day` (approved swaps applied)."""
        with self._db.read() as session:
            return self._plan(session, [day])[day]

    def _plan(self, session: Session, days: list[date]) -> dict[date, list[Planned]]:
        """Each day's planned shifts, the approved swaps applied."""
        entries = [store.entry_of(r) for r in store.live(session)]
        swaps = store.swaps_from(session, min(days)) if days else []
        return {
            day: with_swaps(planned_on(day, entries, self._tz), [s for s in swaps if s.day == day])
            for day in days
        }

    def board(self) -> list[DutyLine]:
        """Today's duty board: each planned shift with who and whether they checked in."""
        now = self.now()
        with self._db.read() as session:
            plan = self._plan(session, [now.date()])[now.date()]
            ids = sorted({p.volunteer_id for p in plan})
            people = _people(session, ids)
            check_ins = _check_ins(session, ids, now - timedelta(days=1))
        lines = []
        for p in plan:
            came = checked_in_for(p, check_ins.get(p.volunteer_id, []), now)
            if came:
                state = DutyState.CHECKED_IN
            elif no_show(p, came, now):
                state = DutyState.NO_SHOW
            elif now >= p.ends_at:
                state = DutyState.OVER
            else:
                state = DutyState.EXPECTED
            name, number = people.get(p.volunteer_id, (p.volunteer_id, ""))
            lines.append(
                DutyLine(p.rota_id, p.volunteer_id, name, number, p.starts_at, p.ends_at, state)
            )
        return lines

    def record_no_shows(self, board: list[DutyLine] | None = None) -> int:
        """Write `rota.no_show` once for each of today's planned shifts nobody checked into 15
        minutes after its start (the station's webhooks announce it to the team leaders). Its
        id is the same at every kiosk of the station, so a no-show noticed at two kiosks is one
        event; one already here (written here or pulled) is not written again. How many were
        written. `board`: today's board just read (home's refresh reads it once for both)."""
        lines = self.board() if board is None else board
        missing = [line for line in lines if line.state == DutyState.NO_SHOW]
        if not missing:
            return 0
        now = self._clock.now()
        written = 0
        with self._db.write() as session:
            station_id = eventlog.meta(session).station_id
            for line in missing:
                day = line.starts_at.date()
                event_id = no_show_event_id(station_id, line.rota_id, day)
                if session.scalar(select(EventRow.pos).where(EventRow.id == event_id)):
                    continue
                payload = {
                    "rota_id": line.rota_id,
                    "volunteer_id": line.volunteer_id,
                    "number": line.number,
                    "day": day.isoformat(),
                    "starts_at": line.starts_at.astimezone(UTC).isoformat(),
                    "ends_at": line.ends_at.astimezone(UTC).isoformat(),
                }
                eventlog.append(
                    session, "rota.no_show", payload, occurred_at=now, event_id=event_id
                )
                written += 1
        return written

    def next_for(self, volunteer_id: str) -> Planned | None:
        """The volunteer's next planned shift not yet started (today's later ones included),
        looking two weeks ahead; None if there is none."""
        ahead = self._ahead(volunteer_id)
        return ahead[0] if ahead else None

    def _ahead(self, volunteer_id: str) -> list[Planned]:
        """The volunteer's planned shifts not yet started, two weeks ahead, soonest first."""
        now = self.now()
        days = [now.date() + timedelta(days=n) for n in range(LOOK_AHEAD_DAYS + 1)]
        with self._db.read() as session:
            plan = self._plan(session, days)
        return [
            p
            for day in days
            for p in plan[day]
            if p.volunteer_id == volunteer_id and p.starts_at > now
        ]

    # --- swaps: the volunteer's acts (identified by badge or phone + PIN) -------------------------

    def upcoming(self, volunteer_id: str) -> list[UpcomingShift]:
        """The volunteer's shifts ahead (two weeks), each with its open swap if offered."""
        ahead = self._ahead(volunteer_id)
        with self._db.read() as session:
            swaps = [s for s in store.swaps_from(session, self.now().date()) if _open(s)]
            people = _people(session, _who(swaps))
        by_shift = {(s.rota_id, s.day): s for s in swaps if s.offered_by == volunteer_id}
        found = []
        for p in ahead:
            swap = by_shift.get((p.rota_id, p.starts_at.date()))
            view = None if swap is None else self._swap_view(swap, people)
            found.append(UpcomingShift(p.rota_id, p.starts_at, p.ends_at, view))
        return found

    def open_offers(self, volunteer_id: str) -> list[SwapView]:
        """Shifts other volunteers offered that nobody has taken yet and have not started."""
        now = self._clock.now()
        with self._db.read() as session:
            swaps = [
                s
                for s in store.swaps_from(session, self.now().date())
                if s.state == SwapState.OFFERED
                and s.offered_by != volunteer_id
                and s.starts_at > now
            ]
            people = _people(session, _who(swaps))
        return [self._swap_view(s, people) for s in swaps]

    def awaiting_approval(self) -> list[SwapView]:
        """Taken swaps of shifts not yet started: the team leader approves them."""
        now = self._clock.now()
        with self._db.read() as session:
            swaps = [
                s
                for s in store.swaps_from(session, self.now().date())
                if s.state == SwapState.TAKEN and s.starts_at > now
            ]
            people = _people(session, _who(swaps))
        return [self._swap_view(s, people) for s in swaps]

    def offer(self, volunteer_id: str, rota_id: str, starts_at: datetime) -> SwapView:
        """Offer one of the volunteer's planned shifts (the rota line's shift starting at
        `starts_at`). Refused: not theirs, started, already offered."""
        now = self._clock.now()
        if starts_at <= now:
            raise SWAP_STARTED
        day = starts_at.astimezone(self._tz).date()
        with self._db.write() as session:
            plan = self._plan(session, [day])[day]
            mine = next(
                (
                    p
                    for p in plan
                    if p.rota_id == rota_id
                    and p.starts_at == starts_at
                    and p.volunteer_id == volunteer_id
                ),
                None,
            )
            if mine is None:
                raise SWAP_NOT_YOURS
            if any(
                s.rota_id == rota_id and s.day == day and _open(s)
                for s in store.swaps_from(session, day)
            ):
                raise SWAP_OFFERED
            swap_id = new_id()
            payload = {
                "swap_id": swap_id,
                "rota_id": rota_id,
                "volunteer_id": volunteer_id,
                "day": day.isoformat(),
                "starts_at": mine.starts_at.astimezone(UTC).isoformat(),
                "ends_at": mine.ends_at.astimezone(UTC).isoformat(),
            }
            eventlog.append(
                session, "rota.swap_offered", payload, occurred_at=now, actor=volunteer_id
            )
        return self._swap(swap_id)

    def take(self, volunteer_id: str, swap_id: str) -> SwapView:
        """Take a shift another volunteer offered. Refused: your own, already taken, over,
        started."""
        now = self._clock.now()
        with self._db.write() as session:
            swap = self._open_swap(session, swap_id)
            if swap.offered_by == volunteer_id:
                raise SWAP_OWN
            if swap.state != SwapState.OFFERED:
                raise SWAP_TAKEN
            eventlog.append(
                session,
                "rota.swap_taken",
                {"swap_id": swap_id, "volunteer_id": volunteer_id},
                occurred_at=now,
                actor=volunteer_id,
            )
        return self._swap(swap_id)

    def withdraw(self, volunteer_id: str, swap_id: str) -> None:
        """The offerer takes their offer back (before the team leader approves)."""
        now = self._clock.now()
        with self._db.write() as session:
            swap = self._open_swap(session, swap_id)
            if swap.offered_by != volunteer_id:
                raise SWAP_NOT_OFFERER
            eventlog.append(
                session,
                "rota.swap_withdrawn",
                {"swap_id": swap_id},
                occurred_at=now,
                actor=volunteer_id,
            )

    def approve(self, account: AdminAccount, swap_id: str) -> SwapView:
        """The team leader (or station admin) approves a taken swap: the shift is the taker's."""
        if not account.may(Permission.REVIEW_SHIFTS):
            raise SWAP_DENIED
        now = self._clock.now()
        with self._db.write() as session:
            swap = self._open_swap(session, swap_id)
            if swap.state != SwapState.TAKEN:
                raise SWAP_NOT_TAKEN
            eventlog.append(
                session,
                "rota.swap_approved",
                {"swap_id": swap_id},
                occurred_at=now,
                actor=account.id,
            )
            audit(
                session,
                self._clock,
                account.id,
                Action.ROTA_SWAP_APPROVED,
                swap_id,
                {"volunteer_id": swap.offered_by},
                {"volunteer_id": swap.taken_by},
            )
        return self._swap(swap_id)

    def _open_swap(self, session: Session, swap_id: str) -> Swap:
        row = store.swap(session, swap_id)
        if row is None:
            raise SWAP_NOT_FOUND
        swap = store.swap_of(row)
        if not _open(swap):
            raise SWAP_CLOSED
        if swap.starts_at <= self._clock.now():
            raise SWAP_STARTED
        return swap

    def _swap(self, swap_id: str) -> SwapView:
        with self._db.read() as session:
            row = store.swap(session, swap_id)
            if row is None:
                raise SWAP_NOT_FOUND
            swap = store.swap_of(row)
            return self._swap_view(swap, _people(session, _who([swap])))

    def _swap_view(self, swap: Swap, people: dict[str, tuple[str, str]]) -> SwapView:
        def name(volunteer_id: str | None) -> str:
            if volunteer_id is None:
                return ""
            return people.get(volunteer_id, (volunteer_id, ""))[0]

        return SwapView(
            swap.id,
            swap.rota_id,
            swap.starts_at.astimezone(self._tz),
            swap.ends_at.astimezone(self._tz),
            name(swap.offered_by),
            name(swap.taken_by),
            swap.state,
        )

    # --- the admin's acts -------------------------------------------------------------------------

    def add_pattern(self, account: AdminAccount, form: PatternForm) -> EntryView:
        """A weekly pattern (and its audit), one transaction."""
        _require(account)
        weekday = _parse_weekday(form.weekday)
        starts, ends = parse_time(form.starts), parse_time(form.ends)
        if ends <= starts:
            raise BAD_SPAN
        first = parse_day(form.valid_from)
        last = parse_day(form.valid_until) if form.valid_until.strip() else None
        if last is not None and last < first:
            raise BAD_UNTIL
        if last is not None and last < self.now().date():
            raise PAST
        rota_id = new_id()
        with self._db.write() as session:
            volunteer_id = _volunteer(session, form.number)
            payload = {
                "rota_id": rota_id,
                "volunteer_id": volunteer_id,
                "weekday": weekday,
                "starts": starts.strftime("%H:%M"),
                "ends": ends.strftime("%H:%M"),
                "valid_from": first.isoformat(),
                "valid_until": None if last is None else last.isoformat(),
            }
            self._write(session, account, "rota.pattern_set", payload)
        return self._view(rota_id)

    def add_shift(self, account: AdminAccount, form: ShiftForm) -> EntryView:
        """A one-off shift (and its audit), one transaction."""
        _require(account)
        day = parse_day(form.day)
        starts = datetime.combine(day, parse_time(form.starts), self._tz)
        ends = datetime.combine(day, parse_time(form.ends), self._tz)
        if not timedelta(0) < ends - starts <= MAX_SHIFT:
            raise BAD_SPAN
        if ends <= self._clock.now():
            raise PAST
        rota_id = new_id()
        with self._db.write() as session:
            volunteer_id = _volunteer(session, form.number)
            payload: dict[str, object] = {
                "rota_id": rota_id,
                "volunteer_id": volunteer_id,
                "starts_at": starts.astimezone(UTC).isoformat(),
                "ends_at": ends.astimezone(UTC).isoformat(),
            }
            self._write(session, account, "rota.shift_set", payload)
        return self._view(rota_id)

    def remove(self, account: AdminAccount, rota_id: str) -> None:
        _require(account)
        now = self._clock.now()
        with self._db.write() as session:
            row = store.entry(session, rota_id)
            if row is None:
                raise NOT_FOUND
            if row.removed:
                raise REMOVED
            eventlog.append(
                session, "rota.removed", {"rota_id": rota_id}, occurred_at=now, actor=account.id
            )
            audit(session, self._clock, account.id, Action.ROTA_REMOVED, rota_id, {}, {})

    def _write(
        self, session: Session, account: AdminAccount, kind: str, payload: dict[str, object]
    ) -> None:
        now = self._clock.now()
        eventlog.append(session, kind, payload, occurred_at=now, actor=account.id)
        shown = {k: v for k, v in payload.items() if k != "rota_id"}
        audit(session, self._clock, account.id, Action.ROTA_SET, str(payload["rota_id"]), {}, shown)

    def _view(self, rota_id: str) -> EntryView:
        with self._db.read() as session:
            row = store.entry(session, rota_id)
            if row is None:
                raise NOT_FOUND
            return self._entry_view(row, _people(session, [row.volunteer_id]))


def _open(swap: Swap) -> bool:
    return swap.state in (SwapState.OFFERED, SwapState.TAKEN)


def _who(swaps: list[Swap]) -> list[str]:
    return sorted({s.offered_by for s in swaps} | {s.taken_by for s in swaps if s.taken_by})


def _require(account: AdminAccount) -> None:
    if not account.may(Permission.REVIEW_SHIFTS):
        raise DENIED


def _parse_weekday(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise BAD_WEEKDAY from None
    if not 1 <= value <= 7:
        raise BAD_WEEKDAY
    return value - 1


def _volunteer(session: Session, number: str) -> str:
    number = number.strip()
    if not number:
        raise NO_NUMBER
    volunteer_id = session.scalar(
        select(VolunteerRow.id).where(VolunteerRow.number == number, VolunteerRow.active)
    )
    if volunteer_id is None:
        raise ValidationError(UNKNOWN_NUMBER.zh.format(number), UNKNOWN_NUMBER.en.format(number))
    return volunteer_id


def _people(session: Session, volunteer_ids: list[str]) -> dict[str, tuple[str, str]]:
    """(name, number) by volunteer id."""
    if not volunteer_ids:
        return {}
    rows = session.execute(
        select(VolunteerRow.id, VolunteerRow.name, VolunteerRow.number).where(
            VolunteerRow.id.in_(volunteer_ids)
        )
    )
    return {vid: (name, number) for vid, name, number in rows}


def _check_ins(
    session: Session, volunteer_ids: list[str], since: datetime
) -> dict[str, list[tuple[datetime, datetime | None]]]:
    """Each volunteer's shifts checked in since `since`: (checked in, checked out or None)."""
    found: dict[str, list[tuple[datetime, datetime | None]]] = {}
    if not volunteer_ids:
        return found
    rows = session.execute(
        select(ShiftRow.volunteer_id, ShiftRow.checked_in_at, ShiftRow.checked_out_at).where(
            ShiftRow.volunteer_id.in_(volunteer_ids),
            ShiftRow.status != "cancelled",
            ShiftRow.checked_in_at >= since,
        )
    )
    for volunteer_id, checked_in, checked_out in rows:
        if checked_in is not None:
            found.setdefault(volunteer_id, []).append((checked_in, checked_out))
    return found


SERVICES = (RotaService,)
