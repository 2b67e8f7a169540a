"""The catalogue's event kind: a local admin's edit of one service."""

from __future__ import annotations

from pydantic import Field

from kiosk.core.events import ID, EventKind, Payload


class CatalogueItemSet(Payload):
    """A local admin set fields of one service over the hub's or bundled catalogue (or reset
    them); fields left out (None) are unchanged."""

    edit_id: str = ID
    service_id: str = ID
    enabled: bool | None = None
    order: int | None = Field(default=None, ge=-10_000, le=10_000)
    where_zh: str | None = Field(default=None, min_length=1, max_length=120)
    where_en: str | None = Field(default=None, min_length=1, max_length=120)
    hours: str | None = Field(default=None, min_length=1, max_length=40)
    hours_en: str | None = Field(default=None, max_length=40)
    reset: bool = False


KINDS: tuple[EventKind, ...] = (EventKind("catalogue.item_set", CatalogueItemSet, "edit_id"),)
