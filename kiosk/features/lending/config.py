"""The lending items as the hub publishes them (config kind "lending_items"): the hub refuses a
body that fails `LendingItems`; kiosks read each entry with `ItemEntry`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kiosk.core.events import DEFER_BUILD
from kiosk.features.lending.domain import ITEM_ID_PATTERN, MAX_DUE_DAYS

MAX_ITEMS = 100  # a kiosk reads this many entries at most


class ItemEntry(BaseModel):
    """One item that can be lent, bundled or published."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=DEFER_BUILD)

    id: str = Field(pattern=ITEM_ID_PATTERN)
    service_id: str = Field(default="", max_length=64, pattern=r"^[A-Za-z0-9_.:-]*$")
    name_zh: str = Field(min_length=1, max_length=10)
    name_en: str = Field(min_length=1, max_length=30)
    plural_en: str = Field(min_length=1, max_length=30)
    measure_zh: str = Field(default="个", min_length=1, max_length=2)
    icon: str = Field(default="info", pattern=r"^[a-z0-9_-]{1,40}$")
    due_days: int = Field(default=3, ge=1, le=MAX_DUE_DAYS)


class LendingItems(BaseModel):
    """A published list: at least one item, distinct ids."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=DEFER_BUILD)

    items: list[ItemEntry] = Field(min_length=1, max_length=MAX_ITEMS)

    @model_validator(mode="after")
    def _check_items(self) -> LendingItems:
        ids = [item.id for item in self.items]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"item id {twice[0]} is used twice")
        return self
