"""The hub part of emergencies: what the station's webhooks say when the red button is pressed
(kiosk/platform/hub/webhooks.py calls them)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.platform.hub.part import HubPart, Notice


def _raised(payload: Mapping[str, Any], occurred_at: datetime, tz: ZoneInfo) -> Notice:
    at = occurred_at.astimezone(tz).strftime("%H:%M")
    return Notice(
        "紧急求助",
        "Emergency",
        f"{payload['place_zh']}（{at} 起）有人紧急求助，请值班志愿者立即前往；必要时拨打 120。",
        f"Emergency at {payload['place_en']} since {at}: a volunteer on duty, go now; "
        "call 120 if needed.",
    )


HUB_PART = HubPart(notices={"emergency.raised": _raised})
