"""A real kiosk against a served hub, for the hub benchmarks: one enrolled on a fresh data
directory (its migrations, services and SyncEngine), and the raw pull that is its floor.
Shared by `bench_bootstrap` and `bench_province`."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from kiosk.core.clock import FixedClock
from kiosk.platform.store import sync_store
from kiosk.platform.sync.client import HubClient
from kiosk.platform.sync.credentials import read_token
from kiosk.platform.sync.engine import SyncEngine, enroll
from kiosk.platform.sync.protocol import MAX_PULL_LIMIT
from kiosk.settings import Settings
from kiosk.shell.context import build_services
from tools.benchtools import admin


@dataclass
class FreshKiosk:
    """A kiosk just enrolled: its services, sync engine and hub client, and when its making
    started (`perf_counter`), so a time to ready counts the enrolment too."""

    services: Any
    engine: SyncEngine
    hub: HubClient
    started: float

    def held(self) -> int:
        """The events it stores."""
        with self.services.database.read() as session:
            return int(session.execute(text("SELECT count(*) FROM events")).scalar_one())

    def close(self) -> None:
        self.hub.close()
        self.services.close()


def fresh_kiosk(
    client: httpx.Client, url: str, station: str, data: Path, now: datetime, old_way: bool = False
) -> FreshKiosk:
    """A kiosk enrolled at `station` on the fresh data directory `data` (`client` speaks to the
    hub as its admin); an `old_way` one pulls everything from cursor "" as before live-first
    (its live pass marked done)."""
    data.mkdir()
    clock = FixedClock(now)
    started = time.perf_counter()
    services = build_services(Settings(data_dir=data, station_id=station), clock)
    code = admin(client, "POST", "/v1/admin/enrol-codes", {"station_id": station})
    with HubClient(url) as enrol_client:
        enroll(services.database, data, enrol_client, url, code["code"], clock.now())
    if old_way:
        with services.database.write() as session:
            sync_store.state(session).live_state = "done"
    hub_client = HubClient(url, read_token(data))
    return FreshKiosk(
        services, SyncEngine(services.database, hub_client, clock), hub_client, started
    )


def raw_pull(
    url: str, token: str, path: str = "/v1/sync/pull"
) -> tuple[float, list[dict[str, Any]], list[float]]:
    """Every page fetched and parsed, nothing stored: seconds, events, each page's ms."""
    pages: list[float] = []
    events: list[dict[str, Any]] = []
    cursor = ""
    started = time.perf_counter()
    with httpx.Client(base_url=url, timeout=120) as client:
        while True:
            t = time.perf_counter()
            reply = client.get(
                path,
                params={"after": cursor, "limit": MAX_PULL_LIMIT},
                headers={"Authorization": f"Bearer {token}"},
            )
            reply.raise_for_status()
            body = reply.json()
            pages.append((time.perf_counter() - t) * 1000)
            events += [e["event"] for e in body["events"]]
            cursor = body["next_cursor"]
            if not body["has_more"]:
                break
    return time.perf_counter() - started, events, pages
