"""The hub part of `catalogue`: its configuration is checked with the kiosks' schema before it is
published (a bad one is refused with 422 naming the problem, nothing is stored)."""

from __future__ import annotations

from kiosk.features.catalogue.config import Catalogue
from kiosk.platform.hub.part import ConfigCheck, HubPart

HUB_PART = HubPart(configs={"catalogue": ConfigCheck(Catalogue.model_validate, "服务目录")})
