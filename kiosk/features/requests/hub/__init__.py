"""The hub part of `requests` (and of the wishes it shares tickets with): the traveller's phone
pages (a service's page, ordering help, leaving a wish, a ticket's status, cancelling or rating
a request), the centre's requests-and-wishes page and its ticket page (answer, assign, close),
and the read model of tickets (`ticket_facts`) that page reads."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI

from kiosk.core.words import REQUEST_CATEGORIES, label
from kiosk.features.requests.domain import urgent_at_order
from kiosk.features.requests.hub import centre, centre_desk, phone, ticket_pages
from kiosk.features.requests.hub.desk import TicketDesk
from kiosk.features.requests.hub.ticket_facts import LIVE_REQUESTS, TICKET_FACTS
from kiosk.features.requests.hub.tickets import TravellerService
from kiosk.features.requests.hub.words import WORDS
from kiosk.platform.hub.part import CentreTab, HubPart, Notice


def _start(app: FastAPI) -> None:
    state = app.state
    state.traveller_service = TravellerService(
        state.database, state.clock, ZoneInfo(state.settings.timezone), state.vault
    )
    state.ticket_desk = TicketDesk(state.database, state.clock, state.vault)


def _ordered(payload: Mapping[str, Any], occurred_at: datetime, tz: ZoneInfo) -> Notice | None:
    """An urgent request for help (a medical need, a lost child, a train within the hour): the
    station's robots hear of it. Its ticket, category and train; never the phone or the text."""
    departs = payload.get("departs_at")
    departs_at = datetime.fromisoformat(departs) if isinstance(departs, str) else departs
    category = str(payload["category"])
    if not urgent_at_order(category, occurred_at, departs_at):
        return None
    at = occurred_at.astimezone(tz).strftime("%H:%M")
    zh, en = label(REQUEST_CATEGORIES, category, "zh"), label(REQUEST_CATEGORIES, category, "en")
    train_zh = train_en = ""
    if payload.get("train") and departs_at is not None:
        leaves = departs_at.astimezone(tz).strftime("%H:%M")
        train_zh = f"，车次 {payload['train']}（{leaves} 开）"
        train_en = f", train {payload['train']} (leaves {leaves})"
    ticket = payload["ticket"]
    return Notice(
        "紧急求助请求",
        "Urgent request for help",
        f"{at} 求助单 {ticket}：{zh}{train_zh}。请值班志愿者尽快接单。",
        f"{at} request {ticket}: {en}{train_en}. A volunteer on duty, please take it.",
    )


HUB_PART = HubPart(
    routers=(phone.router, ticket_pages.router, centre.router, centre_desk.router),
    start=_start,
    templates="kiosk.features.requests",
    words=WORDS,
    centre_tabs=(CentreTab("tickets", "/centre/tickets", rank=30),),
    notices={"request.ordered": _ordered},
    read_models=(TICKET_FACTS,),
    live_rules=(LIVE_REQUESTS,),
)
