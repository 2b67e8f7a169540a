"""The traveller's phone pages (no login): the page a service tile's QR code opens and the two
forms that become hub-authored events (the ticket's pages are in ticket_pages.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kiosk.core.text import storable_text, unstorable_char
from kiosk.features.requests.hub.tickets import FormInvalid, TravellerService
from kiosk.features.requests.hub.words import ERRORS, REQUEST_CATEGORIES, WISH_CATEGORIES
from kiosk.platform.hub.doorbell import hub_event_written
from kiosk.platform.hub.web_i18n import label, words
from kiosk.platform.hub.web_pages import (
    Limits,
    RateRefused,
    call,
    check_view,
    page_lang,
    refund,
    remember_lang,
    spend,
    submit_takes,
    switch_url,
)
from kiosk.platform.hub.web_ratelimit import WebLimits
from kiosk.platform.hub.web_render import (
    page,
    read_form,
)

ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
MAX_FORM_BYTES = 4096  # 200 Chinese characters percent-encoded are 1,800 bytes

router = APIRouter(tags=["phone pages"])

StationId = Annotated[str, Path(pattern=ID_PATTERN)]
ServiceId = Annotated[str, Path(pattern=ID_PATTERN)]
LangQuery = Annotated[str | None, Query(max_length=5)]


async def _traveller(request: Request) -> TravellerService:
    service: TravellerService = request.app.state.traveller_service
    return service


Traveller = Annotated[TravellerService, Depends(_traveller)]


def _categories(table: Mapping[str, tuple[str, str]], lang: str) -> list[tuple[str, str]]:
    return [(key, label(table, key, lang)) for key in table]


@router.get("/s/{station_id}/{service_id}", response_class=HTMLResponse)
async def service_page(
    request: Request,
    station_id: StationId,
    service_id: ServiceId,
    traveller: Traveller,
    limits: Limits,
    lang: LangQuery = None,
) -> Response:
    """What a service tile's QR code opens: the service's name, description, place and hours."""
    chosen = page_lang(request, lang)
    await check_view(request, limits, chosen)
    station_name, info = await call(chosen, traveller.service, station_id, service_id, chosen)
    response = page(
        "service.html",
        lang=chosen,
        title=info.text(chosen)["name"],
        station_name=station_name,
        s=info.text(chosen),
        base=f"/s/{station_id}/{service_id}",
        switch_url=switch_url(request, chosen),
    )
    return remember_lang(response, lang, chosen)


def _form_page(
    request: Request,
    kind: str,
    lang: str,
    station_name: str,
    service_text: dict[str, str],
    base: str,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    refused: RateRefused | None = None,
) -> Response:
    w = words(lang)
    table = REQUEST_CATEGORIES if kind == "help" else WISH_CATEGORIES
    errors = errors or {}
    status = 422 if errors else 200
    headers: dict[str, str] = {}
    if refused is not None:
        status = 429
        headers["Retry-After"] = str(refused.seconds)
    return page(
        f"{kind}.html",
        lang=lang,
        status=status,
        headers=headers,
        refused=refused.sentence(lang) if refused is not None else "",
        title=w["order_help"] if kind == "help" else w["leave_wish"],
        station_name=station_name,
        s=service_text,
        base=base,
        categories=_categories(table, lang),
        # The notice's days: the hub's retention of this kind (docs/privacy.md).
        retention_days=getattr(
            request.app.state.settings,
            "retention_request_days" if kind == "help" else "retention_wish_days",
        ),
        form=form or {},
        errors=errors,
        errors_text={k: label(ERRORS, v, lang) for k, v in errors.items()},
        switch_url=switch_url(request, lang),
    )


async def _show_form(
    request: Request,
    kind: str,
    station_id: str,
    service_id: str,
    traveller: TravellerService,
    limits: WebLimits,
    lang: str | None,
) -> Response:
    chosen = page_lang(request, lang)
    await check_view(request, limits, chosen)
    station_name, info = await call(chosen, traveller.service, station_id, service_id, chosen)
    base = f"/s/{station_id}/{service_id}"
    response = _form_page(request, kind, chosen, station_name, info.text(chosen), base)
    return remember_lang(response, lang, chosen)


async def _submit(
    request: Request,
    kind: str,
    station_id: str,
    service_id: str,
    traveller: TravellerService,
    limits: WebLimits,
    lang: str | None,
) -> Response:
    """Check the form, then spend from the phone's and the address's buckets, then write: a
    form sent back with mistakes costs nothing, and a refused one comes back with what was
    typed and when to try again."""
    chosen = page_lang(request, lang)
    form = await read_form(request, MAX_FORM_BYTES, chosen)
    station_name, info = await call(chosen, traveller.service, station_id, service_id, chosen)
    base = f"/s/{station_id}/{service_id}"
    shown = {storable_text(k): storable_text(v) for k, v in form.items()}
    make = traveller.order if kind == "help" else traveller.wish
    takes = submit_takes(request, limits)
    try:
        _check_storable(form)
        traveller.check(kind, form)
        try:
            await spend(takes)
        except RateRefused as refused:
            return _form_page(
                request, kind, chosen, station_name, info.text(chosen), base, shown, None, refused
            )
        try:
            opened = await call(chosen, make, station_id, form)
        except FormInvalid:
            await refund(takes)
            raise
    except FormInvalid as exc:
        return _form_page(
            request, kind, chosen, station_name, info.text(chosen), base, shown, exc.errors
        )
    # The station's kiosks hear of an urgent one at once, and its robots are called.
    await hub_event_written(request.app.state, opened.event_id, opened.kind)
    return RedirectResponse(f"/t/{station_id}/{opened.ticket}?lang={chosen}", status_code=303)


_FIELDS = ("category", "train", "departs", "phone", "text")


def _check_storable(form: dict[str, str]) -> None:
    """Refuse NUL (and any character no database holds) anywhere in the form, rather than
    strip it: nothing a person typed is changed behind their back."""
    errors = {
        (key if key in _FIELDS else "text"): "unstorable"
        for key, value in form.items()
        if unstorable_char(key) or unstorable_char(value)
    }
    if errors:
        raise FormInvalid(errors)


_FORM_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "category": {"type": "string"},
                        "train": {"type": "string"},
                        "departs": {"type": "string"},
                        "phone": {"type": "string"},
                        "text": {"type": "string"},
                    },
                }
            }
        },
    }
}


@router.get("/s/{station_id}/{service_id}/help", response_class=HTMLResponse)
async def help_form(
    request: Request,
    station_id: StationId,
    service_id: ServiceId,
    traveller: Traveller,
    limits: Limits,
    lang: LangQuery = None,
) -> Response:
    """Order help: the categories and fields of request.ordered."""
    return await _show_form(request, "help", station_id, service_id, traveller, limits, lang)


@router.post(
    "/s/{station_id}/{service_id}/help", response_class=HTMLResponse, openapi_extra=_FORM_BODY
)
async def order_help(
    request: Request,
    station_id: StationId,
    service_id: ServiceId,
    traveller: Traveller,
    limits: Limits,
    lang: LangQuery = None,
) -> Response:
    """A request.ordered (channel phone) with a new ticket; 303 to the ticket's page."""
    return await _submit(request, "help", station_id, service_id, traveller, limits, lang)


@router.get("/s/{station_id}/{service_id}/wish", response_class=HTMLResponse)
async def wish_form(
    request: Request,
    station_id: StationId,
    service_id: ServiceId,
    traveller: Traveller,
    limits: Limits,
    lang: LangQuery = None,
) -> Response:
    """Leave a need or wish: a category and free text."""
    return await _show_form(request, "wish", station_id, service_id, traveller, limits, lang)


@router.post(
    "/s/{station_id}/{service_id}/wish", response_class=HTMLResponse, openapi_extra=_FORM_BODY
)
async def leave_wish(
    request: Request,
    station_id: StationId,
    service_id: ServiceId,
    traveller: Traveller,
    limits: Limits,
    lang: LangQuery = None,
) -> Response:
    """A wish.submitted (channel phone) with a new ticket; 303 to the ticket's page."""
    return await _submit(request, "wish", station_id, service_id, traveller, limits, lang)
