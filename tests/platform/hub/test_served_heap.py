"""`kiosk-hub serve` settles its process's collector before it serves (kiosk/platform/hub/heap.py):
the built app frozen out of every collection, the young collected every 10,000 allocations, the
push validator built before the first push. One worker and each of `--workers N`; a test's own
app (built without `serve`) is left as it was, or a suite's frozen apps would never be freed."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from conftest import ADMIN_TOKEN

from kiosk.hub_app import create_app
from kiosk.hub_cli import APP_FACTORY
from kiosk.platform.hub import cli, fastpush, heap
from kiosk.platform.hub.settings import HubSettings


@pytest.fixture
def collector() -> Iterator[None]:
    """The process's collector and environment as they were, put back after the test (and the
    validator unbuilt, so a test sees whether `serve` built it)."""
    thresholds = gc.get_threshold()
    environment = dict(os.environ)  # `serve` sets some for its workers: no later test reads them
    fastpush._body.cache_clear()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        os.environ.clear()
        os.environ.update(environment)


def _state() -> dict[str, Any]:
    return {
        "thresholds": gc.get_threshold(),
        "frozen": gc.get_freeze_count(),
        "validator built": fastpush._body.cache_info().currsize == 1,
    }


def _serve(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str, args: list[str]
) -> dict[str, Any]:
    """`kiosk-hub serve args` up to uvicorn's start: what it was handed, and the collector then.
    What `serve` sets in the environment for itself and its workers (the request log, the
    factory, prometheus' shared folder) is put back after the test (`collector`)."""
    for name, value in {
        "HUB_DATABASE_URL": database_url,
        "HUB_DATA_DIR": str(tmp_path / "hub"),
        "HUB_ADMIN_TOKEN": ADMIN_TOKEN,
    }.items():
        monkeypatch.setenv(name, value)
    handed: dict[str, Any] = {}

    def run(app: Any, **options: Any) -> None:  # uvicorn's, which would serve until stopped
        handed.update(app=app, options=options, **_state())

    monkeypatch.setattr(uvicorn, "run", run)
    assert cli.main(["serve", "--port", "0", *args], factory=APP_FACTORY) == 0
    return handed


def test_one_worker_serves_a_settled_app(
    collector: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str
) -> None:
    handed = _serve(monkeypatch, tmp_path, database_url, [])
    assert handed["thresholds"] == heap.THRESHOLDS == (10_000, 50, 100)
    assert handed["frozen"] > 100_000  # the app, its modules and schemas
    assert handed["validator built"]
    assert handed["app"].state.settings.database_url == database_url
    handed["app"].state.database.dispose()


def test_each_worker_settles_the_app_it_builds(
    collector: None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    backend: str,
    database_url: str,
) -> None:
    if backend != "postgresql":
        pytest.skip("--workers needs PostgreSQL")
    handed = _serve(monkeypatch, tmp_path, database_url, ["--workers", "2"])
    assert handed["options"]["factory"] is True and handed["options"]["workers"] == 2
    assert handed["thresholds"] != heap.THRESHOLDS  # the parent serves nothing itself
    # What uvicorn does in each worker: import the path it was given and call it.
    module, _, name = str(handed["app"]).partition(":")
    factory = getattr(__import__(module, fromlist=[name]), name)
    app = factory()
    assert _state() == {
        "thresholds": heap.THRESHOLDS,
        "frozen": gc.get_freeze_count(),
        "validator built": True,
    }
    assert gc.get_freeze_count() > 100_000
    assert app.state.settings.database_url == database_url
    app.state.database.dispose()


def test_an_app_built_without_serve_leaves_the_collector_alone(
    collector: None, settings: HubSettings
) -> None:
    before = _state()
    app = create_app(settings)
    assert _state()["thresholds"] == before["thresholds"]
    assert gc.get_freeze_count() == before["frozen"]
    app.state.database.dispose()
