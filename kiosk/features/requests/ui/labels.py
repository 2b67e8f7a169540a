"""Names of request and wish categories, statuses, notes and faces, in both languages.

Shown bilingual on the tiles and cards (a traveller may read only one of the two), so they are
pairs here rather than translated source strings; `pair()` orders them for the current language.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.core.tickets import RequestCategory, WishCategory
from kiosk.features.requests.domain import CompletionNote, Escalation, RequestStatus, WishStatus

REQUEST_CATEGORIES: dict[str, tuple[str, str, str]] = {  # icon, zh, en
    RequestCategory.WHEELCHAIR: ("accessibility", "轮椅 / 陪护", "Wheelchair or escort"),
    RequestCategory.LUGGAGE: ("luggage", "行李搬运", "Luggage"),
    RequestCategory.LOST: ("search", "寻物 / 寻人", "Lost item or person"),
    RequestCategory.DIRECTIONS: ("signpost", "问路引导", "Directions"),
    RequestCategory.MEDICAL: ("medicine", "身体不适", "Feeling unwell"),
    RequestCategory.OTHER: ("info", "其他帮助", "Other help"),
}

WISH_CATEGORIES: dict[str, tuple[str, str, str]] = {
    WishCategory.WAGES: ("legal", "工资 / 劳动权益", "Wages, labour rights"),
    WishCategory.REST: ("rest", "休息 / 吃饭 / 充电", "Rest, food, charging"),
    WishCategory.HEALTH: ("medicine", "健康", "Health"),
    WishCategory.JOB: ("jobs", "工作 / 培训", "Work, training"),
    WishCategory.FAMILY: ("baby", "家庭", "Family"),
    WishCategory.SUGGESTION: ("wish", "对驿站的建议", "A suggestion for us"),
    WishCategory.OTHER: ("info", "其他心愿", "Another wish"),
}

REQUEST_STATUS: dict[str, tuple[str, str]] = {
    RequestStatus.ORDERED: ("等待志愿者接单", "Waiting for a volunteer"),
    RequestStatus.ACCEPTED: ("志愿者已接单，正在赶来", "A volunteer is on the way"),
    RequestStatus.COMPLETED: ("已完成，请评价", "Done: please rate it"),
    RequestStatus.RATED: ("已完成，谢谢评价", "Done and rated: thank you"),
    RequestStatus.CANCELLED: ("已取消", "Cancelled"),
}

WISH_STATUS: dict[str, tuple[str, str]] = {
    WishStatus.RECEIVED: ("已收到", "Received"),
    WishStatus.IN_PROGRESS: ("正在办理", "In progress"),
    WishStatus.ANSWERED: ("已答复", "Answered"),
}

NOTES: dict[str, tuple[str, str]] = {
    CompletionNote.ESCORTED: ("已送上车 / 送到出口", "Escorted to the train or exit"),
    CompletionNote.HELPED: ("已现场帮助", "Helped on the spot"),
    CompletionNote.FOUND: ("已找到", "Found"),
    CompletionNote.HANDED_OVER: ("已移交车站 / 警方", "Handed to station staff or police"),
    CompletionNote.NOT_FOUND: ("未找到求助人", "Could not find the requester"),
    CompletionNote.OTHER: ("其他", "Other"),
}

ESCALATIONS: dict[str, tuple[str, str]] = {
    Escalation.LATE: ("超时未接单", "Not accepted in time"),
    Escalation.TRAIN: ("列车 60 分钟内发车", "Train leaves within 60 min"),
}

FACES: tuple[tuple[str, str, str, str], ...] = (  # rating, icon, zh, en
    ("good", "face_good", "满意", "Good"),
    ("ok", "face_ok", "一般", "OK"),
    ("bad", "face_bad", "不满意", "Not good"),
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
