"""The hub part of `catalogue`: its configuration is checked with the kiosks' schema before it is
published (a bad one is refused with 422 naming the problem, nothing is stored); and the hub's
read of it: the service a scanned tile names on a phone page, the services' names on the centre's
pages (the station's published catalogue, else the one published for every station, else the
bundled resources/catalogue.json).

Read as plain JSON: only the fields a page shows are taken, and an entry missing one of them is
treated as absent (a catalogue published before a field existed still shows).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from kiosk.features.catalogue.config import Catalogue
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.part import ConfigCheck, HubPart
from kiosk.resources import resource_path


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
    with resource_path("catalogue.json").open(encoding="utf-8") as handle:
        return json.load(handle)


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
    """(station, service id) → (name_zh, name_en) from each station's catalogue."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    with database.read() as session:
        for station in stations:
            body = catalogue_for(session, station)
            services = body.get("services") if isinstance(body, dict) else None
            for entry in services if isinstance(services, list) else []:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    zh, en = entry.get("name_zh"), entry.get("name_en")
                    if isinstance(zh, str) and isinstance(en, str):
                        out[(station, entry["id"])] = (zh, en)
    return out


HUB_PART = HubPart(configs={"catalogue": ConfigCheck(Catalogue.model_validate, "服务目录")})
