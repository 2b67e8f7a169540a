"""The hub part of `trains`: a published timetable is checked with the kiosks' own schema
before it is stored (a bad one is refused with 422 `bad_timetable` naming the field)."""

from __future__ import annotations

from kiosk.features.trains.config import Timetable
from kiosk.platform.hub.part import ConfigCheck, HubPart

HUB_PART = HubPart(configs={"timetable": ConfigCheck(Timetable.model_validate, "时刻表")})
