"""A kiosk restored from its backup keeps syncing without losing what it writes afterwards:
the hub already holds seqs the restored database has forgotten, and new events must not reuse
them (the hub would answer "duplicate" and they would be lost)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from kiosk.core.clock import FixedClock
from kiosk.platform.store.backup import backup_dir, take_backup
from kiosk.platform.store.recovery import fence_path
from kiosk.platform.sync.client import HubClient
from kiosk.platform.sync.credentials import read_token
from kiosk.platform.sync.engine import SyncEngine
from kiosk.settings import Settings
from kiosk.shell.context import build_services
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk
from tests.platform.sync.test_sync_e2e import hub_event_ids


def _corrupt(path: Path) -> None:
    with path.open("r+b") as handle:
        for offset in range(4096, path.stat().st_size, 4096):
            handle.seek(offset)
            handle.write(b"\xde\xad\xbe\xef" * 1024)


def test_events_written_after_a_restore_reach_the_hub(
    make_kiosk, hub: HubServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    kiosk: SyncedKiosk = make_kiosk("south")
    data_dir = tmp_path / "south"
    kiosk.services.roster.register("陈静", "FZB-0003", "13800000003", "1234")
    kiosk.engine.sync_once()
    take_backup(
        kiosk.services.settings.database_path,
        backup_dir(data_dir),
        datetime(2026, 11, 2, 19, tzinfo=UTC),
        "nightly",
    )
    kiosk.services.roster.register("林志远", "FZB-0004", "13800000004", "1234")
    kiosk.services.roster.register("王芳", "FZB-0005", "13800000005", "1234")
    kiosk.engine.sync_once()  # the hub now holds seqs the backup does not know
    before_loss = set(hub_event_ids(hub))
    kiosk.services.close()
    _corrupt(kiosk.services.settings.database_path)

    clock = FixedClock(datetime(2026, 11, 3, 1, tzinfo=UTC))
    restored = build_services(Settings(data_dir=data_dir, station_id=STATION), clock)
    client = HubClient(hub.url, read_token(data_dir))
    try:
        assert fence_path(restored.settings.database_path).exists()
        restored.roster.register("赵磊", "FZB-0006", "13800000006", "1234")  # after the restore
        status = SyncEngine(restored.database, client, clock).sync_once()

        assert status.pending == 0
        on_hub = set(hub_event_ids(hub))
        assert before_loss < on_hub  # nothing the hub had is lost ...
        assert set(local_event_ids_of(restored)) <= on_hub  # ... and the new event arrived
        assert not fence_path(restored.settings.database_path).exists()
        restored.roster.register("周敏", "FZB-0007", "13800000007", "1234")
        assert SyncEngine(restored.database, client, clock).sync_once().pending == 0
        assert set(local_event_ids_of(restored)) <= set(hub_event_ids(hub))
    finally:
        client.close()
        restored.close()


def local_event_ids_of(services: object) -> list[str]:
    path = services.settings.database_path  # type: ignore[attr-defined]
    with sqlite3.connect(path) as db:
        kiosk_id = db.execute("SELECT kiosk_id FROM kiosk_meta").fetchone()[0]
        return [r[0] for r in db.execute("SELECT id FROM events WHERE kiosk_id = ?", (kiosk_id,))]
