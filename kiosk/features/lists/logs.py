"""The projects log tab (项目清单): each project of the station, its owner, dates, how many
needs and resources it links, its status and the note of its last change."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.platform.logs.query import LogQuery
from kiosk.platform.logs.spec import (
    NUMBER,
    TIME,
    Cells,
    Choice,
    LogColumn,
    LogSpec,
    Names,
    Search,
    choices_of,
)


def _count(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return ""
    return str(len(value or []))


def _choices(session: Session, names: Names) -> list[Choice]:
    return choices_of(words.PROJECT_STATUSES)


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    _id, at, title, owner, starts, ends, need_ids, resource_ids, status, status_on, note = row
    return (
        c.time(at),
        str(title),
        str(owner),
        f"{starts} – {ends}",
        _count(need_ids),
        _count(resource_ids),
        words.pick(words.PROJECT_STATUSES, status, c.pick),
        str(status_on or ""),
        " ".join(str(note or "").split()),
    )


PROJECTS = LogSpec(
    key="lists",
    position=72,
    title=("项目清单", "Projects"),
    columns=(
        LogColumn("opened", "立项", "Opened", TIME),
        LogColumn("title", "项目", "Project"),
        LogColumn("owner", "负责人", "Owner"),
        LogColumn("dates", "计划日期", "Planned"),
        LogColumn("needs", "需求", "Needs", NUMBER),
        LogColumn("resources", "资源", "Resources", NUMBER),
        LogColumn("status", "状态", "Status"),
        LogColumn("status_on", "状态日期", "Status date"),
        LogColumn("note", "备注", "Note"),
    ),
    query=LogQuery(
        select=(
            "SELECT p.id, p.opened_at, p.title, p.owner, p.starts_on, p.ends_on, p.need_ids,"
            " p.resource_ids, p.status, p.status_on, p.note FROM list_projects AS p {index}"
        ),
        at="p.opened_at",
        key="p.id",
        choice="p.status",
        kiosk=None,
        volunteer=None,
        texts=("p.title", "p.owner", "p.note"),
    ),
    cells=_cells,
    choices=_choices,
    search=Search.TEXT,
)
LOGS = (PROJECTS,)
