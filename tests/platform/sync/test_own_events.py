"""A kiosk restored from a backup, or left with an empty database and no backup at all, takes
back from the hub the events it had pushed (`GET /v1/sync/own-events`), keeps its kiosk id and
its enrolment, and what it writes afterwards still reaches the hub. Against the real hub."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from kiosk.core.clock import FixedClock
from kiosk.platform.store.backup import backup_dir, take_backup
from kiosk.platform.store.recovery import fence_path, identity_path, read_identity, refetch_path
from kiosk.platform.store.store import rebuild_projections
from kiosk.platform.sync.client import HubClient
from kiosk.platform.sync.credentials import read_token
from kiosk.platform.sync.engine import SyncEngine
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices, build_services
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk
from tests.platform.sync.test_restore_fence import _corrupt as _overwrite_pages
from tests.platform.sync.test_sync_e2e import hub_event_ids

LATER = FixedClock(datetime(2026, 11, 3, 1, tzinfo=UTC))


def _corrupt(path: Path) -> None:
    """Damage the file's pages once everything is in it (nothing left in the -wal to mask it)."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    _overwrite_pages(path)


def _own(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as db:
        kiosk_id = db.execute("SELECT kiosk_id FROM kiosk_meta").fetchone()[0]
        return list(
            db.execute("SELECT seq, id FROM events WHERE kiosk_id = ? ORDER BY seq", (kiosk_id,))
        )


def _names(services: KioskServices) -> set[str]:
    return {v.name for v in services.roster.all()}


def _projections_fold_again(services: KioskServices) -> None:
    before = _names(services)
    rebuild_projections(services.database)
    assert _names(services) == before


def test_a_restored_kiosk_takes_back_what_it_pushed_after_its_backup(
    make_kiosk, hub: HubServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    kiosk: SyncedKiosk = make_kiosk("south")
    data_dir = tmp_path / "south"
    database = kiosk.services.settings.database_path
    kiosk.services.roster.register("陈静", "FZB-0003", "13800000003", "1234")
    kiosk.engine.sync_once()
    take_backup(database, backup_dir(data_dir), datetime(2026, 11, 2, 19, tzinfo=UTC), "nightly")
    kiosk.services.roster.register("林志远", "FZB-0004", "13800000004", "1234")
    kiosk.services.roster.register("王芳", "FZB-0005", "13800000005", "1234")
    kiosk.engine.sync_once()  # pushed after the backup: only the hub has these now
    before_loss = _own(database)
    kiosk.services.close()
    _corrupt(database)

    restored = build_services(Settings(data_dir=data_dir, station_id=STATION), LATER)
    client = HubClient(hub.url, read_token(data_dir))
    try:
        assert fence_path(database).exists(), "not restored"
        assert "王芳" not in _names(restored)  # the backup predates her
        restored.roster.register("赵磊", "FZB-0006", "13800000006", "1234")  # after the restore
        status = SyncEngine(restored.database, client, LATER).sync_once()

        assert status.pending == 0
        own = _own(database)
        assert set(before_loss) <= set(own)  # every event pushed before the loss is back ...
        assert [seq for seq, _ in own] == list(range(1, len(own) + 1))  # ... in a dense log
        assert {i for _, i in own} <= set(hub_event_ids(hub))  # and the new one reached the hub
        assert {"陈静", "林志远", "王芳", "赵磊"} <= _names(restored)
        _projections_fold_again(restored)
        assert not fence_path(database).exists() and not refetch_path(database).exists()
    finally:
        client.close()
        restored.close()


def test_an_empty_database_without_backup_keeps_its_kiosk_id_and_enrolment(
    make_kiosk, hub: HubServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    kiosk: SyncedKiosk = make_kiosk("north")
    data_dir = tmp_path / "north"
    database = kiosk.services.settings.database_path
    for i in range(3):
        kiosk.services.roster.register(f"志愿者{i}", f"N-{i}", f"1390000000{i}", "1234")
    kiosk.engine.sync_once()
    before_loss = _own(database)
    with sqlite3.connect(database) as db:
        kiosk_id = db.execute("SELECT kiosk_id FROM kiosk_meta").fetchone()[0]
    identity = read_identity(database)
    assert identity is not None and identity.kiosk_id == kiosk_id and identity.hub_url == hub.url
    kiosk.services.close()
    _corrupt(database)  # and there is no backup at all

    fresh = build_services(Settings(data_dir=data_dir, station_id=STATION), LATER)
    client = HubClient(hub.url, read_token(data_dir))
    try:
        with sqlite3.connect(database) as db:
            assert db.execute("SELECT kiosk_id FROM kiosk_meta").fetchone()[0] == kiosk_id
            assert db.execute("SELECT hub_url FROM sync_state").fetchone()[0] == hub.url
        assert fresh.roster.all() == []
        fresh.roster.register("新来的", "N-9", "13900000009", "1234")  # written before any sync
        status = SyncEngine(fresh.database, client, LATER).sync_once()

        assert status.pending == 0 and status.enrolled
        own = _own(database)
        assert set(before_loss) <= set(own)
        assert [seq for seq, _ in own] == list(range(1, len(own) + 1))
        assert {i for _, i in own} <= set(hub_event_ids(hub))
        assert {"志愿者0", "志愿者1", "志愿者2", "新来的"} <= _names(fresh)
        _projections_fold_again(fresh)
        kiosks = hub.admin("GET", "/v1/admin/kiosks").json()
        assert [k["kiosk_id"] for k in kiosks] == [kiosk_id]  # still one kiosk at the hub
    finally:
        client.close()
        fresh.close()


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_own_events_are_the_callers_only_paged_and_authenticated(
    make_kiosk, hub: HubServer
) -> None:  # type: ignore[no-untyped-def]
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    for i in range(3):
        south.services.roster.register(f"南{i}", f"S-{i}", f"1380000000{i}", "1234")
    north.services.roster.register("北", "N-1", "13900000001", "1234")
    south.engine.sync_once()
    north.engine.sync_once()

    first = south.client.own_events(0, 4)
    assert first.acked_seq == len(_own(south.services.settings.database_path))
    assert [e.seq for e in first.events] == [1, 2, 3, 4]
    assert first.has_more and first.next_after_seq == 4
    rest = south.client.own_events(4, 1000)
    assert not rest.has_more and rest.next_after_seq == rest.acked_seq
    everything = first.events + rest.events
    assert {e.kiosk_id for e in everything} == {_own_kiosk(south)}
    assert [e.seq for e in everything] == list(range(1, rest.acked_seq + 1))
    assert south.client.own_events(rest.acked_seq, 10).events == []

    with httpx.Client(base_url=hub.url) as anonymous:
        assert anonymous.get("/v1/sync/own-events").status_code == 401
        wrong = {"Authorization": "Bearer not-a-token"}
        assert anonymous.get("/v1/sync/own-events", headers=wrong).status_code == 401
        token = {"Authorization": f"Bearer {read_token(south.services.settings.data_dir)}"}
        bad = anonymous.get("/v1/sync/own-events?after_seq=-1", headers=token)
        assert bad.status_code == 422
    assert hub.admin("POST", f"/v1/admin/kiosks/{_own_kiosk(north)}/revoke").status_code < 300
    with httpx.Client(base_url=hub.url) as client:
        token = {"Authorization": f"Bearer {read_token(north.services.settings.data_dir)}"}
        revoked = client.get("/v1/sync/own-events", headers=token)
        assert revoked.status_code == 403 and revoked.json()["reason"] == "revoked"


def _own_kiosk(kiosk: SyncedKiosk) -> str:
    with sqlite3.connect(kiosk.services.settings.database_path) as db:
        return str(db.execute("SELECT kiosk_id FROM kiosk_meta").fetchone()[0])


def test_identity_file_sits_beside_the_credentials(make_kiosk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kiosk: SyncedKiosk = make_kiosk("east")
    path = identity_path(kiosk.services.settings.database_path)
    assert path.parent == (tmp_path / "east" / "keys")
    assert path.stat().st_mode & 0o077 == 0
