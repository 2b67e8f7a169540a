"""End-to-end fixtures: the sync tests' real hub (uvicorn on loopback) and real kiosks, and a
real browser (Playwright driving Debian's chromium), skipped with the reason when either is
not installed (`make test` installs both)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.core.clock import SystemClock
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_accounts import AccountService
from tests.platform.sync.conftest import (  # noqa: F401  (fixtures shared with tests/sync)
    ADMIN,
    STATION,
    HubServer,
    hub,
    hub_backend,
    make_kiosk,
    sync_pg_cluster,
)

CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# As the machine's notes say: without the background-networking flags chromium keeps trying
# hosts this closed network refuses; root needs --no-sandbox.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "centre password 1"


def chromium_path() -> str | None:
    for path in CHROMIUM_PATHS:
        if Path(path).exists():
            return path
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (pip) is not installed: `make venv` installs it")
    executable = chromium_path()
    if executable is None:
        pytest.skip("Debian's chromium is not installed: `make system` installs it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A small phone screen that reads Chinese first."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"},
    )
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def desk(browser: Any) -> Iterator[Any]:
    """The centre's desktop browser."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def tight_hub(tmp_path: Path) -> Iterator[HubServer]:
    """A hub that lets a client make two tickets, then refuses for a long while."""
    settings = HubSettings(
        data_dir=tmp_path / "tight",
        database_url=f"sqlite:///{tmp_path / 'tight' / 'hub.sqlite3'}",
        admin_token=ADMIN,
        web_submit_burst=2,
        web_submit_per_hour=1,
    )
    (tmp_path / "tight").mkdir()
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


def create_account(server: HubServer, username: str, role: str, stations: list[str]) -> None:
    database = Database(make_engine(server.settings.resolved_database_url(), 2))
    try:
        AccountService(database, SystemClock(), 3600).create(username, PASSWORD, role, stations)
    finally:
        database.dispose()
