"""The admin feature's store: its projection tables."""

from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.platform.store.models import Base


class AdminRow(Base):
    """Projection: admin credentials by role."""

    __tablename__ = "admins"

    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    pin_hash: Mapped[str] = mapped_column(String(200))


class AdminAccountRow(Base):
    """Projection: named admin accounts (station admins and team leaders) by account id."""

    __tablename__ = "admin_accounts"

    account_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(32))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (
    AdminRow,
    AdminAccountRow,
)
