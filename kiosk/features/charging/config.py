"""The charging slots as the hub publishes them (config kind "charging_slots"): the hub refuses
a body that fails `ChargingSlots`; kiosks read each entry with `SlotEntry`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kiosk.core.events import DEFER_BUILD
from kiosk.features.charging.domain import SLOT_ID_PATTERN, SlotKind

MAX_SLOTS = 200  # a kiosk reads this many entries of a list at most


class SlotEntry(BaseModel):
    """One slot, bundled or published."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=DEFER_BUILD)

    id: str = Field(pattern=SLOT_ID_PATTERN)
    number: int = Field(ge=1, le=999)
    kind: SlotKind = SlotKind.LOCKER
    label_zh: str = Field(min_length=1, max_length=20)
    label_en: str = Field(min_length=1, max_length=30)


def _distinct(slots: list[SlotEntry]) -> None:
    ids = [slot.id for slot in slots]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(f"slot id {twice[0]} is used twice")


class KioskSlots(BaseModel):
    """One kiosk's own set (the south exit has 8 lockers, the north exit 2 cables)."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=DEFER_BUILD)

    slots: list[SlotEntry] = Field(min_length=1, max_length=MAX_SLOTS)

    @model_validator(mode="after")
    def _check_slots(self) -> KioskSlots:
        _distinct(self.slots)
        return self


class ChargingSlots(BaseModel):
    """A published set: `slots` for every kiosk of the station, `kiosks` for some of them."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=DEFER_BUILD)

    slots: list[SlotEntry] | None = Field(default=None, min_length=1, max_length=MAX_SLOTS)
    kiosks: dict[str, KioskSlots] = Field(default_factory=dict, max_length=200)

    @model_validator(mode="after")
    def _check_slots(self) -> ChargingSlots:
        if self.slots is None and not self.kiosks:
            raise ValueError('the body must be {"slots": [...]} or {"kiosks": {...}}')
        _distinct(self.slots or [])
        return self
