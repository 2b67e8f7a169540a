"""A local admin edits the service catalogue: show or hide a service, move it, set where it is
or its hours. Each edit is a `catalogue.item_set` event (synced to the station's other kiosks)
applied over the hub's or bundled catalogue; a reset drops a service's local edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.core.clock import Clock
from kiosk.core.errors import NotFound, ValidationError
from kiosk.core.ids import new_id
from kiosk.core.text import clean_name
from kiosk.features.admin.domain import Action
from kiosk.features.admin.service.accounts import audit
from kiosk.features.catalogue import store as catalogue_store
from kiosk.features.catalogue.domain.edits import fold_overrides
from kiosk.features.catalogue.service.catalogue import ServiceItem
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database

ADMIN_ACTOR = "station_admin"
_UNKNOWN = NotFound("目录中没有这项服务", "No such service in the catalogue")
_NOTHING = ValidationError("没有要修改的内容", "Nothing to change")


class CatalogueEditService:
    """Writes and reads local catalogue edits; `base` gives the hub's or bundled catalogue
    with hidden services included."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        base: Callable[[], list[ServiceItem]],
        actor: Callable[[], str] = lambda: ADMIN_ACTOR,
    ) -> None:
        self._db = database
        self._clock = clock
        self._base = base
        self._actor = actor  # the logged-in admin account's id

    def overrides(self) -> dict[str, dict[str, Any]]:
        with self._db.read() as session:
            return fold_overrides(catalogue_store.catalogue_edits(session))

    def set_item(
        self,
        service_id: str,
        *,
        enabled: bool | None = None,
        order: int | None = None,
        where_zh: str | None = None,
        where_en: str | None = None,
        hours: str | None = None,
        hours_en: str | None = None,
        actor: str | None = None,
    ) -> None:
        """Set some fields of one service (None leaves a field as it is)."""
        if service_id not in {item.id for item in self._base()}:
            raise _UNKNOWN
        texts = {"where_zh": where_zh, "where_en": where_en, "hours": hours, "hours_en": hours_en}
        clean = {
            k: clean_name(v, max_len=40 if "hours" in k else 120) for k, v in texts.items() if v
        }
        payload: dict[str, Any] = {"enabled": enabled, "order": order, **clean}
        if all(v is None for v in payload.values()):
            raise _NOTHING
        self._append({"service_id": service_id, **payload}, actor or self._actor())

    def reset(self, service_id: str, actor: str | None = None) -> None:
        """Drop this service's local edits: the hub's or bundled entry shows again."""
        if service_id not in {item.id for item in self._base()}:
            raise _UNKNOWN
        self._append({"service_id": service_id, "reset": True}, actor or self._actor())

    def move(self, shown: list[ServiceItem], service_id: str, step: int) -> None:
        """Swap a shown service with its neighbour (step −1: up, +1: down) by setting both
        orders: two edits in one transaction."""
        ids = [item.id for item in shown]
        if service_id not in ids:
            raise _UNKNOWN
        index = ids.index(service_id)
        other = index + step
        if not 0 <= other < len(ids):
            return
        orders = [(index + 1) * 10 for index in range(len(ids))]
        ids[index], ids[other] = ids[other], ids[index]
        actor = self._actor()
        with self._db.write() as session:
            audit(
                session,
                self._clock,
                actor,
                Action.SERVICE_SET,
                service_id,
                {"position": index + 1},
                {"position": other + 1},
            )
            for position, sid in enumerate(ids):
                if shown[position].id != sid or shown[position].order != orders[position]:
                    payload = {"edit_id": new_id(), "service_id": sid, "order": orders[position]}
                    eventlog.append(
                        session,
                        "catalogue.item_set",
                        payload,
                        occurred_at=self._clock.now(),
                        actor=actor,
                    )

    def _append(self, payload: dict[str, Any], actor: str) -> None:
        """The edit and its audit, in one transaction."""
        service_id = str(payload["service_id"])
        after = {k: v for k, v in payload.items() if k != "service_id" and v is not None}
        with self._db.write() as session:
            eventlog.append(
                session,
                "catalogue.item_set",
                {"edit_id": new_id(), **payload},
                occurred_at=self._clock.now(),
                actor=actor,
            )
            audit(session, self._clock, actor, Action.SERVICE_SET, service_id, after=after)
