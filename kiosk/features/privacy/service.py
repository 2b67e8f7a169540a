"""Personal data on this kiosk: the retention sweep (at start and hourly) and erasure.

The sweep reads when each subject closed from the projections (the folds of the events), so it
needs no event and no hub: an offline kiosk erases on time too. Erasure on request writes
`privacy.erased` (no personal data), which destroys the key here as it is folded and everywhere
else once synced.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.errors import NotFound
from kiosk.core.text import mask_phone
from kiosk.core.tickets import clean_ticket
from kiosk.features.admin.domain import Action, AdminAccount, Permission
from kiosk.features.admin.service.accounts import audit, denied
from kiosk.features.lending.domain import fold_loan
from kiosk.features.privacy.domain import (
    EraseReason,
    Retention,
    due,
    loan_closed_at,
    request_closed_at,
    wish_closed_at,
)
from kiosk.features.requests import store as tickets
from kiosk.features.requests.domain import fold_request, fold_wish
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.services import ServiceContext
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import SubjectKeyRow
from kiosk.platform.store.vault import erase_keys

log = logging.getLogger(__name__)
_FAMILIES = ("request.", "wish.", "lending.")

UNKNOWN_TICKET = NotFound(
    "没有找到这个单号，请核对后重试", "No request or wish has this ticket number; please check it"
)
NOTHING_TO_ERASE = NotFound(
    "该单没有可删除的个人信息（没有留手机号和留言，或已删除）",
    "The ticket holds no personal data to erase (no phone or words given, or erased already)",
)


@dataclass(frozen=True)
class TicketData:
    """What erasing a ticket's personal data removes, as the admin sees it before confirming:
    the phone masked (as everywhere on the kiosk) and the traveller's words."""

    ticket: str
    kind: str  # request | wish
    category: str
    subject: str  # the request's or wish's id: the key's subject
    made_at: datetime
    masked_phone: str | None
    words: str


class PrivacyService:
    """Retention and erasure of travellers' personal data on this kiosk."""

    def __init__(self, context: ServiceContext) -> None:
        self._db = context.database
        self._clock = context.clock
        settings = context.settings
        self.retention = Retention(
            request_days=settings.retention_request_days,
            wish_days=settings.retention_wish_days,
            loan_days=settings.retention_loan_days,
        )

    def sweep(self) -> int:
        """Destroy the keys of subjects closed longer ago than their retention; how many."""
        now = self._clock.now()
        with self._db.write() as session:
            expired = [s for s in self._held(session) if self._expired(session, s, now)]
            erased = erase_keys(session, expired, now)
        if erased:
            log.info("retention: erased the personal data of %d subjects", erased)
        return erased

    def erase(self, subject: str, actor: str | None) -> None:
        """Erase one subject's personal data at the person's request (staff act for them)."""
        now = self._clock.now()
        with self._db.write() as session:
            if session.get(SubjectKeyRow, subject) is None:
                raise NotFound("没有可删除的个人信息", "There is no personal data to erase")
            payload = {"subject": subject, "reason": EraseReason.REQUEST.value}
            eventlog.append(session, "privacy.erased", payload, occurred_at=now, actor=actor)

    def ticket_data(self, raw: str) -> TicketData:
        """The personal data a ticket number's request or wish holds here; refused (bad
        number, unknown, nothing to erase) with a message."""
        ticket = clean_ticket(raw)
        with self._db.read() as session:
            return self._ticket_data(session, ticket)

    def erase_ticket(self, account: AdminAccount, raw: str) -> TicketData:
        """Erase a ticket's phone and words at the traveller's request: `privacy.erased` (the
        key destroyed here as it is folded, and on the hub and the station's kiosks once
        synced) and its audit, in one transaction. Refused input writes nothing."""
        if not account.may(Permission.ERASE_PERSONAL_DATA):
            raise denied()
        ticket = clean_ticket(raw)
        now = self._clock.now()
        with self._db.write() as session:
            found = self._ticket_data(session, ticket)
            payload = {"subject": found.subject, "reason": EraseReason.REQUEST.value}
            eventlog.append(session, "privacy.erased", payload, occurred_at=now, actor=account.id)
            after = {"ticket": ticket, "kind": found.kind}
            audit(
                session,
                self._clock,
                account.id,
                Action.PERSONAL_DATA_ERASED,
                found.subject,
                {},
                after,
            )
        log.info("personal data of ticket %s erased by %s", ticket, account.id)
        return found

    def _ticket_data(self, session: Session, ticket: str) -> TicketData:
        request = tickets.request_by_ticket(session, ticket)
        wish = tickets.wish_by_ticket(session, ticket)
        if wish is not None and (request is None or wish.submitted_at > request.ordered_at):
            kind, subject, category, made_at = "wish", wish.id, wish.category, wish.submitted_at
            sealed = wish.sealed
        elif request is not None:
            kind, subject, category = "request", request.id, request.category
            made_at, sealed = request.ordered_at, request.sealed
        else:
            raise UNKNOWN_TICKET
        # Only sealed data can be erased (old clear events cannot be rewritten: privacy.md),
        # and only while its key is held here.
        if not sealed or session.get(SubjectKeyRow, subject) is None:
            raise NOTHING_TO_ERASE
        phone, words, erased = self._db.vault.personal(session, sealed, None)
        if erased:
            raise NOTHING_TO_ERASE
        return TicketData(
            ticket,
            kind,
            category,
            subject,
            made_at,
            mask_phone(phone) if phone else None,
            words,
        )

    @staticmethod
    def _held(session: Session) -> list[str]:
        """Travellers' subjects with a key here; a volunteer's key has no retention (erased
        only at their request, by the centre)."""
        volunteers = select(VolunteerRow.id)
        return list(
            session.scalars(
                select(SubjectKeyRow.subject).where(SubjectKeyRow.subject.not_in(volunteers))
            )
        )

    def _expired(self, session: Session, subject: str, now: datetime) -> bool:
        for family in _FAMILIES:
            events = eventlog.load_aggregate(session, subject, family)
            if not events:
                continue
            if family == "request.":
                request = fold_request(events)
                closed = request_closed_at(request) if request else None
                days = self.retention.request_days
            elif family == "lending.":
                loan = fold_loan(events)
                closed = loan_closed_at(loan) if loan else None
                days = self.retention.loan_days
            else:
                wish = fold_wish(events)
                closed = wish_closed_at(wish) if wish else None
                days = self.retention.wish_days
            return due(closed, days, now)
        return False


SERVICES = (PrivacyService,)
