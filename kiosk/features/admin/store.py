"""The admin feature's store: its tables, their projector (by kind family), reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from sqlalchemy import Boolean, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.admin.domain import fold_admin_account
from kiosk.platform.store.models import Base
from kiosk.platform.store.projections import Projector, upsert


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


def _project_admin(session: Session, events: list[Event]) -> object:
    """Admin credentials: the first-run PIN by role, and the named accounts (audit events fold
    to nothing: they are read from the log)."""
    pins = [e for e in events if e.kind == "admin.pin_set"]
    if pins:
        latest = pins[-1].payload
        values = {"role": latest["role"], "pin_hash": latest["pin_hash"]}
        upsert(session, AdminRow.__table__, "role", values)  # type: ignore[arg-type]
    account = fold_admin_account(events)
    if account is not None:
        upsert(session, AdminAccountRow.__table__, "account_id", asdict(account))  # type: ignore[arg-type]
    return account


PROJECTORS: dict[str, Projector] = {"admin.": _project_admin}


# --- reads --------------------------------------------------------------------------------------


def admin(session: Session, role: str) -> AdminRow | None:
    return session.get(AdminRow, role)


def active_admin_accounts(session: Session) -> Sequence[AdminAccountRow]:
    return session.scalars(
        select(AdminAccountRow)
        .where(AdminAccountRow.active.is_(True))
        .order_by(AdminAccountRow.account_id)
    ).all()
