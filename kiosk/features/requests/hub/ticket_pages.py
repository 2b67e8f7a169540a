"""The ticket's phone pages (no login): a station's ticket look-up, a ticket's status (what a
ticket's QR code opens), and what the traveller does from it: cancel a request nobody needs
any more, rate one that was done. Both become hub-authored events the kiosks pull."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kiosk.core.tickets import TICKET_PATTERN
from kiosk.features.requests.hub.panels import ticket_panels
from kiosk.features.requests.hub.phone import ID_PATTERN, LangQuery, Traveller
from kiosk.features.requests.hub.tickets import FormInvalid, TicketRefused, TicketView
from kiosk.features.requests.hub.words import (
    ERRORS,
    RATINGS,
    REFUSALS,
    REQUEST_CATEGORIES,
    STATES,
    WISH_CATEGORIES,
)
from kiosk.platform.hub.web_i18n import label, words
from kiosk.platform.hub.web_pages import (
    Limits,
    RateRefused,
    call,
    check_view,
    page_lang,
    remember_lang,
    spend,
    switch_url,
    ticket_takes,
)
from kiosk.platform.hub.web_render import PageError, local_time, page, read_form

MAX_ACTION_BYTES = 256  # a rating's form is a dozen bytes
REFRESH_S = 20
_TICKET = re.compile(TICKET_PATTERN)

router = APIRouter(tags=["phone pages"])

StationId = Annotated[str, Path(pattern=ID_PATTERN)]
Ticket = Annotated[str, Path(pattern=TICKET_PATTERN)]
TicketQuery = Annotated[str | None, Query(max_length=20)]

_ACTION_BODY: dict[str, Any] = {
    "requestBody": {
        "required": False,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "properties": {"rating": {"type": "string"}}}
            }
        },
    }
}


@router.get("/t/{station_id}", response_class=HTMLResponse)
async def look_up(
    request: Request,
    station_id: StationId,
    traveller: Traveller,
    limits: Limits,
    ticket: TicketQuery = None,
    lang: LangQuery = None,
) -> Response:
    """Type a ticket number, see its page: where every error page of a station leads back to,
    so it opens even for a station the hub does not know (the look-up then finds nothing)."""
    chosen = page_lang(request, lang)
    await check_view(request, limits, chosen)
    number = (ticket or "").strip()
    if number and _TICKET.match(number):
        return RedirectResponse(f"/t/{station_id}/{number}?lang={chosen}", status_code=303)
    errors = {"ticket": "ticket"} if ticket is not None else {}
    name = await call(chosen, traveller.known_station_name, station_id, chosen)
    w = words(chosen)
    response = page(
        "lookup.html",
        lang=chosen,
        status=422 if errors else 200,
        title=w["look_up"],
        station_name=name or w["station"],
        action=f"/t/{station_id}",
        typed=number,
        errors=errors,
        errors_text={k: label(ERRORS, v, chosen) for k, v in errors.items()},
        switch_url=switch_url(request, chosen),
    )
    return remember_lang(response, lang, chosen)


def _ticket_page(
    request: Request,
    station_id: str,
    station_name: str,
    view: TicketView,
    lang: str,
    traveller: Traveller,
    *,
    errors: dict[str, str] | None = None,
    panels: list[tuple[str, dict[str, Any]]] | None = None,
) -> Response:
    table = REQUEST_CATEGORIES if view.kind == "request" else WISH_CATEGORIES
    w = words(lang)
    errors = errors or {}
    base = f"/t/{station_id}/{view.ticket}"
    state = label(STATES, view.state, lang)
    return page(
        "ticket.html",
        lang=lang,
        status=422 if errors else 200,
        title=f"{w['ticket']} {view.ticket}",
        refresh=None if errors else REFRESH_S,
        station_name=station_name,
        t=view,
        base=base,
        category=label(table, view.category, lang),
        state=state,
        state_line=w["status_line"].format(state=state),
        made_at=local_time(view.made_at, traveller.tz),
        departs=local_time(view.departs_at, traveller.tz),
        history=[(local_time(at, traveller.tz), label(STATES, s, lang)) for s, at in view.history],
        ratings=[(key, label(RATINGS, key, lang)) for key in RATINGS],
        rating=label(RATINGS, view.rating, lang) if view.rating else "",
        errors=errors,
        errors_text={k: label(ERRORS, v, lang) for k, v in errors.items()},
        switch_url=f"{base}?lang={'en' if lang == 'zh' else 'zh'}",
        look_up_url=f"/t/{station_id}?lang={lang}",
        panels=panels or [],
    )


async def _viewed(
    request: Request,
    limits: Limits,
    traveller: Traveller,
    station_id: str,
    ticket: str,
    lang: str,
) -> tuple[str, TicketView]:
    """A page view spent, then the station's name and the ticket as it stands (404 if none)."""
    await check_view(request, limits, lang)
    station_name = await call(lang, traveller.station_name, station_id, lang)
    return station_name, await call(lang, traveller.ticket, station_id, ticket)


@router.get("/t/{station_id}/{ticket}", response_class=HTMLResponse)
async def ticket_page(
    request: Request,
    station_id: StationId,
    ticket: Ticket,
    traveller: Traveller,
    limits: Limits,
    lang: LangQuery = None,
) -> Response:
    """A ticket's status, refreshing itself; what a ticket's QR code opens."""
    chosen = page_lang(request, lang)
    station_name, view = await _viewed(request, limits, traveller, station_id, ticket, chosen)
    panels = await run_in_threadpool(
        ticket_panels, request.app, "phone", station_id, view.kind, view.aggregate_id, chosen
    )
    response = _ticket_page(
        request, station_id, station_name, view, chosen, traveller, panels=panels
    )
    return remember_lang(response, lang, chosen)


@router.get("/t/{station_id}/{ticket}/cancel", response_class=HTMLResponse)
async def cancel_form(
    request: Request,
    station_id: StationId,
    ticket: Ticket,
    traveller: Traveller,
    limits: Limits,
    lang: LangQuery = None,
) -> Response:
    """Ask once more before calling a request off (a tap by mistake would send nobody)."""
    chosen = page_lang(request, lang)
    station_name, view = await _viewed(request, limits, traveller, station_id, ticket, chosen)
    base = f"/t/{station_id}/{ticket}"
    if not view.can_cancel:
        return RedirectResponse(f"{base}?lang={chosen}", status_code=303)
    response = page(
        "cancel.html",
        lang=chosen,
        title=words(chosen)["cancel_title"],
        station_name=station_name,
        t=view,
        base=base,
        switch_url=switch_url(request, chosen),
    )
    return remember_lang(response, lang, chosen)


def _refused(exc: TicketRefused, lang: str) -> PageError:
    return PageError(409, label(REFUSALS, exc.reason, lang), lang=lang)


@router.post(
    "/t/{station_id}/{ticket}/cancel", response_class=HTMLResponse, openapi_extra=_ACTION_BODY
)
async def cancel(
    request: Request,
    station_id: StationId,
    ticket: Ticket,
    traveller: Traveller,
    limits: Limits,
    lang: LangQuery = None,
) -> Response:
    """request.cancelled (actor phone); 303 back to the ticket, which then says 已取消."""
    chosen = page_lang(request, lang)
    await call(chosen, traveller.ticket, station_id, ticket)  # a 404 costs no token
    try:
        await spend(ticket_takes(request, limits, station_id, ticket))
    except RateRefused as refused:
        raise refused.page(chosen) from None
    try:
        await call(chosen, traveller.cancel, station_id, ticket)
    except TicketRefused as exc:
        raise _refused(exc, chosen) from None
    return RedirectResponse(f"/t/{station_id}/{ticket}?lang={chosen}", status_code=303)


@router.post(
    "/t/{station_id}/{ticket}/rate", response_class=HTMLResponse, openapi_extra=_ACTION_BODY
)
async def rate(
    request: Request,
    station_id: StationId,
    ticket: Ticket,
    traveller: Traveller,
    limits: Limits,
    lang: LangQuery = None,
) -> Response:
    """request.rated (actor phone) with one of three faces; 303 back to the ticket."""
    chosen = page_lang(request, lang)
    form = await read_form(request, MAX_ACTION_BYTES, chosen)
    station_name = await call(chosen, traveller.station_name, station_id, chosen)
    view = await call(chosen, traveller.ticket, station_id, ticket)
    rating = form.get("rating", "")
    if rating not in RATINGS:  # a form with no face chosen costs nothing
        errors = {"rating": "rating"}
        return _ticket_page(
            request, station_id, station_name, view, chosen, traveller, errors=errors
        )
    try:
        await spend(ticket_takes(request, limits, station_id, ticket))
    except RateRefused as refused:
        raise refused.page(chosen) from None
    try:
        await call(chosen, traveller.rate, station_id, ticket, rating)
    except TicketRefused as exc:
        raise _refused(exc, chosen) from None
    except FormInvalid as exc:  # pragma: no cover  (checked above; the service checks too)
        return _ticket_page(
            request, station_id, station_name, view, chosen, traveller, errors=exc.errors
        )
    return RedirectResponse(f"/t/{station_id}/{ticket}?lang={chosen}", status_code=303)
