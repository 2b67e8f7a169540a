"""Sync fixtures: a real hub (SQLite) served by uvicorn on loopback, and kiosks that enrol in it."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import uvicorn

from kiosk.core.clock import Clock, FixedClock
from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.sync.client import HubClient
from kiosk.platform.sync.credentials import read_token
from kiosk.platform.sync.engine import SyncEngine, enroll
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices, build_services
from tools.pgtemp import TempPostgres, find_bindir, free_port

ADMIN = "sync-test-admin"
STATION = "fzb-north"


class HubServer:
    """A hub on a fixed loopback port that can be stopped and started again (a restart)."""

    def __init__(self, settings: HubSettings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock  # the hub's clock (None: the system's)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        config = uvicorn.Config(
            create_app(self.settings, clock=self.clock),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("hub did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=20)
            self._server = None

    def admin(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            return client.request(
                method,
                path,
                headers={"Authorization": f"Bearer {ADMIN}"},
                **kwargs,  # type: ignore[arg-type]
            )

    def code(self, station_id: str = STATION) -> str:
        response = self.admin("POST", "/v1/admin/enrol-codes", json={"station_id": station_id})
        assert response.status_code == 201, response.text
        return str(response.json()["code"])


@pytest.fixture(scope="session")
def sync_pg_cluster() -> Iterator[TempPostgres]:
    if find_bindir() is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    cluster = TempPostgres(max_connections=100)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def hub_backend() -> str:
    """SQLite unless a test parametrises it (`@pytest.mark.parametrize("hub_backend", …)`)."""
    return "sqlite"


@pytest.fixture
def hub(tmp_path: Path, hub_backend: str, request: pytest.FixtureRequest) -> Iterator[HubServer]:
    # Hub settings beyond the defaults: a test module may name some in `HUB_EXTRA` (a module
    # attribute, not a fixture: modules elsewhere import this fixture by name alone).
    hub_extra: dict[str, object] = getattr(request.module, "HUB_EXTRA", {})
    if hub_backend == "postgresql":
        cluster: TempPostgres = request.getfixturevalue("sync_pg_cluster")
        url = cluster.fresh_database(f"sync_{uuid.uuid4().hex[:12]}")
    else:
        url = f"sqlite:///{tmp_path / 'hub' / 'hub.sqlite3'}"
    settings = HubSettings(
        data_dir=tmp_path / "hub",
        database_url=url,
        admin_token=ADMIN,
        **hub_extra,  # type: ignore[arg-type]
    )
    (tmp_path / "hub").mkdir()
    server = HubServer(settings)
    server.start()
    response = server.admin(
        "POST", "/v1/admin/stations", json={"station_id": STATION, "name": "福州北站"}
    )
    assert response.status_code == 201, response.text
    try:
        yield server
    finally:
        server.stop()


@dataclass
class SyncedKiosk:
    services: KioskServices
    clock: FixedClock
    engine: SyncEngine
    client: HubClient


@pytest.fixture
def make_kiosk(tmp_path: Path, hub: HubServer) -> Iterator[Callable[..., SyncedKiosk]]:
    made: list[SyncedKiosk] = []

    def make(
        name: str,
        *,
        start: datetime | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> SyncedKiosk:
        data_dir = tmp_path / name  # a fresh directory: each kiosk gets its own identity
        clock = FixedClock(start or datetime(2026, 11, 2, 0, 30, tzinfo=UTC))
        services = build_services(Settings(data_dir=data_dir, station_id=STATION), clock)
        with HubClient(hub.url) as enrol_client:
            enroll(services.database, data_dir, enrol_client, hub.url, hub.code(), clock.now())
        client = HubClient(hub.url, read_token(data_dir), transport=transport)
        kiosk = SyncedKiosk(services, clock, SyncEngine(services.database, client, clock), client)
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.client.close()
        kiosk.services.close()


@contextmanager
def paused(hub: HubServer) -> Iterator[None]:
    hub.stop()
    try:
        yield
    finally:
        hub.start()
