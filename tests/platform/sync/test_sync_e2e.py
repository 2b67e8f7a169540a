"""Kiosks and a real hub on loopback: enrolment, two exits of one station, revocation,
a hub restored from an old backup, a poison event, and a kiosk whose clock says 1970."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from kiosk.features.shifts.domain import ScanAction
from kiosk.platform.store import eventlog
from kiosk.platform.sync.client import HubClient, HubRevoked
from kiosk.platform.sync.engine import EnrolError, enroll
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk, paused


def hub_event_ids(hub: HubServer) -> list[str]:
    """Every event id the hub stored, read from its database (SQLite or PostgreSQL)."""
    engine = create_engine(hub.settings.resolved_database_url())
    try:
        with engine.connect() as conn:
            return [row[0] for row in conn.execute(text("SELECT id FROM events ORDER BY id"))]
    finally:
        engine.dispose()


def local_event_ids(kiosk: SyncedKiosk) -> list[str]:
    with kiosk.services.database.read() as session:
        meta = eventlog.meta(session)
        rows = session.execute(
            text("SELECT id FROM events WHERE kiosk_id = :k ORDER BY id"), {"k": meta.kiosk_id}
        )
        return [row[0] for row in rows]


def test_check_in_at_south_exit_and_out_at_north_exit(make_kiosk, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    volunteer = south.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    south.services.shifts.clock_with_pin("13800000001", "1234")
    status = south.engine.sync_once()
    assert status.pending == 0 and status.online and status.last_error is None

    north.clock.advance(timedelta(hours=3))
    north.engine.sync_once()
    assert [d.volunteer.name for d in north.services.shifts.on_duty()] == ["王芳"]
    result = north.services.shifts.clock_with_pin("13800000001", "1234")
    assert result.action is ScanAction.CHECK_OUT and result.minutes == 180
    north.engine.sync_once()

    south.engine.sync_once()
    assert south.services.shifts.on_duty() == []
    [hours] = south.services.shifts.monthly_hours(2026, 11)
    assert hours.volunteer.id == volunteer.id and hours.minutes == 180
    assert sorted(local_event_ids(south) + local_event_ids(north)) == hub_event_ids(hub)


def test_revoked_kiosk_stops_and_keeps_its_data(make_kiosk, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    kiosk: SyncedKiosk = make_kiosk("south")
    kiosk.services.roster.register("李强", "FZB-0002", "13800000002", "1234")
    kiosk_id = local_kiosk_id(kiosk)
    response = hub.admin("POST", f"/v1/admin/kiosks/{kiosk_id}/revoke")
    assert response.status_code in (200, 204), response.text
    with pytest.raises(HubRevoked):
        kiosk.engine.sync_once()
    status = kiosk.engine.status()
    assert status.revoked and status.pending == 2 and not status.online
    assert [v.name for v in kiosk.services.roster.all()] == ["李强"]
    assert kiosk.engine.sync_once().revoked  # no further requests, no exception


def local_kiosk_id(kiosk: SyncedKiosk) -> str:
    with kiosk.services.database.read() as session:
        return eventlog.meta(session).kiosk_id


def test_hub_restored_from_older_backup_gets_everything_again(
    make_kiosk,
    hub: HubServer,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    kiosk: SyncedKiosk = make_kiosk("south")
    kiosk.services.roster.register("陈静", "FZB-0003", "13800000003", "1234")
    kiosk.engine.sync_once()
    hub_file = Path(hub.settings.resolved_database_url().removeprefix("sqlite:///"))
    backup = tmp_path / "backup.sqlite3"
    with sqlite3.connect(hub_file) as source, sqlite3.connect(backup) as target:
        source.backup(target)
    kiosk.services.shifts.clock_with_pin("13800000003", "1234")
    kiosk.services.roster.register("林志远", "FZB-0004", "13800000004", "1234")
    kiosk.engine.sync_once()
    assert len(hub_event_ids(hub)) == 5
    with paused(hub):  # the hub's disk is lost; last night's backup goes back
        for suffix in ("", "-wal", "-shm"):
            Path(f"{hub_file}{suffix}").unlink(missing_ok=True)
        with sqlite3.connect(backup) as source, sqlite3.connect(hub_file) as target:
            source.backup(target)
    assert len(hub_event_ids(hub)) == 2
    kiosk.services.shifts.clock_with_pin("13800000004", "1234")
    status = kiosk.engine.sync_once()
    assert status.pending == 0
    assert hub_event_ids(hub) == sorted(local_event_ids(kiosk))


def test_poison_event_is_kept_as_a_reject_and_does_not_block(make_kiosk, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    kiosk: SyncedKiosk = make_kiosk("south")
    # a misconfigured moment: one event recorded under another station's id
    with kiosk.services.database.write() as session:
        session.execute(text("UPDATE kiosk_meta SET station_id = 'elsewhere'"))
    kiosk.services.roster.register("郑海", "FZB-0008", "13800000008", "1234")
    with kiosk.services.database.write() as session:
        session.execute(text("UPDATE kiosk_meta SET station_id = :s"), {"s": STATION})
    kiosk.services.shifts.clock_with_pin("13800000008", "1234")
    status = kiosk.engine.sync_once()
    assert status.pending == 0 and status.rejects == 2  # registered + pin_set
    hub_ids = hub_event_ids(hub)
    assert len(hub_ids) == 1  # the check-in behind the rejects went through


@pytest.mark.parametrize(
    "start",
    [datetime(1970, 1, 1, 8, tzinfo=UTC), datetime.now(UTC) + timedelta(days=366)],
    ids=["1970", "a-year-ahead"],
)
def test_kiosk_clock_far_off_still_syncs(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, start: datetime
) -> None:
    kiosk = make_kiosk("south", start=start)
    kiosk.services.roster.register("黄建国", "FZB-0006", "13800000006", "1234")
    status = kiosk.engine.sync_once()
    assert status.pending == 0 and status.clock_offset_s is not None
    assert abs(status.clock_offset_s) > 300 * 24 * 3600  # recorded, for staff to see
    assert sorted(local_event_ids(kiosk)) == hub_event_ids(hub)
    kiosk_status = hub.admin("GET", "/v1/admin/kiosks").json()
    assert [k["skew_flagged"] for k in kiosk_status] == [True]


def test_enrol_code_for_another_station_is_refused(tmp_path: Path, hub: HubServer) -> None:
    from kiosk.core.clock import FixedClock
    from kiosk.settings import Settings
    from kiosk.shell.context import build_services

    assert (
        hub.admin(
            "POST", "/v1/admin/stations", json={"station_id": "other", "name": "x"}
        ).status_code
        == 201
    )
    clock = FixedClock(datetime(2026, 11, 2, tzinfo=UTC))
    services = build_services(Settings(data_dir=tmp_path / "k", station_id=STATION), clock)
    try:
        with HubClient(hub.url) as client, pytest.raises(EnrolError, match="KIOSK_STATION_ID"):
            enroll(
                services.database, tmp_path / "k", client, hub.url, hub.code("other"), clock.now()
            )
        assert not (tmp_path / "k" / "keys" / "device_token").exists()
    finally:
        services.close()


def test_fast_push_body_is_exactly_the_protocol_request(make_kiosk) -> None:  # type: ignore[no-untyped-def]
    """The backlog path serialises from stored JSON; it must mean what PushRequest means."""
    from kiosk.platform.store import sync_store
    from kiosk.platform.sync.engine import push_body, to_wire
    from kiosk.platform.sync.protocol import PushRequest

    kiosk: SyncedKiosk = make_kiosk("south")
    kiosk.services.roster.register('王芳 "引号"', "FZB-0001", "13800000001", "1234")
    kiosk.services.shifts.clock_with_pin("13800000001", "1234")
    sent_at = kiosk.clock.now()
    with kiosk.services.database.read() as session:
        fast = push_body(sync_store.pending_wire_batch(session, 500), sent_at)
        events = sync_store.pending_batch(session, 500)
        kiosk_id = eventlog.meta(session).kiosk_id
    reference = PushRequest(kiosk_id=kiosk_id, sent_at=sent_at, events=[to_wire(e) for e in events])
    assert PushRequest.model_validate_json(fast) == reference
    assert len(reference.events) == 3
