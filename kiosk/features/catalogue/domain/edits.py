"""Local admin edits of the service catalogue (catalogue.item_set events) and how they fold.

An edit names one service and the fields it sets (shown or hidden, order, where, hours); the
overrides of a service are its edits' fields, later edits winning field by field, in an order that
does not depend on arrival (when, then which kiosk, then its seq), so every kiosk of the station
shows the same catalogue. A reset edit drops the service's overrides: the hub's or bundled
entry shows again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.core.order import agreed_order

EDIT_FIELDS = ("enabled", "order", "where_zh", "where_en", "hours", "hours_en")


@dataclass(frozen=True)
class CatalogueEdit:
    service_id: str
    occurred_at: datetime
    kiosk_id: str
    seq: int
    values: dict[str, Any]  # only the fields this edit sets
    reset: bool = False


def fold_overrides(edits: Iterable[CatalogueEdit]) -> dict[str, dict[str, Any]]:
    """Per service id, the fields local admins set over the hub's or bundled catalogue."""
    overrides: dict[str, dict[str, Any]] = {}
    for edit in agreed_order(edits):
        if edit.reset:
            overrides.pop(edit.service_id, None)
            continue
        fields = {k: v for k, v in edit.values.items() if k in EDIT_FIELDS and v is not None}
        overrides.setdefault(edit.service_id, {}).update(fields)
    return overrides
