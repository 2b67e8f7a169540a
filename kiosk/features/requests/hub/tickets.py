"""What a traveller does on the phone pages: read a service, order help or leave a need/wish
(a hub-authored event with a new ticket), and follow the ticket's status.

The status is folded from the hub's copy of the station's events (request.* and wish.*) with
the kiosks' own folds (kiosk.features.requests.domain); `TicketView` keeps only what the phone
page shows,
so nothing personal beyond the masked phone leaves it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.errors import ValidationError
from kiosk.core.ids import new_id
from kiosk.core.sealing import NOTICE_VERSION
from kiosk.core.text import clean_phone, mask_phone
from kiosk.core.tickets import (
    MAX_TEXT,
    RATING_PATTERN,
    TRAIN_PATTERN,
    Channel,
    RequestCategory,
    WishCategory,
    new_ticket,
)
from kiosk.features.catalogue.hub import ServiceInfo, catalogue_for, find_service
from kiosk.features.requests.domain import (
    OPEN_STATUSES,
    RequestState,
    RequestStatus,
    WishState,
    WishStatus,
    fold_request,
    fold_wish,
)
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.errors import NotFound
from kiosk.platform.hub.hub_events import EventRow, log_of, to_domain
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.vault import HubVault
from kiosk.platform.hub.web_events import append_hub_event

_TRAIN = re.compile(TRAIN_PATTERN)
_RATING = re.compile(RATING_PATTERN)
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
MAX_FIELD = 400  # any single form value longer than this is refused before it is read
TICKET_TRIES = 8
# A departure earlier than this before now is taken to be tomorrow's (a night train).
PAST_DEPARTURE = timedelta(hours=2)


class FormInvalid(Exception):
    """The form has mistakes: `errors` maps a field to an error key of hub/words.py's ERRORS."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(sorted(errors)))
        self.errors = errors


@dataclass(frozen=True)
class TicketView:
    """What the status page shows."""

    kind: str  # request | wish
    ticket: str
    category: str
    state: str
    made_at: datetime
    train: str | None = None
    masked_phone: str | None = None
    erased: bool = False  # its phone and words were erased (docs/privacy.md)
    answer: str = ""
    history: list[tuple[str, datetime]] = field(default_factory=list)
    accepted_at: datetime | None = None  # the winning accept (requests)
    departs_at: datetime | None = None  # the departure the traveller entered (requests)
    completed_at: datetime | None = None  # (requests)
    rating: str | None = None  # the traveller's verdict, once given (requests)
    aggregate_id: str = ""  # the request's or wish's id (what other features' panels name)

    @property
    def can_cancel(self) -> bool:
        """A request nobody has finished yet may be called off (a volunteer then stays put)."""
        return self.kind == "request" and self.state in OPEN_STATUSES

    @property
    def can_rate(self) -> bool:
        """A done request may be rated once."""
        return self.kind == "request" and self.state == "completed" and self.rating is None


class TicketRefused(Exception):
    """The ticket is no longer in a state for that: `reason` is a key of hub/words.py's
    REFUSALS (zh and en)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def clean_text(raw: str, *, required: bool) -> str:
    """Free text from a phone: NFC, no control characters but newlines, at most MAX_TEXT."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").strip()
    text = "".join(ch for ch in text if ch == "\n" or not unicodedata.category(ch).startswith("C"))
    if required and not text:
        raise FormInvalid({"text": "text_required"})
    if len(text) > MAX_TEXT:
        raise FormInvalid({"text": "text"})
    return text


def _phone(raw: str, errors: dict[str, str]) -> str | None:
    if not raw.strip():
        return None
    try:
        return clean_phone(raw)
    except ValidationError:
        errors["phone"] = "phone"
        return None


def departure(raw: str, now: datetime, tz: ZoneInfo) -> datetime:
    """An HH:MM departure as an aware instant: the one in [now - 2 h, now + 22 h), so a train
    that left a moment ago is still today's and one "at 00:10" typed at 23:50 is tomorrow's."""
    found = _TIME.match(raw.strip())
    if found is None:
        raise ValueError(raw)
    local_now = now.astimezone(tz)
    at = time(int(found.group(1)), int(found.group(2)))
    earliest = local_now - PAST_DEPARTURE
    when = datetime.combine(earliest.date(), at, tzinfo=tz)
    if when < earliest:
        when = datetime.combine(earliest.date() + timedelta(days=1), at, tzinfo=tz)
    return when


def _consent(form: Mapping[str, str], phone: str | None, errors: dict[str, str]) -> None:
    """A phone is taken only with the notice's box ticked (docs/privacy.md)."""
    if phone and form.get("consent", "") not in ("1", "on", "yes"):
        errors["consent"] = "consent"


def request_payload(form: Mapping[str, str], now: datetime, tz: ZoneInfo) -> dict[str, Any]:
    """The request.ordered fields of an order form (no ids yet); FormInvalid on mistakes."""
    errors: dict[str, str] = {}
    category = form.get("category", "")
    if category not in {c.value for c in RequestCategory}:
        errors["category"] = "category"
    train = form.get("train", "").strip().upper() or None
    if train is not None and not _TRAIN.match(train):
        errors["train"] = "train"
    departs_at = None
    if form.get("departs", "").strip():
        try:
            departs_at = departure(form["departs"], now, tz)
        except ValueError:
            errors["departs"] = "departs"
    phone = _phone(form.get("phone", ""), errors)
    _consent(form, phone, errors)
    try:
        text = clean_text(form.get("text", ""), required=False)
    except FormInvalid as exc:
        errors.update(exc.errors)
        text = ""
    if errors:
        raise FormInvalid(errors)
    return {
        "category": category,
        "channel": Channel.PHONE.value,
        "train": train,
        "departs_at": departs_at.isoformat() if departs_at else None,
        "phone": phone,
        "text": text,
    }


def wish_payload(form: Mapping[str, str]) -> dict[str, Any]:
    """The wish.submitted fields of a need/wish form (no ids yet); FormInvalid on mistakes."""
    errors: dict[str, str] = {}
    category = form.get("category", "")
    if category not in {c.value for c in WishCategory}:
        errors["category"] = "category"
    phone = _phone(form.get("phone", ""), errors)
    _consent(form, phone, errors)
    try:
        text = clean_text(form.get("text", ""), required=True)
    except FormInvalid as exc:
        errors.update(exc.errors)
        text = ""
    if errors:
        raise FormInvalid(errors)
    return {
        "category": category,
        "channel": Channel.PHONE.value,
        "text": text,
        "phone": phone,
    }


_OPENERS = ("request.ordered", "wish.submitted")


def opener(session: Session, station_id: str, ticket: str) -> HubEvent | None:
    """The newest request or wish of the station with that ticket number (of any age: the
    log's archived months too)."""
    e = log_of(session)
    stmt = (
        select(e)
        .where(
            e.kind.in_(_OPENERS),
            e.station_id == station_id,
            e.payload["ticket"].as_string() == ticket,
        )
        .order_by(e.hub_seq.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def aggregate_events(
    session: Session, station_id: str, prefix: str, field_name: str, value: str
) -> list[HubEvent]:
    e = log_of(session)
    stmt = (
        select(e)
        .where(
            e.kind.like(prefix + "%"),
            e.station_id == station_id,
            e.payload[field_name].as_string() == value,
        )
        .order_by(e.hub_seq)
    )
    return list(session.scalars(stmt).all())


# What the phone calls a request's status: a rated request is a completed one.
_PHONE_STATE = {RequestStatus.RATED.value: RequestStatus.COMPLETED.value}


# Opens a sealed value with the hub's keys (None: erased); docs/privacy.md.
Opener = Callable[[str], dict[str, Any] | None]


def _personal(
    opener: Opener | None, sealed: str | None, phone: str | None
) -> tuple[str | None, bool]:
    """The phone of a ticket, and whether its personal data was erased."""
    if not sealed:
        return phone, False
    fields = opener(sealed) if opener is not None else None
    if fields is None:
        return None, True
    return fields.get("phone") or None, False


def fold_ticket(events: Sequence[EventRow], opener: Opener | None = None) -> TicketView | None:
    """A request's or wish's status with the kiosks' own folds (kiosk.features.requests.domain),
    so the
    phone, the centre and every kiosk agree: a request's winning accept is the earliest in the
    agreed order (kiosk.core.order), whatever order the events arrived in; a wish shows its
    latest status set.
    """
    if any(e.kind == "request.ordered" for e in events):
        request = fold_request([to_domain(e) for e in events if e.kind.startswith("request.")])
        assert request is not None
        return _request_view(request, opener)
    wish = fold_wish([to_domain(e) for e in events if e.kind.startswith("wish.")])
    return None if wish is None else _wish_view(wish, opener)


def _request_view(r: RequestState, opener: Opener | None) -> TicketView:
    phone, erased = _personal(opener, r.sealed, r.phone)
    steps = [
        ("ordered", r.ordered_at),
        ("accepted", r.accepted_at),
        ("completed", r.completed_at),
        ("cancelled", r.cancelled_at),
    ]
    return TicketView(
        kind="request",
        ticket=r.ticket,
        category=r.category,
        state=_PHONE_STATE.get(r.status, r.status),
        made_at=r.ordered_at,
        train=r.train,
        masked_phone=mask_phone(phone) if phone else None,
        erased=erased,
        history=[(step, at) for step, at in steps if at is not None],
        accepted_at=r.accepted_at,
        departs_at=r.departs_at,
        completed_at=r.completed_at,
        rating=r.rating,
        aggregate_id=r.id,
    )


def _wish_view(w: WishState, opener: Opener | None) -> TicketView:
    phone, erased = _personal(opener, w.sealed, w.phone)
    history = [(WishStatus.RECEIVED.value, w.submitted_at)]
    if w.status != WishStatus.RECEIVED.value:
        history.append((w.status, w.updated_at))
    return TicketView(
        kind="wish",
        ticket=w.ticket,
        category=w.category,
        state=w.status,
        made_at=w.submitted_at,
        masked_phone=mask_phone(phone) if phone else None,
        erased=erased,
        answer=w.answer,
        history=history,
        aggregate_id=w.id,
    )


@dataclass(frozen=True)
class Opened:
    """A ticket opened from a phone: its number, and the event that opened it."""

    ticket: str
    event_id: str
    kind: str


def _no_station(station_id: str) -> NotFound:
    return NotFound(f"no station {station_id}", reason="unknown_station", reason_zh="站点不存在")


class TravellerService:
    """The phone pages' use cases; each method is one transaction."""

    def __init__(
        self, database: Database, clock: Clock, tz: ZoneInfo, vault: HubVault | None = None
    ) -> None:
        self._db = database
        self._clock = clock
        self.tz = tz
        self._vault = vault

    def station_name(self, station_id: str, lang: str) -> str:
        """The station's name in `lang` (its Chinese one if it has no English one)."""
        with self._db.read() as session:
            station = repo.get_station(session, station_id)
            if station is None:
                raise _no_station(station_id)
            return station.name_in(lang)

    def known_station_name(self, station_id: str, lang: str) -> str | None:
        """The station's name in `lang`, or None for a station the hub does not know."""
        try:
            return self.station_name(station_id, lang)
        except NotFound:
            return None

    def service(self, station_id: str, service_id: str, lang: str) -> tuple[str, ServiceInfo]:
        """The station's name in `lang` and the service's page; NotFound for either missing."""
        with self._db.read() as session:
            station = repo.get_station(session, station_id)
            if station is None:
                raise _no_station(station_id)
            info = find_service(catalogue_for(session, station_id), service_id)
            if info is None:
                raise NotFound(f"no service {service_id}", reason="unknown_service")
            return station.name_in(lang), info

    def check(self, kind: str, form: Mapping[str, str]) -> None:
        """FormInvalid if the form (`help` or `wish`) has mistakes; writes nothing, so a form
        sent back costs the phone none of its allowance."""
        if kind == "help":
            request_payload(form, self._clock.now(), self.tz)
        else:
            wish_payload(form)

    def order(self, station_id: str, form: Mapping[str, str]) -> Opened:
        """Order help from a phone: validate, write request.ordered, return the ticket."""
        now = self._clock.now()
        fields = request_payload(form, now, self.tz)
        return self._open(station_id, "request.ordered", "request_id", fields, now)

    def wish(self, station_id: str, form: Mapping[str, str]) -> Opened:
        """Leave a need or wish from a phone: write wish.submitted, return the ticket."""
        now = self._clock.now()
        return self._open(station_id, "wish.submitted", "wish_id", wish_payload(form), now)

    def _open(
        self, station_id: str, kind: str, id_field: str, fields: dict[str, Any], now: datetime
    ) -> Opened:
        with self._db.write() as session:
            if repo.get_station(session, station_id) is None:
                raise _no_station(station_id)
            ticket = new_ticket()
            for _ in range(TICKET_TRIES):  # a number in use at the station is drawn again
                if opener(session, station_id, ticket) is None:
                    break
                ticket = new_ticket()
            subject = new_id()
            payload = {id_field: subject, "ticket": ticket, **fields}
            # The phone and words sealed under the ticket's own key, made here (privacy.md).
            phone, text = payload.pop("phone", None), payload.pop("text", "")
            if (phone or text) and self._vault is not None:
                personal = {"phone": phone, "text": text}
                payload["sealed"] = self._vault.seal(session, station_id, subject, personal, now)
            elif phone or text:  # no key store (a test's bare service): as before
                payload.update(phone=phone, text=text)
            if phone:
                payload["consent"] = NOTICE_VERSION
            row = append_hub_event(session, station_id, kind, payload, now, actor="phone")
            return Opened(ticket, row.id, kind)

    def _opener(self, session: Session) -> Opener | None:
        vault = self._vault
        return None if vault is None else (lambda sealed: vault.open(session, sealed))

    def ticket(self, station_id: str, ticket: str) -> TicketView:
        with self._db.read() as session:
            return _view(session, station_id, ticket, self._opener(session))[0]

    def cancel(self, station_id: str, ticket: str) -> TicketView:
        """The traveller calls their request off: request.cancelled (actor "phone"), which the
        station's kiosks pull and drop from their queues. TicketRefused once it is done or
        already cancelled (nothing written)."""
        now = self._clock.now()
        with self._db.write() as session:
            view, request_id = _view(session, station_id, ticket, self._opener(session))
            if not view.can_cancel:
                raise TicketRefused("not_open")
            payload = {"request_id": request_id, "reason": ""}
            append_hub_event(session, station_id, "request.cancelled", payload, now, actor="phone")
            return _view(session, station_id, ticket, self._opener(session))[0]

    def rate(self, station_id: str, ticket: str, rating: str) -> TicketView:
        """The traveller rates a done request (request.rated, once): it reaches the kiosks'
        log review on their next pull. FormInvalid for no face chosen, TicketRefused when the
        request is not done or already rated (nothing written)."""
        if not _RATING.match(rating):
            raise FormInvalid({"rating": "rating"})
        now = self._clock.now()
        with self._db.write() as session:
            view, request_id = _view(session, station_id, ticket, self._opener(session))
            if not view.can_rate:
                raise TicketRefused("rated" if view.rating else "not_done")
            # Every kiosk folds by the agreed order (occurred_at first): a kiosk whose clock
            # runs ahead of the hub's would otherwise see the rating before the completion it
            # rates, and refuse it. So the rating is never earlier than what it rates.
            assert view.completed_at is not None
            at = max(now, view.completed_at + timedelta(milliseconds=1))
            payload = {"request_id": request_id, "rating": rating}
            append_hub_event(session, station_id, "request.rated", payload, at, actor="phone")
            return _view(session, station_id, ticket, self._opener(session))[0]


def _view(
    session: Session, station_id: str, ticket: str, unseal: Opener | None = None
) -> tuple[TicketView, str]:
    """The ticket's status and its request's or wish's id; NotFound for no such ticket."""
    first = opener(session, station_id, ticket)
    if first is None:
        raise NotFound("no such ticket", reason="unknown_ticket", reason_zh="找不到该单号")
    if first.kind == "request.ordered":
        aggregate_id = first.payload["request_id"]
        events = aggregate_events(session, station_id, "request.", "request_id", aggregate_id)
    else:
        aggregate_id = first.payload["wish_id"]
        events = aggregate_events(session, station_id, "wish.", "wish_id", aggregate_id)
    view = fold_ticket(events, unseal)
    assert view is not None
    return view, str(aggregate_id)
