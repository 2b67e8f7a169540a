"""The admin feature's store: its tables, their projector (by kind family), reads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from sqlalchemy import Boolean, String, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.admin.domain import fold_admin_account
from kiosk.features.admin.domain.events import (
    ERASED_NAME,
    LEADER_PREFIX,
    scrubbed_for_erasure,
)
from kiosk.platform.store.models import Base, EventRow
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
    # Named at the centre, admin PIN not chosen yet (kiosk migration 0027).
    pin_pending: Mapped[bool] = mapped_column(Boolean, default=False)


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


def scrub_leader_names(session: Session, numbers: dict[str, str]) -> int:
    """The centre's erasure, folded: these volunteers' (id → number) team-leader account
    events (and their audits) lose the clear name older ones carry, as the hub does
    (`scrubbed_for_erasure`). A rebuild refolds the account row from the scrubbed events;
    here its name is set alike. Returns events changed."""
    accounts = {f"{LEADER_PREFIX}{v}"[:64]: n for v, n in numbers.items()}
    if not accounts:
        return 0
    rows = session.execute(
        select(EventRow.id, EventRow.kind, EventRow.payload).where(
            EventRow.kind.in_(("admin.account_set", "admin.audited")),
            or_(*(EventRow.payload.contains(a, autoescape=True) for a in accounts)),
        )
    ).all()
    changed = 0
    for event_id, kind, raw in rows:
        payload = json.loads(raw)
        owner = payload.get("account_id") if kind == "admin.account_set" else payload.get("target")
        number = accounts.get(str(owner))
        scrubbed = None if number is None else scrubbed_for_erasure(kind, payload, number)
        if scrubbed is not None:
            text = json.dumps(scrubbed, ensure_ascii=False, separators=(",", ":"))
            session.execute(update(EventRow).where(EventRow.id == event_id).values(payload=text))
            changed += 1
    for account, number in accounts.items():
        row = session.get(AdminAccountRow, account)
        if row is not None and row.name != number:
            row.name = ERASED_NAME
    return changed


# --- reads --------------------------------------------------------------------------------------


def admin(session: Session, role: str) -> AdminRow | None:
    return session.get(AdminRow, role)


def active_admin_accounts(session: Session) -> Sequence[AdminAccountRow]:
    return session.scalars(
        select(AdminAccountRow)
        .where(AdminAccountRow.active.is_(True))
        .order_by(AdminAccountRow.account_id)
    ).all()
