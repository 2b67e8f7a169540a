"""The medicine box's items as the hub publishes them (config kind "medicine_items"): the hub
refuses a body that fails `MedicineItems`; kiosks read each entry with `ItemEntry`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kiosk.core.events import DEFER_BUILD
from kiosk.features.medicine.domain import ITEM_ID_PATTERN

MAX_ITEMS = 200  # a kiosk reads this many entries at most


class ItemEntry(BaseModel):
    """One item of the medicine box, bundled or published."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=DEFER_BUILD)

    id: str = Field(pattern=ITEM_ID_PATTERN)
    name_zh: str = Field(min_length=1, max_length=20)
    name_en: str = Field(min_length=1, max_length=40)
    unit_zh: str = Field(min_length=1, max_length=4)
    unit_en: str = Field(min_length=1, max_length=12)
    min_stock: int = Field(default=0, ge=0, le=1000)
    location_zh: str = Field(default="药箱", max_length=20)
    location_en: str = Field(default="Medicine box", max_length=40)


class MedicineItems(BaseModel):
    """A published list: at least one item, distinct ids."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=DEFER_BUILD)

    items: list[ItemEntry] = Field(min_length=1, max_length=MAX_ITEMS)

    @model_validator(mode="after")
    def _check_items(self) -> MedicineItems:
        ids = [item.id for item in self.items]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"item id {twice[0]} is used twice")
        return self
