"""The hub part of `rota`: the centre's rota page (/centre/rota: each station's rota lines, and a
form that adds a weekly pattern or a one-off shift for a station).

The form writes the same `rota.*` events the kiosk admin does into the station's feed
(`append_hub_event`, as the station's pseudo-kiosk `hub:<station>`): the kiosks learn of it on
their next pull and fold it with the same rules. The page reads the rota's read model
(`hub_lines`, a row per line kept by the kiosks' own fold in the push transaction): a page of
500 lines in one SQL read, its total a SQL count, only its people named; the CSV streams every
line from the table. A volunteer's phone pages still fold their station's rota and swaps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from kiosk.core.errors import ValidationError
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.features.rota import hub_lines
from kiosk.features.rota.domain import (
    LOOK_AHEAD_DAYS,
    MAX_SHIFT,
    SWAP_CLOSED,
    SWAP_KINDS,
    SWAP_NOT_FOUND,
    SWAP_NOT_OFFERER,
    SWAP_NOT_YOURS,
    SWAP_OFFERED,
    SWAP_OWN,
    SWAP_STARTED,
    SWAP_TAKEN,
    Planned,
    RotaEntry,
    Swap,
    SwapState,
    fold_entry,
    fold_swap,
    planned_on,
    with_swaps,
)
from kiosk.features.volunteers.hub import (
    Member,
    named_in_chunks,
    roster_names,
    station_member,
)
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_events, to_domain
from kiosk.platform.hub.part import CentreTab, HubPart, Notice
from kiosk.platform.hub.web_accounts import csrf_ok
from kiosk.platform.hub.web_centre import PageQuery, Report, ReportView, csv_stream
from kiosk.platform.hub.web_centre import _form_body as form_body
from kiosk.platform.hub.web_events import append_hub_event
from kiosk.platform.hub.web_render import PageError, read_form
from kiosk.platform.hub.web_reports import Paging

MAX_FORM = 2048
LOOK_BACK = timedelta(days=3 * 365)  # a rota line's events: written at most this long ago

centre = APIRouter(prefix="/centre", tags=["centre dashboard"])

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Upcoming:
    """One of a volunteer's planned shifts ahead as their phone page shows it (station time):
    with the state of the swap it is in (`offered` / `taken`, and who took it), or a shift they
    took from another that awaits the team leader (`mine` False)."""

    rota_id: str
    starts_at: datetime
    ends_at: datetime
    swap_state: str | None
    other: str  # who took it, or who offered it
    mine: bool = True
    swap_id: str = ""


@dataclass(frozen=True)
class Offer:
    """A shift another volunteer offered that nobody has taken yet (station time)."""

    swap_id: str
    starts_at: datetime
    ends_at: datetime
    offered_by: str


@dataclass(frozen=True)
class StationRota:
    """A station's rota as the hub folds it: live entries, every swap, names by id."""

    entries: list[RotaEntry]
    swaps: list[Swap]
    names: dict[str, str]

    def name(self, volunteer_id: str | None) -> str:
        return self.names.get(volunteer_id or "", "")

    def plan(self, day: date, tz: ZoneInfo) -> list[Planned]:
        """The day's planned shifts with the approved swaps applied (the kiosks' rules)."""
        return with_swaps(
            planned_on(day, self.entries, tz), [s for s in self.swaps if s.day == day]
        )

    def open_swaps(self) -> list[Swap]:
        return [s for s in self.swaps if s.state in (SwapState.OFFERED, SwapState.TAKEN)]


def station_rota(database: Database, station_id: str, now: datetime) -> StationRota:
    with database.read() as session:
        rows = station_events(session, "rota.", [station_id], now - LOOK_BACK, None)
        names = roster_names(session, [station_id])
    entries_by: dict[str, list[Event]] = defaultdict(list)
    swaps_by: dict[str, list[Event]] = defaultdict(list)
    for row in rows:
        if row.kind in SWAP_KINDS:
            swaps_by[str(row.payload.get("swap_id"))].append(to_domain(row))
        else:
            entries_by[str(row.payload.get("rota_id"))].append(to_domain(row))
    entries = [e for e in map(fold_entry, entries_by.values()) if e is not None and not e.removed]
    swaps = [s for s in map(fold_swap, swaps_by.values()) if s is not None]
    return StationRota(entries, swaps, {vid: m.name for vid, m in names.items()})


def upcoming_for(
    database: Database, station_id: str, volunteer_id: str, now: datetime, tz: ZoneInfo
) -> list[Upcoming]:
    """The volunteer's rota shifts in the next two weeks with the approved swaps applied (the
    kiosks' own rules: `planned_on`, `with_swaps`), each with its open swap; then the shifts
    they took that await approval. Soonest first."""
    rota = station_rota(database, station_id, now)
    open_swaps = rota.open_swaps()
    today = now.astimezone(tz).date()
    found: list[Upcoming] = []
    for offset in range(LOOK_AHEAD_DAYS + 1):
        day = today + timedelta(days=offset)
        for p in rota.plan(day, tz):
            if p.volunteer_id != volunteer_id or p.starts_at <= now:
                continue
            swap = next(
                (
                    s
                    for s in open_swaps
                    if s.rota_id == p.rota_id and s.day == day and s.offered_by == volunteer_id
                ),
                None,
            )
            found.append(
                Upcoming(
                    p.rota_id,
                    p.starts_at,
                    p.ends_at,
                    None if swap is None else swap.state.value,
                    "" if swap is None else rota.name(swap.taken_by),
                    swap_id="" if swap is None else swap.id,
                )
            )
    for s in open_swaps:
        if s.state == SwapState.TAKEN and s.taken_by == volunteer_id and s.starts_at > now:
            found.append(
                Upcoming(
                    s.rota_id,
                    s.starts_at.astimezone(tz),
                    s.ends_at.astimezone(tz),
                    s.state.value,
                    rota.name(s.offered_by),
                    mine=False,
                    swap_id=s.id,
                )
            )
    return sorted(found, key=lambda u: (u.starts_at, not u.mine))


def offers_for(
    database: Database, station_id: str, volunteer_id: str, now: datetime, tz: ZoneInfo
) -> list[Offer]:
    """Shifts others offered that nobody took yet and have not started, soonest first."""
    rota = station_rota(database, station_id, now)
    return sorted(
        (
            Offer(
                s.id, s.starts_at.astimezone(tz), s.ends_at.astimezone(tz), rota.name(s.offered_by)
            )
            for s in rota.swaps
            if s.state == SwapState.OFFERED and s.offered_by != volunteer_id and s.starts_at > now
        ),
        key=lambda o: (o.starts_at, o.swap_id),
    )


def swap_on_phone(
    database: Database,
    station_id: str,
    volunteer_id: str,
    form: dict[str, str],
    now: datetime,
    tz: ZoneInfo,
) -> str:
    """A volunteer's swap from their phone page, checked as the kiosk checks it (offer one of
    your shifts ahead; take another's open offer; withdraw your own), written to the station's
    feed as the volunteer (`append_hub_event`). Returns the act done; refused: ValidationError,
    nothing written."""
    act = form.get("act", "")
    rota = station_rota(database, station_id, now)
    kind: str
    payload: dict[str, object]
    if act == "offer":
        try:
            starts = datetime.fromisoformat(form.get("starts", "")).astimezone(UTC)
        except ValueError:
            raise SWAP_NOT_YOURS from None
        if starts <= now:
            raise SWAP_STARTED
        day = starts.astimezone(tz).date()
        mine = next(
            (
                p
                for p in rota.plan(day, tz)
                if p.rota_id == form.get("rota_id")
                and p.starts_at == starts
                and p.volunteer_id == volunteer_id
            ),
            None,
        )
        if mine is None:
            raise SWAP_NOT_YOURS
        if any(s.rota_id == mine.rota_id and s.day == day for s in rota.open_swaps()):
            raise SWAP_OFFERED
        kind = "rota.swap_offered"
        payload = {
            "swap_id": new_id(),
            "rota_id": mine.rota_id,
            "volunteer_id": volunteer_id,
            "day": day.isoformat(),
            "starts_at": mine.starts_at.astimezone(UTC).isoformat(),
            "ends_at": mine.ends_at.astimezone(UTC).isoformat(),
        }
    elif act in ("take", "withdraw"):
        swap = next((s for s in rota.swaps if s.id == form.get("swap_id")), None)
        if swap is None:
            raise SWAP_NOT_FOUND
        if swap.state not in (SwapState.OFFERED, SwapState.TAKEN):
            raise SWAP_CLOSED
        if swap.starts_at <= now:
            raise SWAP_STARTED
        if act == "take":
            if swap.offered_by == volunteer_id:
                raise SWAP_OWN
            if swap.state != SwapState.OFFERED:
                raise SWAP_TAKEN
            kind, payload = "rota.swap_taken", {"swap_id": swap.id, "volunteer_id": volunteer_id}
        else:
            if swap.offered_by != volunteer_id:
                raise SWAP_NOT_OFFERER
            kind, payload = "rota.swap_withdrawn", {"swap_id": swap.id}
    else:
        raise SWAP_NOT_FOUND
    with database.write() as session:
        append_hub_event(session, station_id, kind, payload, now, actor=volunteer_id)
    return act


@dataclass(frozen=True)
class RotaLine:
    """One line of a station's rota as the centre lists it; `name` is filled only once the
    line is on the page shown (or in the CSV's chunk)."""

    station_id: str
    volunteer_id: str
    name: str
    number: str
    when: str  # "每周一 09:00–12:00 (2026-11-02 ~)" or "2026-11-03 14:00–18:00"
    sort: tuple[int, str]


def _when(entry: RotaEntry, tz: object, lang: str) -> tuple[str, tuple[int, str]]:
    if entry.weekday is not None and entry.starts and entry.ends:
        day = (
            f"每周{WEEKDAYS[entry.weekday]}"
            if lang == "zh"
            else f"every {WEEKDAYS_EN[entry.weekday]}"
        )
        span = f"{entry.valid_from} ~ {entry.valid_until or ''}"
        return (
            f"{day} {entry.starts:%H:%M}–{entry.ends:%H:%M} ({span})",
            (entry.weekday, f"{entry.starts:%H:%M}"),
        )
    assert entry.starts_at is not None and entry.ends_at is not None
    starts = entry.starts_at.astimezone(tz)  # type: ignore[arg-type]
    ends = entry.ends_at.astimezone(tz)  # type: ignore[arg-type]
    return f"{starts:%Y-%m-%d %H:%M}–{ends:%H:%M}", (7, f"{starts:%Y-%m-%d %H:%M}")


def _line(row: Any, tz: object, lang: str) -> RotaLine:
    """A row of the read model as the page's line (not yet named)."""
    station, volunteer, number, weekday, starts, ends, valid_from, valid_until, at, until = row
    entry = RotaEntry(
        id="",
        station_id=station,
        kiosk_id="",
        volunteer_id=volunteer,
        created_at=datetime.min,
        weekday=weekday,
        starts=None if starts is None else time.fromisoformat(starts),
        ends=None if ends is None else time.fromisoformat(ends),
        valid_from=None if valid_from is None else date.fromisoformat(valid_from),
        valid_until=None if valid_until is None else date.fromisoformat(valid_until),
        starts_at=at,
        ends_at=until,
    )
    when, sort = _when(entry, tz, lang)
    return RotaLine(station, volunteer, "", number, when, sort)


def _page(
    database: Database,
    stations: list[str] | None,
    tz: object,
    lang: str,
    now: datetime,
    number: int,
) -> tuple[list[RotaLine], Paging]:
    """Page `number` of the rota lines in force at `stations`, by station, time, then the
    volunteer's number (a clear column of the roster: names are sealed, and opening a
    province's to sort them cost seconds), named; and the paging over every line (a SQL
    count). From the read model (`hub_lines`): one page of rows."""
    since = now - LOOK_BACK
    with database.read() as session:
        counts = hub_lines.line_counts(session, stations, since)
        paging = Paging(number, sum(n for _, n in counts))
        rows = hub_lines.page_rows(session, stations, since, counts, paging.offset, paging.size)
    return _named(database, [_line(row, tz, lang) for row in rows]), paging


def _all_lines(
    database: Database, stations: list[str] | None, tz: object, lang: str, now: datetime
) -> Iterator[RotaLine]:
    """Every line in the page's order, read from the read model a chunk at a time."""
    with database.read() as session:
        for chunk in hub_lines.all_rows(session, stations, now - LOOK_BACK):
            yield from (_line(row, tz, lang) for row in chunk)


def _person(line: RotaLine) -> list[tuple[str, str]]:
    return [(line.station_id, line.volunteer_id)]


def _with_name(line: RotaLine, names: Mapping[str, Member]) -> RotaLine:
    """The line with its volunteer's name (their id where the roster has no registration)."""
    who = names.get(line.volunteer_id)
    return replace(line, name=who.name if who else line.volunteer_id)


def _named(database: Database, lines: list[RotaLine]) -> list[RotaLine]:
    """A page's lines with their volunteers' names, opened in one read."""
    with database.read() as session:
        names = roster_names(
            session,
            sorted({line.station_id for line in lines}),
            {line.volunteer_id for line in lines},
        )
    return [_with_name(line, names) for line in lines]


CSV_HEADER = ["station", "station_name", "volunteer", "number", "when"]


def _csv_rows(
    database: Database, lines: Iterator[RotaLine], station_names: dict[str, str]
) -> Iterator[tuple[str, ...]]:
    """Every line, named a chunk at a time while the CSV streams."""
    for bare, names in named_in_chunks(database, lines, _person):
        line = _with_name(bare, names)
        station = line.station_id
        yield (station, station_names.get(station, ""), line.name, line.number, line.when)


async def _centre_page(
    view: ReportView,
    *,
    number: int = 1,
    status: int = 200,
    notice: str = "",
    error: str = "",
    form: dict[str, str] | None = None,
) -> Response:
    state = view.request.app.state
    if view.format == "csv":
        today = view.now().astimezone(view.span.tz).date()
        found = _all_lines(
            state.database, view.scope_filter, view.span.tz, view.lang, state.clock.now()
        )
        rows = _csv_rows(state.database, found, dict(view.all_stations))
        return csv_stream(f"rota-{today}", CSV_HEADER, rows)
    named, paging = await run_in_threadpool(
        _page,
        state.database,
        view.scope_filter,
        view.span.tz,
        view.lang,
        state.clock.now(),
        number,
    )
    return view.render(
        "centre_rota.html",
        "rota",
        status=status,
        lines=named,
        total=paging.rows,
        pager=view.pager(paging, "/centre/rota"),
        notice=notice,
        error=error,
        form=form or {},
        today=view.now().astimezone(view.span.tz).date().isoformat(),
    )


@centre.get("/rota", response_class=HTMLResponse)
async def rota_page(view: Report, page: PageQuery = 1) -> Response:
    """Each station's rota: weekly patterns and one-off shifts, with who; a page at a time
    (only its people named), the total and the CSV over every line."""
    return await _centre_page(view, number=page)


def _clock(text: str) -> time:
    return time.fromisoformat(text.strip())


def _add(
    database: Database, station_id: str, form: dict[str, str], tz: object, now: datetime, actor: str
) -> None:
    """Check the centre's form like the kiosk's, then write `rota.pattern_set` or
    `rota.shift_set` to the station."""
    kind = form.get("kind", "")
    if kind not in ("weekly", "once"):
        raise ValidationError("请选择“每周”或“单次”", "Choose every week or one shift")
    try:
        day = date.fromisoformat(form.get("day", "").strip())
        starts_t, ends_t = _clock(form.get("starts", "")), _clock(form.get("ends", ""))
        until_text = form.get("until", "").strip()
        until = date.fromisoformat(until_text) if until_text and kind == "weekly" else None
    except ValueError:
        raise ValidationError("日期或时间格式不正确", "The day or a time is not valid") from None
    starts = datetime.combine(day, starts_t, tz)  # type: ignore[arg-type]
    ends = datetime.combine(day, ends_t, tz)  # type: ignore[arg-type]
    if not timedelta(0) < ends - starts <= MAX_SHIFT:
        raise ValidationError(
            "结束时间须晚于开始时间（同一天），且一班不超过 12 小时",
            "The end must be after the start (the same day), and a shift lasts at most 12 hours",
        )
    number = form.get("number", "").strip()
    member = station_member(database, station_id, number) if number else None
    if member is None or not member.active:
        raise ValidationError(
            f"没有这个志愿者编号：{number}", f"No volunteer with this number: {number}"
        )
    payload: dict[str, object]
    if kind == "weekly":
        if until is not None and until < day:
            raise ValidationError(
                "截止日期不能早于起始日期", "The last day cannot be before the first day"
            )
        event = "rota.pattern_set"
        payload = {
            "rota_id": new_id(),
            "volunteer_id": member.volunteer_id,
            "weekday": day.weekday(),
            "starts": f"{starts_t:%H:%M}",
            "ends": f"{ends_t:%H:%M}",
            "valid_from": day.isoformat(),
            "valid_until": None if until is None else until.isoformat(),
        }
    else:
        if ends <= now:
            raise ValidationError(
                "不能排已经结束的班", "A shift that has already ended cannot be added"
            )
        event = "rota.shift_set"
        payload = {
            "rota_id": new_id(),
            "volunteer_id": member.volunteer_id,
            "starts_at": starts.astimezone(UTC).isoformat(),
            "ends_at": ends.astimezone(UTC).isoformat(),
        }
    with database.write() as session:
        if repo.get_station(session, station_id) is None:
            raise ValidationError("站点不存在", "No such station")
        append_hub_event(session, station_id, event, payload, now, actor=actor)


@centre.post(
    "/rota",
    response_class=HTMLResponse,
    openapi_extra=form_body(
        "csrf", "station_id", "kind", "number", "day", "starts", "ends", "until"
    ),
)
async def add_to_rota(view: Report) -> Response:
    """Add a rota line for a station the account may see (a weekly pattern on the day's weekday
    from that day, or one shift that day); its kiosks get it on their next pull. Bad input: the
    form again with the reason, nothing written."""
    w = view.words
    form = await read_form(view.request, MAX_FORM, view.lang)
    if not csrf_ok(view.who, form.get("csrf")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    shown = {k: v for k, v in form.items() if k != "csrf"}
    try:  # a code from the select, or a code or part of a name typed in the box
        station = view.form_station(form.get("station_id"))
    except PageError as exc:
        if exc.status != 422:
            raise
        return await _centre_page(view, status=422, error=exc.message, form=shown)
    state = view.request.app.state
    try:
        await run_in_threadpool(
            _add,
            state.database,
            station,
            form,
            state.tz,
            state.clock.now(),
            f"centre:{view.who.username}",
        )
    except ValidationError as exc:
        return await _centre_page(
            view, status=422, error=exc.zh if view.lang == "zh" else exc.en, form=shown
        )
    return await _centre_page(view, notice="已排班" if view.lang == "zh" else "Added to the rota")


WORDS: dict[str, tuple[str, str]] = {
    "rota": ("排班", "Rota"),
    "rota_who": ("志愿者", "Volunteer"),
    "rota_when": ("时间", "When"),
    "rota_new": ("新增排班", "Add to the rota"),
    "rota_kind": ("方式", "Kind"),
    "rota_weekly": ("每周（按所选日期的星期）", "Every week (the day's weekday)"),
    "rota_once": ("单次", "One shift"),
    "rota_number": ("志愿者编号", "Volunteer number"),
    "rota_day": ("日期", "Day"),
    "rota_starts": ("开始", "Starts"),
    "rota_ends": ("结束", "Ends"),
    "rota_until": ("截止日期（每周，可留空）", "Last day (every week; may be empty)"),
    "rota_add": ("添加", "Add"),
    "rota_total": ("共 {n} 条排班", "{n} rota lines"),
}


def _no_show(payload: Mapping[str, Any], occurred_at: datetime, tz: ZoneInfo) -> Notice | None:
    """What the station's webhooks tell the team leaders of a no-show: the shift and the
    volunteer's number (never a name or a phone in a robot's group). None once the shift is
    over: a kiosk that was off all day does not announce the morning's no-show at night."""
    try:
        starts = datetime.fromisoformat(str(payload["starts_at"])).astimezone(tz)
        ends = datetime.fromisoformat(str(payload["ends_at"])).astimezone(tz)
    except (KeyError, ValueError):
        return None
    if occurred_at >= ends:
        return None
    number = str(payload.get("number") or "")
    when = f"{starts:%m-%d %H:%M}–{ends:%H:%M}"
    return Notice(
        "排班缺岗",
        "Rota no-show",
        f"{when} 的排班志愿者 {number} 开始 15 分钟后仍未签到，请班长安排补位。",
        f"Nobody checked into the {when} rota shift of volunteer {number} 15 minutes after "
        "its start: team leader, please find cover.",
    )


HUB_PART = HubPart(
    notices={"rota.no_show": _no_show},
    routers=(centre,),
    templates="kiosk.features.rota",
    words=WORDS,
    centre_tabs=(CentreTab("rota", "/centre/rota", rank=29),),
    read_models=(hub_lines.ROTA_LINES,),
)
