"""Other features' lines on a ticket's pages: a feature that depends on requests (the lists: a
wish's project) adds a `TicketPanel` from its hub part's start, and the traveller's ticket page
and the centre's ticket page include its template. Requests names no such feature."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import FastAPI

from kiosk.platform.hub.db import Database

Where = Literal["phone", "centre"]


@dataclass(frozen=True)
class TicketPanel:
    """`template` (in the adding feature's templates folder) is included with `panel` set to
    what `read(database, station_id, kind, aggregate_id, lang)` returns; None shows nothing.
    `where`: the traveller's page, or the centre's."""

    template: str
    where: Where
    read: Callable[[Database, str, str, str, str], dict[str, Any] | None]


def add_ticket_panel(app: FastAPI, panel: TicketPanel) -> None:
    app.state.ticket_panels = (*getattr(app.state, "ticket_panels", ()), panel)


def ticket_panels(
    app: FastAPI, where: Where, station_id: str, kind: str, aggregate_id: str, lang: str
) -> list[tuple[str, dict[str, Any]]]:
    """(template, panel) of every panel with something to show (a blocking read: call it off
    the event loop)."""
    found = []
    for panel in getattr(app.state, "ticket_panels", ()):
        if panel.where != where:
            continue
        shown = panel.read(app.state.database, station_id, kind, aggregate_id, lang)
        if shown is not None:
            found.append((panel.template, shown))
    return found
