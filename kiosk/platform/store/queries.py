"""Read queries over the projections; services call these inside their own sessions."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.platform.store.models import AttemptRow, OutboxRow, SyncStateRow


def attempt(session: Session, subject: str) -> AttemptRow | None:
    return session.get(AttemptRow, subject)


def pending_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def enrolled_hub_url(session: Session) -> str | None:
    """The hub this kiosk enrolled with, if any (read only: never creates the sync state)."""
    row = session.get(SyncStateRow, 1)
    return None if row is None else row.hub_url
