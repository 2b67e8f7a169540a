"""Personal data on the hub: the centre's erasure page, and the hourly retention sweep.

Erasure on request (a traveller asks with their ticket number): `privacy.erased` {subject,
reason} written by the hub with the signed-in account as its actor (the audit of who did it),
and the subject's key destroyed in the same transaction; every kiosk of the station destroys
its copy when it pulls the event. The sweep destroys the keys of subjects closed longer ago than
their kind's retention, computed from the events with the kiosks' own folds, and those named by
an erasure a kiosk pushed. docs/privacy.md.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.tickets import TICKET_PATTERN
from kiosk.features.admin.domain.events import LEADER_PREFIX, scrubbed_for_erasure
from kiosk.features.lending.domain import fold_loan
from kiosk.features.privacy.domain import (
    EraseReason,
    Retention,
    due,
    loan_closed_at,
    request_closed_at,
    wish_closed_at,
)
from kiosk.features.requests.domain import fold_request, fold_wish
from kiosk.features.volunteers import hub_roster
from kiosk.features.volunteers.domain.events import scrubbed_registration
from kiosk.features.volunteers.hub import StationMember, station_member
from kiosk.features.volunteers.hub_names import erased_volunteers
from kiosk.platform.hub import partitions
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import log_of, to_domain
from kiosk.platform.hub.models import ConfigRow, HubEvent, HubSubjectKey
from kiosk.platform.hub.part import CentreTab, HubPart
from kiosk.platform.hub.vault import HubVault
from kiosk.platform.hub.web_accounts import csrf_ok
from kiosk.platform.hub.web_centre import Centre, CentreView
from kiosk.platform.hub.web_centre import _form_body as form_body
from kiosk.platform.hub.web_events import append_hub_event
from kiosk.platform.hub.web_render import PageError, read_form

log = logging.getLogger(__name__)
router = APIRouter(prefix="/centre", tags=["centre dashboard"])
SWEEP_EVERY_S = 3600.0
MAX_NUMBER = 32  # a volunteer number's length (volunteer.registered)
_OPENERS = {"request.ordered": "request_id", "wish.submitted": "wish_id"}

WORDS: dict[str, tuple[str, str]] = {
    "privacy": ("个人信息", "Personal data"),
    "privacy_lead": (
        "旅客凭单号申请删除个人信息（手机号、留言）：删除后各终端同步后均无法再读取，记录本身保留。",
        "A traveller asks, with their ticket number, to erase their personal data (phone, "
        "words): once erased it cannot be read on the hub or, after sync, on any kiosk; the "
        "records themselves stay.",
    ),
    "privacy_ticket": ("单号", "Ticket number"),
    "privacy_erase": ("删除个人信息", "Erase personal data"),
    "privacy_erased": ("已删除该单的个人信息", "The ticket's personal data was erased"),
    "privacy_unknown": ("该站点没有这个单号", "The station has no ticket with that number"),
    "privacy_nothing": (
        "该单没有可删除的个人信息（或已删除）",
        "The ticket holds no personal data to erase (or it was erased already)",
    ),
    "privacy_bad_ticket": ("单号为 6 位数字", "A ticket number is 6 digits"),
    "privacy_volunteer_title": ("删除志愿者的个人信息", "Erase a volunteer's personal data"),
    "privacy_volunteer_lead": (
        "志愿者本人申请时，按站点和志愿者编号删除其姓名和手机号：中心和各终端同步后显示为“已删除”，"
        "服务时长等记录按编号保留。",
        "At a volunteer's request, erase their name and phone by station and volunteer number: "
        "the centre and, after sync, every kiosk show “Erased”; hours and other records stay "
        "under the number.",
    ),
    "privacy_number": ("志愿者编号", "Volunteer number"),
    "privacy_volunteer_find": ("查找", "Find"),
    "privacy_volunteer_confirm": (
        "确认删除 {name}（{number}）的姓名和手机号？此操作无法撤销。",
        "Erase the name and phone of {name} ({number})? This cannot be undone.",
    ),
    "privacy_volunteer_erase": ("确认删除", "Erase"),
    "privacy_cancel": ("取消，不删除", "Cancel, erase nothing"),
    "privacy_volunteer_erased": (
        "已删除该志愿者的姓名和手机号",
        "The volunteer's name and phone were erased",
    ),
    "privacy_volunteer_unknown": (
        "该站点没有这个志愿者编号",
        "The station has no volunteer with that number",
    ),
    "privacy_volunteer_already": (
        "该志愿者的个人信息已删除",
        "The volunteer's personal data was erased already",
    ),
    "privacy_bad_number": (
        "请填写志愿者编号（32 字以内）",
        "Enter the volunteer number (32 characters at most)",
    ),
}


@dataclass(frozen=True)
class Erased:
    subject: str
    event_id: str


class Refused(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _subject_of_ticket(session: Session, station_id: str, ticket: str) -> str | None:
    e = log_of(session)  # a ticket of any age: archived months too
    row = session.scalars(
        select(e)
        .where(
            e.kind.in_(tuple(_OPENERS)),
            e.station_id == station_id,
            e.payload["ticket"].as_string() == ticket,
        )
        .order_by(e.hub_seq.desc())
        .limit(1)
    ).first()
    return None if row is None else str(row.payload[_OPENERS[row.kind]])


def erase_ticket(
    database: Database, vault: HubVault, clock: Clock, station_id: str, ticket: str, actor: str
) -> Erased:
    """Erase a ticket's personal data at the traveller's request; Refused says why not."""
    if not re.match(TICKET_PATTERN, ticket):
        raise Refused("privacy_bad_ticket")
    now = clock.now()
    with database.write() as session:
        subject = _subject_of_ticket(session, station_id, ticket)
        if subject is None:
            raise Refused("privacy_unknown")
        if session.get(HubSubjectKey, subject) is None:
            raise Refused("privacy_nothing")
        payload = {"subject": subject, "reason": EraseReason.REQUEST.value}
        row = append_hub_event(session, station_id, "privacy.erased", payload, now, actor=actor)
        vault.erase(session, [subject], now)
        return Erased(subject, row.id)


def volunteer_to_erase(database: Database, station_id: str, number: str) -> StationMember:
    """The station's volunteer with this number, before the centre confirms the erasure;
    Refused says why not (a bad or unknown number, erased already)."""
    number = number.strip()
    if not number or len(number) > MAX_NUMBER:
        raise Refused("privacy_bad_number")
    member = station_member(database, station_id, number)
    if member is None:
        raise Refused("privacy_volunteer_unknown")
    with database.read() as session:
        if erased_volunteers(session, {member.volunteer_id}):
            raise Refused("privacy_volunteer_already")
    return member


def erase_volunteer(
    database: Database, vault: HubVault, clock: Clock, station_id: str, number: str, actor: str
) -> Erased:
    """Erase a volunteer's name and phone at their request: `privacy.erased` for the volunteer
    (no personal data; the account as actor), noted as erased on the hub in the same
    transaction. Every kiosk of the station shows them as erased once it folds the event."""
    member = volunteer_to_erase(database, station_id, number)
    now = clock.now()
    with database.write() as session:
        if erased_volunteers(session, {member.volunteer_id}):  # erased meanwhile
            raise Refused("privacy_volunteer_already")
        payload = {"subject": member.volunteer_id, "reason": EraseReason.REQUEST.value}
        row = append_hub_event(session, station_id, "privacy.erased", payload, now, actor=actor)
        vault.erase(session, [member.volunteer_id], now)
        scrub_registrations(session, member.volunteer_id)
        scrub_leader_names(session, station_id, member.volunteer_id, member.number)
        unpublish(session, member.volunteer_id, now)
    log.info("personal data of volunteer %s at %s erased (%s)", number, station_id, actor)
    return Erased(member.volunteer_id, row.id)


def scrub_registrations(session: Session, volunteer_id: str) -> int:
    """The volunteer's registrations written before sealing lose their clear name and phone,
    exactly as every kiosk scrubs its copy when it folds the erasure (so hub and kiosks agree
    on each event), in `events` and in the archived months alike; sealed ones are left as they
    are, their key destroyed."""
    e = log_of(session)
    rows = session.execute(
        select(e.id, e.received_at, e.payload).where(
            e.kind == "volunteer.registered",
            e.payload["volunteer_id"].as_string() == volunteer_id,
        )
    ).all()
    return _rewrite(
        session,
        volunteer_id,
        [(r.id, r.received_at, scrubbed_registration(r.payload)) for r in rows],
    )


def _rewrite(
    session: Session, volunteer_id: str, found: list[tuple[str, datetime, dict[str, Any] | None]]
) -> int:
    """Store the volunteer's scrubbed payloads (None: nothing to scrub) wherever each event is
    kept: `events`, an archived month, the roster's read model."""
    rewrites = [(i, at, p) for i, at, p in found if p is not None]
    partitions.rewrite_payloads(session.connection(), rewrites)
    hub_roster.rewrite(session, volunteer_id, {i: p for i, _, p in rewrites})
    return len(rewrites)


def scrub_leader_names(session: Session, station_id: str, volunteer_id: str, number: str) -> int:
    """The volunteer's team-leader account events (and their audits) at the station lose the
    clear name older ones carry, exactly as every kiosk scrubs its copy (`scrubbed_for_erasure`,
    the admin feature's rule, so hub and kiosks agree on each event)."""
    account = f"{LEADER_PREFIX}{volunteer_id}"[:64]
    e = log_of(session)
    rows = session.execute(
        select(e.id, e.received_at, e.kind, e.payload).where(
            e.station_id == station_id,
            or_(
                and_(
                    e.kind == "admin.account_set",
                    e.payload["account_id"].as_string() == account,
                ),
                and_(
                    e.kind == "admin.audited",
                    e.payload["target"].as_string() == account,
                ),
            ),
        )
    ).all()
    found = [
        (r.id, r.received_at, scrubbed_for_erasure(r.kind, r.payload or {}, number)) for r in rows
    ]
    return _rewrite(session, volunteer_id, found)


def unpublish(session: Session, volunteer_id: str, now: datetime) -> int:
    """Roster publications that list the erased volunteer: the latest of each scope is
    published again without them (kiosks take it on their next pull), and every stored
    version loses their entry, so no roster body on the hub keeps their name. Returns the
    versions published again."""
    rows = session.scalars(select(ConfigRow).where(ConfigRow.kind == "roster")).all()
    latest: dict[str | None, ConfigRow] = {}
    for row in rows:
        if row.station_id not in latest or row.version > latest[row.station_id].version:
            latest[row.station_id] = row
    republished = 0
    for scope, newest in latest.items():
        if _lists(newest.body, volunteer_id):
            body = _without(newest.body, volunteer_id)
            session.add(
                ConfigRow(
                    kind="roster",
                    station_id=scope,
                    version=newest.version + 1,
                    body=body,
                    published_at=now,
                )
            )
            republished += 1
    for row in rows:
        if _lists(row.body, volunteer_id):
            row.body = _without(row.body, volunteer_id)
    return republished


def _lists(body: dict[str, Any], volunteer_id: str) -> bool:
    return any(
        isinstance(e, dict) and e.get("volunteer_id") == volunteer_id
        for e in body.get("volunteers", [])
    )


def _without(body: dict[str, Any], volunteer_id: str) -> dict[str, Any]:
    kept = [
        e
        for e in body.get("volunteers", [])
        if not (isinstance(e, dict) and e.get("volunteer_id") == volunteer_id)
    ]
    return {**body, "volunteers": kept}


def _closed(events: list[HubEvent]) -> tuple[datetime | None, str]:
    domain = [to_domain(e) for e in events]
    loans = [e for e in domain if e.kind.startswith("lending.")]
    if loans:
        loan = fold_loan(loans)
        return (loan_closed_at(loan) if loan else None), "loan"
    requests = [e for e in domain if e.kind.startswith("request.")]
    if requests:
        state = fold_request(requests)
        return (request_closed_at(state) if state else None), "request"
    wish = fold_wish([e for e in domain if e.kind.startswith("wish.")])
    return (wish_closed_at(wish) if wish else None), "wish"


def sweep(database: Database, vault: HubVault, clock: Clock, retention: Retention) -> int:
    """Destroy the keys of subjects past retention and of those a kiosk's erasure names."""
    now = clock.now()
    shortest = min(retention.request_days, retention.wish_days, retention.loan_days)
    days = {
        "request": retention.request_days,
        "wish": retention.wish_days,
        "loan": retention.loan_days,
    }
    with database.write() as session:
        e = log_of(session)  # subjects' events of any age: archived months too
        named = set(
            session.scalars(
                select(e.payload["subject"].as_string()).where(
                    e.kind == "privacy.erased",
                    e.payload["subject"].as_string().in_(select(HubSubjectKey.subject)),
                )
            )
        )
        expired: set[str] = set()
        for station_id, subject in vault.held_before(session, now - timedelta(days=shortest)):
            events = list(
                session.scalars(
                    select(e)
                    .where(
                        e.station_id == station_id,
                        e.kind.like("request.%") | e.kind.like("wish.%") | e.kind.like("lending.%"),
                        (e.payload["request_id"].as_string() == subject)
                        | (e.payload["wish_id"].as_string() == subject)
                        | (e.payload["loan_id"].as_string() == subject),
                    )
                    .order_by(e.hub_seq)
                )
            )
            if events:
                closed, kind = _closed(events)
                if due(closed, days[kind], now):
                    expired.add(subject)
        erased = vault.erase(session, named | expired, now)
    if erased:
        log.info("personal data: erased the keys of %d subjects", erased)
    return erased


async def _sweep_hourly(app: FastAPI) -> None:
    state = app.state
    settings = state.settings
    retention = Retention(
        request_days=settings.retention_request_days,
        wish_days=settings.retention_wish_days,
        loan_days=settings.retention_loan_days,
    )
    while True:
        try:
            await run_in_threadpool(sweep, state.database, state.vault, state.clock, retention)
        except Exception:  # the next hour tries again; a fault here must not stop the hub
            log.exception("personal data sweep failed")
        await asyncio.sleep(SWEEP_EVERY_S)


def _station(view: CentreView) -> str:
    if view.station:
        return view.station
    if not view.options:
        w = view.words
        raise PageError(403, w["forbidden"], w["forbidden_station"], lang=view.lang)
    return view.options[0][0]


def _page(
    view: CentreView,
    *,
    status: int = 200,
    notice: str = "",
    error: str = "",
    volunteer_error: str = "",
    pending: StationMember | None = None,
    number: str = "",
) -> Response:
    w = view.words
    question = ""
    if pending is not None:
        question = w["privacy_volunteer_confirm"].format(name=pending.name, number=pending.number)
    return view.render(
        "centre_privacy.html",
        "privacy",
        status=status,
        this_station=_station(view),
        notice=notice,
        error=error,
        volunteer_error=volunteer_error,
        pending=pending,
        question=question,
        number=number,
    )


@router.get("/privacy", response_class=HTMLResponse)
async def privacy_page(view: Centre) -> Response:
    """Erase a traveller's personal data by ticket number (`?station=`)."""
    return _page(view)


@router.post("/privacy", response_class=HTMLResponse, openapi_extra=form_body("csrf", "ticket"))
async def erase(view: Centre) -> Response:
    """Erase one ticket's personal data; the event names the account that did it."""
    w = view.words
    form = await read_form(view.request, 2048, view.lang)
    ticket = form.get("ticket", "")
    if not csrf_ok(view.who, form.get("csrf")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    state = view.request.app.state
    try:
        await run_in_threadpool(
            erase_ticket,
            state.database,
            state.vault,
            state.clock,
            _station(view),
            ticket.strip(),
            f"web:{view.who.username}"[:64],
        )
    except Refused as exc:
        return _page(view, status=422, error=w[exc.key])
    return _page(view, notice=w["privacy_erased"])


@router.post(
    "/privacy/volunteer",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf", "number", "confirm"),
)
async def erase_volunteer_page(view: Centre) -> Response:
    """Erase a volunteer's name and phone: first shows who it is, then (`confirm=1`) erases."""
    w = view.words
    form = await read_form(view.request, 2048, view.lang)
    number = form.get("number", "").strip()
    if not csrf_ok(view.who, form.get("csrf")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    state = view.request.app.state
    station = _station(view)
    try:
        if form.get("confirm") != "1":
            member = await run_in_threadpool(volunteer_to_erase, state.database, station, number)
            return _page(view, pending=member, number=number)
        await run_in_threadpool(
            erase_volunteer,
            state.database,
            state.vault,
            state.clock,
            station,
            number,
            f"web:{view.who.username}"[:64],
        )
    except Refused as exc:
        return _page(view, status=422, volunteer_error=w[exc.key], number=number)
    return _page(view, notice=w["privacy_volunteer_erased"])


def _start(app: FastAPI) -> None:
    app.state.hourly.append(_sweep_hourly)


HUB_PART = HubPart(
    routers=(router,),
    start=_start,
    templates="kiosk.features.privacy",
    words=WORDS,
    centre_tabs=(CentreTab("privacy", "/centre/privacy", rank=97),),
)
