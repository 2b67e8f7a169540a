"""This kiosk's local choices (never synced, not events): a key and a text value each."""

from __future__ import annotations

from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.platform.store.models import PreferenceRow


def get(session: Session, key: str) -> str | None:
    row = session.get(PreferenceRow, key)
    return None if row is None else row.value


def put(session: Session, key: str, value: str) -> None:
    statement = sqlite_insert(PreferenceRow).values(key=key, value=value)
    session.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": value}))
