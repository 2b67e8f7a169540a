"""The hub part of `activities`: the page the sign-in QR code opens on a member's phone
(/a/{station}/{activity}: volunteer number + PIN), and the centre's activities page
(/centre/activities: each station's activities in the range with their counts, and a form that
creates one for a station).

Both write ordinary events into the station's feed (`append_hub_event`, as the station's
pseudo-kiosk `hub:<station>`): the kiosks learn of a centre's activity or a phone's sign-in on
their next pull and fold them with the same rules. The hub checks a PIN against the latest
`volunteer.pin_set` hash the station's kiosks sent; failed attempts spend from the volunteer's
own bucket (the centre sign-in's per-account limiter), so guessing one member's PIN from many
phones is as slow as from one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from kiosk.core.errors import ValidationError
from kiosk.core.ids import new_id
from kiosk.core.text import unstorable_char
from kiosk.features.activities import hub_facts as facts
from kiosk.features.activities.domain import (
    MAX_PLACE,
    MAX_TITLE,
    ActivityKind,
    ActivityState,
    fold_activity,
    sheet_open,
)
from kiosk.features.activities.hub_facts import ActivityLine
from kiosk.features.volunteers.hub import Member, named_in_chunks, roster_names, station_member
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.doorbell import hub_event_written
from kiosk.platform.hub.part import CentreTab, HubPart
from kiosk.platform.hub.web_accounts import csrf_ok
from kiosk.platform.hub.web_centre import PageQuery, Report, ReportView, csv_stream
from kiosk.platform.hub.web_centre import _form_body as form_body
from kiosk.platform.hub.web_events import append_hub_event
from kiosk.platform.hub.web_i18n import label
from kiosk.platform.hub.web_pages import (
    Limits,
    RateRefused,
    check_view,
    page_lang,
    refund,
    remember_lang,
    spend,
    submit_takes,
    switch_url,
)
from kiosk.platform.hub.web_render import PageError, page, read_form
from kiosk.platform.hub.web_reports import Paging

ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
MAX_FORM = 4096

router = APIRouter(tags=["phone pages"])
centre = APIRouter(prefix="/centre", tags=["centre dashboard"])
StationId = Annotated[str, Path(pattern=ID_PATTERN)]
ActivityId = Annotated[str, Path(pattern=ID_PATTERN)]
LangQuery = Annotated[str | None, Query(max_length=5)]

ACTIVITY_KINDS: dict[str, tuple[str, str]] = {
    "meeting": ("会议", "Meeting"),
    "service_day": ("志愿服务日", "Service day"),
    "training": ("培训", "Training"),
    "other": ("其他活动", "Other"),
}


class FormInvalid(Exception):
    """Fields of a form with what is wrong with each (word keys)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


# --- reading an activity on the hub -------------------------------------------------------------


def _activity(database: Database, station_id: str, activity_id: str) -> ActivityState:
    """The activity's sheet, folded by the kiosks' rule from the events its row keeps
    (`activity_facts`): one row read, not every `activity.` event of the station."""
    with database.read() as session:
        events = facts.activity_events(session, station_id, activity_id)
    found = fold_activity(events) if events else None
    if found is None:
        raise LookupError(activity_id)
    return found


# --- the phone's sign-in page -------------------------------------------------------------------


def _times(activity: ActivityState, tz: object) -> str:
    starts = activity.starts_at.astimezone(tz)  # type: ignore[arg-type]
    ends = activity.ends_at.astimezone(tz)  # type: ignore[arg-type]
    return f"{starts:%Y-%m-%d %H:%M}–{ends:%H:%M}"


async def _found(
    request: Request, station_id: str, activity_id: str, lang: str
) -> tuple[str, ActivityState]:
    state = request.app.state

    def load() -> tuple[str, ActivityState]:
        with state.database.read() as session:
            station = repo.get_station(session, station_id)
        if station is None:
            raise LookupError(station_id)
        name = (
            station.name_en if lang == "en" and getattr(station, "name_en", None) else station.name
        )
        return str(name), _activity(state.database, station_id, activity_id)

    try:
        return await run_in_threadpool(load)
    except LookupError:
        raise PageError(404, _W["not_found"][0 if lang == "zh" else 1], lang=lang) from None


def _phone_page(
    request: Request,
    lang: str,
    station_name: str,
    activity: ActivityState,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    done: str = "",
    status: int = 200,
    retry: int | None = None,
) -> Response:
    pick = 0 if lang == "zh" else 1
    w = {k: v[pick] for k, v in _W.items()}
    errors = errors or {}
    headers = {"Retry-After": str(retry)} if retry is not None else {}
    return page(
        "activity_sign_in.html",
        lang=lang,
        status=422 if errors and status == 200 else status,
        headers=headers,
        title=activity.title,
        station_name=station_name,
        a=activity,
        when=_times(activity, request.app.state.tz),
        kind=label(ACTIVITY_KINDS, activity.kind, lang),
        signed=len(activity.sign_ins),
        aw=w,
        form=form or {},
        errors=errors,
        errors_text={k: w[v] for k, v in errors.items()},
        done=done,
        base=f"/a/{activity.station_id}/{activity.id}",
        switch_url=switch_url(request, lang),
    )


@router.get("/a/{station_id}/{activity_id}", response_class=HTMLResponse)
async def sign_in_page(
    request: Request,
    station_id: StationId,
    activity_id: ActivityId,
    limits: Limits,
    lang: LangQuery = None,
) -> Response:
    """What an activity's QR code opens: its name, time, place, and the sign-in form."""
    chosen = page_lang(request, lang)
    await check_view(request, limits, chosen)
    station_name, activity = await _found(request, station_id, activity_id, chosen)
    return remember_lang(_phone_page(request, chosen, station_name, activity), lang, chosen)


def _check(form: dict[str, str]) -> tuple[str, str]:
    number = form.get("number", "").strip()
    pin = form.get("pin", "").strip()
    errors: dict[str, str] = {}
    if not number or len(number) > 32 or unstorable_char(number):
        errors["number"] = "need_number"
    if not pin.isdigit() or not 4 <= len(pin) <= 8:
        errors["pin"] = "need_pin"
    if errors:
        raise FormInvalid(errors)
    return number, pin


def _sign(
    database: Database, station_id: str, activity_id: str, number: str, pin: str, now: datetime
) -> tuple[str, bool, str]:
    """(name, again, event id): the member signed in by the hub (or found signed in before).
    Raises FormInvalid with the reason."""
    activity = _activity(database, station_id, activity_id)
    if activity.cancelled:
        raise FormInvalid({"number": "cancelled"})
    if not sheet_open(activity.starts_at, activity.ends_at, now):
        raise FormInvalid({"number": "closed"})
    member = station_member(database, station_id, number)
    if member is None or not member.pin_matches(pin):
        raise FormInvalid({"pin": "wrong"})
    if not member.active:
        raise FormInvalid({"number": "inactive"})
    if activity.invited and member.volunteer_id not in activity.invited:
        raise FormInvalid({"number": "not_invited"})
    if member.volunteer_id in activity.signed_ids:
        return member.name, True, ""
    payload = {"activity_id": activity_id, "volunteer_id": member.volunteer_id, "method": "phone"}
    with database.write() as session:
        row = append_hub_event(
            session, station_id, "activity.signed_in", payload, now, actor=member.volunteer_id
        )
        event_id = row.id
    return member.name, False, event_id


@router.post(
    "/a/{station_id}/{activity_id}",
    response_class=HTMLResponse,
    openapi_extra=form_body("number", "pin"),
)
async def sign_in(
    request: Request,
    station_id: StationId,
    activity_id: ActivityId,
    limits: Limits,
    lang: LangQuery = None,
) -> Response:
    """Sign in with volunteer number + PIN: an `activity.signed_in` (method phone) in the
    station's feed; a wrong PIN spends from the volunteer's bucket, a right one gives it back."""
    chosen = page_lang(request, lang)
    form = await read_form(request, MAX_FORM, chosen)
    station_name, activity = await _found(request, station_id, activity_id, chosen)
    shown = {"number": form.get("number", "")[:32]}
    state = request.app.state
    try:
        number, pin = _check(form)
    except FormInvalid as exc:
        return _phone_page(request, chosen, station_name, activity, form=shown, errors=exc.errors)
    takes = [*submit_takes(request, limits), (limits.account, f"volunteer:{station_id}:{number}")]
    try:
        await spend(takes)
    except RateRefused as refused:
        return _phone_page(
            request,
            chosen,
            station_name,
            activity,
            form=shown,
            errors={"pin": "too_many"},
            status=429,
            retry=refused.seconds,
        )
    try:
        name, again, event_id = await run_in_threadpool(
            _sign, state.database, station_id, activity_id, number, pin, state.clock.now()
        )
    except FormInvalid as exc:
        if "pin" not in exc.errors:  # only a wrong PIN costs the member's bucket
            await refund(takes)
        return _phone_page(request, chosen, station_name, activity, form=shown, errors=exc.errors)
    except LookupError:
        raise PageError(404, _W["not_found"][0 if chosen == "zh" else 1], lang=chosen) from None
    await refund([takes[-1]])  # the right PIN: the member's bucket is whole again
    if event_id:
        await hub_event_written(state, event_id, "activity.signed_in")
    _, activity = await _found(request, station_id, activity_id, chosen)
    done = (
        (f"{name} 已签到" if chosen == "zh" else f"{name}: already signed in")
        if again
        else (f"签到成功：{name}" if chosen == "zh" else f"Signed in: {name}")
    )
    return _phone_page(request, chosen, station_name, activity, done=done)


# --- the centre's page --------------------------------------------------------------------------


ACTIVITIES_A_PAGE = 100  # lines a page: each names everyone who signed in (a few dozen each)
CSV_HEADER = [
    "station",
    "station_name",
    "title",
    "kind",
    "place",
    "time",
    "invited",
    "signed_in",
    "cancelled",
    "credited_minutes",
    "who",
]


def _scope(view: ReportView) -> list[str] | None:
    """The stations the view covers; None for every station (a centre account's whole view:
    no list of 2,000 ids to send)."""
    return None if view.who.is_centre and view.station is None else list(view.scope)


def _people(line: ActivityLine) -> list[tuple[str, str]]:
    return [(line.station_id, v) for v in line.who]


def _with_names(line: ActivityLine, names: Mapping[str, Member]) -> ActivityLine:
    """The line with who signed in by name (their id where the roster has no registration)."""
    return replace(line, names=[names[v].name if v in names else v for v in line.who])


def _page(
    database: Database, view: ReportView, number: int
) -> tuple[Paging, list[ActivityLine], tuple[int, int]]:
    """The page's paging, its lines named (only its people's names opened), and the totals
    over every line of the view (SQL sums)."""
    span, stations = view.span, _scope(view)
    with database.read() as session:
        found = facts.totals(session, stations, span.start, span.end)
        paging = Paging(number, found[0], ACTIVITIES_A_PAGE)
        shown = facts.lines(session, stations, span.start, span.end, paging.offset, paging.size)
        names = roster_names(
            session,
            sorted({line.station_id for line in shown}),
            {v for line in shown for v in line.who},
        )
    return paging, [_with_names(line, names) for line in shown], found


def _csv_rows(
    database: Database, view: ReportView, station_names: dict[str, str], tz: tzinfo
) -> Iterator[tuple[object, ...]]:
    """Every line, read from the table and its people named a chunk at a time while the CSV
    streams."""
    span = view.span
    every = facts.every_line(database, _scope(view), span.start, span.end)
    for bare, names in named_in_chunks(database, every, _people):
        line = _with_names(bare, names)
        yield (
            line.station_id,
            station_names.get(line.station_id, ""),
            line.title,
            line.kind,
            line.place,
            line.when(tz),
            line.invited,
            line.signed,
            int(line.cancelled),
            "" if line.credited_minutes is None else line.credited_minutes,
            "; ".join(line.names),
        )


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
        rows = _csv_rows(state.database, view, dict(view.all_stations), view.span.tz)
        return csv_stream(f"activities-{view.span.first}-{view.span.last}", CSV_HEADER, rows)
    paging, named, (activities, signed_in) = await run_in_threadpool(
        _page, state.database, view, number
    )
    return view.render(
        "centre_activities.html",
        "activities",
        status=status,
        lines=named,
        pager=view.pager(paging, "/centre/activities"),
        activities=activities,
        signed_in=signed_in,
        tz=view.span.tz,
        kinds=[(k, label(ACTIVITY_KINDS, k, view.lang)) for k in ACTIVITY_KINDS],
        kind_words={k: label(ACTIVITY_KINDS, k, view.lang) for k in ACTIVITY_KINDS},
        notice=notice,
        error=error,
        form=form or {},
        today=view.now().astimezone(view.span.tz).date().isoformat(),
    )


@centre.get("/activities", response_class=HTMLResponse)
async def activities_page(view: Report, page: PageQuery = 1) -> Response:
    """Activities per station that start in the range: when, where, invited, signed in, who;
    a page at a time (only its people named), the totals and the CSV over every activity."""
    return await _centre_page(view, number=page)


def _create(
    database: Database, station_id: str, form: dict[str, str], tz: object, now: datetime, actor: str
) -> ActivityState:
    """Check the centre's form like the kiosk's, then write `activity.created` to the station."""
    kind = form.get("kind", "")
    title = form.get("title", "").strip()
    place = form.get("place", "").strip()
    if kind not in {k.value for k in ActivityKind}:
        raise ValidationError("请选择活动类型", "Choose the kind of activity")
    if not title or len(title) > MAX_TITLE or len(place) > MAX_PLACE:
        raise ValidationError(
            f"请填写活动名称（最多 {MAX_TITLE} 字），地点最多 {MAX_PLACE} 字",
            f"Enter the name (at most {MAX_TITLE} characters); the place at most {MAX_PLACE}",
        )
    if any(unstorable_char(v) for v in form.values()):
        raise ValidationError("含有无法保存的字符", "Contains a character that cannot be stored")
    try:
        day = datetime.strptime(form.get("day", ""), "%Y-%m-%d").date()
        starts = datetime.combine(day, time.fromisoformat(form.get("starts", "")), tz)  # type: ignore[arg-type]
        ends = datetime.combine(day, time.fromisoformat(form.get("ends", "")), tz)  # type: ignore[arg-type]
    except ValueError:
        raise ValidationError("日期或时间格式不正确", "The day or a time is not valid") from None
    if ends <= starts or ends - starts > timedelta(hours=12):
        raise ValidationError(
            "结束时间须晚于开始时间，且活动不超过 12 小时",
            "The end must be after the start, and an activity lasts at most 12 hours",
        )
    if ends < now:
        raise ValidationError(
            "不能新建已经结束的活动", "An activity that has already ended cannot be created"
        )
    invited: list[str] = []
    for number in form.get("invited", "").replace("，", ",").replace(",", " ").split():
        member = station_member(database, station_id, number)
        if member is None or not member.active:
            raise ValidationError(
                f"没有这个志愿者编号：{number}", f"No volunteer with this number: {number}"
            )
        if member.volunteer_id not in invited:
            invited.append(member.volunteer_id)
    activity_id = new_id()
    payload = {
        "activity_id": activity_id,
        "title": title,
        "kind": kind,
        "place": place,
        "starts_at": starts.astimezone(UTC).isoformat(),
        "ends_at": ends.astimezone(UTC).isoformat(),
        "invited": invited,
    }
    with database.write() as session:
        if repo.get_station(session, station_id) is None:
            raise ValidationError("站点不存在", "No such station")
        append_hub_event(session, station_id, "activity.created", payload, now, actor=actor)
    return _activity(database, station_id, activity_id)


@centre.post(
    "/activities",
    response_class=HTMLResponse,
    openapi_extra=form_body(
        "csrf", "station_id", "kind", "title", "place", "day", "starts", "ends", "invited"
    ),
)
async def create_activity(view: Report) -> Response:
    """Create an activity for a station the account may see; its kiosks get it on their next
    pull. Bad input: the form again with the reason, nothing written."""
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
        made = await run_in_threadpool(
            _create,
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
    notice = f"已新建：{made.title}" if view.lang == "zh" else f"Created: {made.title}"
    return await _centre_page(view, notice=notice)


# Words of the phone page (zh, en) and of the centre's page (`HubPart.words`).
_W: dict[str, tuple[str, str]] = {
    "not_found": ("没有这个活动", "No such activity"),
    "sign_in": ("签到", "Sign in"),
    "number": ("志愿者编号", "Volunteer number"),
    "pin": ("密码", "PIN"),
    "signed_count": ("已签到 {n} 人", "Signed in: {n}"),
    "hint": ("输入您的志愿者编号和签到密码。", "Enter your volunteer number and PIN."),
    "need_number": ("请填写志愿者编号", "Enter your volunteer number"),
    "need_pin": ("请输入 4 至 8 位数字密码", "Enter your PIN (4 to 8 digits)"),
    "wrong": ("编号或密码不正确", "Wrong number or PIN"),
    "inactive": ("此志愿者已停用", "This volunteer is no longer active"),
    "not_invited": ("您不在此活动的邀请名单上", "You are not on this activity's list"),
    "cancelled": ("此活动已取消", "This activity was cancelled"),
    "closed": (
        "现在不在签到时间内（开始前 1 小时至结束后 2 小时）",
        "Sign-in is not open now (from an hour before the start to two hours after the end)",
    ),
    "too_many": ("尝试次数过多，请稍后再试", "Too many tries; please wait and try again"),
}

WORDS: dict[str, tuple[str, str]] = {
    "activities": ("活动签到", "Activities"),
    "act_title": ("活动", "Activity"),
    "act_kind": ("类型", "Kind"),
    "act_place": ("地点", "Place"),
    "act_time": ("时间", "Time"),
    "act_invited": ("应到", "Invited"),
    "act_signed": ("实到", "Signed in"),
    "act_who": ("签到人员", "Who signed in"),
    "act_all": ("全体", "Everyone"),
    "act_cancelled": ("已取消", "Cancelled"),
    "act_credited": ("已记时长 {h} 小时", "{h} h credited"),
    "act_totals": ("共 {n} 项活动，签到 {signed} 人次", "{n} activities, {signed} sign-ins"),
    "act_new": ("新建活动", "New activity"),
    "act_day": ("日期", "Day"),
    "act_starts": ("开始", "Starts"),
    "act_ends": ("结束", "Ends"),
    "act_invite": (
        "邀请（志愿者编号，空格分隔；留空为全体）",
        "Invited (volunteer numbers; empty: everyone)",
    ),
    "act_create": ("新建", "Create"),
}

HUB_PART = HubPart(
    routers=(router, centre),
    templates="kiosk.features.activities",
    words=WORDS,
    centre_tabs=(CentreTab("activities", "/centre/activities", rank=28),),
    read_models=(facts.ACTIVITY_FACTS,),
)
