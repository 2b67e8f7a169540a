"""The kiosk's key store for personal data: per-subject data keys in `subject_keys`, wrapped by
a master key in a 0600 file outside the database (data_dir/keys/personal_data.key).

A copied database file alone reveals nothing: its events and projections hold only sealed values
(`kiosk.core.sealing`) and its key rows are useless without the master key file. Erasing a
subject deletes its key row and notes the subject as erased, so a key arriving again by sync is
refused. docs/privacy.md says why and what is left.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.core import sealing
from kiosk.core.files import new_private_file, private_dir
from kiosk.core.words import PERSONAL_DATA
from kiosk.platform.store.models import ErasedSubjectRow, SubjectKeyRow

MASTER_KEY_NAME = "personal_data.key"
# Set in a write session's info when it erased personal data: the database truncates the WAL
# once the write committed (`Database.wipe_wal`), so no older page image keeps what was erased.
WIPE_WAL = "wipe_wal"


def master_key_path(database_file: Path) -> Path:
    """Beside the device credential: data_dir/keys/personal_data.key."""
    return database_file.parent / "keys" / MASTER_KEY_NAME


_VAULTS: dict[Path, Vault] = {}


def vault_at(database_file: Path) -> Vault:
    """The one vault of the database at this path (its master key read once per process)."""
    path = master_key_path(database_file)
    if path not in _VAULTS:
        _VAULTS[path] = Vault(path)
    return _VAULTS[path]


def vault_of(session: Session) -> Vault:
    """The vault of the database `session` writes to: for a projector, which is handed only a
    session, opening a sealed name as it folds (docs/privacy.md, "Volunteers")."""
    return vault_at(Path(str(session.get_bind().engine.url.database or "memory")))


class Vault:
    """Seals and opens one station's subjects' personal fields on this kiosk."""

    def __init__(self, master_path: Path) -> None:
        self._path = master_path
        self._master: bytes | None = None

    def _key(self) -> bytes:
        """The master key, made on first use (0600, in a 0700 folder)."""
        if self._master is None:
            if not self._path.exists():
                private_dir(self._path.parent)
                try:
                    fd = new_private_file(self._path)
                except FileExistsError:
                    pass  # made meanwhile by another process: read theirs
                else:
                    with os.fdopen(fd, "w") as handle:
                        handle.write(base64.b64encode(sealing.new_key()).decode())
                        handle.flush()
                        os.fsync(handle.fileno())
            self._master = base64.b64decode(self._path.read_text().strip())
        return self._master

    def seal(self, session: Session, subject: str, fields: dict[str, Any], now: datetime) -> str:
        """A new key for `subject` (kept in the caller's transaction) and its sealed fields."""
        key = sealing.new_key()
        wrapped = sealing.wrap(self._key(), subject, key)
        session.add(SubjectKeyRow(subject=subject, wrapped=wrapped, created_at=now))
        return sealing.seal(key, subject, fields)

    def _data_key(self, session: Session, subject: str) -> bytes | None:
        row = session.get(SubjectKeyRow, subject)
        if row is None:
            return None
        try:
            return sealing.unwrap(self._key(), subject, row.wrapped)
        except sealing.SealError:
            return None  # a key wrapped under another master: unreadable, shown as erased

    def open(self, session: Session, sealed: str) -> dict[str, Any] | None:
        """The sealed fields, or None when the subject's key is gone (erased)."""
        try:
            subject = sealing.subject_of(sealed)
            key = self._data_key(session, subject)
            return None if key is None else sealing.unseal(key, sealed)
        except sealing.SealError:
            return None

    def open_with(self, wrapped: str, sealed: str) -> dict[str, Any] | None:
        """The sealed fields with the subject's wrapped key already at hand (a scan reads the
        keys in the same query as the rows: no lookup per row); None when unreadable."""
        try:
            subject = sealing.subject_of(sealed)
            return sealing.unseal(sealing.unwrap(self._key(), subject, wrapped), sealed)
        except sealing.SealError:
            return None

    def personal(
        self, session: Session, sealed: str | None, phone: str | None, text: str = ""
    ) -> tuple[str | None, str, bool]:
        """A row's phone and text: opened from its sealed value when there is one (erased: no
        phone, the text says 已删除 / Erased, True), else as an older event held them."""
        if not sealed:
            return phone, text, False
        fields = self.open(session, sealed)
        if fields is None:
            zh, en = PERSONAL_DATA["erased"]
            return None, f"{zh} / {en}", True
        return fields.get("phone") or None, str(fields.get("text") or ""), False

    def export(self, session: Session, subjects: Iterable[str]) -> dict[str, str]:
        """The data keys of these subjects that are held here, as they travel to the hub."""
        wanted = sorted(set(subjects))
        found: dict[str, str] = {}
        for subject in wanted:
            key = self._data_key(session, subject)
            if key is not None:
                found[subject] = sealing.key_to_text(key)
        return found

    def receive(self, session: Session, keys: dict[str, str], now: datetime) -> int:
        """Keep keys pulled from the hub (new ones only; never a subject erased here)."""
        if not keys:
            return 0
        erased = set(
            session.scalars(
                select(ErasedSubjectRow.subject).where(ErasedSubjectRow.subject.in_(keys))
            )
        )
        kept = 0
        for subject, text in keys.items():
            if subject in erased:
                continue
            try:
                key = sealing.key_from_text(text)
            except (sealing.SealError, ValueError):
                continue
            result = session.execute(
                sqlite_insert(SubjectKeyRow)
                .values(
                    subject=subject,
                    wrapped=sealing.wrap(self._key(), subject, key),
                    created_at=now,
                )
                .on_conflict_do_nothing()
            )
            kept += int(result.rowcount or 0)  # type: ignore[attr-defined]
        return kept

    def erase(self, session: Session, subjects: Iterable[str], now: datetime) -> int:
        """Destroy these subjects' keys here; their sealed fields can never be read again."""
        return erase_keys(session, subjects, now)

    def held(self, session: Session) -> list[str]:
        """Subjects whose key is held here (the retention sweep's candidates)."""
        return list(session.scalars(select(SubjectKeyRow.subject)))


def erase_keys(session: Session, subjects: Iterable[str], now: datetime) -> int:
    """Delete these subjects' key rows and remember them as erased (needs no master key, so a
    projector folding a `privacy.erased` event can do it)."""
    wanted = sorted(set(subjects))
    if not wanted:
        return 0
    session.info[WIPE_WAL] = True
    gone = session.execute(delete(SubjectKeyRow).where(SubjectKeyRow.subject.in_(wanted)))
    for subject in wanted:
        session.execute(
            sqlite_insert(ErasedSubjectRow)
            .values(subject=subject, erased_at=now)
            .on_conflict_do_nothing()
        )
    return int(gone.rowcount or 0)  # type: ignore[attr-defined]
