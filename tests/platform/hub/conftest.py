"""Hub fixtures: a throwaway PostgreSQL cluster for the session, and a hub per test on
PostgreSQL and on SQLite, served by uvicorn on loopback and driven with httpx."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from kiosk.core.ids import new_id
from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings
from tools.pgtemp import TempPostgres, find_bindir, free_port

ADMIN_TOKEN = "test-admin-token"
STATION = "st-beijing-west"
# A catalogue entry as kiosks read it (kiosk.features.catalogue.config.Entry).
SERVICE = {
    "id": "transport",
    "name_zh": "交通问询",
    "name_en": "Transport enquiries",
    "icon": "transport",
    "description_zh": "公交、地铁、出租车换乘指引。",
    "description_en": "Bus, metro and taxi connections.",
    "where_zh": "南出站口服务台",
    "where_en": "South exit service desk",
    "hours": "06:00–24:00",
}
_db_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[TempPostgres]:
    if find_bindir() is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    cluster = TempPostgres(max_connections=200)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    cluster: TempPostgres = request.getfixturevalue("pg_cluster")
    return cluster.fresh_database(f"t{next(_db_numbers)}")


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> HubSettings:
    return HubSettings(
        data_dir=tmp_path / "hub", database_url=database_url, admin_token=ADMIN_TOKEN, pool_size=5
    )


def wire_event(
    kiosk_id: str,
    seq: int,
    *,
    station_id: str = STATION,
    kind: str = "shift.checked_in",
    payload: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
    event_id: str | None = None,
) -> dict[str, Any]:
    """One event as the kiosk would send it (valid unless told otherwise)."""
    if payload is None:
        payload = {"shift_id": f"sh-{kiosk_id}-{seq}", "volunteer_id": "v-1", "method": "badge"}
    return {
        "id": event_id or new_id(),
        "kind": kind,
        "station_id": station_id,
        "kiosk_id": kiosk_id,
        "seq": seq,
        "occurred_at": (occurred_at or datetime.now(UTC)).isoformat(),
        "actor": "v-1",
        "payload": payload,
    }


class Kiosk:
    """A simulated kiosk: its id, token and the events it has written, for driving the API."""

    def __init__(self, hub: Hub, kiosk_id: str, token: str) -> None:
        self.hub = hub
        self.kiosk_id = kiosk_id
        self.token = token
        self.events: list[dict[str, Any]] = []
        self.cursor = ""

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def write(self, n: int, **kwargs: Any) -> list[dict[str, Any]]:
        new = [wire_event(self.kiosk_id, len(self.events) + i + 1, **kwargs) for i in range(n)]
        self.events += new
        return new

    def push(self, events: list[dict[str, Any]], **body: Any) -> httpx.Response:
        payload = {"kiosk_id": self.kiosk_id, "events": events, **body}
        return self.hub.client.post("/v1/sync/push", json=payload, headers=self.auth)

    def pull(self, after: str | None = None, limit: int = 1000) -> httpx.Response:
        params = {"after": self.cursor if after is None else after, "limit": limit}
        return self.hub.client.get("/v1/sync/pull", params=params, headers=self.auth)

    def pull_all(self) -> list[dict[str, Any]]:
        """Pull pages until `has_more` is false; return the events and keep the cursor."""
        out: list[dict[str, Any]] = []
        while True:
            response = self.pull()
            assert response.status_code == 200, response.text
            page = response.json()
            out += page["events"]
            self.cursor = page["next_cursor"]
            if not page["has_more"]:
                return out


class Hub:
    """A hub app with an admin client."""

    def __init__(self, client: httpx.Client, app: FastAPI) -> None:
        self.client = client
        self.app = app

    @property
    def admin(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {ADMIN_TOKEN}"}

    def create_station(self, station_id: str = STATION) -> None:
        response = self.client.post(
            "/v1/admin/stations",
            json={"station_id": station_id, "name": "北京西站"},
            headers=self.admin,
        )
        assert response.status_code == 201, response.text

    def code(self, station_id: str = STATION) -> str:
        response = self.client.post(
            "/v1/admin/enrol-codes", json={"station_id": station_id}, headers=self.admin
        )
        assert response.status_code == 201, response.text
        return str(response.json()["code"])

    def enrol(self, kiosk_id: str, station_id: str = STATION) -> Kiosk:
        response = self.client.post(
            "/v1/enroll", json={"code": self.code(station_id), "kiosk_id": kiosk_id}
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["station_id"] == station_id
        return Kiosk(self, body["kiosk_id"], body["device_token"])

    def kiosk_status(self, kiosk_id: str) -> dict[str, Any]:
        response = self.client.get("/v1/admin/kiosks", headers=self.admin)
        assert response.status_code == 200, response.text
        return next(k for k in response.json() if k["kiosk_id"] == kiosk_id)


@pytest.fixture
def app(settings: HubSettings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def hub(app: FastAPI) -> Iterator[Hub]:
    """The hub served by uvicorn on loopback (starlette's TestClient is deprecated with httpx,
    and real HTTP is what kiosks meet anyway)."""
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        h = Hub(client, app)
        h.create_station()
        yield h


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run `app` with uvicorn on a free loopback port in a thread; yield its base URL."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", date_header=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
