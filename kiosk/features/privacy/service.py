"""Personal data on this kiosk: the retention sweep (at start and hourly) and erasure.

The sweep reads when each subject closed from the projections (the folds of the events), so it
needs no event and no hub: an offline kiosk erases on time too. Erasure on request writes
`privacy.erased` (no personal data), which destroys the key here as it is folded and everywhere
else once synced.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.errors import NotFound
from kiosk.features.lending.domain import fold_loan
from kiosk.features.privacy.domain import (
    EraseReason,
    Retention,
    due,
    loan_closed_at,
    request_closed_at,
    wish_closed_at,
)
from kiosk.features.requests.domain import fold_request, fold_wish
from kiosk.platform.services import ServiceContext
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import SubjectKeyRow
from kiosk.platform.store.vault import erase_keys

log = logging.getLogger(__name__)
_FAMILIES = ("request.", "wish.", "lending.")


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

    @staticmethod
    def _held(session: Session) -> list[str]:
        return list(session.scalars(select(SubjectKeyRow.subject)))

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
