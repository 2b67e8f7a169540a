"""The service catalogue: the home tiles, each service's page and the link its QR code opens.

The bundled default (resources/catalogue.json) is used until the hub publishes a catalogue
(config kind "catalogue"); a published one replaces it. Publications are checked entry by entry:
a bad entry is logged and left out, a publication with no usable entry is ignored, and neither
ever stops the kiosk.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from kiosk.resources import resource_path

log = logging.getLogger(__name__)

# Where a service's QR code points unless the station set its own link (e.g. its mini-program).
DEFAULT_QR_TEMPLATE = "{hub}/s/{station}/{service}"


@dataclass(frozen=True)
class ServiceItem:
    """One service as shown on the kiosk (plain data; the UI never sees the raw JSON)."""

    id: str
    name_zh: str
    name_en: str
    icon: str
    description_zh: str
    description_en: str
    where_zh: str
    where_en: str
    hours: str
    hours_en: str = ""
    enabled: bool = True
    order: int = 0
    season: str | None = None  # a seasonal preset: summer cooling, winter warmth, rain
    qr_url: str | None = None  # the station's own link template; None: the hub's page
    one_tap: bool = False  # water, rest, microwave, reading: a single "used" tap counts

    def name(self, language: str) -> str:
        return self.name_zh if language == "zh" else self.name_en

    def description(self, language: str) -> str:
        return self.description_zh if language == "zh" else self.description_en

    def where(self, language: str) -> str:
        return self.where_zh if language == "zh" else self.where_en

    def opening_hours(self, language: str) -> str:
        return self.hours if language == "zh" or not self.hours_en else self.hours_en

    def qr_target(self, hub_url: str | None, station_id: str) -> str:
        """The link this service's QR code opens at `station_id`; "" (no code at all) when the
        link needs a hub and there is none: a stand-alone kiosk shows no dead link to a phone."""
        template = self.qr_url or DEFAULT_QR_TEMPLATE
        if not hub_url and "{hub}" in template:
            return ""
        hub = (hub_url or "").rstrip("/")
        return template.format(hub=hub, station=station_id, service=self.id)


def parse_catalogue(
    data: object, source: str, *, include_disabled: bool = False
) -> list[ServiceItem]:
    """Enabled services of a catalogue body in their order (with `include_disabled`, all of
    them: a local admin may show a service the hub hid); bad entries are logged and skipped."""
    from pydantic import ValidationError as PydanticValidationError

    from kiosk.features.catalogue.config import Entry as _Entry

    entries = data.get("services") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        log.warning("catalogue from %s has no list of services: ignored", source)
        return []
    items: list[ServiceItem] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        try:
            model = _Entry.model_validate(entry)
        except PydanticValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            log.warning(
                "catalogue from %s: entry %d ignored (%s: %s)", source, index, where, first["msg"]
            )
            continue
        if model.id in seen:
            log.warning(
                "catalogue from %s: entry %d ignored (duplicate id %s)", source, index, model.id
            )
            continue
        seen.add(model.id)
        items.append(ServiceItem(**model.model_dump()))
    shown = [item for item in items if item.enabled or include_disabled]
    return sorted(shown, key=lambda item: item.order)  # stable: equal orders keep file order


_FIELDS = {f.name for f in fields(ServiceItem)}


def load_catalogue(
    path: Path | None = None, *, include_disabled: bool = False
) -> list[ServiceItem]:
    """The bundled default catalogue: enabled services in their configured order.

    Read before the first paint, so without pydantic (~70 ms to import): the file ships with
    the kiosk and a test holds it to the same schema as a published catalogue.
    """
    source = path or resource_path("catalogue.json")
    data = json.loads(source.read_text(encoding="utf-8"))
    items = [
        ServiceItem(**{k: v for k, v in entry.items() if k in _FIELDS})
        for entry in data["services"]
    ]
    shown = [item for item in items if item.enabled or include_disabled]
    return sorted(shown, key=lambda item: item.order)


def choose_catalogue(
    published: Any, default: list[ServiceItem], *, include_disabled: bool = False
) -> list[ServiceItem]:
    """The hub's catalogue when it has at least one usable service, else the default."""
    if published is None:
        return default
    items = parse_catalogue(published, "the hub", include_disabled=include_disabled)
    if not any(item.enabled for item in items):
        log.warning("published catalogue has no usable service: keeping the current one")
        return default
    return items


def apply_overrides(
    items: list[ServiceItem],
    overrides: dict[str, dict[str, Any]],
    *,
    include_disabled: bool = False,
) -> list[ServiceItem]:
    """The catalogue shown: local admin edits over the base (hub or bundled, hidden ones
    included), enabled services only (all of them for the admin's list), in their order."""
    edited = [
        replace(item, **overrides[item.id]) if item.id in overrides else item for item in items
    ]
    shown = [item for item in edited if item.enabled or include_disabled]
    return sorted(shown, key=lambda item: item.order)
