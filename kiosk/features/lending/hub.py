"""The hub part of `lending`: its configuration is checked with the kiosks' schema before it is
published (a bad one is refused with 422 naming the problem, nothing is stored)."""

from __future__ import annotations

from kiosk.features.lending.config import LendingItems
from kiosk.platform.hub.part import ConfigCheck, HubPart

HUB_PART = HubPart(configs={"lending_items": ConfigCheck(LendingItems.model_validate, "借用物品")})
