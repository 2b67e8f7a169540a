"""The alliance centre's dashboard (sign-in required): stations and kiosks, 人次, volunteer hours,
requests and wishes, each with date-range and station filters and a CSV export, and publishing
configuration.

Every POST carries the session's CSRF token (the sign-in form a cookie-bound one); cookies are
HttpOnly and SameSite=Strict. A station admin's filters, figures and publications are limited
to its stations; asking for another station is a 403 page.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from sqlalchemy import select

from kiosk.core.clock import Clock
from kiosk.core.text import spreadsheet_safe
from kiosk.platform.hub.admin_service import AdminService
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.errors import HubError
from kiosk.platform.hub.models import Kiosk
from kiosk.platform.hub.opening import is_silent
from kiosk.platform.hub.part import CentreTab
from kiosk.platform.hub.regions import by_region, station_regions
from kiosk.platform.hub.security import same
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.station_tally import kiosk_tally, station_settings
from kiosk.platform.hub.web_accounts import AccountService, Principal, SignInLocked, csrf_ok
from kiosk.platform.hub.web_alerts import (
    TREND_DAYS,
    Alerts,
    Summary,
    Tally,
    Trend,
    merged,
    one_view,
)
from kiosk.platform.hub.web_charts import Chart, day_columns, station_rows
from kiosk.platform.hub.web_i18n import (
    words,
)
from kiosk.platform.hub.web_pages import check_rate, page_lang, remember_lang
from kiosk.platform.hub.web_ratelimit import WebLimits
from kiosk.platform.hub.web_render import PageError, local_time, page, read_form
from kiosk.platform.hub.web_reports import Paging, Range, Reports
from kiosk.platform.sync.protocol import IDENT_PATTERN, MAX_CONFIG_BODY_BYTES

SESSION_COOKIE = "hub_session"
LOGIN_CSRF_COOKIE = "hub_login_csrf"
ONLINE_WINDOW = timedelta(minutes=5)
DEFAULT_DAYS = 30
MAX_DAYS = 3700
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)  # dates a report may name
MAX_PUBLISH_FORM = 4 * MAX_CONFIG_BODY_BYTES
PUBLISH_FIELDS = 5000  # a kind's form: a catalogue of up to 500 services, 9 fields each


def _form_body(*fields: str) -> dict[str, Any]:
    """The OpenAPI of a urlencoded form (read by hand with read_form), so the fuzzer sends one."""
    properties = {name: {"type": "string"} for name in fields}
    schema = {"type": "object", "properties": properties}
    content = {"application/x-www-form-urlencoded": {"schema": schema}}
    return {"requestBody": {"required": True, "content": content}}


router = APIRouter(prefix="/centre", tags=["centre dashboard"])

# The platform's own tabs of the centre's navigation; the features' come with their hub parts
# (HubPart.centre_tabs) and slot in by rank.
PLATFORM_TABS = (
    CentreTab("stations", "/centre/", rank=0),
    CentreTab("alerts", "/centre/alerts", rank=60),
    CentreTab("publish", "/centre/publish", rank=90),
    CentreTab("webhooks", "/centre/webhooks", rank=95),
)

# A station's code, or what was typed in the filter's search box (a code or part of a name,
# resolved by `find_station`).
StationQuery = Annotated[str | None, Query(max_length=64)]
LangQuery = Annotated[str | None, Query(max_length=5)]
DayQuery = Annotated[date | None, Query()]
FormatQuery = Annotated[Literal["html", "csv"], Query()]
PageQuery = Annotated[int, Query(ge=1, le=1_000_000)]  # a paged report's page, 1-based


async def _accounts(request: Request) -> AccountService:
    service: AccountService = request.app.state.account_service
    return service


async def _reports(request: Request) -> Reports:
    reports: Reports = request.app.state.reports
    return reports


Accounts = Annotated[AccountService, Depends(_accounts)]
ReportsDep = Annotated[Reports, Depends(_reports)]


def settings_of(request: Request) -> HubSettings:
    settings: HubSettings = request.app.state.settings
    return settings


def to_login() -> Response:
    return RedirectResponse("/centre/login", status_code=303)


class SignInNeeded(Exception):
    """A centre page asked for without a valid session: the browser goes to the sign-in page
    (the app turns this into a 303 to /centre/login)."""


async def signed_in(request: Request, accounts: AccountService) -> Principal | None:
    token = request.cookies.get(SESSION_COOKIE)
    return await run_in_threadpool(accounts.principal, token)


def nav_fields(request: Request, who: Principal, lang: str, active: str) -> dict[str, Any]:
    other = "en" if lang == "zh" else "zh"
    return {
        "who": who,
        "active": active,
        "switch_url": f"{request.url.path}?lang={other}",
    }


def now_of(request: Request) -> datetime:
    clock: Clock = request.app.state.clock
    return clock.now()


def date_span(request: Request, first: date | None, last: date | None, lang: str) -> Range:
    tz = request.app.state.tz
    bad = PageError(422, words(lang)["bad_input"], lang=lang)
    if any(d is not None and not EARLIEST <= d <= LATEST for d in (first, last)):
        raise bad
    last = last or now_of(request).astimezone(tz).date()
    first = first or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last or (last - first).days > MAX_DAYS:
        raise bad
    return Range(first, last, tz)


MATCHES_NAMED = 10  # stations a refusal names when what was typed matches several
# A picker lists the stations themselves only for an account that sees this many or fewer (a
# station admin, a city's centre): a province's 2,000 would be ~100 KB of options on every page.
# Past it the station box searches: a code or any part of a name, resolved by `find_station`.
PICK_LIST_MAX = 200


def find_station(
    who: Principal, all_stations: Sequence[tuple[str, str]], typed: str | None, lang: str
) -> str | None:
    """The station the filter's box names: a code as it is (the `?station=` links), else the
    one visible station whose code or name holds the text (case aside). None or several: a 422
    page saying so (naming the first matches), nothing else read."""
    text = (typed or "").strip()
    if not text or text in {s for s, _ in all_stations}:
        return text or None
    folded = text.casefold()
    matches = [
        (s, n)
        for s, n in all_stations
        if who.can_see(s) and (folded in s.casefold() or folded in n.casefold())
    ]
    if len(matches) == 1:
        return matches[0][0]
    w = words(lang)
    if not matches:
        raise PageError(422, w["bad_input"], w["station_none"].format(text=text), lang=lang)
    named = ("、" if lang == "zh" else ", ").join(f"{n} ({s})" for s, n in matches[:MATCHES_NAMED])
    message = w["station_many"].format(text=text, n=len(matches), names=named)
    raise PageError(422, w["bad_input"], message, lang=lang)


def stations_in_scope(
    who: Principal, all_stations: Sequence[tuple[str, str]], station: str | None, lang: str
) -> list[str]:
    """The stations a report covers: the one asked for (if allowed) or every visible one."""
    if station:
        if not who.can_see(station):
            w = words(lang)
            raise PageError(403, w["forbidden"], w["forbidden_station"], lang=lang)
        return [station]
    return who.visible(s for s, _ in all_stations)


@dataclass(frozen=True)
class CentreView:
    """What every centre page starts from (the `Centre` dependency): who is signed in, the
    page's language, the stations they may see and those this page covers (`?station=`, checked:
    another's station is a 403 page). A feature's centre page asks for it instead of repeating
    the sign-in, language and scope steps, and renders through `render`."""

    request: Request
    who: Principal
    lang: str
    lang_query: str | None  # the switch link's ?lang=, remembered in a cookie by `render`
    station: str | None
    all_stations: list[tuple[str, str]]
    scope: list[str]

    @property
    def words(self) -> dict[str, str]:
        return words(self.lang)

    @property
    def scope_filter(self) -> list[str] | None:
        """The scope as a read's filter: None where it is every station of the hub (a centre
        admin's province), so the read sends no list (a count over 40,000 lines tested each
        against 2,000 bound stations: ~40-100 ms of a view)."""
        return None if len(self.scope) == len(self.all_stations) else self.scope

    @property
    def options(self) -> list[tuple[str, str]]:
        """The station filter's choices: every station this account may see."""
        return [(s, n) for s, n in self.all_stations if self.who.can_see(s)]

    @property
    def suggestions(self) -> list[tuple[str, str]]:
        """The station box's suggestions (a datalist, or a select where a page has one): the
        choices while they are few, none past `PICK_LIST_MAX` (the box searches then)."""
        found = self.options
        return found if len(found) <= PICK_LIST_MAX else []

    def form_station(self, typed: str | None) -> str:
        """The station a form's station field names (a select's code, or a code or part of a
        name typed in the box that replaces the select past `PICK_LIST_MAX`), resolved like
        the filter's box. Several or none: a 422 naming the matches (the caller writes
        nothing); empty: a 422 asking for one; another's station by its code: a 403 as before."""
        w = self.words
        station = find_station(self.who, self.all_stations, typed, self.lang)
        if station is None:
            raise PageError(422, w["bad_input"], w["choose_station"], lang=self.lang)
        if not self.who.can_see(station):
            raise PageError(403, w["forbidden"], w["forbidden_station"], lang=self.lang)
        return station

    @property
    def stations(self) -> list[tuple[str, str]]:
        """(id, name) of the stations the page covers."""
        chosen = set(self.scope)
        return [(s, n) for s, n in self.all_stations if s in chosen]

    def now(self) -> datetime:
        return now_of(self.request)

    def csv_url(self) -> str:
        """This page's address asking for its CSV (same filters)."""
        query = {k: v for k, v in self.request.query_params.items() if k != "lang"}
        query["format"] = "csv"
        return f"{self.request.url.path}?{urlencode(query)}"

    def page_url(self, number: int, path: str | None = None, param: str = "page") -> str:
        """This page's address (or `path`'s) showing page `number` of its table (same
        filters); `param`: the query parameter of that table's page (a page with two)."""
        query = {k: v for k, v in self.request.query_params.items() if k != "lang"}
        query[param] = str(number)
        return f"{path or self.request.url.path}?{urlencode(query)}"

    def pager(self, paging: Paging, path: str | None = None, param: str = "page") -> dict[str, Any]:
        """What `_pager.html` shows: where this page lies among all rows and links to the
        others, so a long table is never cut without saying so. `path`: the page's address
        when this is the answer to a form posted elsewhere; `param`: as `page_url`."""
        shown = paging.shown
        return {
            "rows": paging.rows,
            "pages": paging.pages,
            "number": shown,
            "first_row": paging.offset + 1 if paging.rows else 0,
            "last_row": paging.last_row,
            "first_url": self.page_url(1, path, param) if shown > 1 else None,
            "prev_url": self.page_url(shown - 1, path, param) if shown > 1 else None,
            "next_url": self.page_url(shown + 1, path, param) if shown < paging.pages else None,
            "last_url": self.page_url(paging.pages, path, param) if shown < paging.pages else None,
        }

    def render(self, template: str, active: str, *, status: int = 200, **context: Any) -> Response:
        """The page `template` with the centre's navigation (`active` tab) and the station
        filter; the title is the tab's word unless `context` gives one."""
        context.setdefault("title", self.words[active])
        # Stations by name on every page (an id only where the name is unknown).
        context.setdefault("station_names", dict(self.all_stations))
        context.setdefault("options", self.options)
        context.setdefault("suggestions", self.suggestions)
        context.setdefault("station", self.station or "")
        context.setdefault("tabs", self.request.app.state.centre_tabs)
        response = page(
            template,
            lang=self.lang,
            status=status,
            **context,
            **nav_fields(self.request, self.who, self.lang, active),
        )
        return remember_lang(response, self.lang_query, self.lang)


@dataclass(frozen=True)
class ReportView(CentreView):
    """A centre report (the `Report` dependency): a `CentreView` plus its date range
    (`?from=&to=`, default the last 30 days, checked) and whether HTML or CSV was asked for."""

    span: Range
    format: Literal["html", "csv"]

    def filters(self) -> dict[str, Any]:
        """The filter form's fields: station choices, the range and the CSV link."""
        return {
            "first": self.span.first.isoformat(),
            "last": self.span.last.isoformat(),
            "csv_url": self.csv_url(),
        }

    def render(self, template: str, active: str, *, status: int = 200, **context: Any) -> Response:
        return super().render(template, active, status=status, **self.filters(), **context)


async def _centre_view(
    request: Request,
    accounts: Accounts,
    reports: ReportsDep,
    station: StationQuery = None,
    lang: LangQuery = None,
) -> CentreView:
    chosen = page_lang(request, lang)
    who = await signed_in(request, accounts)
    if who is None:
        raise SignInNeeded
    all_stations = await run_in_threadpool(reports.stations)
    station = find_station(who, all_stations, station, chosen)
    scope = stations_in_scope(who, all_stations, station, chosen)
    return CentreView(request, who, chosen, lang, station, list(all_stations), scope)


async def _report_view(
    view: Annotated[CentreView, Depends(_centre_view)],
    first: Annotated[date | None, Query(alias="from")] = None,
    last: Annotated[date | None, Query(alias="to")] = None,
    format: FormatQuery = "html",
) -> ReportView:
    span = date_span(view.request, first, last, view.lang)
    fields = {f.name: getattr(view, f.name) for f in dataclass_fields(CentreView)}
    return ReportView(**fields, span=span, format=format)


Centre = Annotated[CentreView, Depends(_centre_view)]
Report = Annotated[ReportView, Depends(_report_view)]


def csv_response(name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Response:
    """UTF-8 with a BOM (Excel opens Chinese right); text that could start a formula is
    neutralised by the one rule every CSV follows (`spreadsheet_safe`)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(_csv_cells(row))
    return Response(
        out.getvalue().encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}.csv"',
            "Cache-Control": "no-store",
        },
    )


def _csv_cells(row: Sequence[Any]) -> list[Any]:
    return [spreadsheet_safe(v) if isinstance(v, str) else v for v in row]


CSV_CHUNK_ROWS = 1000
# The first rows leave sooner: a line that names its people (an activity names ~10) waits for
# their names, so 1,000 lines named 10,000 people before the download began (#15).
CSV_FIRST_ROWS = 100


def kiosk_names(database: Database) -> dict[str, str]:
    """Every kiosk's name as the centre named it ("北出口"), else the last six characters of
    its id: how pages and CSVs say which kiosk (one small read: a province has thousands)."""
    with database.read() as session:
        rows = session.execute(select(Kiosk.id, Kiosk.name))
        return {kid: name or kid[-6:] for kid, name in rows}


def csv_stream(name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Response:
    """Like `csv_response`, but sent as it is read (every row, however many: a report of a
    whole province is never cut, and its first byte leaves before the last row is read)."""

    def chunks() -> Iterator[bytes]:
        out = io.StringIO()
        writer = csv.writer(out)
        out.write("\ufeff")
        writer.writerow(header)
        for n, row in enumerate(rows, 1):
            writer.writerow(_csv_cells(row))
            if n == CSV_FIRST_ROWS or n % CSV_CHUNK_ROWS == 0:
                yield out.getvalue().encode("utf-8")
                out.seek(0)
                out.truncate()
        yield out.getvalue().encode("utf-8")

    return StreamingResponse(
        chunks(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}.csv"',
            "Cache-Control": "no-store",
        },
    )


# --- sign in and out ------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, lang: LangQuery = None) -> Response:
    chosen = page_lang(request, lang)
    token = secrets.token_urlsafe(24)
    response = page(
        "centre_login.html",
        lang=chosen,
        title=words(chosen)["sign_in"],
        csrf=token,
        error=False,
        switch_url=f"/centre/login?lang={'en' if chosen == 'zh' else 'zh'}",
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=settings_of(request).cookie_secure,
        max_age=3600,
        path="/centre",
    )
    return remember_lang(response, lang, chosen)


@router.post(
    "/login",
    response_class=HTMLResponse,
    openapi_extra=_form_body("csrf", "username", "password"),
)
async def login(request: Request, accounts: Accounts, lang: LangQuery = None) -> Response:
    chosen = page_lang(request, lang)
    w = words(chosen)
    limits: WebLimits = request.app.state.web_limits
    await check_rate(request, limits.login, chosen)
    form = await read_form(request, 4096, chosen)
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not same(cookie, form.get("csrf", "")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=chosen)
    try:
        token = await run_in_threadpool(
            accounts.sign_in, form.get("username", ""), form.get("password", "")
        )
    except SignInLocked as exc:
        wait = exc.retry_after_s
        raise PageError(
            429,
            w["account_locked"],
            w["account_locked_body"].format(wait=wait),
            lang=chosen,
            headers={"Retry-After": str(wait)},
        ) from None
    if token is None:
        return page(
            "centre_login.html",
            lang=chosen,
            status=401,
            title=w["sign_in"],
            csrf=cookie,
            error=True,
            username=form.get("username", "")[:64],
        )
    response = RedirectResponse("/centre/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=settings_of(request).cookie_secure,
        max_age=settings_of(request).session_ttl_s,
        path="/centre",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/centre")
    return response


@router.post("/logout", openapi_extra=_form_body("csrf"))
async def logout(request: Request, accounts: Accounts) -> Response:
    who = await signed_in(request, accounts)
    if who is None:
        return to_login()
    form = await read_form(request, 4096)
    if not csrf_ok(who, form.get("csrf")):
        w = words(page_lang(request, None))
        raise PageError(403, w["forbidden"], w["csrf"])
    await run_in_threadpool(accounts.sign_out, request.cookies.get(SESSION_COOKIE, ""))
    response = to_login()
    response.delete_cookie(SESSION_COOKIE, path="/centre")
    return response


# --- pages ----------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
async def stations_page(view: Centre, page: PageQuery = 1) -> Response:
    """Stations and their kiosks: online, last seen, events received, rejects, skew, revoked;
    `STATIONS_PER_PAGE` stations a page (a province has thousands), silent kiosks named across
    all of them."""
    return await _stations(view, page=page)


STATIONS_PER_PAGE = 20  # each with its forms and kiosks: a province's 2,000 would be 3 MB
SILENT_NAMED = 20  # silent kiosks the page names (it counts them all)


async def _stations(
    view: CentreView,
    *,
    status: int = 200,
    notice: str = "",
    error: str = "",
    failed: str = "",
    typed: str = "",
    page: int = 1,
    at_station: str | None = None,
) -> Response:
    """The stations page; after a rename, its notice, or its error beside the kiosk's field
    (`failed`) with what was typed kept, on the page that holds `at_station`."""
    state = view.request.app.state
    admin: AdminService = state.admin_service
    stations = view.stations
    if at_station is not None:
        at = next((i for i, (s, _) in enumerate(stations) if s == at_station), 0)
        page = at // STATIONS_PER_PAGE + 1
    paging = Paging(page, len(stations), STATIONS_PER_PAGE)
    shown = stations[paging.offset : paging.last_row]
    on_page = [s for s, _ in shown]
    now = view.now()
    # Only the page's stations and their kiosks are read; the totals over every station the
    # view covers are counted in SQL (None: every station, no list of 2,000 ids to bind).
    every = view.who.is_centre and view.station is None
    silent_after = timedelta(seconds=state.settings.silent_after_s)
    tally = await run_in_threadpool(
        kiosk_tally,
        state.database,
        None if every else view.scope,
        now,
        online_window=ONLINE_WINDOW,
        silent_after=silent_after,
        tz=state.tz,
        named=SILENT_NAMED,
    )
    kiosks = await run_in_threadpool(admin.kiosks_at, on_page)
    settings = await run_in_threadpool(station_settings, state.database, on_page)
    panels = [
        {
            "template": panel.template,
            "rows": await run_in_threadpool(
                panel.rows, state.database, on_page, now, state.settings
            ),
        }
        for panel in state.station_panels
    ]
    rows: dict[str, list[dict[str, Any]]] = {s: [] for s in on_page}
    for k in kiosks:
        hours = settings[k.station_id].hours if k.station_id in settings else None
        rows[k.station_id].append(
            {
                "k": k,
                "online": bool(k.last_seen and now - k.last_seen <= ONLINE_WINDOW)
                and not k.revoked,
                "silent": not k.revoked
                and is_silent(k.last_seen, now, hours, state.tz, silent_after),
                "last_seen": local_time(k.last_seen, state.tz),
                "last_error_at": local_time(k.last_error_at, state.tz) if k.last_error_at else "",
            }
        )
    names = dict(stations)
    silent = tally.named
    silent_text = (
        view.words["silent_kiosks"].format(
            count=tally.silent,
            minutes=state.settings.silent_after_s // 60,
            which=view.words["list_sep"].join(
                view.words["kiosk_at"].format(
                    kiosk=k.name or k.kiosk_id[-6:], station=names.get(k.station_id, k.station_id)
                )
                for k in silent
            )
            + (
                view.words["and_more"].format(n=tally.silent - len(silent))
                if tally.silent > len(silent)
                else ""
            ),
        )
        if tally.silent
        else ""
    )
    return view.render(
        "centre_stations.html",
        "stations",
        status=status,
        silent_text=silent_text,
        totals_text=view.words["stations_totals"].format(
            stations=len(stations),
            kiosks=tally.kiosks,
            online=tally.online,
            offline=tally.offline,
            revoked=tally.revoked,
        ),
        stations=shown,
        pager=view.pager(paging, "/centre/") if paging.pages > 1 else None,
        hours={s: st.hours for s, st in settings.items()},
        regions={s: st.region for s, st in settings.items()},
        rows=rows,
        panels=panels,
        notice=notice,
        error=error,
        failed=failed,
        typed=typed,
    )


@router.post(
    "/kiosks/{kiosk_id}/name",
    response_class=HTMLResponse,
    openapi_extra=_form_body("csrf", "name"),
)
async def rename_kiosk(view: Centre, kiosk_id: str) -> Response:
    """Name a kiosk ("北出口 / North exit"): a centre admin any kiosk, a station admin their
    station's. The kiosks of the station show the name after their next pull."""
    request, who, w = view.request, view.who, view.words
    form = await read_form(request, 4096, view.lang)
    if not csrf_ok(who, form.get("csrf")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    admin: AdminService = request.app.state.admin_service
    typed = form.get("name", "")
    if not re.fullmatch(IDENT_PATTERN, kiosk_id):
        raise PageError(404, w["nothing"], w["bad_input"], lang=view.lang)
    try:
        station = await run_in_threadpool(admin.kiosk_station, kiosk_id)
    except HubError:
        raise PageError(404, w["nothing"], w["bad_input"], lang=view.lang) from None
    if not who.can_see(station):
        raise PageError(403, w["forbidden"], w["forbidden_station"], lang=view.lang)
    try:
        name = await run_in_threadpool(admin.rename_kiosk, kiosk_id, typed)
    except HubError as exc:
        error = exc.reason_zh if view.lang == "zh" and exc.reason_zh else exc.detail
        return await _stations(
            view,
            status=exc.status,
            error=error,
            failed=kiosk_id,
            typed=typed,
            at_station=station,
        )
    return await _stations(view, notice=w["renamed"].format(name=name), at_station=station)


@router.post(
    "/stations/{station_id}/hours",
    response_class=HTMLResponse,
    openapi_extra=_form_body("csrf", "opens", "closes"),
)
async def set_station_hours(view: Centre, station_id: str) -> Response:
    """A station's opening hours (both empty: open all day): a centre admin any station's, a
    station admin their own. The silent-kiosk flag counts only time the station is open."""
    request, who, w = view.request, view.who, view.words
    form = await read_form(request, 4096, view.lang)
    if not csrf_ok(who, form.get("csrf")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    if not re.fullmatch(IDENT_PATTERN, station_id):
        raise PageError(404, w["nothing"], w["bad_input"], lang=view.lang)
    if not who.can_see(station_id):
        raise PageError(403, w["forbidden"], w["forbidden_station"], lang=view.lang)
    admin: AdminService = request.app.state.admin_service
    opens, closes = form.get("opens", ""), form.get("closes", "")
    try:
        hours = await run_in_threadpool(admin.set_station_hours, station_id, opens, closes)
    except HubError as exc:
        error = exc.reason_zh if view.lang == "zh" and exc.reason_zh else exc.detail
        return await _stations(
            view,
            status=exc.status,
            error=error,
            failed=f"hours-{station_id}",
            typed=f"{opens}|{closes}",
            at_station=station_id,
        )
    text = hours.text() if hours else w["open_all_day"]
    return await _stations(view, notice=w["hours_set"].format(hours=text), at_station=station_id)


@router.post(
    "/stations/{station_id}/region",
    response_class=HTMLResponse,
    openapi_extra=_form_body("csrf", "region"),
)
async def set_station_region(view: Centre, station_id: str) -> Response:
    """Put a station in a region (片区; empty: none) for the figures per region: a centre
    admin only (regions are how the centre divides its stations, not a station's own)."""
    request, who, w = view.request, view.who, view.words
    form = await read_form(request, 4096, view.lang)
    if not csrf_ok(who, form.get("csrf")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    if not re.fullmatch(IDENT_PATTERN, station_id):
        raise PageError(404, w["nothing"], w["bad_input"], lang=view.lang)
    if not who.is_centre:
        raise PageError(403, w["forbidden"], w["forbidden_region"], lang=view.lang)
    admin: AdminService = request.app.state.admin_service
    typed = form.get("region", "")
    try:
        region = await run_in_threadpool(admin.set_station_region, station_id, typed)
    except HubError as exc:
        error = exc.reason_zh if view.lang == "zh" and exc.reason_zh else exc.detail
        return await _stations(
            view,
            status=exc.status,
            error=error,
            failed=f"region-{station_id}",
            typed=typed,
            at_station=station_id,
        )
    return await _stations(
        view,
        notice=w["region_set"].format(region=region or w["no_region"]),
        at_station=station_id,
    )


ALERT_TREND_DAYS = TREND_DAYS


def _alert_charts(
    counts: dict[str, dict[str, int]],
    regions: Mapping[str, str],
    history: Trend,
    days: list[date],
    names: Mapping[str, str],
    w: Mapping[str, str],
    history_areas: tuple[str, ...] = (),
) -> list[Chart]:
    """Alerts open now by region (once any station is in one), each the sum of its stations'
    alerts, from the counts the page already made; then the stock and expiry alerts standing at
    each day's end (the sources that keep a history), and their alert-days by station and
    region (which stations keep running low)."""
    charts: list[Chart] = []
    if any(regions.get(s) for s in counts):
        totals = {s: sum(areas.values()) for s, areas in counts.items()}
        points = [
            (region or w["no_region"], float(sum(totals[s] for s in members)))
            for region, members in by_region(totals, regions).items()
        ]
        charts.append(
            station_rows(
                "alerts-regions",
                w["chart_alerts_regions"],
                w["alerts_unit"],
                points,
                label_head=w["region"],
            )
        )
    if not history.by_station:
        return charts
    areas = w["list_sep"].join(w[f"area_{a}"] for a in history_areas)
    charts.append(
        day_columns(
            "stock-days",
            w["chart_stock_days"].format(areas=areas),
            w["alerts_unit"],
            [(d.strftime("%m-%d"), float(history.by_day.get(d, 0))) for d in days],
            label_head=w["day"],
        )
    )
    alert_days = {s: float(n) for s, n in history.by_station.items()}
    if any(regions.get(s) for s in alert_days):
        charts.append(
            station_rows(
                "stock-regions",
                w["chart_stock_regions"].format(areas=areas),
                w["alert_days_unit"],
                [
                    (r or w["no_region"], sum(alert_days[s] for s in members))
                    for r, members in by_region(alert_days, regions).items()
                ],
                label_head=w["region"],
            )
        )
    charts.append(
        station_rows(
            "stock-stations",
            w["chart_stock_stations"].format(areas=areas),
            w["alert_days_unit"],
            [(names.get(s, s), v) for s, v in alert_days.items()],
            rest_note=w["chart_rest_alert_days"],
            label_head=w["station"],
        )
    )
    return charts


# Stations whose alerts the CSV finds and describes at once: a few first (its first bytes
# leave soon), then more (each round costs every source its queries: ~30 ms on PostgreSQL).
ALERTS_CSV_FIRST = 50
ALERTS_CSV_STATIONS = 400


def _alert_rows(alerts: Alerts, stations: list[str], now: datetime) -> Iterator[Sequence[Any]]:
    """Every station's alert lines, station by station, `ALERTS_CSV_FIRST` stations first then
    `ALERTS_CSV_STATIONS` at a time (the CSV: every line, its first ones sent before the last
    station is read, never the province's lines at once in memory)."""
    ordered = sorted(stations)
    start = 0
    while start < len(ordered):
        size = ALERTS_CSV_FIRST if start == 0 else ALERTS_CSV_STATIONS
        for a in alerts.for_stations(ordered[start : start + size], now):
            yield (a.station_id, a.area, a.kind, a.subject, int(a.urgent), a.zh, a.en)
        start += size


@router.get("/alerts", response_class=HTMLResponse)
async def alerts_page(view: Centre, format: FormatQuery = "html", page: PageQuery = 1) -> Response:
    """Stock and expiry alerts as of now, across stations and per station: the medicine box,
    the daily check and AED, lending, and phones left charging (web_alerts). Totals over every
    station, from the sources' summaries (counts, no words); the stations `STATIONS_PER_PAGE`
    a page, the worst first (most urgent alerts, then most alerts), so the first page is where
    a centre starts; only the page's stations' alerts are found and described; the CSV whole,
    streamed station by station."""
    now = view.now()
    alerts: Alerts = view.request.app.state.alerts
    tz = view.request.app.state.tz
    if format == "csv":
        return csv_stream(
            f"alerts-{now.astimezone(tz).date()}",
            ["station", "area", "kind", "subject", "urgent", "alert_zh", "alert_en"],
            _alert_rows(alerts, list(view.scope), now),
        )
    today = now.astimezone(tz).date()
    days = [today - timedelta(days=n) for n in range(ALERT_TREND_DAYS - 1, -1, -1)]

    async def trend_then_held() -> tuple[Trend, Summary]:
        # The trend first: a view that counts it keeps today's alerts, which the summary of
        # the sources keeping a history then reads (not counted twice on a cold view).
        history = await run_in_threadpool(alerts.history, view.scope, days[0], today)
        return history, await run_in_threadpool(alerts.summary, view.scope, now, True)

    # Meanwhile the other sources' summaries and the regions (each waits on the database most
    # of its time). One view: the sources read each station's items once.
    with one_view():
        (history, held), others, regions = await asyncio.gather(
            trend_then_held(),
            run_in_threadpool(alerts.summary, view.scope, now, False),
            run_in_threadpool(station_regions, view.request.app.state.database),
        )
        summary = merged(held, others)
        return await _alerts_view(view, alerts, now, history, summary, regions, days, page)


async def _alerts_view(
    view: Centre,
    alerts: Alerts,
    now: datetime,
    history: Trend,
    summary: Summary,
    regions: Mapping[str, str],
    days: list[date],
    page: int,
) -> Response:
    """The page of `alerts_page` from its trend and summary: the stations ranked, the page's
    20 found and described, the charts."""
    tz = view.request.app.state.tz
    nothing = Tally()
    counts = {
        s: {a: summary.get(s, {}).get(a, nothing).alerts for a in alerts.areas} for s in view.scope
    }
    urgent = {
        s: {a: summary.get(s, {}).get(a, nothing).urgent > 0 for a in alerts.areas}
        for s in view.scope
    }
    urgent_n = {s: sum(t.urgent for t in summary.get(s, {}).values()) for s in view.scope}
    alerts_n = {s: sum(t.alerts for t in summary.get(s, {}).values()) for s in view.scope}
    ranked = sorted(view.stations, key=lambda sn: (-urgent_n[sn[0]], -alerts_n[sn[0]], sn))
    paging = Paging(page, len(ranked), STATIONS_PER_PAGE)
    shown = ranked[paging.offset : paging.last_row]
    found = await run_in_threadpool(alerts.for_stations, [s for s, _ in shown], now)
    lines: dict[str, list[dict[str, Any]]] = {s: [] for s, _ in shown}
    for a in found:
        lines[a.station_id].append({"a": a, "text": a.text(view.lang)})
    w = view.words
    total = w["alerts_total"].format(
        stations=len(ranked),
        alerted=sum(1 for n in alerts_n.values() if n),
        alerts=sum(alerts_n.values()),
        urgent=sum(urgent_n.values()),
    )
    return view.render(
        "centre_alerts.html",
        "alerts",
        charts=_alert_charts(
            counts,
            regions,
            history,
            days,
            dict(view.all_stations),
            view.words,
            alerts.history_areas,
        ),
        as_of=view.words["alerts_as_of"].format(now=local_time(now, tz)),
        total=total,
        areas=alerts.areas,
        stations=shown,
        pager=view.pager(paging) if paging.pages > 1 else None,
        counts=counts,
        urgent=urgent,
        lines=lines,
        csv_url=view.csv_url(),
    )


# --- publishing -----------------------------------------------------------------------------


def _publishable(request: Request) -> tuple[str, ...]:
    """The kinds the dashboard publishes: those the features' hub parts check."""
    admin: AdminService = request.app.state.admin_service
    return admin.publishable


ALL_STATIONS = "*"  # the form's value for every station ("" too, as the admin API had it)
PREVIEW_ROWS = 50  # rows of a preview table (a roster may be long; the count says the rest)
PREVIEW_CELL = 80  # characters of one preview cell


def _cell(value: Any, tz: Any) -> str:
    """One preview cell: a moment in station time, an enum's value, a list's length."""
    if isinstance(value, datetime):
        return local_time(value, tz)
    if isinstance(value, (list, tuple)):
        return f"[{len(value)}]"
    if isinstance(value, dict):
        return "{…}"
    text = "" if value is None else str(getattr(value, "value", value))
    return text if len(text) <= PREVIEW_CELL else text[: PREVIEW_CELL - 1] + "…"


def _record(item: Any) -> dict[str, Any]:
    if hasattr(item, "model_dump"):
        return dict(item.model_dump())
    if hasattr(item, "__dataclass_fields__"):
        return {f.name: getattr(item, f.name) for f in dataclass_fields(item)}
    return dict(item) if isinstance(item, dict) else {"value": item}


def preview_table(parsed: object, tz: Any) -> tuple[list[str], list[list[str]], int]:
    """What a kiosk will read, as a table: (header, rows, how many in all). A list of entries
    becomes a row each; a model with one list field (a roster's volunteers) is that list."""
    items: Any = parsed
    if not isinstance(items, (list, tuple)):
        record = _record(items)
        lists = [v for v in record.values() if isinstance(v, (list, tuple))]
        items = lists[0] if len(lists) == 1 else [record]
    records = [_record(item) for item in items]
    header = list(dict.fromkeys(key for r in records for key in r))
    rows = [[_cell(r.get(key), tz) for key in header] for r in records[:PREVIEW_ROWS]]
    return header, rows, len(records)


def _scope_name(view: CentreView, station: str | None) -> str:
    if station is None:
        return view.words["all_stations_n"].format(n=len(view.all_stations))
    return dict(view.all_stations).get(station, station)


def _publish_page(
    view: CentreView,
    *,
    status: int = 200,
    notice: str = "",
    error: str = "",
    form: dict[str, str] | None = None,
    preview: dict[str, Any] | None = None,
) -> Response:
    """The form (kind by name, a station to choose, the body), a preview to confirm, and the
    history of the chosen kind for the chosen station with Load and Re-publish."""
    admin: AdminService = view.request.app.state.admin_service
    form = form or {}
    kinds = _publishable(view.request)
    asked = form.get("kind", "")
    kind = asked if asked in kinds else (kinds[0] if kinds else "")
    station = form.get("station", "")
    scope = None if station in ("", ALL_STATIONS) else station
    valid = scope is None or re.fullmatch(IDENT_PATTERN, scope) is not None
    shown = valid and "station" in form and _may_publish(view, scope)
    history = admin.history(kind, scope) if kind and shown else []
    tz = view.request.app.state.tz
    fields = admin.form_of(kind) if form.get("mode") != "json" else None
    return view.render(
        "centre_publish.html",
        "publish",
        status=status,
        kinds=[(k, admin.kind_name(k, view.lang)) for k in kinds],
        notice=notice,
        error=error,
        form={**form, "kind": kind},
        preview=preview,
        all_value=ALL_STATIONS,
        history=[
            {
                "item": item,
                "when": local_time(item.published_at, tz),
                "size": len(json.dumps(item.body, ensure_ascii=False)),
            }
            for item in history
        ],
        history_scope=_scope_name(view, scope) if history or "station" in form else "",
        fields_template=fields.template if fields else "",
        spec=fields.spec if fields else None,
        has_fields=admin.form_of(kind) is not None,
        current=admin.current(kind, scope) if kind and fields and shown else None,
    )


@router.get("/publish", response_class=HTMLResponse)
async def publish_form(
    view: Centre,
    kind: Annotated[str | None, Query(max_length=32)] = None,
    to: Annotated[str | None, Query(max_length=64)] = None,
    every: Annotated[bool, Query()] = False,
    version: Annotated[int | None, Query(alias="from", ge=1, le=2**62)] = None,
    mode: Annotated[Literal["fields", "json"], Query()] = "fields",
) -> Response:
    """Choose what and where (`?kind=&to=<station, a part of its name, or *>`, or `every=1`
    for every station): then its form (or JSON), what is in force and its history;
    `?from=<publication>` loads an earlier publication to edit."""
    form: dict[str, str] = {"mode": mode}
    if kind:
        form["kind"] = kind
    if every:
        to = ALL_STATIONS
    if to:
        if to != ALL_STATIONS:
            to = view.form_station(to)
        if not _may_publish(view, None if to == ALL_STATIONS else to):
            w = view.words
            raise PageError(403, w["forbidden"], w["forbidden_station"], lang=view.lang)
        form["station"] = to
    if version is not None:
        admin: AdminService = view.request.app.state.admin_service
        item = await run_in_threadpool(admin.publication, version)
        if item is None or not _may_publish(view, item.station_id):
            raise PageError(
                404, view.words["not_found"], view.words["no_publication"], lang=view.lang
            )
        form = {
            "kind": item.kind,
            "station": item.station_id or ALL_STATIONS,
            "body": json.dumps(item.body, ensure_ascii=False, indent=2),
            "mode": "json",
        }
    return _publish_page(view, form=form)


def _may_publish(view: CentreView, station: str | None) -> bool:
    return view.who.is_centre if station is None else view.who.can_see(station)


async def _checked_form(view: CentreView, form: dict[str, str]) -> str | None:
    """The station a publish form names (None: every station), after CSRF and scope checks."""
    who, w = view.who, view.words
    if not csrf_ok(who, form.get("csrf")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    chosen = form.get("station", "")
    station = None if chosen in ("", ALL_STATIONS) else chosen
    if not _may_publish(view, station):
        raise PageError(403, w["forbidden"], w["forbidden_station"], lang=view.lang)
    return station


async def _preview_or_publish(
    view: CentreView, form: dict[str, str], kind: str, station: str | None, body: Any
) -> Response:
    """Preview (asked for, or every station without its confirmation) or publish."""
    request, w = view.request, view.words
    if station is not None and not re.fullmatch(IDENT_PATTERN, station):
        return _publish_page(view, status=422, error=w["bad_input"], form=form)
    if kind not in _publishable(request) or not isinstance(body, dict):
        return _publish_page(view, status=422, error=w["bad_json"], form=form)
    admin: AdminService = request.app.state.admin_service
    confirmed = form.get("step") == "publish" and (
        station is not None or form.get("confirm") == "all"
    )
    try:
        if not confirmed:
            parsed = await run_in_threadpool(admin.check, kind, body)  # type: ignore[arg-type]
            header, rows, count = preview_table(parsed, request.app.state.tz)
            preview = {
                "header": header,
                "rows": rows,
                "count": count,
                "kind": admin.kind_name(kind, view.lang),
                "scope": _scope_name(view, station),
                "all": station is None,
                "body": json.dumps(body, ensure_ascii=False),
            }
            return _publish_page(view, form=form, preview=preview)
        item = await run_in_threadpool(admin.publish, kind, station, body)  # type: ignore[arg-type]
    except HubError as exc:
        error = exc.reason_zh if view.lang == "zh" and exc.reason_zh else exc.detail
        return _publish_page(view, status=exc.status, error=error, form=form)
    notice = w["published"].format(kind=admin.kind_name(item.kind, view.lang), version=item.version)
    return _publish_page(
        view, notice=notice, form={"kind": kind, "station": form.get("station", "")}
    )


@router.post(
    "/publish",
    response_class=HTMLResponse,
    openapi_extra=_form_body("csrf", "kind", "station", "body", "step", "confirm"),
)
async def publish(view: Centre) -> Response:
    """Publish a catalogue, roster, announcements… for one station or (centre admins) all:
    `step=preview` shows what a kiosk will read; `step=publish` publishes, and for every
    station only with `confirm=all` (otherwise the preview asks for it)."""
    form = await read_form(view.request, MAX_PUBLISH_FORM, view.lang, PUBLISH_FIELDS)
    station = await _checked_form(view, form)
    if form.get("step") == "edit":  # back from the preview, the body as it was
        return _publish_page(view, form={**form, "mode": "json"})
    kind = form.get("kind", "")
    admin: AdminService = view.request.app.state.admin_service
    fields = admin.form_of(kind) if form.get("mode") == "fields" else None
    if fields is not None:  # the kind's form: its fields make the body
        valid = station is None or re.fullmatch(IDENT_PATTERN, station) is not None
        current = await run_in_threadpool(admin.current, kind, station) if valid else None
        try:
            body: Any = fields.to_body(form, current, view.request.app.state.tz)
        except ValueError as exc:
            return _publish_page(view, status=422, error=str(exc), form=form)
        return await _preview_or_publish(view, {**form, "step": "preview"}, kind, station, body)
    try:
        body = json.loads(form.get("body", ""))
    except (ValueError, RecursionError):  # not JSON, or nested past the parser's stack
        body = None
    if "step" not in form:  # the admin API's form: publish at once, all stations confirmed
        form = {**form, "step": "publish"}
    return await _preview_or_publish(view, form, kind, station, body)


@router.post(
    "/publish/again",
    response_class=HTMLResponse,
    openapi_extra=_form_body("csrf", "publication", "confirm"),
)
async def publish_again(view: Centre) -> Response:
    """Re-publish an earlier publication as the newest version (one click for a station; every
    station asks for its confirmation first)."""
    form = await read_form(view.request, MAX_PUBLISH_FORM, view.lang, PUBLISH_FIELDS)
    admin: AdminService = view.request.app.state.admin_service
    given = form.get("publication", "")
    position = int(given) if given.isascii() and given.isdigit() and len(given) <= 18 else 0
    item = await run_in_threadpool(admin.publication, position) if position > 0 else None
    if item is None:
        raise PageError(404, view.words["not_found"], view.words["no_publication"], lang=view.lang)
    station_value = item.station_id or ALL_STATIONS
    checked = {**form, "station": station_value, "kind": item.kind, "step": "publish"}
    station = await _checked_form(view, checked)
    return await _preview_or_publish(view, checked, item.kind, station, item.body)
