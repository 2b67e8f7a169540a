"""The trains' store: each run staff marked (table, projector) and the reads of the board."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from sqlalchemy import Boolean, Date, Index, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.trains.domain import RunState, fold_run
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class TrainRunRow(Base):
    """Projection: one train's run on a service day as staff left it (unmarked runs have no
    row: the timetable alone describes them)."""

    __tablename__ = "train_runs"

    run_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    train: Mapped[str] = mapped_column(String(8))
    day: Mapped[date] = mapped_column(Date)
    delay_min: Mapped[int] = mapped_column(Integer)
    gate: Mapped[str | None] = mapped_column(String(5), nullable=True)
    cancelled: Mapped[bool] = mapped_column(Boolean)
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    marks: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_train_runs_day", "day"),)  # the board reads two or three days


class TrainMarkRow(Base):
    """Projection: each mark staff made (one per `train.*` event), for the log tab."""

    __tablename__ = "train_marks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the event's id
    run_id: Mapped[str] = mapped_column(String(20))
    train: Mapped[str] = mapped_column(String(8))
    day: Mapped[date] = mapped_column(Date)
    mark: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(8))  # minutes late, or the new gate
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str | None] = mapped_column(String(64), nullable=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_train_marks_marked", "marked_at", "id"),)  # log review keyset


TABLES: tuple[type[Base], ...] = (TrainRunRow, TrainMarkRow)


def _project_run(session: Session, events: list[Event]) -> object:
    state = fold_run(events)
    if state is not None:
        upsert(session, TrainRunRow.__table__, "run_id", asdict(state))  # type: ignore[arg-type]
    for event in events:  # idempotent: a mark's row is keyed by its event
        p = event.payload
        mark = event.kind.removeprefix("train.")
        value = str(p.get("minutes", p.get("gate", "")))
        upsert(
            session,
            TrainMarkRow.__table__,  # type: ignore[arg-type]
            "id",
            {
                "id": event.id,
                "run_id": str(p["run_id"]),
                "train": str(p["train"]),
                "day": date.fromisoformat(str(p["day"])),
                "mark": mark,
                "value": value,
                "marked_at": event.occurred_at,
                "actor": event.actor,
                "kiosk_id": event.kiosk_id,
            },
        )
    return state


PROJECTORS: dict[str, Projector] = {"train.": _project_run}


def runs(session: Session, first: date, last: date) -> dict[str, RunState]:
    """The marked runs of the service days `first` to `last`, by run id (columns, not ORM
    objects: the board reads this on every tap)."""
    t = TrainRunRow
    rows = session.execute(
        select(
            t.run_id, t.train, t.day, t.delay_min, t.gate, t.cancelled, t.marked_at, t.marks
        ).where(t.day >= first, t.day <= last)
    )
    return {r[0]: RunState(*r) for r in rows}
