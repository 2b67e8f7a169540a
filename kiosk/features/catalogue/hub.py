"""The hub part of `catalogue`: its configuration is checked with the kiosks' schema before it is
published (a bad one is refused with 422 naming the problem, nothing is stored); and the hub's
read of it: the service a scanned tile names on a phone page, the services' names on the centre's
pages (the station's published catalogue, else the one published for every station, else the
bundled resources/catalogue.json).

Read as plain JSON: only the fields a page shows are taken, and an entry missing one of them is
treated as absent (a catalogue published before a field existed still shows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kiosk.features.catalogue.config import Catalogue
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.part import ConfigCheck, HubPart, PublishForm
from kiosk.platform.hub.published import published_entries_by_station
from kiosk.resources import bundled_json


@dataclass(frozen=True)
class ServiceInfo:
    id: str
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    where_zh: str
    where_en: str
    hours: str
    hours_en: str

    def text(self, lang: str) -> dict[str, str]:
        """The page's fields in `lang`."""
        if lang == "zh":
            return {
                "name": self.name_zh,
                "description": self.description_zh,
                "where": self.where_zh,
                "hours": self.hours,
            }
        return {
            "name": self.name_en,
            "description": self.description_en,
            "where": self.where_en,
            "hours": self.hours_en or self.hours,
        }


_REQUIRED = ("name_zh", "name_en", "description_zh", "description_en", "where_zh", "where_en")


def find_service(body: Any, service_id: str) -> ServiceInfo | None:
    """The enabled entry `service_id` of a catalogue body, if it is whole."""
    services = body.get("services") if isinstance(body, dict) else None
    if not isinstance(services, list):
        return None
    for entry in services:
        if not isinstance(entry, dict) or entry.get("id") != service_id:
            continue
        if entry.get("enabled", True) is False:
            return None
        fields = {k: entry.get(k) for k in (*_REQUIRED, "hours", "hours_en")}
        if not all(isinstance(fields[k], str) and fields[k] for k in (*_REQUIRED, "hours")):
            return None
        hours_en = fields["hours_en"] if isinstance(fields["hours_en"], str) else ""
        return ServiceInfo(
            id=service_id,
            name_zh=str(fields["name_zh"]),
            name_en=str(fields["name_en"]),
            description_zh=str(fields["description_zh"]),
            description_en=str(fields["description_en"]),
            where_zh=str(fields["where_zh"]),
            where_en=str(fields["where_en"]),
            hours=str(fields["hours"]),
            hours_en=hours_en,
        )
    return None


@lru_cache(maxsize=1)
def bundled_catalogue() -> Any:
    return bundled_json("catalogue.json")


def catalogue_for(session: Session, station_id: str) -> Any:
    """The catalogue body that station's kiosks show."""
    for scope in (station_id, None):
        row = repo.latest_config(session, "catalogue", scope)
        if row is not None:
            return row.body
    return bundled_catalogue()


def service_names(
    database: Database, stations: list[str]
) -> dict[tuple[str, str], tuple[str, str]]:
    """(station, service id) → (name_zh, name_en) from each station's catalogue, read in two
    queries for all of them (one per station took 5 s before a province's CSV began)."""
    with database.read() as session:
        lists = published_entries_by_station(
            session, "catalogue", stations, "catalogue.json", key="services"
        )
    named: dict[int, dict[str, tuple[str, str]]] = {}  # per list: stations share the default
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for station, found in lists.items():
        names = named.get(id(found))
        if names is None:
            names = named[id(found)] = {
                str(e["id"]): (e["name_zh"], e["name_en"])
                for e in found
                if isinstance(e.get("name_zh"), str) and isinstance(e.get("name_en"), str)
            }
        for service_id, pair in names.items():
            out[(station, service_id)] = pair
    return out


EDITABLE = ("name_zh", "name_en", "hours", "hours_en", "where_zh", "where_en")
MAX_FORM_SERVICES = 500


def catalogue_from_form(
    fields: Mapping[str, str], current: Mapping[str, Any] | None, _tz: ZoneInfo
) -> dict[str, Any]:
    """The catalogue in force with each tile's shown/order/names/hours/place as the form says;
    what the form does not show (icons, descriptions, QR links) is kept as it was."""
    services = (current or {}).get("services", [])
    by_id = {
        entry["id"]: entry
        for entry in (services if isinstance(services, list) else [])
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    }
    out = []
    for index in range(MAX_FORM_SERVICES):
        service_id = fields.get(f"svc-{index}-id")
        if service_id is None:
            break
        entry = by_id.get(service_id)
        if entry is None:
            raise ValueError(f"service {service_id[:64]!r} is not in the catalogue in force")
        prefix = f"svc-{index}-"
        updated = dict(entry)
        updated["enabled"] = bool(fields.get(prefix + "enabled"))
        order = fields.get(prefix + "order", "").strip()
        try:
            updated["order"] = int(order) if order else 0
        except ValueError:
            raise ValueError(f"services.{index}.order must be a whole number") from None
        for name in EDITABLE:
            if (prefix + name) in fields:
                updated[name] = " ".join(fields[prefix + name].split())
        out.append(updated)
    return {**(current or {}), "services": out}


HUB_PART = HubPart(
    configs={
        "catalogue": ConfigCheck(
            Catalogue.model_validate,
            "服务目录",
            PublishForm("catalogue_fields.html", catalogue_from_form, bundled_catalogue),
        )
    },
    templates="kiosk.features.catalogue",
    words={
        "cat_hint": (
            "每个服务一行：勾选即在终端首页显示；顺序小的排在前面。"
            "图标、说明和二维码链接保持不变（如需修改请以 JSON 编辑）。",
            "One service a row: ticked shows on the kiosks' home, a lower order comes first. "
            "Icons, descriptions and QR links stay as they are (edit as JSON to change them).",
        ),
        "cat_shown": ("显示", "Shown"),
        "cat_order": ("顺序", "Order"),
        "cat_name_zh": ("名称（中文）", "Name (Chinese)"),
        "cat_name_en": ("名称（英文）", "Name (English)"),
        "cat_hours": ("开放时间", "Hours (Chinese)"),
        "cat_hours_en": ("开放时间（英文）", "Hours (English)"),
        "cat_where_zh": ("地点（中文）", "Place (Chinese)"),
        "cat_where_en": ("地点（英文）", "Place (English)"),
    },
)
