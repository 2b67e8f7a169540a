"""A hub on SQLite keeps its database to itself (issue 13 item 6): `hub.sqlite3` and its
-wal/-shm are 0600 in a 0700 data directory the hub makes, under the usual umask 022, and a file
an older version left readable by others is tightened on the next start."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.conftest import ADMIN_TOKEN, serve


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_hub_database_is_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "hub"
    settings = HubSettings(data_dir=data_dir, admin_token=ADMIN_TOKEN)  # SQLite in data_dir
    with serve(create_app(settings)):
        database = data_dir / "hub.sqlite3"
        files = [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))]
        assert {f.name: mode(f) for f in files if f.exists()} == {f.name: 0o600 for f in files}
        assert mode(data_dir) == 0o700
    database.chmod(0o644)  # as an older version left it
    with serve(create_app(settings)):
        assert mode(database) == 0o600
