"""The hub part of `announcements`: its configuration is checked with the kiosks' schema before
it is published (a bad one is refused with 422 naming the problem, nothing is stored), and the
centre fills it in by a form: the announcements in force, each kept or dropped, and a new one
with its texts, level and time window in station time."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.features.announcements.config import parse_announcements
from kiosk.platform.hub.part import ConfigCheck, HubPart, PublishForm

FIELDS = ("zh", "en", "from", "until")


def _moment(text: str, field: str, tz: ZoneInfo) -> str | None:
    """A datetime-local field ("2026-12-06T18:00", station time) as ISO with its offset."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{field} is not a date and time: {text[:20]!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.isoformat()


def announcements_from_form(
    fields: Mapping[str, str], current: Mapping[str, Any] | None, tz: ZoneInfo
) -> dict[str, Any]:
    """The announcements in force that were kept, then the new one if anything was typed."""
    entries = (current or {}).get("announcements", [])
    kept = [
        entry
        for entry in entries
        if isinstance(entries, list)
        if isinstance(entry, dict) and fields.get(f"keep-{entry.get('id')}")
    ]
    if any(fields.get(name, "").strip() for name in FIELDS):
        new: dict[str, Any] = {
            "id": f"c-{secrets.token_hex(4)}",
            "zh": fields.get("zh", ""),
            "en": fields.get("en", ""),
            "level": fields.get("level", "info"),
        }
        for name in ("from", "until"):
            if (moment := _moment(fields.get(name, "").strip(), name, tz)) is not None:
                new[name] = moment
        kept.append(new)
    return {"announcements": kept}


HUB_PART = HubPart(
    configs={
        "announcements": ConfigCheck(
            parse_announcements,
            "公告",
            PublishForm("announcements_fields.html", announcements_from_form),
        )
    },
    templates="kiosk.features.announcements",
    words={
        "ann_current": ("正在发布的公告（取消勾选即撤下）", "In force (untick to take one down)"),
        "ann_none": ("目前没有公告", "No announcements in force"),
        "ann_new": ("新增一条公告", "Add an announcement"),
        "ann_zh": ("中文内容（必填，120 字以内）", "Chinese text (required, up to 120 characters)"),
        "ann_en": ("英文内容（可不填）", "English text (optional)"),
        "ann_level": ("级别", "Level"),
        "ann_info": ("通知", "Notice"),
        "ann_warning": ("提醒（醒目显示）", "Warning (shown prominently)"),
        "ann_from": ("开始显示（站点时间，可不填）", "Show from (station time, optional)"),
        "ann_until": ("停止显示（可不填）", "Show until (optional)"),
        "ann_hint": (
            "终端首页最多同时显示 5 条，提醒排在前面。",
            "A kiosk's home shows up to 5 at once, warnings first.",
        ),
    },
)
