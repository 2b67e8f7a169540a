"""The catalogue feature's store: its tables, their projector (by kind family), reads."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.catalogue.domain.edits import EDIT_FIELDS, CatalogueEdit
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class CatalogueEditRow(Base):
    """Projection: one local admin edit of a service (a `catalogue.item_set` event)."""

    __tablename__ = "catalogue_edits"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    service_id: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    kiosk_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)  # the event's payload (JSON)


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (CatalogueEditRow,)


def _project_catalogue_edit(session: Session, events: list[Event]) -> object:
    """One edit per aggregate: stored as it is; `domain.catalogue_edits` folds them all."""
    edits = [e for e in events if e.kind == "catalogue.item_set"]
    if not edits:
        return None
    edit = edits[0]
    values = {
        "id": edit.payload["edit_id"],
        "service_id": edit.payload["service_id"],
        "occurred_at": edit.occurred_at,
        "kiosk_id": edit.kiosk_id,
        "seq": edit.seq,
        "body": json.dumps(edit.payload, ensure_ascii=False, sort_keys=True),
    }
    upsert(session, CatalogueEditRow.__table__, "id", values)  # type: ignore[arg-type]
    return values


PROJECTORS: dict[str, Projector] = {"catalogue.": _project_catalogue_edit}


# --- reads --------------------------------------------------------------------------------------


def catalogue_edits(session: Session) -> list[CatalogueEdit]:
    """Every local admin edit of the catalogue (few: a station edits a handful a year)."""
    rows = session.scalars(select(CatalogueEditRow)).all()
    edits = []
    for row in rows:
        body = json.loads(row.body)
        edits.append(
            CatalogueEdit(
                service_id=row.service_id,
                occurred_at=row.occurred_at,
                kiosk_id=row.kiosk_id,
                seq=row.seq,
                values={k: body.get(k) for k in EDIT_FIELDS},
                reset=bool(body.get("reset")),
            )
        )
    return edits
