"""The schema of a catalogue entry, checked for catalogues the hub publishes (and, in a test,
for the bundled one). Its own module so pydantic is imported only when a publication arrives,
not before the kiosk's first paint."""

from __future__ import annotations

import string

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kiosk.features.catalogue.domain.seasons import SEASONS

_TEMPLATE_FIELDS = {"hub", "station", "service"}
_TEXT = Field(min_length=1, max_length=120)


class Entry(BaseModel):
    """The schema of one catalogue entry, bundled or published."""

    model_config = ConfigDict(extra="ignore", frozen=True)

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
