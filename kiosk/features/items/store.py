"""The items feature's store: its tables, their projector (by kind family), reads."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.items.domain import FIELDS, ID_FIELD, TARGET_OF_KIND, ItemEdit, Target
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class ItemSettingRow(Base):
    """Projection: one local admin edit of a charging slot, lending or medicine item (an
    `item.*_set` event); `domain.item_settings` folds them all."""

    __tablename__ = "item_settings"
    __table_args__ = (Index("ix_item_settings_target", "target", "item_id"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    target: Mapped[str] = mapped_column(String(16))  # slot | lending | medicine
    item_id: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    kiosk_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)  # the event's payload (JSON)


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (ItemSettingRow,)


def _project_item_setting(session: Session, events: list[Event]) -> object:
    """One edit per aggregate: stored as it is; `domain.item_settings` folds them all."""
    edits = [e for e in events if e.kind in TARGET_OF_KIND]
    if not edits:
        return None
    edit = edits[0]
    target = TARGET_OF_KIND[edit.kind]
    values = {
        "id": edit.payload["edit_id"],
        "target": target.value,
        "item_id": edit.payload[ID_FIELD[target]],
        "occurred_at": edit.occurred_at,
        "kiosk_id": edit.kiosk_id,
        "seq": edit.seq,
        "body": json.dumps(edit.payload, ensure_ascii=False, sort_keys=True),
    }
    upsert(session, ItemSettingRow.__table__, "id", values)  # type: ignore[arg-type]
    return values


PROJECTORS: dict[str, Projector] = {"item.": _project_item_setting}


# --- reads --------------------------------------------------------------------------------------


def item_edits(session: Session) -> list[ItemEdit]:
    """Every local admin edit of slots, lending and medicine items (a handful a year)."""
    edits = []
    for row in session.scalars(select(ItemSettingRow)).all():
        body = json.loads(row.body)
        target = Target(row.target)
        edits.append(
            ItemEdit(
                target=target,
                item_id=row.item_id,
                occurred_at=row.occurred_at,
                kiosk_id=row.kiosk_id,
                seq=row.seq,
                values={k: body.get(k) for k in FIELDS[target]},
                reset=bool(body.get("reset")),
            )
        )
    return edits
