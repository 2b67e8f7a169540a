"""The catalogue as the hub publishes it (config kind "catalogue"): the hub refuses a body that
fails `Catalogue`, kiosks read each entry with `Entry` (and, in a test, the bundled one). Its
own module so pydantic is imported only when a publication arrives, not before the kiosk's
first paint."""

from __future__ import annotations

import string

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kiosk.core.events import DEFER_BUILD
from kiosk.features.catalogue.domain.seasons import SEASONS

_TEMPLATE_FIELDS = {"hub", "station", "service"}
_TEXT = Field(min_length=1, max_length=120)


class Entry(BaseModel):
    """The schema of one catalogue entry, bundled or published."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=DEFER_BUILD)

    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    name_zh: str = Field(min_length=1, max_length=40)
    name_en: str = Field(min_length=1, max_length=60)
    icon: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_-]+$")
    description_zh: str = _TEXT
    description_en: str = Field(min_length=1, max_length=200)
    where_zh: str = _TEXT
    where_en: str = _TEXT
    hours: str = Field(min_length=1, max_length=40)
    hours_en: str = Field(default="", max_length=40)
    enabled: bool = True
    order: int = Field(default=0, ge=-10_000, le=10_000)
    season: str | None = Field(default=None, pattern="^(" + "|".join(SEASONS) + ")$")
    qr_url: str | None = Field(default=None, min_length=8, max_length=400)
    one_tap: bool = False

    @field_validator("qr_url")
    @classmethod
    def _check_template(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("https://", "http://", "{hub}")):
            raise ValueError("a QR link must be an http(s) URL or start with {hub}")
        fields = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        if not fields <= _TEMPLATE_FIELDS:
            raise ValueError(f"unknown placeholders {sorted(fields - _TEMPLATE_FIELDS)}")
        return value


class Catalogue(BaseModel):
    """A published catalogue: entries with distinct ids, at least one of them shown (a kiosk
    keeps its current catalogue rather than show none)."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=DEFER_BUILD)

    services: list[Entry] = Field(max_length=500)

    @model_validator(mode="after")
    def _check_services(self) -> Catalogue:
        ids = [entry.id for entry in self.services]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"service id {twice[0]} is used twice")
        if not any(entry.enabled for entry in self.services):
            raise ValueError("no service is enabled")
        return self
