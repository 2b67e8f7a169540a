"""The service-uses log tab: every use (人次) by service and audience group."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.platform.logs.query import Filter, LogQuery, distinct
from kiosk.platform.logs.spec import (
    NUMBER,
    TIME,
    Cells,
    Choice,
    LogColumn,
    LogSpec,
    Names,
    choices_of,
)


def service_ids(session: Session) -> list[str]:
    """The services that have recorded uses (including ones since dropped from the catalogue)."""
    return distinct(session, "service_uses", "service_id", "ix_service_uses_service")


def _index(where: Filter) -> str:
    """A service is a slice of its index; an audience group a share of all (planner's choice)."""
    if where.choice and not where.choice.startswith("audience:"):
        return "INDEXED BY ix_service_uses_service"
    return ""


def _choices(session: Session, names: Names) -> list[Choice]:
    ids = sorted(set(service_ids(session)) | set(names))
    return [Choice(i, *names.get(i, (i, i))) for i in ids] + choices_of(
        words.AUDIENCES, "audience", ("服务对象", "Group")
    )


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    _id, at, service, audience, people, kiosk = row
    return (
        c.time(at),
        c.names.get(service, (service, service))[c.pick],
        words.AUDIENCES.get(audience, (audience, audience))[c.pick],
        str(people),
        c.kiosk(kiosk),
    )


USES = LogSpec(
    key="uses",
    position=20,
    title=("服务人次", "Service uses"),
    columns=(
        LogColumn("time", "时间", "Time", TIME),
        LogColumn("service", "服务", "Service"),
        LogColumn("audience", "服务对象", "Group"),
        LogColumn("people", "人次", "People", NUMBER),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    query=LogQuery(
        select=(
            "SELECT u.id, u.occurred_at, u.service_id, u.audience, u.count, u.kiosk_id"
            " FROM service_uses AS u {index}"
        ),
        at="u.occurred_at",
        key="u.id",
        choice="u.service_id",
        kiosk="u.kiosk_id",
        volunteer=None,
        groups=(("audience", "u.audience"),),
        index=_index,
    ),
    cells=_cells,
    choices=_choices,
    names="services",
)
LOGS = (USES,)
