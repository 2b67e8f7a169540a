"""The hub part of `announcements`: its configuration is checked with the kiosks' schema before
it is published (a bad one is refused with 422 naming the problem, nothing is stored)."""

from __future__ import annotations

from kiosk.features.announcements.config import parse_announcements
from kiosk.platform.hub.part import ConfigCheck, HubPart

HUB_PART = HubPart(configs={"announcements": ConfigCheck(parse_announcements, "公告")})
