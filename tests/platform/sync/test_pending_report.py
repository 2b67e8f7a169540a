""" "Pending" per kiosk on the centre's stations page: a kiosk with a real outbox reports how many
events it still holds unsent after each push, and the page shows the number. The protocol stays
compatible both ways: a kiosk that does not report it shows "—" on a new hub, and a new kiosk
never sends the field to an older hub (which refuses unknown fields) and syncs as before."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from kiosk.core.clock import SystemClock
from kiosk.core.ids import new_id
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.web_accounts import AccountService
from kiosk.platform.store import eventlog
from kiosk.platform.sync.engine import push_body
from kiosk.platform.sync.protocol import MAX_PUSH_EVENTS
from tests.platform.sync.conftest import ADMIN, STATION, HubServer, SyncedKiosk
from tools.pgtemp import free_port

PASSWORD = "correct horse battery"
# The last commit of main whose hub knew nothing of `pending` (the protocol as first released).
OLD_HUB_COMMIT = "a248e45d97c5664dd9ca3145e6492d0831c460b9"
ROOT = Path(__file__).resolve().parents[3]


def write_uses(kiosk: SyncedKiosk, n: int) -> None:
    """`n` service.used events in the kiosk's log (and so in its outbox)."""
    with kiosk.services.database.write() as session:
        for _ in range(n):
            eventlog.append(
                session,
                "service.used",
                {"use_id": new_id(), "service_id": "hot_water", "count": 1, "day": "2026-11-02"},
                occurred_at=kiosk.clock.now(),
            )


class CutAfterPushes(httpx.HTTPTransport):
    """The network goes down after `pushes` pushes (a kiosk losing its link mid-backlog)."""

    def __init__(self, pushes: int) -> None:
        super().__init__()
        self.left = pushes

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sync/push":
            if self.left <= 0:
                raise httpx.ConnectError("link down", request=request)
            self.left -= 1
        return super().handle_request(request)


def stations_page(hub: HubServer) -> str:
    database = Database(make_engine(hub.settings.resolved_database_url(), 2))
    try:
        AccountService(database, SystemClock(), 3600).create(
            "boss", PASSWORD, "centre", [], replace=True
        )
    finally:
        database.dispose()
    with httpx.Client(base_url=hub.url, timeout=30) as browser:
        form = browser.get("/centre/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert csrf is not None
        signed = browser.post(
            "/centre/login",
            data={"csrf": csrf.group(1), "username": "boss", "password": PASSWORD},
        )
        assert signed.status_code == 303
        page = browser.get("/centre/?lang=en")
        assert page.status_code == 200
        return page.text


def pending_cell(html: str, kiosk_id: str) -> str:
    row = re.search(rf"<small>{re.escape(kiosk_id)}</small>.*?</tr>", html, re.S)
    assert row is not None, html
    cell = re.search(r'<td class="num pending[^"]*">([^<]*)</td>', row.group(0))
    assert cell is not None, row.group(0)
    return cell.group(1).strip()


def local_kiosk_id(kiosk: SyncedKiosk) -> str:
    with kiosk.services.database.read() as session:
        return eventlog.meta(session).kiosk_id


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_stations_page_shows_what_a_kiosk_still_holds(make_kiosk, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    link = CutAfterPushes(pushes=2)
    kiosk: SyncedKiosk = make_kiosk("south", transport=link)
    kiosk_id = local_kiosk_id(kiosk)
    assert pending_cell(stations_page(hub), kiosk_id) == "—"  # enrolled, never pushed

    write_uses(kiosk, 10)
    kiosk.engine.sync_once()  # one push: the hub's reply lists "pending"; nothing left anyway
    assert kiosk.engine.hub_takes_pending
    assert kiosk.engine.status().pending == 0

    # A backlog of 1,200 events; the link goes down after its first batch (of 500: a backlog's
    # first push is the size every hub takes).
    write_uses(kiosk, 1200)
    with pytest.raises(Exception, match="link down"):
        kiosk.engine.sync_once()
    assert kiosk.engine.status().pending == 1200 - MAX_PUSH_EVENTS
    assert pending_cell(stations_page(hub), kiosk_id) == "700"

    link.left = 10
    kiosk.engine.sync_once()
    assert kiosk.engine.status().pending == 0
    html = stations_page(hub)
    assert pending_cell(html, kiosk_id) == "0"
    assert "Unsent" in html


def test_a_kiosk_that_does_not_report_shows_a_dash(make_kiosk, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    """An older kiosk's body (no `pending`) is taken as before; the page shows "—"."""
    from kiosk.platform.store import sync_store

    kiosk: SyncedKiosk = make_kiosk("north")
    write_uses(kiosk, 3)
    with kiosk.services.database.read() as session:
        body = push_body(sync_store.pending_wire_batch(session, 500), datetime.now(UTC))
    assert b'"pending"' not in body
    token = kiosk.client._http.headers["Authorization"]  # the kiosk's credential
    with httpx.Client(base_url=hub.url, timeout=30) as http:
        reply = http.post(
            "/v1/sync/push",
            content=body,
            headers={"Authorization": token, "content-type": "application/json"},
        )
    assert reply.status_code == 200, reply.text
    assert reply.json()["acked_seq"] == 3 and "pending" in reply.json()["features"]
    assert pending_cell(stations_page(hub), local_kiosk_id(kiosk)) == "—"


# --- a new kiosk against the hub as it was before `pending` ---------------------------------


@pytest.fixture
def old_hub(tmp_path: Path) -> Iterator[HubServer]:
    """The hub of OLD_HUB_COMMIT (exported with git archive), served by its own CLI in a
    subprocess on SQLite: a genuine older hub, not a simulation."""
    tree = tmp_path / "old"
    tree.mkdir()
    archive = tmp_path / "old.tar"
    exported = subprocess.run(
        [
            "git",
            "-C",
            str(ROOT),
            "archive",
            "-o",
            str(archive),
            OLD_HUB_COMMIT,
            "kiosk",
            "db",
            "resources",
        ],
        capture_output=True,
        check=False,
    )
    if exported.returncode != 0:
        pytest.skip(f"commit {OLD_HUB_COMMIT[:8]} is not in this clone (shallow?)")
    with tarfile.open(archive) as tar:
        # Debian 12's Python 3.11.2 predates extraction filters (3.11.4); where they exist, going
        # without one is deprecated. The archive is this repository's own.
        if hasattr(tarfile, "data_filter"):
            tar.extractall(tree, filter="data")
        else:
            tar.extractall(tree)
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "HUB_DATA_DIR": str(tmp_path / "old-hub"),
        "HUB_ADMIN_TOKEN": ADMIN,
        "HUB_PORT": str(port),
    }
    log = tmp_path / "old-hub.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            # the old commit's hub, laid out as it was then
            [sys.executable, "-m", "kiosk.hub.cli", "serve", "--log-level", "warning"],
            cwd=tree,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    server = HubServer.__new__(HubServer)
    server.port, server.url = port, f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{server.url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"old hub did not start: {log.read_text()[-2000:]}")
            time.sleep(0.1)
        created = server.admin(
            "POST", "/v1/admin/stations", json={"station_id": STATION, "name": "福州北站"}
        )
        assert created.status_code == 201, created.text
        yield server
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_new_kiosk_syncs_with_an_older_hub(tmp_path: Path, old_hub: HubServer) -> None:
    from kiosk.core.clock import FixedClock
    from kiosk.platform.sync.client import HubClient, HubRefused
    from kiosk.platform.sync.credentials import read_token
    from kiosk.platform.sync.engine import SyncEngine, enroll
    from kiosk.settings import Settings
    from kiosk.shell.context import build_services

    data_dir = tmp_path / "kiosk"
    clock = FixedClock(datetime(2026, 11, 2, 0, 30, tzinfo=UTC))
    services = build_services(Settings(data_dir=data_dir, station_id=STATION), clock)
    try:
        with HubClient(old_hub.url) as enrol_client:
            enroll(
                services.database, data_dir, enrol_client, old_hub.url, old_hub.code(), clock.now()
            )
        with HubClient(old_hub.url, read_token(data_dir)) as client:
            engine = SyncEngine(services.database, client, clock)
            kiosk = SyncedKiosk(services, clock, engine, client)
            write_uses(kiosk, 1200)  # three batches: none may carry `pending`
            assert engine.sync_once().pending == 0
            assert not engine.hub_takes_pending
            write_uses(kiosk, 5)
            assert engine.sync_once().pending == 0
            # As if it had last synced with a newer hub and this one were put back to the old
            # version: the old hub refuses the field once, and the next round leaves it out.
            engine.hub_takes_pending = True
            write_uses(kiosk, 2)
            with pytest.raises(HubRefused, match="422"):
                engine.sync_once()
            assert not engine.hub_takes_pending
            assert engine.sync_once().pending == 0
            status = old_hub.admin("GET", "/v1/admin/kiosks").json()
        assert [k["acked_seq"] for k in status] == [1207]
        assert "pending" not in status[0] and status[0]["rejects"] == 0
    finally:
        services.close()
