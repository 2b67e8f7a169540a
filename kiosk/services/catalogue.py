"""The service catalogue shown as home-screen tiles (default from resources/catalogue.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kiosk.resources import resource_path


@dataclass(frozen=True)
class ServiceItem:
    id: str
    name_zh: str
    name_en: str
    icon: str
    description_zh: str
    description_en: str
    where_zh: str
    where_en: str
    hours: str
    enabled: bool = True

    def name(self, language: str) -> str:
        return self.name_zh if language == "zh" else self.name_en

    def description(self, language: str) -> str:
        return self.description_zh if language == "zh" else self.description_en

    def where(self, language: str) -> str:
        return self.where_zh if language == "zh" else self.where_en


def load_catalogue(path: Path | None = None) -> list[ServiceItem]:
    """Enabled services in their configured order."""
    data = json.loads((path or resource_path("catalogue.json")).read_text(encoding="utf-8"))
    items = [ServiceItem(**entry) for entry in data["services"]]
    return [item for item in items if item.enabled]
