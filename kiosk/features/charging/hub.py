"""The hub part of `charging`: its configuration is checked with the kiosks' schema before it is
published (a bad one is refused with 422 naming the problem, nothing is stored)."""

from __future__ import annotations

from kiosk.features.charging.config import ChargingSlots
from kiosk.platform.hub.part import ConfigCheck, HubPart

HUB_PART = HubPart(configs={"charging_slots": ConfigCheck(ChargingSlots.model_validate, "充电位")})
