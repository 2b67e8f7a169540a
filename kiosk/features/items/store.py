"""The items feature's store: its projection tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.platform.store.models import Base, UTCDateTime


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
