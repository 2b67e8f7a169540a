"""The hub part of `medicine`: its configuration is checked with the kiosks' schema before it is
published (a bad one is refused with 422 naming the problem, nothing is stored)."""

from __future__ import annotations

from kiosk.features.medicine.config import MedicineItems
from kiosk.platform.hub.part import ConfigCheck, HubPart

HUB_PART = HubPart(
    configs={"medicine_items": ConfigCheck(MedicineItems.model_validate, "药箱物品")}
)
