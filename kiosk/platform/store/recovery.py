"""Start-up recovery: a corrupt database is moved aside and the latest good backup restored,
and after any restore this kiosk's sequence numbers are fenced so no event is lost at the hub.

Why the fence: a restored database has an older `last_seq` than the hub may already hold from
this kiosk (events written after the backup and pushed before the corruption). New events would
then reuse seqs the hub already holds under other ids; the hub answers them as duplicates and
they would be dropped without a word. So a restore leaves a marker beside the database with the
restored `last_seq`; before its next push the sync engine asks the hub how far it holds this
kiosk (an empty push) and, if further, `apply_fence` renumbers the events written since the
restore past the hub's seq. The seqs between the restored `last_seq` and the hub's are then
fetched back from the hub (`GET /v1/sync/own-events`), so the events the kiosk had pushed
after its backup are in its log again; a `.refetch` marker keeps that resumable. Events it
wrote after the backup and never pushed are gone with the corrupt file (kept for forensics).

Identity: the kiosk id, station and enrolment are also kept in `keys/identity.json`, beside the
device token. A corrupt database with no good backup (or a deleted one) starts empty but under
the same kiosk id, still enrolled, and fenced at seq 0: the hub keeps seeing one kiosk, and
everything it holds from it comes back on the first sync.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.core.files import private_dir
from kiosk.platform.store import backup, eventlog, sync_store
from kiosk.platform.store.db import Database
from kiosk.platform.store.models import KioskMeta, SyncRejectRow, SyncStateRow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recovery:
    """What start-up recovery did; `restored_from` is None when no good backup existed."""

    corrupt_moved_to: Path
    restored_from: Path | None
    problem: str


def fence_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".seq-fence")


def _restored_last_seq(database_path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(database_path)
    try:
        row = conn.execute("SELECT last_seq FROM kiosk_meta WHERE id = 1").fetchone()
    except sqlite3.DatabaseError:
        row = None  # a backup taken before the first start has no identity yet
    finally:
        conn.close()
    return int(row[0]) if row else 0


def _write_json(path: Path, body: dict[str, object]) -> None:
    """Replace `path` by `body` atomically and durably (temp name, fsync, rename)."""
    private_dir(path.parent)
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(body, ensure_ascii=False))
        handle.flush()
        os.fsync(handle.fileno())
    temp.replace(path)
    backup.fsync_dir(path.parent)


def write_fence(database_path: Path, restored_at: datetime, last_seq: int | None = None) -> None:
    """Mark the database as restored: its seq is to be fenced against the hub's before a push
    (`last_seq`: the restored one, read from the file when not given)."""
    seq = _restored_last_seq(database_path) if last_seq is None else last_seq
    _write_json(
        fence_path(database_path), {"restored_last_seq": seq, "at": restored_at.isoformat()}
    )


def pending_fence(database: Database) -> int | None:
    """The restored `last_seq` when a restore still waits for its fence, else None."""
    path = fence_path(Path(str(database.engine.url.database)))
    if not path.exists():
        return None
    return int(json.loads(path.read_text(encoding="utf-8"))["restored_last_seq"])


def apply_fence(database: Database, restored_last_seq: int, hub_acked_seq: int) -> int:
    """Renumber this kiosk's events written since the restore to follow `hub_acked_seq`, in one
    transaction, and clear the marker. The seqs the hub holds past the restored one are left
    to fetch back (`pending_refetch`). Returns the shift applied (0 when the hub was behind)."""
    shift = max(0, hub_acked_seq - restored_last_seq)
    database_path = Path(str(database.engine.url.database))
    if shift:  # before the renumbering: a crash in between leaves both markers, never neither
        set_refetch(database, restored_last_seq, hub_acked_seq)
    with database.write() as session:
        if shift:
            conn = session.connection()
            kiosk = conn.execute(text("SELECT kiosk_id FROM kiosk_meta WHERE id = 1")).scalar_one()
            params = {"kiosk": kiosk, "after": restored_last_seq, "shift": shift}
            # Through negative numbers first, so the unique (kiosk_id, seq) never collides.
            for sql in (
                "UPDATE events SET seq = -(seq + :shift) WHERE kiosk_id = :kiosk AND seq > :after",
                "UPDATE events SET seq = -seq WHERE kiosk_id = :kiosk AND seq < 0",
                "DELETE FROM outbox",
                "UPDATE kiosk_meta SET last_seq = last_seq + :shift, acked_seq = :acked"
                " WHERE id = 1",
                "INSERT OR IGNORE INTO outbox (seq, event_id) SELECT seq, id FROM events"
                " WHERE kiosk_id = :kiosk AND seq > :acked",
            ):
                conn.execute(text(sql), {**params, "acked": hub_acked_seq})
            log.warning(
                "restored kiosk: events after seq %d renumbered by +%d to follow the hub's %d",
                restored_last_seq,
                shift,
                hub_acked_seq,
            )
    fence_path(database_path).unlink(missing_ok=True)
    return shift


# --- this kiosk's own events, fetched back from the hub ------------------------------------


def refetch_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".refetch")


def set_refetch(database: Database, after_seq: int, upto_seq: int) -> None:
    """Record that this kiosk's events `after_seq` < seq <= `upto_seq` are to be fetched back."""
    path = refetch_path(Path(str(database.engine.url.database)))
    _write_json(path, {"after_seq": after_seq, "upto_seq": upto_seq})


def pending_refetch(database: Database) -> tuple[int, int] | None:
    """(after_seq, upto_seq) of own events still to fetch back from the hub, or None."""
    path = refetch_path(Path(str(database.engine.url.database)))
    if not path.exists():
        return None
    body = json.loads(path.read_text(encoding="utf-8"))
    return int(body["after_seq"]), int(body["upto_seq"])


def finish_refetch(database: Database) -> None:
    refetch_path(Path(str(database.engine.url.database))).unlink(missing_ok=True)


@dataclass(frozen=True)
class OwnReject:
    """One of this kiosk's events the hub refused: only its seq, id, kind and why come back."""

    seq: int
    event_id: str
    kind: str
    reason: str


def store_own_events(
    session: Session, events: list[Event], rejects: list[OwnReject], now: datetime
) -> int:
    """Put this kiosk's own events, as the hub holds them, back into its log (projections
    folded, no outbox row: the hub has them) and its refused ones back on the rejects list.
    Returns how many events were new here. A seq the hub refused stays a hole in the log."""
    kiosk_id = eventlog.meta(session).kiosk_id
    new = 0
    for event in events:
        if event.kiosk_id != kiosk_id:
            raise ValueError(f"event {event.id} is not this kiosk's")
        new += eventlog.ingest(session, event)
    for reject in rejects:
        session.merge(
            SyncRejectRow(
                seq=reject.seq,
                event_id=reject.event_id,
                kind=reject.kind,
                reason=reject.reason[:300],
                recorded_at=now,
            )
        )
    return new


# --- identity kept beside the credentials ---------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """Who this kiosk is, outside its database: what an empty database must not forget."""

    kiosk_id: str
    station_id: str
    hub_url: str | None = None
    enrolled_at: str | None = None  # ISO time; set once enrolled


def identity_path(database_path: Path) -> Path:
    return database_path.parent / "keys" / "identity.json"


def read_identity(database_path: Path) -> Identity | None:
    path = identity_path(database_path)
    if not path.exists():
        return None
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        return Identity(
            kiosk_id=str(body["kiosk_id"]),
            station_id=str(body["station_id"]),
            hub_url=body.get("hub_url"),
            enrolled_at=body.get("enrolled_at"),
        )
    except (ValueError, KeyError, TypeError, OSError):
        log.error("identity file %s is unreadable: ignored", path)
        return None


def _identity_of(session: Session) -> Identity:
    meta = eventlog.meta(session)
    state = session.get(SyncStateRow, 1)
    enrolled = state.enrolled_at if state is not None else None
    return Identity(
        kiosk_id=meta.kiosk_id,
        station_id=meta.station_id,
        hub_url=state.hub_url if state is not None and enrolled is not None else None,
        enrolled_at=enrolled.isoformat() if enrolled is not None else None,
    )


def save_identity(database: Database) -> Identity:
    """Write the database's identity (and enrolment) to `keys/identity.json` when it differs."""
    database_path = Path(str(database.engine.url.database))
    with database.read() as session:
        identity = _identity_of(session)
    if read_identity(database_path) != identity:
        _write_json(identity_path(database_path), {**identity.__dict__})
    return identity


def keep_identity(database: Database, station_id: str, now: datetime) -> KioskMeta:
    """This kiosk's identity row: the database's own; on an empty database the one kept in
    `keys/identity.json` (same station), enrolment included and its seq fenced; else a new one.
    The file is brought up to date either way."""
    database_path = Path(str(database.engine.url.database))
    kept = read_identity(database_path)
    fence = False
    with database.write() as session:
        row = session.get(KioskMeta, 1)
        if row is None and kept is not None and kept.station_id == station_id:
            row = KioskMeta(
                id=1,
                kiosk_id=kept.kiosk_id,
                station_id=kept.station_id,
                last_seq=0,
                acked_seq=0,
                created_at=now,
            )
            session.add(row)
            if kept.hub_url and kept.enrolled_at:
                state = sync_store.state(session)
                state.hub_url = kept.hub_url
                state.enrolled_at = datetime.fromisoformat(kept.enrolled_at)
                fence = True  # the hub may hold seqs this empty log does not know
            session.flush()
            log.critical(
                "empty database: kiosk identity %s of station %s taken from %s%s",
                kept.kiosk_id,
                kept.station_id,
                identity_path(database_path),
                "; still enrolled, its events will be fetched back from the hub" if fence else "",
            )
        elif row is None and kept is not None:
            log.warning(
                "identity file names station %s, settings say %s: a new kiosk identity",
                kept.station_id,
                station_id,
            )
        row = eventlog.ensure_identity(session, station_id, now)
    if fence:
        write_fence(database_path, now, last_seq=0)
    save_identity(database)
    return row


def recover_if_corrupt(
    database_path: Path,
    backups: Path,
    now: datetime,
    checked: Callable[[], list[str]] | None = None,
) -> Recovery | None:
    """Run `quick_check` before anything else opens the file; on failure move the file aside,
    restore the newest good backup (if any) and fence it. None when the database is sound.

    `checked` gives the answer of a check begun earlier on this file (`precheck.begin`, the
    kiosk's start): nothing may have opened the file since."""
    if not database_path.exists():
        return None
    check = checked() if checked is not None else backup.quick_check(database_path)
    if check == ["ok"]:
        return None
    problem = "; ".join(check[:3])
    moved = backup.move_aside(database_path, f"corrupt-{backup.stamp(now)}")
    good = backup.latest_good_backup(backups)
    if good is None:
        log.critical(
            "DATABASE CORRUPT (%s): moved to %s; NO good backup found, starting an empty database"
            " (the kiosk id is kept; an enrolled kiosk takes its events back from the hub)",
            problem,
            moved,
        )
        return Recovery(moved, None, problem)
    backup.install_copy(good.path, database_path)
    write_fence(database_path, now)
    log.critical(
        "DATABASE CORRUPT (%s): moved to %s; restored backup %s taken %s; events written after "
        "that backup come back from the hub on the next sync if this kiosk had pushed them",
        problem,
        moved,
        good.path.name,
        good.taken_at.isoformat(),
    )
    return Recovery(moved, good.path, problem)
