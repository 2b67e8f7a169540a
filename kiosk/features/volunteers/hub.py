"""The hub part of `volunteers`: its configuration is checked with the kiosks' schema before it is
published (a bad one is refused with 422 naming the problem, nothing is stored)."""

from __future__ import annotations

from kiosk.features.volunteers.config import Roster
from kiosk.platform.hub.part import ConfigCheck, HubPart

HUB_PART = HubPart(configs={"roster": ConfigCheck(Roster.model_validate, "志愿者名单")})
