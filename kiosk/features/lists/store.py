"""The lists' store: needs, member units, resources and projects as the kiosk folds them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Index, Integer, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.lists import domain
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class NeedTable(Base):
    """Projection: one need on the needs list (需求清单)."""

    __tablename__ = "list_needs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(60))
    source: Mapped[str] = mapped_column(String(8))
    wish_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    ticket: Mapped[str | None] = mapped_column(String(6), nullable=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_list_needs_added", "added_at", "id"),)


class UnitTable(Base):
    """Projection: one member unit of the alliance (联盟成员单位)."""

    __tablename__ = "list_units"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(60))
    contact_role: Mapped[str] = mapped_column(String(40))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ResourceTable(Base):
    """Projection: one resource a member unit offers (资源清单)."""

    __tablename__ = "list_resources"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    unit_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    measure: Mapped[str] = mapped_column(String(8))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProjectTable(Base):
    """Projection: one service project (项目清单) with its status."""

    __tablename__ = "list_projects"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(60))
    owner: Mapped[str] = mapped_column(String(60))
    need_ids: Mapped[list[str]] = mapped_column(JSON)
    resource_ids: Mapped[list[str]] = mapped_column(JSON)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    status_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(String(200))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_list_projects_opened", "opened_at", "id"),  # log review keyset
        Index("ix_list_projects_status_opened", "status", "opened_at", "id"),
    )


TABLES: tuple[type[Base], ...] = (NeedTable, UnitTable, ResourceTable, ProjectTable)


def _projector(fold: Callable[[list[Event]], Any], table: type[Base]) -> Projector:
    def project(session: Session, events: list[Event]) -> object:
        state = fold(events)
        if state is not None:
            upsert(session, table.__table__, "id", asdict(state))  # type: ignore[arg-type]
        return state

    return project


# One family, four aggregates: the projector picks the fold by the kinds it is handed (a
# runner call holds one aggregate's events, all of one noun).
_BY_KIND: dict[str, Projector] = {
    "lists.need_added": _projector(domain.fold_need, NeedTable),
    "lists.unit_added": _projector(domain.fold_unit, UnitTable),
    "lists.resource_added": _projector(domain.fold_resource, ResourceTable),
    "lists.project_opened": _projector(domain.fold_project, ProjectTable),
    "lists.project_status": _projector(domain.fold_project, ProjectTable),
}


def _project(session: Session, events: list[Event]) -> object:
    if not events:
        return None
    return _BY_KIND[events[0].kind](session, events)


PROJECTORS: dict[str, Projector] = {"lists.": _project}


def needs(session: Session) -> list[domain.NeedRow]:
    rows = session.scalars(select(NeedTable).order_by(NeedTable.added_at, NeedTable.id)).all()
    return [
        domain.NeedRow(r.id, r.station_id, r.title, r.source, r.wish_id, r.ticket, r.added_at)
        for r in rows
    ]


def units(session: Session) -> list[domain.UnitRow]:
    rows = session.scalars(select(UnitTable).order_by(UnitTable.name, UnitTable.id)).all()
    return [domain.UnitRow(r.id, r.station_id, r.name, r.contact_role, r.added_at) for r in rows]


def unit_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(UnitTable)) or 0)


def resources(session: Session) -> list[domain.ResourceRow]:
    rows = session.scalars(
        select(ResourceTable).order_by(ResourceTable.added_at, ResourceTable.id)
    ).all()
    return [
        domain.ResourceRow(
            r.id, r.station_id, r.unit_id, r.kind, r.description, r.quantity, r.measure, r.added_at
        )
        for r in rows
    ]


def projects(session: Session) -> list[domain.ProjectRow]:
    rows: Sequence[ProjectTable] = session.scalars(
        select(ProjectTable).order_by(ProjectTable.opened_at.desc(), ProjectTable.id)
    ).all()
    return [
        domain.ProjectRow(
            id=r.id,
            station_id=r.station_id,
            title=r.title,
            owner=r.owner,
            need_ids=list(r.need_ids),
            resource_ids=list(r.resource_ids),
            starts_on=r.starts_on,
            ends_on=r.ends_on,
            status=r.status,
            status_on=r.status_on,
            note=r.note,
            opened_at=r.opened_at,
        )
        for r in rows
    ]
