"""The hub part of `requests` (and of the wishes it shares tickets with): the traveller's phone
pages (a service's page, ordering help, leaving a wish, a ticket's status, cancelling or rating
a request) and the centre's requests-and-wishes page."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from fastapi import FastAPI

from kiosk.features.requests.hub import centre, phone, ticket_pages
from kiosk.features.requests.hub.tickets import TravellerService
from kiosk.features.requests.hub.words import WORDS
from kiosk.platform.hub.part import CentreTab, HubPart


def _start(app: FastAPI) -> None:
    state = app.state
    state.traveller_service = TravellerService(
        state.database, state.clock, ZoneInfo(state.settings.timezone)
    )


HUB_PART = HubPart(
    routers=(phone.router, ticket_pages.router, centre.router),
    start=_start,
    templates="kiosk.features.requests",
    words=WORDS,
    centre_tabs=(CentreTab("tickets", "/centre/tickets", rank=30),),
)
