"""The hub's key store for personal data: per-subject data keys in `subject_keys`, wrapped by
the hub's master key (HUB_PERSONAL_DATA_KEY_PATH, default data_dir/personal_data.key, 0600).

Keys reach the hub beside the events (`POST /v1/sync/keys` from a kiosk, or made here for a
phone-page ticket) and leave it beside the events of a pull page, never inside one. A copied
database (or `pg_dump`) alone reveals nothing without the key file. docs/privacy.md.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.core import sealing
from kiosk.core.files import new_private_file, private_dir
from kiosk.platform.hub.models import HubErasedSubject, HubSubjectKey


def vault_of(session: Session) -> HubVault | None:
    """The vault of the hub whose database handed out `session` (`Database.vault`): pages
    that name volunteers open their sealed names with it (docs/privacy.md, "Volunteers")."""
    vault = session.info.get("vault")
    return vault if isinstance(vault, HubVault) else None


def _insert(session: Session) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


class HubVault:
    """Seals, opens, receives, hands out and destroys subjects' keys on the hub."""

    def __init__(self, master_path: Path) -> None:
        self._path = master_path
        self._master: bytes | None = None

    def _key(self) -> bytes:
        if self._master is None:
            if not self._path.exists():
                private_dir(self._path.parent)
                try:
                    fd = new_private_file(self._path)
                except FileExistsError:
                    pass  # another worker made it meanwhile
                else:
                    with os.fdopen(fd, "w") as handle:
                        handle.write(base64.b64encode(sealing.new_key()).decode())
                        handle.flush()
                        os.fsync(handle.fileno())
            self._master = base64.b64decode(self._path.read_text().strip())
        return self._master

    def seal(
        self, session: Session, station_id: str, subject: str, fields: dict[str, Any], now: datetime
    ) -> str:
        """A new key for a subject made on the hub (a phone-page ticket), and its sealed value."""
        key = sealing.new_key()
        wrapped = sealing.wrap(self._key(), subject, key)
        session.add(
            HubSubjectKey(subject=subject, station_id=station_id, wrapped=wrapped, created_at=now)
        )
        return sealing.seal(key, subject, fields)

    def reseal(self, session: Session, subject: str, fields: dict[str, Any]) -> str | None:
        """New values sealed under the subject's existing key (an edit at the centre), or None
        when the hub holds no key for it (erased, or never received)."""
        key = self._data_key(session, subject)
        return None if key is None else sealing.seal(key, subject, fields)

    def _data_key(self, session: Session, subject: str) -> bytes | None:
        row = session.get(HubSubjectKey, subject)
        if row is None:
            return None
        try:
            return sealing.unwrap(self._key(), subject, row.wrapped)
        except sealing.SealError:
            return None

    def open(self, session: Session, sealed: str) -> dict[str, Any] | None:
        """The sealed fields, or None when the key is gone (erased) or unknown."""
        try:
            key = self._data_key(session, sealing.subject_of(sealed))
            return None if key is None else sealing.unseal(key, sealed)
        except sealing.SealError:
            return None

    def open_many(self, session: Session, sealed: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Many sealed values opened with one query for their keys (a page's volunteers' names:
        one lookup per request, not one per row); a value that does not open is left out."""
        by_subject: dict[str, list[str]] = {}
        for value in set(sealed):
            try:
                by_subject.setdefault(sealing.subject_of(value), []).append(value)
            except sealing.SealError:
                continue
        if not by_subject:
            return {}
        rows = session.execute(
            select(HubSubjectKey.subject, HubSubjectKey.wrapped).where(
                HubSubjectKey.subject.in_(by_subject)
            )
        )
        opened: dict[str, dict[str, Any]] = {}
        for subject, wrapped in rows:
            try:
                key = sealing.unwrap(self._key(), subject, wrapped)
                for value in by_subject[subject]:
                    opened[value] = sealing.unseal(key, value)
            except sealing.SealError:
                continue
        return opened

    def receive(
        self, session: Session, station_id: str, keys: dict[str, str], now: datetime
    ) -> int:
        """Keep keys a kiosk of `station_id` uploads: new subjects only, never an erased one."""
        if not keys:
            return 0
        erased = set(
            session.scalars(
                select(HubErasedSubject.subject).where(HubErasedSubject.subject.in_(keys))
            )
        )
        insert = _insert(session)
        kept = 0
        for subject, text in sorted(keys.items()):
            if subject in erased:
                continue
            key = sealing.key_from_text(text)
            result = session.execute(
                insert(HubSubjectKey)
                .values(
                    subject=subject,
                    station_id=station_id,
                    wrapped=sealing.wrap(self._key(), subject, key),
                    created_at=now,
                )
                .on_conflict_do_nothing()
            )
            kept += int(result.rowcount or 0)  # type: ignore[attr-defined]
        return kept

    def export(self, session: Session, station_id: str, subjects: Iterable[str]) -> dict[str, str]:
        """The keys of these subjects of `station_id` the hub holds, as they travel."""
        wanted = sorted(set(subjects))
        if not wanted:
            return {}
        rows = session.scalars(
            select(HubSubjectKey).where(
                HubSubjectKey.subject.in_(wanted), HubSubjectKey.station_id == station_id
            )
        )
        found: dict[str, str] = {}
        for row in rows:
            try:
                key = sealing.unwrap(self._key(), row.subject, row.wrapped)
            except sealing.SealError:
                continue
            found[row.subject] = sealing.key_to_text(key)
        return found

    def erase(self, session: Session, subjects: Iterable[str], now: datetime) -> int:
        """Destroy these subjects' keys on the hub and remember them as erased."""
        wanted = sorted(set(subjects))
        if not wanted:
            return 0
        gone = session.execute(delete(HubSubjectKey).where(HubSubjectKey.subject.in_(wanted)))
        insert = _insert(session)
        for subject in wanted:
            session.execute(
                insert(HubErasedSubject)
                .values(subject=subject, erased_at=now)
                .on_conflict_do_nothing()
            )
        return int(gone.rowcount or 0)  # type: ignore[attr-defined]

    def held_before(self, session: Session, moment: datetime) -> list[tuple[str, str]]:
        """(station, subject) of keys made before `moment`: the retention sweep's candidates
        (a subject cannot have closed before its key was made)."""
        rows = session.execute(
            select(HubSubjectKey.station_id, HubSubjectKey.subject).where(
                HubSubjectKey.created_at < moment
            )
        )
        return [(r[0], r[1]) for r in rows]
