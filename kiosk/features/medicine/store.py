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


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (
    MedicineLotRow,
    AedCheckRow,
)


def _project_lot(session: Session, events: list[Event]) -> object:
    state = fold_lot(events)
    if state is not None:
        upsert(session, MedicineLotRow.__table__, "id", asdict(state))  # type: ignore[arg-type]
    return state


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
