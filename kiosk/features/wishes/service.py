"""Needs and wishes (诉求 / 微心愿): submit anonymously, staff set the status and an answer, and
anyone with the ticket number sees them; plus the ticket lookup shared with help requests."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.errors import NotFound, ValidationError
from kiosk.core.ids import new_id
from kiosk.core.sealing import NOTICE_VERSION
from kiosk.core.text import clean_phone
from kiosk.core.tickets import MAX_ANSWER, MAX_TEXT, Channel, WishCategory, clean_ticket
from kiosk.features.admin.domain import Action
from kiosk.features.admin.service.accounts import audit
from kiosk.features.requests import store as tickets
from kiosk.features.requests.domain import WISHES_SERVICE_ID, WishStatus
from kiosk.features.requests.service import (
    NO_CONSENT,
    RequestService,
    RequestView,
    fresh_ticket,
    personal_fields,
    record_use,
)
from kiosk.features.wishes.store import WishRow
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database

# Canned answers a station head picks from (zh, en); stored as "zh\nen" so both show.
CANNED_ANSWERS: tuple[tuple[str, str], ...] = (
    ("已转交相关部门处理，请留意电话", "Passed to the right office; we will call you"),
    ("请到驿站服务台面谈", "Please come to the station's service desk to talk it over"),
    ("劳动维权请拨打 12333", "For labour rights and wages, call 12333"),
    ("您的心愿已认领，志愿者会联系您", "A volunteer took up your wish and will contact you"),
    ("感谢建议，我们会改进", "Thank you for the suggestion; we will improve"),
)

UNKNOWN_TICKET = NotFound(
    "没有找到这个单号，请核对后重试", "No request or wish has this ticket number; please check it"
)


@dataclass(frozen=True)
class WishView:
    id: str
    ticket: str
    category: WishCategory
    channel: str
    status: WishStatus
    text: str
    has_phone: bool
    answer: str
    submitted_at: datetime
    answered_at: datetime | None
    erased: bool = False  # its personal data was erased (the text says so)


def clean_text(raw: str, limit: int = MAX_TEXT) -> str:
    """Short free text: trimmed, no control characters but line breaks, at most `limit`."""
    text = unicodedata.normalize("NFC", raw).strip()
    if len(text) > limit:
        raise ValidationError(f"文字最多 {limit} 个字符", f"At most {limit} characters")
    if any(unicodedata.category(ch).startswith("C") and ch != "\n" for ch in text):
        raise ValidationError("文字含有不支持的字符", "The text contains unsupported characters")
    return text


def _view(database: Database, session: Session, row: WishRow) -> WishView:
    phone, text, erased = personal_fields(database, session, row.sealed, row.phone, row.text)
    return WishView(
        id=row.id,
        ticket=row.ticket,
        category=WishCategory(row.category),
        channel=row.channel,
        status=WishStatus(row.status),
        text=text,
        has_phone=bool(phone),
        answer=row.answer,
        submitted_at=row.submitted_at,
        answered_at=row.answered_at,
        erased=erased,
    )


class WishService:
    def __init__(self, database: Database, clock: Clock, timezone: ZoneInfo) -> None:
        self._db = database
        self._clock = clock
        self._tz = timezone

    def submit(
        self, category: str, text: str = "", phone: str | None = None, *, consent: bool = False
    ) -> WishView:
        """Anonymous unless a phone is given (only with `consent`: the traveller agreed to the
        notice); the ticket number is how it is followed up. The text and phone are sealed
        under the wish's own key (docs/privacy.md)."""
        try:
            what = WishCategory(category)
        except ValueError:
            raise ValidationError("请选择诉求类别", "Please choose what it is about") from None
        text = clean_text(text)
        phone = clean_phone(phone) if phone else None
        if phone and not consent:
            raise NO_CONSENT
        wish_id = new_id()
        with self._db.write() as session:
            now = self._clock.now()
            payload: dict[str, object] = {
                "wish_id": wish_id,
                "ticket": fresh_ticket(session),
                "category": what.value,
                "channel": Channel.KIOSK.value,
            }
            if phone or text:
                personal = {"phone": phone, "text": text}
                payload["sealed"] = self._db.vault.seal(session, wish_id, personal, now)
            if phone:
                payload["consent"] = NOTICE_VERSION
            eventlog.append(session, "wish.submitted", payload, occurred_at=now)
            record_use(session, WISHES_SERVICE_ID, now, self._tz)
            row = tickets.wish(session, wish_id)
            assert row is not None
            return _view(self._db, session, row)

    def open_wishes(self) -> list[WishView]:
        with self._db.read() as session:
            return [_view(self._db, session, row) for row in tickets.open_wishes(session)]

    def get(self, wish_id: str) -> WishView:
        with self._db.read() as session:
            row = tickets.wish(session, wish_id)
            if row is None:
                raise NotFound("没有找到这条诉求", "No such need or wish")
            return _view(self._db, session, row)

    def set_status(self, wish_id: str, status: str, actor: str, answer: str = "") -> WishView:
        """In progress, or answered with a canned or short answer (required then). Only staff
        do this, on the admin screen: audited as `actor` in the same transaction."""
        if status not in (WishStatus.IN_PROGRESS.value, WishStatus.ANSWERED.value):
            raise ValidationError("请选择处理状态", "Please choose a status")
        answer = clean_text(answer, MAX_ANSWER)
        if status == WishStatus.ANSWERED.value and not answer:
            raise ValidationError("请选择或输入答复", "Please choose or type an answer")
        with self._db.write() as session:
            row = tickets.wish(session, wish_id)
            if row is None:
                raise NotFound("没有找到这条诉求", "No such need or wish")
            payload = {"wish_id": row.id, "status": status, "answer": answer}
            before = {"status": row.status}
            eventlog.append(
                session, "wish.status_set", payload, occurred_at=self._clock.now(), actor=actor
            )
            after = {"status": status, "answer": answer[:60]}
            audit(session, self._clock, actor, Action.WISH_STATUS_SET, row.id, before, after)
            session.refresh(row)
            return _view(self._db, session, row)


def lookup(requests: RequestService, database: Database, raw: str) -> RequestView | WishView:
    """What a ticket number (typed, or a scanned SKT1 text or link) names: the newest request or
    wish with it; an unknown number is refused."""
    ticket = clean_ticket(raw)
    with database.read() as session:
        request = tickets.request_by_ticket(session, ticket)
        wish = tickets.wish_by_ticket(session, ticket)
        if wish is not None and (request is None or wish.submitted_at > request.ordered_at):
            return _view(database, session, wish)
        if request is None:
            raise UNKNOWN_TICKET
        request_id = request.id
    return requests.get(request_id)


def canned_answer(index: int) -> str:
    zh, en = CANNED_ANSWERS[index]
    return f"{zh}\n{en}"
