"""Announcements (公告) the centre publishes to a station's kiosks: "heavy rain today, umbrellas
are free", "the west waiting hall is closed until 18:00".

The hub publishes them as configuration of kind `announcements`:
`{"announcements": [{"id", "zh", "en", "level", "from", "until"}]}`. The hub checks a body
strictly before publishing it (`parse_announcements`, a 422 with the reason); a kiosk reads
leniently (`read_announcements`), skipping an entry it cannot show rather than showing nothing,
and shows those in their time window (`current`), warnings first.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

log = logging.getLogger(__name__)

MAX_ANNOUNCEMENTS = 5  # a kiosk shows at most this many at once
MAX_TEXT = 120  # characters of one announcement in one language: two lines on the home screen
_ID = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"


@dataclass(frozen=True)
class Announcement:
    id: str
    zh: str
    en: str
    level: Level = Level.INFO
    starts: datetime | None = None
    ends: datetime | None = None

    def text(self, language: str) -> str:
        """In the kiosk's language; the Chinese text when no English was given."""
        return self.en if language == "en" and self.en else self.zh

    def shows_at(self, now: datetime) -> bool:
        return (self.starts is None or self.starts <= now) and (
            self.ends is None or now < self.ends
        )


def _moment(value: Any, field: str) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{field} must be a date and time text")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{field} is not an ISO date and time: {value[:40]!r}") from exc
    if moment.tzinfo is None:
        raise ValueError(f"{field} needs a UTC offset, e.g. 2026-11-22T08:00:00+08:00")
    return moment


def _text(value: Any, field: str, required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(f"{field} must be text")
    text = " ".join(value.split())
    if required and not text:
        raise ValueError(f"{field} is empty")
    if len(text) > MAX_TEXT:
        raise ValueError(f"{field} is longer than {MAX_TEXT} characters")
    return text


def _entry(raw: Any, index: int) -> Announcement:
    where = f"announcement {index + 1}"
    if not isinstance(raw, dict):
        raise ValueError(f"{where} is not an object")
    unknown = set(raw) - {"id", "zh", "en", "level", "from", "until"}
    if unknown:
        raise ValueError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    ident = raw.get("id")
    if not isinstance(ident, str) or not _ID.match(ident):
        raise ValueError(f"{where}: id must be 1-40 letters, digits, '_', '.' or '-'")
    try:
        level = Level(raw.get("level", Level.INFO.value))
    except ValueError as exc:
        raise ValueError(f"{where}: level must be 'info' or 'warning'") from exc
    starts = _moment(raw.get("from"), f"{where}: from")
    ends = _moment(raw.get("until"), f"{where}: until")
    if starts is not None and ends is not None and ends <= starts:
        raise ValueError(f"{where}: until is not after from")
    return Announcement(
        ident,
        _text(raw.get("zh"), f"{where}: zh", required=True),
        _text(raw.get("en"), f"{where}: en", required=False),
        level,
        starts,
        ends,
    )


def _entries(body: Any) -> list[Any]:
    if not isinstance(body, dict) or not isinstance(body.get("announcements"), list):
        raise ValueError('the body must be {"announcements": [...]}')
    entries: list[Any] = body["announcements"]
    return entries


def parse_announcements(body: Any) -> list[Announcement]:
    """Every entry, or ValueError naming the first problem (the hub refuses the body)."""
    entries = _entries(body)
    if len(entries) > 20:
        raise ValueError("at most 20 announcements")
    found = [_entry(raw, i) for i, raw in enumerate(entries)]
    ids = [a.id for a in found]
    if len(set(ids)) != len(ids):
        raise ValueError("two announcements have the same id")
    return found


def read_announcements(body: Any) -> list[Announcement]:
    """What a kiosk can show of a published body: bad entries are skipped (and logged)."""
    if body is None:
        return []
    try:
        entries = _entries(body)
    except ValueError as exc:
        log.warning("published announcements ignored: %s", exc)
        return []
    found: list[Announcement] = []
    for index, raw in enumerate(entries):
        try:
            found.append(_entry(raw, index))
        except ValueError as exc:
            log.warning("published announcement skipped: %s", exc)
    return found


def current(announcements: list[Announcement], now: datetime) -> list[Announcement]:
    """Those to show at `now`: in their window, warnings first, at most MAX_ANNOUNCEMENTS."""
    showing = [a for a in announcements if a.shows_at(now)]
    showing.sort(key=lambda a: a.level is not Level.WARNING)  # stable: published order kept
    return showing[:MAX_ANNOUNCEMENTS]
