"""The centre's ticket page (/centre/tickets/{station}/{ticket}): one request or wish with what
the centre may do to it (desk.py): answer a wish, assign a waiting request to a volunteer on
duty, close an open request with a reason.

A centre admin acts on every station's tickets, a station admin on its own stations' (another's
is a 403 page). Every form carries the session's CSRF token. A refused action (an empty or too
long answer, a closed ticket, a volunteer not on duty) comes back as the page with the reason
beside its field, what was typed kept, and nothing written.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from kiosk.core.tickets import MAX_ANSWER, TICKET_PATTERN
from kiosk.features.requests.hub.desk import (
    MAX_REASON,
    DeskRefused,
    TicketDesk,
    TicketDetail,
    actor_of,
)
from kiosk.features.requests.hub.panels import ticket_panels
from kiosk.features.requests.hub.phone import ID_PATTERN
from kiosk.features.requests.hub.words import (
    CHANNELS,
    DESK_ERRORS,
    HISTORY,
    REQUEST_CATEGORIES,
    STATES,
    WISH_CATEGORIES,
)
from kiosk.platform.hub.web_accounts import csrf_ok
from kiosk.platform.hub.web_centre import Centre, CentreView
from kiosk.platform.hub.web_centre import _form_body as form_body
from kiosk.platform.hub.web_i18n import label
from kiosk.platform.hub.web_render import PageError, local_time, read_form

router = APIRouter(prefix="/centre", tags=["centre dashboard"])

# An answer of 500 Chinese characters is 4.5 KB percent-encoded: room for that and a too-long
# one, which is then refused by its field rather than by its size.
MAX_FORM = 16 * 1024
StationId = Annotated[str, Path(pattern=ID_PATTERN)]
Ticket = Annotated[str, Path(pattern=TICKET_PATTERN)]


def _desk(view: CentreView) -> TicketDesk:
    desk: TicketDesk = view.request.app.state.ticket_desk
    return desk


def _allowed(view: CentreView, station_id: str) -> None:
    if not view.who.can_see(station_id):
        w = view.words
        raise PageError(403, w["forbidden"], w["forbidden_station"], lang=view.lang)


def _error_text(exc: DeskRefused, lang: str) -> str:
    return label(DESK_ERRORS, exc.reason, lang)


async def _page(
    view: CentreView,
    station_id: str,
    ticket: str,
    *,
    status: int = 200,
    notice: str = "",
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
) -> Response:
    desk = _desk(view)
    try:
        found = await run_in_threadpool(desk.detail, station_id, ticket)
    except DeskRefused as exc:
        w = view.words
        raise PageError(404, w["nothing"], _error_text(exc, view.lang), lang=view.lang) from None
    helpers = await run_in_threadpool(desk.on_duty, station_id) if found.can_assign else []
    panels = await run_in_threadpool(
        ticket_panels,
        view.request.app,
        "centre",
        station_id,
        found.kind,
        found.aggregate_id,
        view.lang,
    )
    tz = view.request.app.state.tz
    w, lang = view.words, view.lang
    return view.render(
        "centre_ticket.html",
        "tickets",
        status=status,
        title=w["ticket_title"].format(ticket=ticket),
        d=found,
        facts=_facts(found, w, lang, tz),
        history=[
            {
                "at": local_time(step.at, tz),
                "what": label(HISTORY, step.kind, lang),
                "who": _who(step.actor, step.kiosk, w),
                "words": step.words,
            }
            for step in found.history
        ],
        helpers=helpers,
        panels=panels,
        notice=notice,
        errors=errors or {},
        errors_text={k: label(DESK_ERRORS, v, lang) for k, v in (errors or {}).items()},
        form=form or {},
        base=f"/centre/tickets/{station_id}/{ticket}",
        max_answer=MAX_ANSWER,
        max_reason=MAX_REASON,
    )


def _who(actor: str, kiosk: str, w: dict[str, str]) -> str:
    """Who took a step, in the page's language: a centre account, the traveller's phone, a
    volunteer (name · number) at a kiosk, or a kiosk."""
    if actor.startswith("centre:"):
        return w["by_centre"].format(name=actor.removeprefix("centre:"))
    if actor == "phone":
        return w["by_phone"]
    at = w["by_kiosk"].format(kiosk=kiosk) if kiosk else ""
    return " · ".join(part for part in (actor, at) if part)


def _facts(d: TicketDetail, w: dict[str, str], lang: str, tz: Any) -> list[tuple[str, str]]:
    """What the page lists about the ticket, as (label, value) rows in the page's language."""
    if d.request is not None:
        r = d.request
        rows = [
            (w["kind_col"], w["request"]),
            (w["category_short"], label(REQUEST_CATEGORIES, r.category, lang)),
            (w["state_col"], label(STATES, r.status, lang)),
            (w["channel"], label(CHANNELS, r.channel, lang)),
            (w["made_at"], local_time(r.ordered_at, tz)),
        ]
        if r.train:
            rows.append((w["train_short"], r.train))
        if r.departs_at:
            rows.append((w["departs_short"], local_time(r.departs_at, tz)))
        if d.accepted_by is not None:
            helper = d.accepted_by
            rows.append((w["accepted_by"], f"{helper.name} · {helper.number}".strip(" ·")))
        if d.refused:
            lost = w["list_sep"].join(f"{h.name} · {h.number}".strip(" ·") for h in d.refused)
            rows.append((w["refused_accepts"], lost))
        return rows + _personal_rows(d, w)
    assert d.wish is not None
    wish = d.wish
    rows = [
        (w["kind_col"], w["wish"]),
        (w["category_short"], label(WISH_CATEGORIES, wish.category, lang)),
        (w["state_col"], label(STATES, wish.status, lang)),
        (w["channel"], label(CHANNELS, wish.channel, lang)),
        (w["made_at"], local_time(wish.submitted_at, tz)),
    ]
    rows += _personal_rows(d, w)
    if wish.answer:
        rows.append((w["answer"], wish.answer))
    return rows


def _personal_rows(d: TicketDetail, w: dict[str, str]) -> list[tuple[str, str]]:
    """The traveller's phone (masked, as exports are) and words, opened with the hub's keys;
    once erased, one row saying so."""
    if d.erased:
        return [(w["personal_row"], w["personal_erased"])]
    rows = []
    if d.masked_phone:
        rows.append((w["phone_short"], d.masked_phone))
    if d.words:
        rows.append((w["their_words"], d.words))
    return rows


@router.get("/tickets/{station_id}/{ticket}", response_class=HTMLResponse)
async def ticket_page(view: Centre, station_id: StationId, ticket: Ticket) -> Response:
    """One ticket with the centre's actions on it."""
    _allowed(view, station_id)
    return await _page(view, station_id, ticket)


async def _act(view: Centre, station_id: str, ticket: str, field: str, notice_key: str) -> Response:
    """Read the form (CSRF checked, scope checked), run the action named by `field`, and show
    the ticket with its notice, or the reason beside its field."""
    w = view.words
    form = await read_form(view.request, MAX_FORM, view.lang)
    if not csrf_ok(view.who, form.get("csrf")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    _allowed(view, station_id)
    desk, actor = _desk(view), actor_of(view.who.username)
    typed = form.get(field, "")
    action = {"answer": desk.answer, "volunteer": desk.assign, "reason": desk.close}[field]
    try:
        done = await run_in_threadpool(action, station_id, ticket, typed, actor)
    except DeskRefused as exc:
        if exc.status == 404:
            raise PageError(
                404, w["nothing"], _error_text(exc, view.lang), lang=view.lang
            ) from None
        errors = {exc.field or "ticket": exc.reason}
        return await _page(
            view, station_id, ticket, status=exc.status, errors=errors, form={field: typed}
        )
    name = done.accepted_by.name if done.accepted_by is not None else ""
    notice = w[notice_key].format(name=name)
    return await _page(view, station_id, ticket, notice=notice)


@router.post(
    "/tickets/{station_id}/{ticket}/answer",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf", "answer"),
)
async def answer(view: Centre, station_id: StationId, ticket: Ticket) -> Response:
    """Answer a wish: the phone's ticket page and the kiosks' lookup show it."""
    return await _act(view, station_id, ticket, "answer", "answered_notice")


@router.post(
    "/tickets/{station_id}/{ticket}/assign",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf", "volunteer"),
)
async def assign(view: Centre, station_id: StationId, ticket: Ticket) -> Response:
    """Assign a waiting request to a volunteer on duty at its station."""
    return await _act(view, station_id, ticket, "volunteer", "assigned_notice")


@router.post(
    "/tickets/{station_id}/{ticket}/close",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf", "reason"),
)
async def close(view: Centre, station_id: StationId, ticket: Ticket) -> Response:
    """Close an open request with a reason."""
    return await _act(view, station_id, ticket, "reason", "closed_notice")
