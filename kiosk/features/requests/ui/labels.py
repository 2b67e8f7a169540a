"""Icons and bilingual names of request and wish categories, statuses, notes and faces.

The names are the house's words (`kiosk.core.words`, the same the phone pages, the centre and
the log review show); this module only adds the icons. Shown bilingual on the tiles and cards
(a traveller may read only one of the two), so they are pairs rather than translated source
strings; `pair()` orders them for the current language.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.core import words
from kiosk.core.tickets import RequestCategory, WishCategory

_CATEGORY_ICONS = {
    RequestCategory.WHEELCHAIR: "accessibility",
    RequestCategory.LUGGAGE: "luggage",
    RequestCategory.LOST: "search",
    RequestCategory.DIRECTIONS: "signpost",
    RequestCategory.MEDICAL: "medicine",
    RequestCategory.OTHER: "info",
}
_WISH_ICONS = {
    WishCategory.WAGES: "legal",
    WishCategory.REST: "rest",
    WishCategory.HEALTH: "medicine",
    WishCategory.JOB: "jobs",
    WishCategory.FAMILY: "baby",
    WishCategory.SUGGESTION: "wish",
    WishCategory.OTHER: "info",
}
_FACE_ICONS = {"good": "face_good", "ok": "face_ok", "bad": "face_bad"}

REQUEST_CATEGORIES: dict[str, tuple[str, str, str]] = {  # icon, zh, en
    c.value: (_CATEGORY_ICONS[c], *words.REQUEST_CATEGORIES[c.value]) for c in RequestCategory
}
WISH_CATEGORIES: dict[str, tuple[str, str, str]] = {
    c.value: (_WISH_ICONS[c], *words.WISH_CATEGORIES[c.value]) for c in WishCategory
}
REQUEST_STATUS = words.REQUEST_STATUSES
WISH_STATUS = words.WISH_STATUSES
NOTES = words.COMPLETION_NOTES
ESCALATIONS = words.ESCALATIONS
FACES: tuple[tuple[str, str, str, str], ...] = tuple(  # rating, icon, zh, en
    (rating, icon, *words.RATINGS[rating]) for rating, icon in _FACE_ICONS.items()
)


def pair(zh: str, en: str, language: str) -> tuple[str, str]:
    """(current language, other language)."""
    return (zh, en) if language == "zh" else (en, zh)


def one(texts: tuple[str, str], language: str) -> str:
    return texts[0] if language == "zh" else texts[1]


def group_ticket(ticket: str) -> str:
    """123 456: read aloud and typed back more easily."""
    return f"{ticket[:3]} {ticket[3:]}"


def minutes_since(start: datetime, now: datetime) -> int:
    return max(0, int((now - start).total_seconds() // 60))
