"""The hub part of `volunteer_page`: a volunteer's own page on their phone (/v/{station}).

They sign in with their volunteer number and PIN (the PIN they use at the kiosks; a wrong one
spends from their own bucket, as on an activity's page) and see their credited hours by month,
each service record, their training records and the activities they attended; they can take
their records away as a spreadsheet in the field order of a service record under
《志愿服务记录与证明出具办法》 (docs/volunteer-page.md), for upload to a national platform.

Everything is folded from the station's events with the kiosks' own rules (a shift credited
as the kiosks credit it, HUB_HOURS_* = KIOSK_HOURS_*), so the phone, the kiosk and the centre
never disagree. The signed-in state is a cookie scoped to the station's page, holding the
volunteer's id and an expiry signed with a key derived from the hub's badge key (shared by
every worker; nothing stored), valid for 15 minutes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kiosk.core.errors import ValidationError
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.core.text import spreadsheet_safe, unstorable_char
from kiosk.features.activities.domain import fold_activity
from kiosk.features.certificates.domain import DEFAULT_SERVICE, NO_HOURS, check_period
from kiosk.features.certificates.hub import (
    HubCertificate,
    NoChineseFont,
    certificate_pdf,
    issue,
)
from kiosk.features.rota.hub import offers_for, swap_on_phone, upcoming_for
from kiosk.features.shifts.domain import credited_minutes, fold_shift
from kiosk.features.shifts.hub import hours_rule, volunteer_shifts
from kiosk.features.training.domain import expiry_state, fold_training
from kiosk.features.volunteers.hub import StationMember, roster_names, station_member
from kiosk.features.volunteers.hub_centre import Refused, set_pin_with_code
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_events, to_domain
from kiosk.platform.hub.part import HubPart
from kiosk.platform.hub.web_centre import _form_body as form_body
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

ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
COOKIE = "vol"
SESSION = timedelta(minutes=15)
HISTORY = timedelta(days=2 * 366)  # the records shown and exported: the last two years
MAX_FORM = 2048

router = APIRouter(tags=["phone pages"])
StationId = Annotated[str, Path(pattern=ID_PATTERN)]
LangQuery = Annotated[str | None, Query(max_length=5)]
NumberQuery = Annotated[str | None, Query(max_length=32)]

TRAINING_KINDS: dict[str, tuple[str, str]] = {
    "first_aid": ("急救 / AED", "First aid / AED"),
    "cpr": ("心肺复苏", "CPR"),
    "epidemic": ("防疫", "Epidemic prevention"),
    "induction": ("岗前培训", "Station induction"),
}
SHIFT_CONTENT = ("驿站值班服务", "Station duty")
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# The spreadsheet's columns: a service record's fields, in the order the national platform's
# upload template asks for them (docs/volunteer-page.md has the mapping).
EXPORT_HEADER = (
    "志愿者编号",
    "姓名",
    "服务内容",
    "服务地点",
    "服务开始时间",
    "服务结束时间",
    "服务时长（小时）",
    "记录单位",
    "记录时间",
)


# --- the signed cookie ------------------------------------------------------------------------


def _key(request: Request) -> bytes:
    private = request.app.state.badge_key.private()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return hashlib.sha256(b"station-kiosk volunteer page\0" + raw).digest()


def _sign(key: bytes, station_id: str, volunteer_id: str, until: datetime) -> str:
    body = f"{station_id}|{volunteer_id}|{int(until.timestamp())}"
    mac = hmac.new(key, body.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(body.encode() + b"|" + mac).decode().rstrip("=")


def _signed_in(request: Request, station_id: str) -> str | None:
    """The volunteer id of the page's valid cookie, or None."""
    token = request.cookies.get(COOKIE)
    if not token or len(token) > 400:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        body, mac = raw[:-33], raw[-32:]
        station, volunteer_id, until = body.decode().split("|")
    except (ValueError, UnicodeDecodeError):
        return None
    expected = hmac.new(_key(request), body, hashlib.sha256).digest()
    if not hmac.compare_digest(mac, expected) or station != station_id:
        return None
    if int(until) < request.app.state.clock.now().timestamp():
        return None
    return volunteer_id


# --- the volunteer's records ------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceRecord:
    """One service as the record and the export show it (station time)."""

    content: str
    place: str
    starts: datetime
    ends: datetime
    credited_minutes: int
    to_review: bool


@dataclass(frozen=True)
class Month:
    month: str  # "2026-11"
    services: int
    credited_minutes: int


@dataclass(frozen=True)
class TrainingLine:
    kind: str
    trained_on: date
    certificate_no: str
    expires_on: date | None
    state: str


@dataclass(frozen=True)
class Attended:
    title: str
    when: datetime
    place: str


@dataclass(frozen=True)
class Records:
    name: str
    number: str
    station_name: str
    services: list[ServiceRecord]
    months: list[Month]
    training: list[TrainingLine]
    activities: list[Attended]

    @property
    def total_minutes(self) -> int:
        return sum(m.credited_minutes for m in self.months)


def _member_by_id(database: Database, station_id: str, volunteer_id: str) -> tuple[str, str]:
    """The volunteer's name and number by their latest registration, from the roster's read
    model (the name opened with the hub's keys; "已删除 / Erased" once the centre erased it)."""
    with database.read() as session:
        found = roster_names(session, [station_id], {volunteer_id}).get(volunteer_id)
    return ("", "") if found is None else (found.name, found.number)


def records(
    database: Database,
    settings: Any,
    tz: ZoneInfo,
    station_id: str,
    volunteer_id: str,
    now: datetime,
    since: date | None = None,
) -> Records:
    """The volunteer's services (shifts and credited activities), hours by month, training and
    activities attended, at this station over the last two years (or from `since`, a day a
    certificate's period starts)."""
    start = now - HISTORY
    if since is not None:
        start = min(start, datetime.combine(since, time(), tz) - timedelta(days=1))
    with database.read() as session:
        station = repo.get_station(session, station_id)
        # a day's margin: `day` is the check-in's local day in the hub's zone
        shifts = volunteer_shifts(
            session, station_id, volunteer_id, start.date() - timedelta(days=1)
        )
        training_rows = station_events(session, "training.", [station_id], start - HISTORY, None)
        activity_rows = station_events(session, "activity.", [station_id], start, None)
    name, number = _member_by_id(database, station_id, volunteer_id)
    station_name = "" if station is None else str(station.name)
    activities = _group(activity_rows, "activity_id")
    credited_by: dict[str, str] = {}  # shift id -> the activity it credits
    attended: list[Attended] = []
    for events in activities.values():
        activity = fold_activity(events)
        if activity is None or activity.cancelled:
            continue
        for shift_id in _credited_shifts(events):
            credited_by[shift_id] = activity.title
        if volunteer_id in activity.signed_ids:
            attended.append(
                Attended(activity.title, activity.starts_at.astimezone(tz), activity.place)
            )
    rule = hours_rule(settings)
    services: list[ServiceRecord] = []
    for shift_id, events in shifts.items():
        state = fold_shift(events)
        if state is None or state.checked_in_at is None or state.status in ("open", "cancelled"):
            continue
        if state.checked_in_at < start:
            continue
        starts = state.checked_in_at.astimezone(tz)
        minutes = state.minutes or 0
        ends = starts + timedelta(minutes=minutes)
        content = credited_by.get(shift_id, SHIFT_CONTENT[0])
        services.append(
            ServiceRecord(
                content,
                station_name,
                starts,
                ends,
                credited_minutes(minutes, rule),
                state.flagged,
            )
        )
    services.sort(key=lambda s: s.starts, reverse=True)
    by_month: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for service in services:
        entry = by_month[f"{service.starts:%Y-%m}"]
        entry[0] += 1
        entry[1] += service.credited_minutes
    months = [Month(m, n, minutes) for m, (n, minutes) in sorted(by_month.items(), reverse=True)]
    today = now.astimezone(tz).date()
    training: list[TrainingLine] = []
    for events in _group(training_rows, "training_id").values():
        record = fold_training(events)
        if record is None or record.voided or record.volunteer_id != volunteer_id:
            continue
        training.append(
            TrainingLine(
                record.kind,
                record.trained_on,
                record.certificate_no,
                record.expires_on,
                expiry_state(record.expires_on, today).value,
            )
        )
    training.sort(key=lambda t: t.trained_on, reverse=True)
    attended.sort(key=lambda a: a.when, reverse=True)
    return Records(name, number, station_name, services, months, training, attended)


def _group(rows: list[Any], field: str) -> dict[str, list[Event]]:
    grouped: dict[str, list[Event]] = defaultdict(list)
    for row in rows:
        grouped[str(row.payload.get(field))].append(to_domain(row))
    return grouped


def _credited_shifts(events: list[Event]) -> list[str]:
    for event in events:
        if event.kind == "activity.hours_credited":
            return [str(s) for s in event.payload.get("shift_ids", [])]
    return []


# --- pages ------------------------------------------------------------------------------------


def _words(lang: str) -> dict[str, str]:
    pick = 0 if lang == "zh" else 1
    return {k: v[pick] for k, v in WORDS.items()}


async def _station_name(request: Request, station_id: str, lang: str) -> str:
    def load() -> str | None:
        with request.app.state.database.read() as session:
            station = repo.get_station(session, station_id)
        if station is None:
            return None
        english = getattr(station, "name_en", None)
        return str(english if lang == "en" and english else station.name)

    name = await run_in_threadpool(load)
    if name is None:
        raise PageError(404, _words(lang)["vp_no_station"], lang=lang)
    return name


def _login_page(
    request: Request,
    lang: str,
    station_id: str,
    station_name: str,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
    retry: int | None = None,
) -> Response:
    vw = _words(lang)
    errors = errors or {}
    return page(
        "volunteer_login.html",
        lang=lang,
        status=422 if errors and status == 200 else status,
        headers={"Retry-After": str(retry)} if retry is not None else {},
        title=vw["vp_title"],
        station_name=station_name,
        vw=vw,
        form=form or {},
        errors=errors,
        errors_text={k: vw[v] for k, v in errors.items()},
        base=f"/v/{station_id}",
        switch_url=switch_url(request, lang),
    )


@router.get("/v/{station_id}", response_class=HTMLResponse)
async def login_page(
    request: Request,
    station_id: StationId,
    limits: Limits,
    lang: LangQuery = None,
    n: NumberQuery = None,
) -> Response:
    """Sign in with your volunteer number and PIN. Opened from a badge's QR (`?n=<number>`,
    `serials.badge_link`) the number is filled in: only the PIN is asked."""
    chosen = page_lang(request, lang)
    await check_view(request, limits, chosen)
    station_name = await _station_name(request, station_id, chosen)
    if _signed_in(request, station_id) is not None:
        return RedirectResponse(f"/v/{station_id}/me?lang={chosen}", status_code=303)
    number = (n or "").strip()
    form = {"number": number} if number and not unstorable_char(number) else {}
    return remember_lang(
        _login_page(request, chosen, station_id, station_name, form=form), lang, chosen
    )


@router.post(
    "/v/{station_id}", response_class=HTMLResponse, openapi_extra=form_body("number", "pin")
)
async def login(
    request: Request, station_id: StationId, limits: Limits, lang: LangQuery = None
) -> Response:
    """Number + PIN checked against the station's roster on the hub; a wrong PIN spends from
    the volunteer's own bucket, the right one gives it back and signs in for 15 minutes."""
    chosen = page_lang(request, lang)
    form = await read_form(request, MAX_FORM, chosen)
    station_name = await _station_name(request, station_id, chosen)
    number, pin = form.get("number", "").strip(), form.get("pin", "").strip()
    shown = {"number": number[:32]}
    errors: dict[str, str] = {}
    if not number or len(number) > 32 or unstorable_char(number):
        errors["number"] = "vp_need_number"
    if not pin.isdigit() or not 4 <= len(pin) <= 8:
        errors["pin"] = "vp_need_pin"
    if errors:
        return _login_page(request, chosen, station_id, station_name, form=shown, errors=errors)
    takes = [*submit_takes(request, limits), (limits.account, f"volunteer:{station_id}:{number}")]
    try:
        await spend(takes)
    except RateRefused as refused:
        return _login_page(
            request,
            chosen,
            station_id,
            station_name,
            form=shown,
            errors={"pin": "vp_too_many"},
            status=429,
            retry=refused.seconds,
        )
    state = request.app.state
    member: StationMember | None = await run_in_threadpool(
        station_member, state.database, station_id, number
    )
    if member is None or not member.pin_matches(pin) or not member.active:
        return _login_page(
            request, chosen, station_id, station_name, form=shown, errors={"pin": "vp_wrong"}
        )
    await refund([takes[-1]])
    until = state.clock.now() + SESSION
    response = RedirectResponse(f"/v/{station_id}/me?lang={chosen}", status_code=303)
    response.set_cookie(
        COOKIE,
        _sign(_key(request), station_id, member.volunteer_id, until),
        max_age=int(SESSION.total_seconds()),
        path=f"/v/{station_id}",
        httponly=True,
        samesite="strict",
        secure=bool(state.settings.cookie_secure),
    )
    return response


def _setup_page(
    request: Request,
    lang: str,
    station_id: str,
    station_name: str,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
    retry: int | None = None,
    done: bool = False,
) -> Response:
    vw = _words(lang)
    errors = errors or {}
    return page(
        "volunteer_setup.html",
        lang=lang,
        status=422 if errors and status == 200 else status,
        headers={"Retry-After": str(retry)} if retry is not None else {},
        title=vw["vp_setup_title"],
        station_name=station_name,
        vw=vw,
        form=form or {},
        errors=errors,
        errors_text={k: vw[v] for k, v in errors.items()},
        base=f"/v/{station_id}",
        switch_url=switch_url(request, lang),
        done=done,
    )


@router.get("/v/{station_id}/setup", response_class=HTMLResponse)
async def setup_page(
    request: Request, station_id: StationId, limits: Limits, lang: LangQuery = None
) -> Response:
    """Choose your PIN with the setup code the centre gave you (number, code, PIN twice)."""
    chosen = page_lang(request, lang)
    await check_view(request, limits, chosen)
    station_name = await _station_name(request, station_id, chosen)
    return remember_lang(_setup_page(request, chosen, station_id, station_name), lang, chosen)


@router.post(
    "/v/{station_id}/setup",
    response_class=HTMLResponse,
    openapi_extra=form_body("number", "code", "pin", "confirm"),
)
async def setup(
    request: Request, station_id: StationId, limits: Limits, lang: LangQuery = None
) -> Response:
    """Number + setup code + the PIN twice: a wrong code spends from the volunteer's own
    bucket (as a wrong PIN does at sign-in); the PIN is written as the kiosks write it."""
    chosen = page_lang(request, lang)
    form = await read_form(request, MAX_FORM, chosen)
    station_name = await _station_name(request, station_id, chosen)
    number, code = form.get("number", "").strip(), form.get("code", "").strip()
    pin, confirm = form.get("pin", "").strip(), form.get("confirm", "").strip()
    shown = {"number": number[:32]}
    errors: dict[str, str] = {}
    if not number or len(number) > 32 or unstorable_char(number):
        errors["number"] = "vp_need_number"
    if not (code.isdigit() and len(code) == 8):
        errors["code"] = "vp_setup_need_code"
    if not pin.isdigit() or not 4 <= len(pin) <= 8:
        errors["pin"] = "vp_need_pin"
    elif pin != confirm:
        errors["confirm"] = "vp_setup_mismatch"
    if errors:
        return _setup_page(request, chosen, station_id, station_name, form=shown, errors=errors)
    takes = [*submit_takes(request, limits), (limits.account, f"volunteer:{station_id}:{number}")]
    try:
        await spend(takes)
    except RateRefused as refused:
        return _setup_page(
            request,
            chosen,
            station_id,
            station_name,
            form=shown,
            errors={"code": "vp_too_many"},
            status=429,
            retry=refused.seconds,
        )
    state = request.app.state
    try:
        await run_in_threadpool(
            set_pin_with_code, state.database, state.clock, station_id, number, code, pin
        )
    except Refused as exc:
        field = exc.field or "code"
        return _setup_page(
            request, chosen, station_id, station_name, form=shown, errors={field: exc.key}
        )
    await refund([takes[-1]])
    return _setup_page(request, chosen, station_id, station_name, done=True)


async def _me(
    request: Request,
    station_id: str,
    volunteer_id: str,
    chosen: str,
    *,
    notice: str = "",
    error: str = "",
    status: int = 200,
) -> Response:
    state = request.app.state
    now = state.clock.now()
    mine = await run_in_threadpool(
        records, state.database, state.settings, state.tz, station_id, volunteer_id, now
    )
    ahead = await run_in_threadpool(
        upcoming_for, state.database, station_id, volunteer_id, now, state.tz
    )
    offers = await run_in_threadpool(
        offers_for, state.database, station_id, volunteer_id, now, state.tz
    )
    vw = _words(chosen)
    this_month = now.astimezone(state.tz).date().replace(day=1)
    last_month_end = this_month - timedelta(days=1)
    response = page(
        "volunteer_me.html",
        cert_first=last_month_end.replace(day=1).isoformat(),
        cert_last=last_month_end.isoformat(),
        lang=chosen,
        status=status,
        title=vw["vp_title"],
        station_name=mine.station_name,
        vw=vw,
        r=mine,
        recent=mine.services[:20],
        ahead=ahead,
        offers=offers,
        notice=notice,
        error=error,
        weekdays=WEEKDAYS_ZH if chosen == "zh" else WEEKDAYS_EN,
        training_kinds={k: label(TRAINING_KINDS, k, chosen) for k in TRAINING_KINDS},
        base=f"/v/{station_id}",
        switch_url=switch_url(request, chosen),
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/v/{station_id}/me", response_class=HTMLResponse)
async def my_page(
    request: Request, station_id: StationId, limits: Limits, lang: LangQuery = None
) -> Response:
    """Your rota shifts ahead and offers to take, your hours by month, your services,
    training and activities (signed in)."""
    chosen = page_lang(request, lang)
    await check_view(request, limits, chosen)
    volunteer_id = _signed_in(request, station_id)
    if volunteer_id is None:
        return RedirectResponse(f"/v/{station_id}?lang={chosen}", status_code=303)
    return remember_lang(await _me(request, station_id, volunteer_id, chosen), lang, chosen)


@router.post(
    "/v/{station_id}/swap",
    response_class=HTMLResponse,
    openapi_extra=form_body("act", "rota_id", "starts", "swap_id"),
)
async def swap(
    request: Request, station_id: StationId, limits: Limits, lang: LangQuery = None
) -> Response:
    """Offer one of your rota shifts, take another's offer, or withdraw yours — checked as the
    kiosk checks it and written to the station's feed; the team leader approves at the kiosk.
    Refused: the page again with the reason, nothing written. The cookie is SameSite=Strict:
    another site cannot post here as you."""
    chosen = page_lang(request, lang)
    await check_view(request, limits, chosen)
    volunteer_id = _signed_in(request, station_id)
    if volunteer_id is None:
        return RedirectResponse(f"/v/{station_id}?lang={chosen}", status_code=303)
    form = await read_form(request, MAX_FORM, chosen)
    state = request.app.state
    try:
        act = await run_in_threadpool(
            swap_on_phone,
            state.database,
            station_id,
            volunteer_id,
            form,
            state.clock.now(),
            state.tz,
        )
    except ValidationError as exc:
        error = exc.zh if chosen == "zh" else exc.en
        return await _me(request, station_id, volunteer_id, chosen, error=error, status=422)
    notice = _words(chosen)[f"vp_swap_{act}_done"]
    return await _me(request, station_id, volunteer_id, chosen, notice=notice)


@router.get("/v/{station_id}/me.xlsx")
async def my_records(request: Request, station_id: StationId, limits: Limits) -> Response:
    """Your service records as a spreadsheet: one row per service, numbers as numbers, times
    as times, in the national platform's field order."""
    await check_view(request, limits, "zh")
    volunteer_id = _signed_in(request, station_id)
    if volunteer_id is None:
        return RedirectResponse(f"/v/{station_id}", status_code=303)
    state = request.app.state
    now = state.clock.now()
    mine = await run_in_threadpool(
        records, state.database, state.settings, state.tz, station_id, volunteer_id, now
    )
    body = await run_in_threadpool(workbook, mine, now.astimezone(state.tz))
    return Response(
        body,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "Content-Disposition": f'attachment; filename="service-records-{mine.number}.xlsx"',
            "Cache-Control": "no-store",
        },
    )


def workbook(mine: Records, now: datetime) -> bytes:
    """The records as an XLSX file (times naive in station time, as a spreadsheet shows them)."""
    from openpyxl import Workbook  # loaded only when someone exports

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "志愿服务记录"
    sheet.append(EXPORT_HEADER)
    for s in sorted(mine.services, key=lambda s: s.starts):
        sheet.append(
            [
                spreadsheet_safe(mine.number),
                spreadsheet_safe(mine.name),
                spreadsheet_safe(s.content),
                spreadsheet_safe(s.place),
                s.starts.replace(tzinfo=None),
                s.ends.replace(tzinfo=None),
                round(s.credited_minutes / 60, 2),
                spreadsheet_safe(mine.station_name),
                now.replace(tzinfo=None, microsecond=0),
            ]
        )
    for column, width in zip("ABCDEFGHI", (14, 10, 24, 20, 18, 18, 14, 20, 18), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in (row[4], row[5], row[8]):
            cell.number_format = "yyyy-mm-dd hh:mm"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@router.post("/v/{station_id}/out", response_class=HTMLResponse)
async def sign_out(station_id: StationId, lang: LangQuery = None) -> Response:
    """Forget the sign-in (a shared phone)."""
    response = RedirectResponse(f"/v/{station_id}?lang={lang or 'zh'}", status_code=303)
    response.delete_cookie(COOKIE, path=f"/v/{station_id}")
    return response


WORDS: dict[str, tuple[str, str]] = {
    "vp_title": ("我的志愿服务", "My volunteering"),
    "vp_no_station": ("没有这个站点", "No such station"),
    "vp_hint": (
        "输入您的志愿者编号和签到密码（与终端上相同）。",
        "Enter your volunteer number and PIN (the same as at the kiosk).",
    ),
    "vp_number": ("志愿者编号", "Volunteer number"),
    "vp_pin": ("密码", "PIN"),
    "vp_sign_in": ("查看", "Open"),
    "vp_sign_out": ("退出", "Sign out"),
    "vp_need_number": ("请填写志愿者编号", "Enter your volunteer number"),
    "vp_need_pin": ("请输入 4 至 8 位数字密码", "Enter your PIN (4 to 8 digits)"),
    "vp_wrong": ("编号或密码不正确", "Wrong number or PIN"),
    "vp_setup_link": (
        "首次使用或密码已重置？用设置码设置密码",
        "First time, or PIN reset? Set it with your setup code",
    ),
    "vp_setup_title": ("用设置码设置密码", "Set your PIN with a setup code"),
    "vp_setup_hint": (
        "输入志愿者编号和中心给您的 8 位设置码，再设置您自己的密码（4 至 8 位数字）。",
        "Enter your volunteer number and the 8-digit setup code the centre gave you, then "
        "choose your own PIN (4 to 8 digits).",
    ),
    "vp_setup_code": ("设置码", "Setup code"),
    "vp_setup_pin": ("新密码", "New PIN"),
    "vp_setup_confirm": ("再次输入新密码", "The new PIN again"),
    "vp_setup_save": ("设置密码", "Set my PIN"),
    "vp_setup_done": (
        "密码已设置。现在可以用编号和密码登录；终端同步后，也可用手机号和密码签到。",
        "Your PIN is set. Sign in with your number and PIN; after the kiosks sync, check in "
        "with your phone and PIN.",
    ),
    "vp_setup_need_code": ("设置码为 8 位数字", "The setup code is 8 digits"),
    "vp_setup_mismatch": ("两次输入的密码不一致", "The two PINs do not match"),
    "vp_setup_unknown": ("本站没有这个志愿者编号", "The station has no volunteer with this number"),
    "vp_setup_inactive": ("该志愿者已停用", "This volunteer is deactivated"),
    "vp_setup_none": ("没有待用的设置码，请联系中心", "No setup code is waiting: ask the centre"),
    "vp_setup_wrong": ("设置码不正确", "Wrong setup code"),
    "vp_setup_used": ("此设置码已使用", "This setup code was used already"),
    "vp_setup_expired": (
        "此设置码已过期，请联系中心重新发放",
        "This setup code expired: ask the centre for a new one",
    ),
    "vp_too_many": ("尝试次数过多，请稍后再试", "Too many tries; please wait and try again"),
    "vp_total": ("近两年累计服务 {h} 小时", "{h} hours in the last two years"),
    "vp_by_month": ("按月统计", "By month"),
    "vp_month": ("月份", "Month"),
    "vp_services": ("次数", "Services"),
    "vp_hours": ("时长（小时）", "Hours"),
    "vp_recent": ("最近的服务", "Recent services"),
    "vp_content": ("服务内容", "Service"),
    "vp_time": ("时间", "Time"),
    "vp_review": ("待核实", "To review"),
    "vp_training": ("培训与证书", "Training and certificates"),
    "vp_expires": ("有效期至", "Expires"),
    "vp_no_expiry": ("长期有效", "No expiry"),
    "vp_state_valid": ("有效", "Valid"),
    "vp_state_expiring": ("即将到期", "Expiring soon"),
    "vp_state_expired": ("已过期", "Expired"),
    "vp_activities": ("参加的活动", "Activities attended"),
    "vp_none": ("暂无记录", "Nothing yet"),
    "vp_rota": ("我的排班（两周内）", "My rota shifts (next two weeks)"),
    "vp_rota_none": ("两周内没有排班", "No rota shifts in the next two weeks"),
    "vp_swap_offered": ("已让出，等待其他志愿者接班", "Offered, waiting for someone to take it"),
    "vp_swap_taken": ("{who} 已接班，待班长批准", "Taken by {who}, awaiting approval"),
    "vp_swap_took": ("接 {who} 的班，待班长批准", "Taken from {who}, awaiting approval"),
    "vp_rota_hint": (
        "换班须班长在站内终端批准后生效。",
        "A swap counts once the team leader approves it at the kiosk.",
    ),
    "vp_offers": ("可接的班", "Shifts you can take"),
    "vp_offered_by": ("{who} 让出", "offered by {who}"),
    "vp_offer": ("让出", "Offer"),
    "vp_withdraw": ("撤回", "Withdraw"),
    "vp_take": ("接班", "Take"),
    "vp_swap_offer_done": ("已让出，等待其他志愿者接班", "Offered: waiting for someone to take it"),
    "vp_swap_take_done": ("已接班，等待班长批准", "Taken: waiting for the team leader's approval"),
    "vp_swap_withdraw_done": ("已撤回，这一班仍是您的", "Withdrawn: the shift is yours again"),
    "vp_export": ("下载服务记录（Excel）", "Download my records (Excel)"),
    "vp_certificate": (
        "证明经出具单位盖章后有效：可打印后到本站盖章，或到本站终端的“证书”办理。",
        "A certificate counts once the station stamps it: print it and take it to the station, "
        "or ask at the station's kiosk (Certificates).",
    ),
    "vp_cert_title": ("志愿服务记录证明（PDF）", "Certificate of volunteer service (PDF)"),
    "vp_cert_from": ("从", "From"),
    "vp_cert_to": ("至", "To"),
    "vp_cert_go": ("出具证明", "Issue the certificate"),
    "vp_cert_hint": (
        "每次出具都会编号并记入本站记录，与终端出具的证明相同。",
        "Each certificate is numbered and recorded at the station, as the kiosk's are.",
    ),
    "vp_cert_bad_day": ("请填写日期", "Please give both days"),
    "vp_cert_no_font": (
        "本中心暂时无法生成证明，请到本站终端办理",
        "The centre cannot make certificates now: please ask at the station's kiosk",
    ),
}


@router.post(
    "/v/{station_id}/certificate",
    response_class=HTMLResponse,
    openapi_extra=form_body("first", "last"),
)
async def certificate(
    request: Request, station_id: StationId, limits: Limits, lang: LangQuery = None
) -> Response:
    """Your 志愿服务记录证明 for a period, as a PDF: the hours credited as the kiosks credit
    them, numbered and recorded in the station's feed (features/certificates/hub.py). Refused
    (the page with the reason, nothing issued): a period out of order, in the future, longer
    than three years, or without credited hours."""
    chosen = page_lang(request, lang)
    await check_view(request, limits, chosen)
    volunteer_id = _signed_in(request, station_id)
    if volunteer_id is None:
        return RedirectResponse(f"/v/{station_id}?lang={chosen}", status_code=303)
    form = await read_form(request, MAX_FORM, chosen)
    state = request.app.state
    try:
        first = date.fromisoformat(form.get("first", ""))
        last = date.fromisoformat(form.get("last", ""))
    except ValueError:
        error = _words(chosen)["vp_cert_bad_day"]
        return await _me(request, station_id, volunteer_id, chosen, error=error, status=422)
    try:
        body, number = await run_in_threadpool(
            issue_certificate,
            state.database,
            state.settings,
            state.tz,
            station_id,
            volunteer_id,
            first,
            last,
            state.clock.now(),
        )
    except ValidationError as exc:
        error = exc.zh if chosen == "zh" else exc.en
        return await _me(request, station_id, volunteer_id, chosen, error=error, status=422)
    except NoChineseFont:
        error = _words(chosen)["vp_cert_no_font"]
        return await _me(request, station_id, volunteer_id, chosen, error=error, status=503)
    return Response(
        body,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="certificate-{number}.pdf"',
            "Cache-Control": "no-store",
        },
    )


def issue_certificate(
    database: Database,
    settings: Any,
    tz: ZoneInfo,
    station_id: str,
    volunteer_id: str,
    first: date,
    last: date,
    now: datetime,
) -> tuple[bytes, str]:
    """Check the period, sum the credited services in it (station days), then number, record
    and draw the certificate in one transaction: a PDF that cannot be drawn issues nothing."""
    today = now.astimezone(tz).date()
    check_period(first, last, today)
    mine = records(database, settings, tz, station_id, volunteer_id, now, since=first)
    inside = [s for s in mine.services if first <= s.starts.date() <= last]
    minutes = sum(s.credited_minutes for s in inside)
    if minutes <= 0:
        raise NO_HOURS
    facts = {
        "certificate_id": new_id(),
        "volunteer_id": volunteer_id,
        "volunteer_name": mine.name,
        "volunteer_number": mine.number,
        "service": DEFAULT_SERVICE,
        "first_day": first.isoformat(),
        "last_day": last.isoformat(),
        "minutes": minutes,
        "shifts": len(inside),
    }
    with database.write() as session:
        station = repo.get_station(session, station_id)
        _id, number = issue(session, station_id, facts, now, today)
        names = (station.name, station.name_en or station.name) if station else (station_id,) * 2
        body = certificate_pdf(
            HubCertificate(
                number,
                mine.name,
                mine.number,
                DEFAULT_SERVICE,
                first,
                last,
                minutes,
                len(inside),
                today,
                names[0],
                names[1],
            )
        )
    return body, number


HUB_PART = HubPart(routers=(router,), templates="kiosk.features.volunteer_page")
