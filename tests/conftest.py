"""Shared fixtures: a real migrated SQLite kiosk in tmp_path with an injected clock."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.platform.ui import pyside_hook

pyside_hook.install()  # as the kiosk does: modules imported from here on are not kept as text

from kiosk.core.clock import FixedClock  # noqa: E402
from kiosk.settings import Settings  # noqa: E402
from kiosk.shell.context import KioskServices, build_services  # noqa: E402

# Qt tests draw offscreen unless told otherwise (make sets it too; a bare `pytest` must work).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Kiosks the tests start as programs speak only where a test gives them a speech server.
os.environ.setdefault("KIOSK_SPEECH_ENGINE", "")

START = datetime(2026, 11, 2, 0, 30, tzinfo=UTC)  # 08:30 in Asia/Shanghai


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database made once by the real Alembic migrations; each test gets a copy."""
    folder = tmp_path_factory.mktemp("template")
    services = build_services(Settings(data_dir=folder), FixedClock(START))
    services.close()
    return folder


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def kiosk_settings(tmp_path: Path, migrated_template: Path) -> Settings:
    data_dir = tmp_path / "data"
    shutil.copytree(migrated_template, data_dir)
    return Settings(data_dir=data_dir)


@pytest.fixture
def services(kiosk_settings: Settings, clock: FixedClock) -> Iterator[KioskServices]:
    built = build_services(kiosk_settings, clock)
    yield built
    built.close()


# The real window's fixtures, for every feature's folder (kept in their own module; imported here,
# last, because they build on the fixtures above).
from tests.kiosk_fixtures import demo_template, kiosk, make_window, settings_factory  # noqa: E402, F401
from tests.sound_fixtures import pulse_server, speech_server  # noqa: E402, F401


@pytest.fixture(autouse=True)
def _close_signed_in_browsers() -> Iterator[None]:
    """Close the centre "browsers" a test opened with `test_web_centre.signed_in`, wherever the
    test lives: left to the garbage collector, their sockets were closed inside a later test,
    whose teardown pytest then failed with the unraisable ResourceWarning."""
    yield
    import sys

    module = sys.modules.get("tests.platform.hub.test_web_centre")
    for client in getattr(module, "_clients", []):
        client.close()
    if module is not None:
        module._clients.clear()
