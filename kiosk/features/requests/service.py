"""Service requests (点单→接单→评单): order at the kiosk, the volunteers' queue, accept, complete
and the requester's rating.

Every use case is one transaction over the event log (`request.*`, folded into `requests`).
Bad input — an unknown category, a second accept, a rating before the request is done, a
volunteer not on duty — is refused with a bilingual message and writes nothing. A second accept
made at another kiosk before sync cannot be refused here; the fold keeps the earliest and shows
the later one as refused on every kiosk once synced.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.errors import Conflict, NotFound, ValidationError
from kiosk.core.ids import new_id
from kiosk.core.sealing import NOTICE_VERSION
from kiosk.core.text import clean_phone, mask_phone
from kiosk.core.tickets import TRAIN_PATTERN, Channel, RequestCategory, new_ticket
from kiosk.features.admin.domain import Action
from kiosk.features.admin.service.accounts import audit
from kiosk.features.requests import store as tickets
from kiosk.features.requests.domain import (
    CompletionNote,
    Escalation,
    RequestStatus,
    departure_from_hhmm,
    escalations,
    use_service_id,
)
from kiosk.features.requests.store import RequestRow
from kiosk.features.shifts import store as shifts_store
from kiosk.features.uses.domain import Audience, local_day
from kiosk.features.volunteers import store as volunteers_store
from kiosk.features.volunteers.service.duty import Actor, DutyService
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database

_TRAIN = re.compile(TRAIN_PATTERN)
_STEP = timedelta(milliseconds=1)
_RATINGS = ("good", "ok", "bad")


@dataclass(frozen=True)
class Helper:
    """A volunteer on duty who identified at the kiosk to accept or complete a request."""

    id: str
    name: str
    number: str


@dataclass(frozen=True)
class RequestView:
    """A request as the screens show it (never the full phone)."""

    id: str
    ticket: str
    category: RequestCategory
    channel: str
    status: RequestStatus
    train: str | None
    departs_at: datetime | None
    masked_phone: str | None
    text: str  # the traveller's few words, if any
    ordered_at: datetime
    accepted_at: datetime | None
    accepted_by: str | None  # the volunteer's name
    completed_at: datetime | None
    note: str
    rating: str | None
    response_s: int | None
    completion_s: int | None
    escalated: tuple[Escalation, ...]
    refused_here: tuple[str, ...]  # names of volunteers whose accept at this kiosk lost
    refused_count: int
    erased: bool = False  # its personal data was erased (the text says so)

    @property
    def is_open(self) -> bool:
        return self.status in (RequestStatus.ORDERED, RequestStatus.ACCEPTED)


MAX_NOTE_TEXT = 60  # a few words for the volunteer, not a letter


def _clean_words(raw: str) -> str:
    """The traveller's few words: trimmed, one line, printable, at most MAX_NOTE_TEXT."""
    text = " ".join(unicodedata.normalize("NFC", raw).split())
    if len(text) > MAX_NOTE_TEXT:
        raise ValidationError(
            f"文字最多 {MAX_NOTE_TEXT} 个字", f"At most {MAX_NOTE_TEXT} characters"
        )
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise ValidationError("文字含有不支持的字符", "The text contains unsupported characters")
    return text


NO_CONSENT = ValidationError(
    "留下手机号前，请阅读说明并点“同意”",
    "Please read the notice and tap Agree before leaving a phone",
)
_UNKNOWN_REQUEST = NotFound("没有找到这个服务单", "No such help request")
_NOT_ON_DUTY = ValidationError(
    "只有在岗志愿者可以接单，请先签到", "Only volunteers on duty can do this; please check in first"
)


def already_accepted(name: str) -> Conflict:
    return Conflict(
        f"此单已由{name}接单，不能重复接单",
        f"{name} already accepted this request; it cannot be accepted twice",
    )


class RequestService:
    """Requests of this station; `public_keys` verifies badges offline (published keys too)."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        timezone: ZoneInfo,
        accept_within: timedelta,
        public_keys: Callable[[], dict[str, Ed25519PublicKey]],
    ) -> None:
        self._db = database
        self._clock = clock
        self._tz = timezone
        self.accept_within = accept_within
        self._duty = DutyService(database, clock, public_keys)

    # --- ordering -------------------------------------------------------------------------

    def order(
        self,
        category: str,
        *,
        train: str | None = None,
        departs_hhmm: str | None = None,
        phone: str | None = None,
        text: str = "",
        consent: bool = False,
    ) -> RequestView:
        """点单: a ticket number for the traveller; the queue shows it on every kiosk, with the
        few words they typed (any language) for the volunteer who comes. A phone is taken only
        with `consent` (the traveller tapped to agree to the notice); the phone and the words
        are sealed under the request's own key (docs/privacy.md)."""
        try:
            what = RequestCategory(category)
        except ValueError:
            raise ValidationError("请选择需要的帮助", "Please choose the kind of help") from None
        now = self._clock.now()
        train = clean_train(train) if train else None
        departs = departure_from_hhmm(departs_hhmm, now, self._tz) if departs_hhmm else None
        phone = clean_phone(phone) if phone else None
        text = _clean_words(text)
        if phone and not consent:
            raise NO_CONSENT
        request_id = new_id()
        with self._db.write() as session:
            ticket = fresh_ticket(session)
            payload: dict[str, object] = {
                "request_id": request_id,
                "ticket": ticket,
                "category": what.value,
                "channel": Channel.KIOSK.value,
            }
            if train:
                payload["train"] = train
            if departs is not None:
                payload["departs_at"] = departs.isoformat()
            if phone or text:
                personal = {"phone": phone, "text": text}
                payload["sealed"] = self._db.vault.seal(session, request_id, personal, now)
            if phone:
                payload["consent"] = NOTICE_VERSION
            eventlog.append(session, "request.ordered", payload, occurred_at=now)
            record_use(session, use_service_id(what.value), now, self._tz)
            row = tickets.request(session, request_id)
            assert row is not None
            return self._view(session, row, now)

    # --- reading --------------------------------------------------------------------------

    def open_requests(self) -> list[RequestView]:
        """The queue: escalated first, then oldest first."""
        now = self._clock.now()
        with self._db.read() as session:
            views = [self._view(session, row, now) for row in tickets.open_requests(session)]
        return sorted(views, key=lambda v: (not v.escalated, v.ordered_at))

    def open_count(self) -> int:
        with self._db.read() as session:
            return tickets.open_request_count(session)

    def escalated_count(self) -> int:
        return sum(1 for v in self.open_requests() if v.escalated)

    def get(self, request_id: str) -> RequestView:
        with self._db.read() as session:
            row = tickets.request(session, request_id)
            if row is None:
                raise _UNKNOWN_REQUEST
            return self._view(session, row, self._clock.now())

    def _view(self, session: Session, row: RequestRow, now: datetime) -> RequestView:
        names = _names(session)
        here = tickets.this_kiosk_id(session)
        refused = json.loads(row.refused or "[]")
        phone, text, erased = personal_fields(self._db, session, row.sealed, row.phone, row.text)
        return RequestView(
            id=row.id,
            ticket=row.ticket,
            category=RequestCategory(row.category),
            channel=row.channel,
            status=RequestStatus(row.status),
            train=row.train,
            departs_at=row.departs_at,
            masked_phone=mask_phone(phone) if phone else None,
            text=text,
            ordered_at=row.ordered_at,
            accepted_at=row.accepted_at,
            accepted_by=names.get(row.accepted_by or "", row.accepted_by),
            completed_at=row.completed_at,
            note=row.note,
            rating=row.rating,
            response_s=row.response_s,
            completion_s=row.completion_s,
            escalated=escalations(
                row.status, row.ordered_at, row.departs_at, now, self.accept_within
            ),
            refused_here=tuple(
                names.get(r["volunteer_id"], r["volunteer_id"])
                for r in refused
                if r["kiosk_id"] == here
            ),
            refused_count=len(refused),
            erased=erased,
        )

    # --- volunteers -----------------------------------------------------------------------

    def identify_badge(self, token: str) -> Helper:
        """A badge scanned at the queue: a volunteer on duty, else refused."""
        return _helper(self._duty.by_badge(token, _NOT_ON_DUTY))

    def identify_pin(self, phone: str, pin: str) -> Helper:
        """Phone + PIN at the queue (the same lockout as clocking in)."""
        return _helper(self._duty.by_phone_pin(phone, pin, _NOT_ON_DUTY))

    def accept(self, request_id: str, volunteer_id: str) -> RequestView:
        """接单: the first accept wins; a second one here is refused and writes nothing."""
        now = self._clock.now()
        with self._db.write() as session:
            helper = _on_duty(session, volunteer_id)
            row = _open_row(session, request_id)
            if row.status != RequestStatus.ORDERED.value:
                raise already_accepted(_names(session).get(row.accepted_by or "", "?"))
            payload = {"request_id": row.id, "volunteer_id": helper.id}
            eventlog.append(session, "request.accepted", payload, occurred_at=now, actor=helper.id)
            session.refresh(row)
            return self._view(session, row, now)

    def complete(self, request_id: str, volunteer_id: str, note: str) -> RequestView:
        """The volunteer closes the request with a note from the pick list."""
        try:
            picked = CompletionNote(note)
        except ValueError:
            raise ValidationError("请选择处理结果", "Please choose how it ended") from None
        now = self._clock.now()
        with self._db.write() as session:
            helper = _on_duty(session, volunteer_id)
            row = _open_row(session, request_id)
            if row.status != RequestStatus.ACCEPTED.value:
                raise Conflict(
                    "此单尚未被接单，请先接单",
                    "Nobody has accepted this request yet; accept it first",
                )
            payload = {"request_id": row.id, "volunteer_id": helper.id, "note": picked.value}
            # Never stamped before the accept it ends: an accept written by another kiosk or
            # the centre on a clock ahead of ours would otherwise come after it in the agreed
            # order, and every kiosk would refuse the completion.
            at = max(now, row.accepted_at + _STEP) if row.accepted_at else now
            eventlog.append(session, "request.completed", payload, occurred_at=at, actor=helper.id)
            session.refresh(row)
            return self._view(session, row, now)

    def rate(self, request_id: str, rating: str) -> RequestView:
        """评单: three faces, once, only after the request is done."""
        if rating not in _RATINGS:
            raise ValidationError("请选择一个表情", "Please tap one of the faces")
        now = self._clock.now()
        with self._db.write() as session:
            row = tickets.request(session, request_id)
            if row is None:
                raise _UNKNOWN_REQUEST
            if row.status == RequestStatus.RATED.value:
                raise Conflict(
                    "此单已经评价过了，谢谢", "This request has already been rated; thank you"
                )
            if row.status != RequestStatus.COMPLETED.value:
                raise Conflict(
                    "服务完成后才能评价", "You can rate a request only after it has been done"
                )
            payload = {"request_id": row.id, "rating": rating}
            # After the completion it rates, whoever's clock stamped that (as for complete).
            at = max(now, row.completed_at + _STEP) if row.completed_at else now
            eventlog.append(session, "request.rated", payload, occurred_at=at)
            session.refresh(row)
            return self._view(session, row, now)

    def cancel(
        self, request_id: str, actor: str, reason: str = "", *, audited: bool = False
    ) -> RequestView:
        """Staff withdraw an open request (the traveller left, a duplicate); `audited`: from
        the admin screen, with its audit event in the same transaction."""
        now = self._clock.now()
        with self._db.write() as session:
            row = _open_row(session, request_id)
            payload = {"request_id": row.id, "reason": reason[:200]}
            eventlog.append(session, "request.cancelled", payload, occurred_at=now, actor=actor)
            if audited:
                before = {"status": row.status, "ticket": row.ticket}
                after = {"status": "cancelled", "reason": reason[:60]}
                audit(session, self._clock, actor, Action.REQUEST_WITHDRAWN, row.id, before, after)
            session.refresh(row)
            return self._view(session, row, now)


NO_CONSENT = ValidationError(
    "留下手机号前，请阅读说明并点“同意”",
    "Please read the notice and tap Agree before leaving a phone",
)


def personal_fields(
    database: Database, session: Session, sealed: str | None, phone: str | None, text: str
) -> tuple[str | None, str, bool]:
    """The phone and text of a request or wish (docs/privacy.md): `Vault.personal`."""
    return database.vault.personal(session, sealed, phone, text)


def clean_train(raw: str) -> str:
    """A train number as typed on the letter keypad: G1234, D56, K1, 1461."""
    text = raw.strip().upper()
    if not _TRAIN.match(text):
        raise ValidationError("车次格式不正确，如 G1234", "That is not a train number, e.g. G1234")
    return text


def record_use(session: Session, service_id: str, now: datetime, timezone: ZoneInfo) -> None:
    """An order or a wish is a service used (人次), counted with the catalogue's services."""
    eventlog.append(
        session,
        "service.used",
        {
            "use_id": new_id(),
            "service_id": service_id,
            "audience": Audience.NONE.value,
            "count": 1,
            "day": local_day(now, timezone).isoformat(),
        },
        occurred_at=now,
    )


def fresh_ticket(session: Session) -> str:
    for _ in range(20):
        ticket = new_ticket()
        if not tickets.ticket_in_use(session, ticket):
            return ticket
    return new_ticket()  # 20 clashes in a row: a thousand-fold busier station than any


def _open_row(session: Session, request_id: str) -> RequestRow:
    row = tickets.request(session, request_id)
    if row is None:
        raise _UNKNOWN_REQUEST
    if row.status not in (RequestStatus.ORDERED.value, RequestStatus.ACCEPTED.value):
        raise Conflict("此单已经结束", "This request is already closed")
    return row


def _names(session: Session) -> dict[str, str]:
    return {v.id: v.name for v in volunteers_store.volunteers(session)}


def _helper(actor: Actor) -> Helper:
    assert actor.volunteer_id is not None  # only volunteers, never the admin, take requests
    return Helper(actor.volunteer_id, actor.name, actor.number)


def _on_duty(session: Session, volunteer_id: str) -> Helper:
    row = volunteers_store.volunteer(session, volunteer_id)
    if row is None or not row.active or shifts_store.open_shift(session, volunteer_id) is None:
        raise _NOT_ON_DUTY
    return Helper(row.id, row.name, row.number)
