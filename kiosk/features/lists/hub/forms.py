"""The centre's forms for the lists: each checked field by field (a refusal names its field,
in 中文 and English) and written as one event into the station's feed, so the station's kiosks
fold it on their next pull. A check that depends on what is stored (the project's status, a
wish already listed) runs in the write transaction, after the station's pseudo-kiosk row is
taken, so two desks cannot both pass it."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kiosk.core.ids import new_id
from kiosk.core.text import unstorable_char
from kiosk.features.lists import domain
from kiosk.features.lists.hub.read import StationLists, station_lists_in
from kiosk.features.requests.hub.tickets import opener
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.web_events import append_hub_event, lock_author


class FieldRefused(Exception):
    """A form's field refused: which field, and why (zh, en)."""

    def __init__(self, field: str, zh: str, en: str) -> None:
        super().__init__(field, en)
        self.field, self.zh, self.en = field, zh, en


@dataclass(frozen=True)
class Written:
    """What a form wrote: the event's kind and id, and the entry's id and title."""

    kind: str
    event_id: str
    entry_id: str
    title: str


def _text(form: Mapping[str, str], name: str, limit: int, *, required: bool = True) -> str:
    text = " ".join(unicodedata.normalize("NFC", form.get(name, "")).split())
    if required and not text:
        raise FieldRefused(name, "请填写此项", "Please fill this in")
    if len(text) > limit:
        raise FieldRefused(name, f"最多 {limit} 个字", f"At most {limit} characters")
    if unstorable_char(text) or any(unicodedata.category(c) == "Cc" for c in text):
        raise FieldRefused(name, "含有无法保存的字符", "Contains a character that cannot be stored")
    return text


def _day(form: Mapping[str, str], name: str) -> date:
    try:
        return date.fromisoformat(form.get(name, "").strip())
    except ValueError:
        raise FieldRefused(
            name, "请填写日期（年-月-日）", "Enter a date (year-month-day)"
        ) from None


def _write(
    database: Database,
    station_id: str,
    kind: str,
    payload: dict[str, Any],
    now: datetime,
    actor: str,
    check: Any = None,
) -> str:
    """Check (with the station's lists as stored, in the write transaction) and append."""
    with database.write() as session:
        if repo.get_station(session, station_id) is None:
            raise FieldRefused("station_id", "站点不存在", "No such station")
        lock_author(session, station_id)
        if check is not None:
            check(session, station_lists_in(session, [station_id])[station_id])
        row = append_hub_event(session, station_id, kind, payload, now, actor=actor)
        return row.id


def add_unit(
    database: Database, station_id: str, form: Mapping[str, str], now: datetime, actor: str
) -> Written:
    name = _text(form, "name", domain.MAX_NAME)
    role = _text(form, "contact_role", domain.MAX_ROLE, required=False)
    unit_id = new_id()

    def check(_session: Any, lists: StationLists) -> None:
        if any(u.name == name for u in lists.units):
            raise FieldRefused("name", "这个成员单位已登记", "This member unit is already listed")

    payload = {"unit_id": unit_id, "name": name, "contact_role": role}
    event = _write(database, station_id, "lists.unit_added", payload, now, actor, check)
    return Written("lists.unit_added", event, unit_id, name)


def add_resource(
    database: Database, station_id: str, form: Mapping[str, str], now: datetime, actor: str
) -> Written:
    unit_id = form.get("unit_id", "")
    kind = form.get("kind", "")
    if kind not in {k.value for k in domain.ResourceKind}:
        raise FieldRefused("kind", "请选择资源类别", "Choose the kind of resource")
    description = _text(form, "description", domain.MAX_DESCRIPTION)
    raw = form.get("quantity", "").strip()
    quantity: int | None = None
    if raw:
        if not raw.isdigit() or int(raw) > domain.MAX_QUANTITY:
            raise FieldRefused(
                "quantity",
                f"数量须为 0 至 {domain.MAX_QUANTITY} 的整数",
                f"The quantity is a whole number from 0 to {domain.MAX_QUANTITY}",
            )
        quantity = int(raw)
    measure = _text(form, "measure", domain.MAX_MEASURE, required=False)
    resource_id = new_id()

    def check(_session: Any, lists: StationLists) -> None:
        if not any(u.id == unit_id for u in lists.units):
            raise FieldRefused(
                "unit_id", "请选择本站的成员单位", "Choose a member unit of the station"
            )

    payload = {
        "resource_id": resource_id,
        "unit_id": unit_id,
        "kind": kind,
        "description": description,
        "quantity": quantity,
        "measure": measure,
    }
    event = _write(database, station_id, "lists.resource_added", payload, now, actor, check)
    return Written("lists.resource_added", event, resource_id, description)


def add_need(
    database: Database, station_id: str, form: Mapping[str, str], now: datetime, actor: str
) -> Written:
    """A need typed by staff, or promoted from a wish by its ticket number (the wish's own
    words stay on the wish: the list shows the title written here)."""
    title = _text(form, "title", domain.MAX_TITLE)
    ticket = form.get("ticket", "").strip()
    need_id = new_id()
    payload: dict[str, Any] = {"need_id": need_id, "title": title, "source": "staff"}

    def check(session: Any, lists: StationLists) -> None:
        if not ticket:
            return
        wish = opener(session, station_id, ticket) if ticket.isdigit() else None
        if wish is None or wish.kind != "wish.submitted":
            raise FieldRefused(
                "ticket", "本站没有这个心愿单号", "No wish of the station has this ticket"
            )
        wish_id = str(wish.payload["wish_id"])
        if any(n.wish_id == wish_id for n in lists.needs):
            raise FieldRefused(
                "ticket", "这条心愿已在需求清单上", "This wish is already on the needs list"
            )
        payload.update(source="wish", wish_id=wish_id, ticket=ticket)

    event = _write(database, station_id, "lists.need_added", payload, now, actor, check)
    return Written("lists.need_added", event, need_id, title)


def _picked(form: Mapping[str, str], prefix: str) -> list[str]:
    return sorted(k[len(prefix) :] for k, v in form.items() if k.startswith(prefix) and v)


def open_project(
    database: Database, station_id: str, form: Mapping[str, str], now: datetime, actor: str
) -> Written:
    """A project naming at least one need of the station (and any of its resources)."""
    title = _text(form, "title", domain.MAX_TITLE)
    owner = _text(form, "owner", domain.MAX_NAME)
    starts, ends = _day(form, "starts_on"), _day(form, "ends_on")
    if ends < starts:
        raise FieldRefused(
            "ends_on", "结束日期不能早于开始日期", "The end cannot be before the start"
        )
    needs, resources = _picked(form, "need_"), _picked(form, "resource_")
    if not needs:
        raise FieldRefused("needs", "请至少选择一项需求", "Choose at least one need")
    if len(needs) > domain.MAX_LINKS or len(resources) > domain.MAX_LINKS:
        raise FieldRefused("needs", "选择的项目过多", "Too many chosen")
    project_id = new_id()

    def check(_session: Any, lists: StationLists) -> None:
        if not set(needs) <= {n.id for n in lists.needs}:
            raise FieldRefused("needs", "请选择本站的需求", "Choose needs of the station")
        if not set(resources) <= {r.id for r in lists.resources}:
            raise FieldRefused("resources", "请选择本站的资源", "Choose resources of the station")

    payload = {
        "project_id": project_id,
        "title": title,
        "owner": owner,
        "need_ids": needs,
        "resource_ids": resources,
        "starts_on": starts.isoformat(),
        "ends_on": ends.isoformat(),
    }
    event = _write(database, station_id, "lists.project_opened", payload, now, actor, check)
    return Written("lists.project_opened", event, project_id, title)


def set_status(
    database: Database, station_id: str, form: Mapping[str, str], now: datetime, actor: str
) -> Written:
    """Complete or cancel a project in progress; any other change is refused with its reason."""
    project_id = form.get("project_id", "")
    status = form.get("status", "")
    on = _day(form, "on")
    note = _text(form, "note", domain.MAX_NOTE, required=False)
    found: list[domain.ProjectRow] = []

    def check(_session: Any, lists: StationLists) -> None:
        project = next((p for p in lists.projects if p.id == project_id), None)
        if project is None:
            raise FieldRefused("project_id", "本站没有这个项目", "No such project at the station")
        why = domain.refusal(project.status, status)
        if why is not None:
            raise FieldRefused("status", *why)
        if on < project.starts_on:
            raise FieldRefused(
                "on", "日期不能早于项目开始日期", "The date is before the project starts"
            )
        found.append(project)

    payload = {"project_id": project_id, "status": status, "on": on.isoformat(), "note": note}
    event = _write(database, station_id, "lists.project_status", payload, now, actor, check)
    return Written("lists.project_status", event, project_id, found[0].title)
