"""The three lists (三个清单): the facts, their folds and the rules of a project's status.

The centre records them (a member unit and what it offers, a need promoted from a wish or
entered by staff, a project matching needs to resources, its status); each is an event in the
station's feed, so every kiosk of the station folds the same lists. A need's state is not an
event of its own: it follows from the projects that name it (open → linked → done), so a need
is never out of step with its project."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from kiosk.core.events import ID, ID_OPTIONAL, EventKind, Payload
from kiosk.core.order import agreed_order
from kiosk.core.tickets import TICKET_PATTERN

if TYPE_CHECKING:
    from kiosk.core.events import Event

MAX_TITLE = 60
MAX_NAME = 60
MAX_ROLE = 40
MAX_DESCRIPTION = 200
MAX_MEASURE = 8
MAX_QUANTITY = 1_000_000
MAX_NOTE = 200
MAX_LINKS = 50


class ResourceKind(StrEnum):
    VENUE = "venue"  # 场地
    VOLUNTEERS = "volunteers"  # 志愿者
    SKILL = "skill"  # 技能
    FUNDS = "funds"  # 资金
    GOODS = "goods"  # 物资


class ProjectStatus(StrEnum):
    OPEN = "open"  # 进行中
    DONE = "done"  # 已完成
    CANCELLED = "cancelled"  # 已取消


class NeedState(StrEnum):
    OPEN = "open"  # 待对接: no project yet
    LINKED = "linked"  # 已对接: a project in progress names it
    DONE = "done"  # 已完成: a project that names it was completed


class NeedSource(StrEnum):
    WISH = "wish"  # promoted from a traveller's wish (诉求 / 微心愿)
    STAFF = "staff"  # entered by staff at the centre


def _pattern(choices: type[StrEnum]) -> str:
    return "^(" + "|".join(c.value for c in choices) + ")$"


class NeedAdded(Payload):
    """A need on the station's needs list. Promoted from a wish, it names the wish and its
    ticket, never its text: the wish's words are the traveller's (sealed, docs/privacy.md); the
    list shows the short title staff wrote for it."""

    need_id: str = ID
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    source: str = Field(pattern=_pattern(NeedSource))
    wish_id: str | None = ID_OPTIONAL
    ticket: str | None = Field(default=None, pattern=TICKET_PATTERN)

    @model_validator(mode="after")
    def _wish_named(self) -> NeedAdded:
        if (self.source == NeedSource.WISH) != (self.wish_id is not None):
            raise ValueError("a need from a wish names the wish, and only then")
        return self


class UnitAdded(Payload):
    """A member unit of the alliance (联盟成员单位) and the role of whom to contact there (a
    role, not a person's name or phone: the list is shown on the kiosk)."""

    unit_id: str = ID
    name: str = Field(min_length=1, max_length=MAX_NAME)
    contact_role: str = Field(default="", max_length=MAX_ROLE)


class ResourceAdded(Payload):
    """What a member unit offers: a kind, what it is, how much (if counted)."""

    resource_id: str = ID
    unit_id: str = ID
    kind: str = Field(pattern=_pattern(ResourceKind))
    description: str = Field(min_length=1, max_length=MAX_DESCRIPTION)
    quantity: int | None = Field(default=None, ge=0, le=MAX_QUANTITY)
    measure: str = Field(default="", max_length=MAX_MEASURE)  # 间, 人, 元, 箱 …


class ProjectOpened(Payload):
    """A service project matching needs to resources, with an owner and planned dates."""

    project_id: str = ID
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    owner: str = Field(min_length=1, max_length=MAX_NAME)
    need_ids: list[str] = Field(default_factory=list, max_length=MAX_LINKS)
    resource_ids: list[str] = Field(default_factory=list, max_length=MAX_LINKS)
    starts_on: date
    ends_on: date

    @model_validator(mode="after")
    def _dates(self) -> ProjectOpened:
        if self.ends_on < self.starts_on:
            raise ValueError("a project ends on or after the day it starts")
        return self


class ProjectStatusSet(Payload):
    """A project completed or cancelled, on a day, with a note."""

    project_id: str = ID
    status: str = Field(pattern=_pattern(ProjectStatus))
    on: date
    note: str = Field(default="", max_length=MAX_NOTE)


# Every list is the centre's: written on its pages only, never by a kiosk (`hub_only`).
KINDS: tuple[EventKind, ...] = (
    EventKind("lists.need_added", NeedAdded, "need_id", hub_only=True),
    EventKind("lists.unit_added", UnitAdded, "unit_id", hub_only=True),
    EventKind("lists.resource_added", ResourceAdded, "resource_id", hub_only=True),
    EventKind("lists.project_opened", ProjectOpened, "project_id", hub_only=True),
    EventKind("lists.project_status", ProjectStatusSet, "project_id", hub_only=True),
)

# Which status may follow which: a project in progress is completed or cancelled, once.
ALLOWED: dict[ProjectStatus, frozenset[ProjectStatus]] = {
    ProjectStatus.OPEN: frozenset({ProjectStatus.DONE, ProjectStatus.CANCELLED}),
    ProjectStatus.DONE: frozenset(),
    ProjectStatus.CANCELLED: frozenset(),
}


def refusal(current: str, new: str) -> tuple[str, str] | None:
    """Why `current` → `new` is not allowed (zh, en), or None when it is."""
    try:
        now, then = ProjectStatus(current), ProjectStatus(new)
    except ValueError:
        return ("请选择项目状态", "Choose the project's status")
    if then in ALLOWED[now]:
        return None
    if now == then:
        return ("项目已经是这个状态", "The project already has this status")
    return ("已完成或已取消的项目不能再改状态", "A completed or cancelled project cannot change")


@dataclass(frozen=True)
class NeedRow:
    id: str
    station_id: str
    title: str
    source: str
    wish_id: str | None
    ticket: str | None
    added_at: datetime


@dataclass(frozen=True)
class UnitRow:
    id: str
    station_id: str
    name: str
    contact_role: str
    added_at: datetime


@dataclass(frozen=True)
class ResourceRow:
    id: str
    station_id: str
    unit_id: str
    kind: str
    description: str
    quantity: int | None
    measure: str
    added_at: datetime


@dataclass(frozen=True)
class ProjectRow:
    id: str
    station_id: str
    title: str
    owner: str
    need_ids: list[str]
    resource_ids: list[str]
    starts_on: date
    ends_on: date
    status: str
    status_on: date | None
    note: str
    opened_at: datetime


def _first(events: list[Event], kind: str) -> Event | None:
    return next((e for e in agreed_order(events) if e.kind == kind), None)


def fold_need(events: list[Event]) -> NeedRow | None:
    e = _first(events, "lists.need_added")
    if e is None:
        return None
    p = e.payload
    return NeedRow(
        str(p["need_id"]),
        e.station_id,
        str(p["title"]),
        str(p["source"]),
        p.get("wish_id"),
        p.get("ticket"),
        e.occurred_at,
    )


def fold_unit(events: list[Event]) -> UnitRow | None:
    e = _first(events, "lists.unit_added")
    if e is None:
        return None
    p = e.payload
    return UnitRow(
        str(p["unit_id"]),
        e.station_id,
        str(p["name"]),
        str(p.get("contact_role", "")),
        e.occurred_at,
    )


def fold_resource(events: list[Event]) -> ResourceRow | None:
    e = _first(events, "lists.resource_added")
    if e is None:
        return None
    p = e.payload
    quantity = p.get("quantity")
    return ResourceRow(
        str(p["resource_id"]),
        e.station_id,
        str(p["unit_id"]),
        str(p["kind"]),
        str(p["description"]),
        None if quantity is None else int(quantity),
        str(p.get("measure", "")),
        e.occurred_at,
    )


def fold_project(events: list[Event]) -> ProjectRow | None:
    """The project as opened, and its status: in the agreed order, the first change the rules
    allow wins (two desks completing and cancelling at once: the earlier one stands, the later
    one is kept in the log and ignored here); a change before the opening is known waits."""
    ordered = agreed_order(events)
    opened = next((e for e in ordered if e.kind == "lists.project_opened"), None)
    if opened is None:
        return None
    p = opened.payload
    status, status_on, note = ProjectStatus.OPEN.value, None, ""
    for e in ordered:
        if e.kind != "lists.project_status":
            continue
        wanted = str(e.payload["status"])
        if refusal(status, wanted) is None:
            status = wanted
            status_on = date.fromisoformat(str(e.payload["on"]))
            note = str(e.payload.get("note", ""))
    return ProjectRow(
        id=str(p["project_id"]),
        station_id=opened.station_id,
        title=str(p["title"]),
        owner=str(p["owner"]),
        need_ids=[str(n) for n in p.get("need_ids", [])],
        resource_ids=[str(r) for r in p.get("resource_ids", [])],
        starts_on=date.fromisoformat(str(p["starts_on"])),
        ends_on=date.fromisoformat(str(p["ends_on"])),
        status=status,
        status_on=status_on,
        note=note,
        opened_at=opened.occurred_at,
    )


def need_state(need_id: str, projects: Iterable[ProjectRow]) -> NeedState:
    """Done if a project naming it was completed; linked if one is in progress; else open (a
    cancelled project gives the need back to the list)."""
    statuses = {p.status for p in projects if need_id in p.need_ids}
    if ProjectStatus.DONE in statuses:
        return NeedState.DONE
    if ProjectStatus.OPEN in statuses:
        return NeedState.LINKED
    return NeedState.OPEN


def project_of_wish(
    wish_id: str, needs: Iterable[NeedRow], projects: Sequence[ProjectRow]
) -> ProjectRow | None:
    """The project a wish is part of (through its need): one in progress or done before a
    cancelled one, the latest opened first."""
    mine = {n.id for n in needs if n.wish_id == wish_id}
    found = [p for p in projects if mine.intersection(p.need_ids)]
    rank = {ProjectStatus.DONE: 0, ProjectStatus.OPEN: 0, ProjectStatus.CANCELLED: 1}
    found.sort(key=lambda p: (rank.get(ProjectStatus(p.status), 1), -p.opened_at.timestamp()))
    return found[0] if found else None


@dataclass(frozen=True)
class Counts:
    """What the lists come to: the figures the kiosk and the centre show."""

    needs: dict[str, int]  # NeedState value → count
    resources: dict[str, int]  # ResourceKind value → count
    projects: dict[str, int]  # ProjectStatus value → count
    units: int
    done_this_month: int  # projects completed in the month
    needs_met_this_month: int  # needs whose project was completed in the month ("本月完成 N 项")


def counts(
    needs: Sequence[NeedRow],
    units: int,
    resources: Sequence[ResourceRow],
    projects: Sequence[ProjectRow],
    month: tuple[date, date],
) -> Counts:
    """The figures of one station's (or several stations') lists; `month` is [first, next
    month's first) in the station's days."""
    first, after = month
    need_states = Counter(need_state(n.id, projects).value for n in needs)
    done_now = [
        p
        for p in projects
        if p.status == ProjectStatus.DONE and p.status_on and first <= p.status_on < after
    ]
    met = {n for p in done_now for n in p.need_ids} & {n.id for n in needs}
    return Counts(
        needs={s.value: need_states[s.value] for s in NeedState},
        resources={k.value: sum(1 for r in resources if r.kind == k) for k in ResourceKind},
        projects={s.value: sum(1 for p in projects if p.status == s) for s in ProjectStatus},
        units=units,
        done_this_month=len(done_now),
        needs_met_this_month=len(met),
    )


def month_of(day: date) -> tuple[date, date]:
    """[first day, first day of the next month) of `day`'s month."""
    first = day.replace(day=1)
    after = (
        first.replace(year=first.year + 1, month=1)
        if first.month == 12
        else (first.replace(month=first.month + 1))
    )
    return first, after
