"""The medicine box's store: lots and daily checks (tables, projector, reads)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime

from sqlalchemy import Boolean, Date, Index, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.medicine.domain import fold_lot
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class MedicineLotRow(Base):
    """Projection: one batch of one medicine-box item and the units left of it."""

    __tablename__ = "medicine_lots"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # item_id:batch
    item_id: Mapped[str] = mapped_column(String(32))
    batch: Mapped[str] = mapped_column(String(24))
    expiry: Mapped[date] = mapped_column(Date)
    restocked: Mapped[int] = mapped_column(Integer)
    dispensed: Mapped[int] = mapped_column(Integer)
    discarded: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_medicine_lots_item_expiry", "item_id", "expiry"),)


class AedCheckRow(Base):
    """Projection: one daily check of the medicine box and the AED."""

    __tablename__ = "aed_checks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[str] = mapped_column(String(10))  # the station's local day
    box_checked: Mapped[bool] = mapped_column(Boolean)
    light: Mapped[str] = mapped_column(String(8))
    pads_expiry: Mapped[date] = mapped_column(Date)
    battery_expiry: Mapped[date] = mapped_column(Date)
    volunteer_id: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_aed_checks_checked", "checked_at"),)


class MedicineMoveRow(Base):
    """Projection: one restock, dispense or take-out of a batch, for the box's log tab and the
    monthly report (the lot row keeps only the totals)."""

    __tablename__ = "medicine_moves"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    move: Mapped[str] = mapped_column(String(16))  # dispensed | restocked | discarded
    lot_id: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[str] = mapped_column(String(32))
    batch: Mapped[str] = mapped_column(String(24))
    quantity: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(24))
    audience: Mapped[str | None] = mapped_column(String(16))
    volunteer_id: Mapped[str | None] = mapped_column(String(64))
    incident_id: Mapped[str | None] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_medicine_moves_at", "at"),
        Index("ix_medicine_moves_lot_id", "lot_id"),
        Index("ix_medicine_moves_volunteer_id", "volunteer_id"),
    )


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (
    MedicineLotRow,
    AedCheckRow,
    MedicineMoveRow,
)

_MOVES = {f"medicine.{move}": move for move in ("restocked", "dispensed", "discarded")}


def _project_lot(session: Session, events: list[Event]) -> object:
    state = fold_lot(events)
    if state is not None:
        upsert(session, MedicineLotRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    _project_moves(session, events)
    return state


def _project_moves(session: Session, events: list[Event]) -> None:
    """One row per move of the lot. A move never changes, so only the events not yet stored are
    written (a busy lot's hundreds of dispenses are not rewritten on every new one)."""
    moves = [e for e in events if e.kind in _MOVES]
    if not moves:
        return
    lot_id = moves[0].payload["lot_id"]
    stored = set(
        session.scalars(select(MedicineMoveRow.event_id).where(MedicineMoveRow.lot_id == lot_id))
    )
    for event in moves:
        if event.id in stored:
            continue
        move = _MOVES[event.kind]
        p = event.payload
        upsert(
            session,
            MedicineMoveRow.__table__,  # type: ignore[arg-type]
            "event_id",
            {
                "event_id": event.id,
                "at": event.occurred_at,
                "move": move,
                "lot_id": p["lot_id"],
                "item_id": p["item_id"],
                "batch": p["batch"],
                "quantity": int(p["quantity"]),
                "reason": p.get("reason"),
                "audience": p.get("audience") if move == "dispensed" else None,
                "volunteer_id": p.get("volunteer_id"),
                "incident_id": p.get("incident_id"),
                "kiosk_id": event.kiosk_id,
            },
        )


def _project_aed_check(session: Session, events: list[Event]) -> object:
    checks = [e for e in events if e.kind == "aed.checked"]
    if not checks:
        return None
    first = checks[0]
    p = first.payload
    values = {
        "id": p["check_id"],
        "day": p["day"],
        "box_checked": p["box_checked"],
        "light": p["light"],
        "pads_expiry": date.fromisoformat(p["pads_expiry"]),
        "battery_expiry": date.fromisoformat(p["battery_expiry"]),
        "volunteer_id": p["volunteer_id"],
        "kiosk_id": first.kiosk_id,
        "checked_at": first.occurred_at,
    }
    upsert(session, AedCheckRow.__table__, "id", values)  # type: ignore[arg-type]
    return values


PROJECTORS: dict[str, Projector] = {"medicine.": _project_lot, "aed.": _project_aed_check}


def lots(session: Session) -> Sequence[MedicineLotRow]:
    """Every lot, by item then earliest expiry (the order the box is used in)."""
    return session.scalars(
        select(MedicineLotRow).order_by(MedicineLotRow.item_id, MedicineLotRow.expiry)
    ).all()


def lot(session: Session, lot_id: str) -> MedicineLotRow | None:
    return session.get(MedicineLotRow, lot_id)


def latest_check(session: Session) -> AedCheckRow | None:
    return session.scalars(
        select(AedCheckRow).order_by(AedCheckRow.checked_at.desc()).limit(1)
    ).first()
