"""A hub restored from an older backup makes the kiosk resend what the hub lost (409 tells it
where to start), on SQLite (file backup) and PostgreSQL (database copied as a template)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import psycopg
from conftest import Hub, serve

from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings


def _backup(settings: HubSettings, hub: Hub, tmp_path: Path) -> HubSettings:
    """Take a consistent backup of the running hub; return settings that open the backup."""
    url = settings.database_url
    if url.startswith("sqlite"):
        source = sqlite3.connect(url.removeprefix("sqlite:///"))
        target_path = tmp_path / "backup.sqlite3"
        target = sqlite3.connect(target_path)
        source.backup(target)
        source.close()
        target.close()
        return settings.model_copy(update={"database_url": f"sqlite:///{target_path}"})
    hub.app.state.database.dispose()  # CREATE DATABASE … TEMPLATE needs the source idle
    base, name = url.rsplit("/", 1)
    admin = base.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        # The push channel's relay holds a LISTEN connection of its own (bell_relay.py); it
        # reconnects after RECONNECT_S, long after the copy below has begun.
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        conn.execute(f'CREATE DATABASE "{name}_backup" TEMPLATE "{name}"')
    return settings.model_copy(update={"database_url": f"{base}/{name}_backup"})


def test_restored_hub_gets_the_lost_events_resent(
    hub: Hub, settings: HubSettings, tmp_path: Path
) -> None:
    east, west = hub.enrol("k-east"), hub.enrol("k-west")
    events = east.write(10)
    assert east.push(events[:4]).json()["acked_seq"] == 4
    restored_settings = _backup(settings, hub, tmp_path)
    assert east.push(events[4:8]).json()["acked_seq"] == 8  # lost by the restore

    with (
        serve(create_app(restored_settings)) as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        restored = Hub(client, hub.app)
        east.hub = west.hub = restored
        gap = east.push(events[8:])  # the kiosk thinks 1..8 are safe
        assert gap.status_code == 409
        expected = gap.json()["expected_seq"]
        assert expected == 5
        resend = east.push(events[expected - 1 :])
        assert resend.status_code == 200
        assert resend.json()["acked_seq"] == 10
        assert [r["status"] for r in resend.json()["results"]] == ["applied"] * 6
        pulled = [e["event"]["id"] for e in west.pull_all()]
        assert pulled == [e["id"] for e in events]
