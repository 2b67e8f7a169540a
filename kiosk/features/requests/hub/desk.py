"""The centre's hand on a ticket: answer a wish, assign a request to a volunteer on duty, close
a request with a reason.

Each action is an ordinary event the hub writes as the station's pseudo-kiosk (`hub:<station>`,
kiosk.platform.hub.web_events), with the kinds and payload models a kiosk writes
(`wish.status_set`, `request.accepted`, `request.cancelled`), so every kiosk of the station
folds it on its next pull exactly as if a kiosk had written it. Who did it is the event's actor
(`centre:<account>`) and a log line: the event log is the audit trail.

When a kiosk and the centre act on the same ticket before they sync, the agreed order decides
(kiosk.core.order: time, kiosk, seq): the earliest accept wins and a later one is kept as
refused; a wish shows its latest status. So an action is never stamped earlier than what it
acts on (a kiosk whose clock runs ahead would otherwise see the centre's answer as older than
the ticket it answers).
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.events import Event
from kiosk.core.order import agreed_order
from kiosk.core.text import mask_phone, unstorable_char
from kiosk.core.tickets import MAX_ANSWER, MAX_TEXT
from kiosk.core.words import PERSONAL_DATA
from kiosk.features.requests.domain import (
    OPEN_STATUSES,
    RequestState,
    RequestStatus,
    WishState,
    WishStatus,
    fold_request,
    fold_wish,
)
from kiosk.features.requests.hub.tickets import Opener, aggregate_events, opener
from kiosk.features.shifts.domain import fold_shift
from kiosk.features.volunteers import hub_roster
from kiosk.features.volunteers.hub_names import registered_names
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_events, to_domain
from kiosk.platform.hub.models import HubErasedSubject
from kiosk.platform.hub.vault import HubVault
from kiosk.platform.hub.web_events import append_hub_event, is_hub_author

log = logging.getLogger(__name__)

MAX_REASON = MAX_TEXT
# A shift open longer than this is not "on duty" (the kiosks' sweep closes it anyway).
ON_DUTY_WINDOW = timedelta(hours=24)
_STEP = timedelta(milliseconds=1)


class DeskRefused(Exception):
    """An action refused, nothing written: `status` for the reply, `field` the form field it
    concerns ("" for the ticket itself), `reason` a key of hub/words.py's DESK_ERRORS."""

    def __init__(self, status: int, field: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Helper:
    """A volunteer on duty at the station, as the hub knows them (name and number)."""

    volunteer_id: str
    name: str
    number: str


@dataclass(frozen=True)
class Step:
    """One event of the ticket, for its history (the audit trail): when, what, who, and the
    words that came with it (a close reason, an answer)."""

    at: datetime
    kind: str
    actor: str  # "centre:<account>", "phone", a volunteer's "name · number", or ""
    kiosk: str  # the kiosk's name or id; "" for the hub's own events
    words: str = ""


@dataclass(frozen=True)
class Personal:
    """A ticket's personal data as the hub's vault opens it: the phone (in full: only its
    masked form leaves this module's users) and the words, or erased (its key destroyed)."""

    phone: str | None
    text: str
    erased: bool = False


def personal_of(
    unseal: Opener | None, sealed: str | None, phone: str | None, text: str
) -> Personal:
    """Open a ticket's sealed value with the hub's keys; clear fields of old events as they are.
    A sealed value without a key (erased, or no vault) reads as erased, never fails."""
    if not sealed:
        return Personal(phone or None, text)
    fields = unseal(sealed) if unseal is not None else None
    if fields is None:
        return Personal(None, "", erased=True)
    return Personal(fields.get("phone") or None, str(fields.get("text") or ""))


@dataclass(frozen=True)
class TicketDetail:
    """One ticket as the centre's ticket page shows it."""

    station_id: str
    kind: str  # request | wish
    aggregate_id: str
    request: RequestState | None
    wish: WishState | None
    accepted_by: Helper | None = None
    history: tuple[Step, ...] = ()
    refused: tuple[Helper, ...] = ()  # accepts that lost to an earlier one (agreed order)
    personal: Personal | None = None

    @property
    def words(self) -> str:
        """The traveller's words, opened from the sealed value (or clear, if written before
        sealing); "" once erased."""
        return self.personal.text if self.personal is not None else ""

    @property
    def masked_phone(self) -> str | None:
        """The traveller's phone, masked as exports mask it; None for none or erased."""
        if self.personal is None or not self.personal.phone:
            return None
        return mask_phone(self.personal.phone)

    @property
    def erased(self) -> bool:
        return self.personal is not None and self.personal.erased

    @property
    def state(self) -> str:
        if self.request is not None:
            return self.request.status
        assert self.wish is not None
        return self.wish.status

    @property
    def is_open(self) -> bool:
        if self.request is not None:
            return self.request.status in OPEN_STATUSES
        return self.state != WishStatus.ANSWERED.value

    @property
    def can_assign(self) -> bool:
        return self.request is not None and self.request.status == RequestStatus.ORDERED.value


def actor_of(username: str) -> str:
    """The event's actor for a centre account (the hub's column holds 64 characters)."""
    return f"centre:{username}"[:64]


def clean_words(raw: str, limit: int, field: str) -> str:
    """An answer or a reason typed at the centre: NFC, trimmed, newlines kept, no control
    characters, required, at most `limit` characters; DeskRefused otherwise."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").strip()
    if not text:
        raise DeskRefused(422, field, f"{field}_required")
    if len(text) > limit:
        raise DeskRefused(422, field, f"{field}_too_long")
    bad = any(ch != "\n" and unicodedata.category(ch).startswith("C") for ch in text)
    if bad or unstorable_char(text) is not None:
        raise DeskRefused(422, field, "unstorable")
    return text


class TicketDesk:
    """The centre's ticket actions; each method is one transaction."""

    def __init__(self, database: Database, clock: Clock, vault: HubVault | None = None) -> None:
        self._db = database
        self._clock = clock
        self._vault = vault

    def _unseal(self, session: Session) -> Opener | None:
        vault = self._vault
        return None if vault is None else (lambda sealed: vault.open(session, sealed))

    def detail(self, station_id: str, ticket: str) -> TicketDetail:
        """The ticket with its traveller's words and phone opened by the hub's keys."""
        with self._db.read() as session:
            return _detail(session, station_id, ticket, self._unseal(session))

    def on_duty(self, station_id: str) -> list[Helper]:
        """The station's volunteers with an open shift, by name."""
        with self._db.read() as session:
            return _on_duty(session, station_id, self._clock.now())

    def answer(self, station_id: str, ticket: str, raw: str, actor: str) -> TicketDetail:
        """Answer a wish (wish.status_set answered): the phone's ticket page and the kiosks'
        ticket lookup show it. Refused for a request or an answered wish."""
        text = clean_words(raw, MAX_ANSWER, "answer")
        now = self._clock.now()
        with self._db.write() as session:
            found = _detail(session, station_id, ticket)
            if found.wish is None:
                raise DeskRefused(409, "", "not_a_wish")
            if not found.is_open:
                raise DeskRefused(409, "", "closed")
            at = max(now, found.wish.updated_at + _STEP)
            payload = {"wish_id": found.aggregate_id, "status": "answered", "answer": text}
            append_hub_event(session, station_id, "wish.status_set", payload, at, actor=actor)
            log.info("centre answered wish %s at %s (%s)", ticket, station_id, actor)
            return _detail(session, station_id, ticket, self._unseal(session))

    def assign(self, station_id: str, ticket: str, volunteer_id: str, actor: str) -> TicketDetail:
        """Assign a waiting request to a volunteer on duty (request.accepted, as if they had
        accepted it at a kiosk). Refused once accepted or closed, or for a volunteer who is not
        on duty at the station as the hub knows it."""
        now = self._clock.now()
        with self._db.write() as session:
            found = _detail(session, station_id, ticket)
            if found.request is None:
                raise DeskRefused(409, "", "not_a_request")
            if not found.is_open:
                raise DeskRefused(409, "", "closed")
            if not found.can_assign:
                raise DeskRefused(409, "", "already_accepted")
            helpers = {h.volunteer_id: h for h in _on_duty(session, station_id, now)}
            if volunteer_id not in helpers:
                raise DeskRefused(422, "volunteer", "volunteer_unknown")
            at = max(now, found.request.ordered_at + _STEP)
            payload = {"request_id": found.aggregate_id, "volunteer_id": volunteer_id}
            append_hub_event(session, station_id, "request.accepted", payload, at, actor=actor)
            log.info(
                "centre assigned request %s at %s to %s (%s)",
                ticket,
                station_id,
                volunteer_id,
                actor,
            )
            return _detail(session, station_id, ticket, self._unseal(session))

    def close(self, station_id: str, ticket: str, raw: str, actor: str) -> TicketDetail:
        """Close an open request with a reason (request.cancelled): the kiosks' queues drop
        it on their next pull. Refused once done or cancelled."""
        reason = clean_words(raw, MAX_REASON, "reason")
        now = self._clock.now()
        with self._db.write() as session:
            found = _detail(session, station_id, ticket)
            if found.request is None:
                raise DeskRefused(409, "", "not_a_request")
            if not found.is_open:
                raise DeskRefused(409, "", "closed")
            last = found.request.accepted_at or found.request.ordered_at
            at = max(now, last + _STEP)
            payload = {"request_id": found.aggregate_id, "reason": reason}
            append_hub_event(session, station_id, "request.cancelled", payload, at, actor=actor)
            log.info("centre closed request %s at %s (%s)", ticket, station_id, actor)
            return _detail(session, station_id, ticket, self._unseal(session))


def _detail(
    session: Session, station_id: str, ticket: str, unseal: Opener | None = None
) -> TicketDetail:
    first = opener(session, station_id, ticket)
    if first is None:
        raise DeskRefused(404, "", "unknown_ticket")
    names = _names(session, station_id)
    if first.kind == "request.ordered":
        request_id = str(first.payload["request_id"])
        rows = aggregate_events(session, station_id, "request.", "request_id", request_id)
        events = agreed_order([to_domain(e) for e in rows])
        request = fold_request(events)
        assert request is not None
        helper = None
        if request.accepted_by:
            helper = names.get(request.accepted_by, Helper(request.accepted_by, "", ""))
        history = _history(session, events, names)
        refused = tuple(
            names.get(r.volunteer_id, Helper(r.volunteer_id, "", "")) for r in request.refused
        )
        personal = personal_of(unseal, request.sealed, request.phone, request.text)
        return TicketDetail(
            station_id, "request", request_id, request, None, helper, history, refused, personal
        )
    wish_id = str(first.payload["wish_id"])
    rows = aggregate_events(session, station_id, "wish.", "wish_id", wish_id)
    events = agreed_order([to_domain(e) for e in rows])
    wish = fold_wish(events)
    assert wish is not None
    return TicketDetail(
        station_id,
        "wish",
        wish_id,
        None,
        wish,
        history=_history(session, events, names),
        personal=personal_of(unseal, wish.sealed, wish.phone, wish.text),
    )


def _history(session: Session, events: list[Event], names: dict[str, Helper]) -> tuple[Step, ...]:
    """The ticket's events in the agreed order, with who did each (the audit trail)."""
    kiosks: dict[str, str] = {}
    steps = []
    for event in events:
        actor = event.actor or ""
        if actor in names:
            actor = f"{names[actor].name} · {names[actor].number}"
        elif not (actor.startswith("centre:") or actor == "phone"):
            actor = ""
        kiosk = ""
        if not is_hub_author(event.kiosk_id):
            if event.kiosk_id not in kiosks:
                row = repo.get_kiosk(session, event.kiosk_id)
                kiosks[event.kiosk_id] = (row.name if row else None) or event.kiosk_id[-6:]
            kiosk = kiosks[event.kiosk_id]
        said = event.payload.get("reason") or event.payload.get("answer") or ""
        steps.append(Step(event.occurred_at, event.kind, actor, kiosk, str(said)))
    return tuple(steps)


def _names(session: Session, station_id: str) -> dict[str, Helper]:
    """The station's volunteers as the hub knows them: registered at its kiosks, then the
    published roster on top (it is authoritative for whom it lists); deactivated ones left
    out."""
    found: dict[str, Helper] = {}
    latest: dict[str, dict[str, Any]] = {}
    inactive: set[str] = set()
    # from the roster's read model (one row a volunteer, their events in the agreed order), not
    # the station's whole log: a registration of any age, whatever months were archived
    for vid, events in hub_roster.roster_events(session, station_id).items():
        for event in events:
            if event.kind == "volunteer.registered":
                latest[vid] = event.payload
                inactive.discard(vid)
            elif event.kind == "volunteer.deactivated":
                inactive.add(vid)
            elif event.kind == "volunteer.reactivated":  # the centre's 重新启用
                inactive.discard(vid)
    names = registered_names(session, latest)  # sealed names opened once each
    for vid, payload in latest.items():
        found[vid] = Helper(vid, names[vid], str(payload["number"]))
    roster = repo.latest_config(session, "roster", station_id) or repo.latest_config(
        session, "roster", None
    )
    if roster is not None:
        for entry in roster.body.get("volunteers", []):
            vid = str(entry.get("volunteer_id"))
            found[vid] = Helper(vid, str(entry.get("name", "")), str(entry.get("number", "")))
            if entry.get("active", True):
                inactive.discard(vid)
            else:
                inactive.add(vid)
    erased = set(
        session.scalars(
            select(HubErasedSubject.subject).where(HubErasedSubject.subject.in_(set(found)))
        )
    )
    erased_name = " / ".join(PERSONAL_DATA["erased"])
    for vid in erased:  # the centre erased their name (docs/privacy.md); the number stays
        found[vid] = Helper(vid, erased_name, found[vid].number)
    return {vid: h for vid, h in found.items() if vid not in inactive}


def _on_duty(session: Session, station_id: str, now: datetime) -> list[Helper]:
    rows = station_events(session, "shift.", [station_id], now - ON_DUTY_WINDOW, None)
    by_shift: dict[str, list[Event]] = {}
    for row in rows:
        by_shift.setdefault(str(row.payload.get("shift_id")), []).append(to_domain(row))
    open_ids = set()
    for events in by_shift.values():
        state = fold_shift(events)
        if state is not None and state.status == "open":
            open_ids.add(state.volunteer_id)
    names = _names(session, station_id)
    helpers = [names[v] for v in open_ids if v in names]
    return sorted(helpers, key=lambda h: (h.number, h.name))
