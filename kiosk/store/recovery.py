"""Start-up recovery: a corrupt database is moved aside and the latest good backup restored,
and after any restore this kiosk's sequence numbers are fenced so no event is lost at the hub.

Why the fence: a restored database has an older `last_seq` than the hub may already hold from
this kiosk (events written after the backup and pushed before the corruption). New events would
then reuse seqs the hub already holds under other ids; the hub answers them as duplicates and
they would be dropped without a word. So a restore leaves a marker beside the database with the
restored `last_seq`; before its next push the sync engine asks the hub how far it holds this
kiosk (an empty push) and, if further, `apply_fence` renumbers the events written since the
restore past the hub's seq. Events the kiosk wrote after the backup and never pushed are gone
with the corrupt file (it is kept for forensics); those it had pushed are on the hub but do not
come back to this kiosk yet (the hub has no "my own events" endpoint).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from kiosk.store import backup
from kiosk.store.db import Database

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


def write_fence(database_path: Path, restored_at: datetime) -> None:
    """Mark the database as restored: its seq is to be fenced against the hub's before a push."""
    path = fence_path(database_path)
    body = {"restored_last_seq": _restored_last_seq(database_path), "at": restored_at.isoformat()}
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(body), encoding="utf-8")
    temp.replace(path)
    backup.fsync_dir(path.parent)


def pending_fence(database: Database) -> int | None:
    """The restored `last_seq` when a restore still waits for its fence, else None."""
    path = fence_path(Path(str(database.engine.url.database)))
    if not path.exists():
        return None
    return int(json.loads(path.read_text(encoding="utf-8"))["restored_last_seq"])


def apply_fence(database: Database, restored_last_seq: int, hub_acked_seq: int) -> int:
    """Renumber this kiosk's events written since the restore to follow `hub_acked_seq`, in one
    transaction, and clear the marker. Returns the shift applied (0 when the hub was behind)."""
    shift = max(0, hub_acked_seq - restored_last_seq)
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
    fence_path(Path(str(database.engine.url.database))).unlink(missing_ok=True)
    return shift


def recover_if_corrupt(database_path: Path, backups: Path, now: datetime) -> Recovery | None:
    """Run `quick_check` before anything else opens the file; on failure move the file aside,
    restore the newest good backup (if any) and fence it. None when the database is sound."""
    if not database_path.exists():
        return None
    check = backup.quick_check(database_path)
    if check == ["ok"]:
        return None
    problem = "; ".join(check[:3])
    moved = backup.move_aside(database_path, f"corrupt-{backup.stamp(now)}")
    good = backup.latest_good_backup(backups)
    if good is None:
        log.critical(
            "DATABASE CORRUPT (%s): moved to %s; NO good backup found, starting an empty database",
            problem,
            moved,
        )
        return Recovery(moved, None, problem)
    backup.install_copy(good.path, database_path)
    write_fence(database_path, now)
    log.critical(
        "DATABASE CORRUPT (%s): moved to %s; restored backup %s taken %s; events written after "
        "that backup are lost here unless the hub holds them",
        problem,
        moved,
        good.path.name,
        good.taken_at.isoformat(),
    )
    return Recovery(moved, good.path, problem)
