"""A full disk: the write is refused with a clear message, nothing partial is kept, the kiosk
keeps working, and writing works again once there is space."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from kiosk.core.clock import FixedClock
from kiosk.core.errors import StorageFull
from kiosk.platform.store.store import integrity_check
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices, build_services

MESSAGE = ("存储空间已满，请联系管理员", "Storage is full; please tell the staff")


def _counts(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM outbox),"
            " (SELECT count(*) FROM volunteers)"
        ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])
    finally:
        conn.close()


def _fill_until_full(services: KioskServices, path: Path) -> StorageFull:
    """Register volunteers until the store refuses; check the refused one left no trace."""
    for i in range(5000):
        before = _counts(path)
        try:
            services.roster.register(f"志愿者{i}", f"N-{i}", f"139{i:08d}", "1234")
        except StorageFull as exc:
            assert _counts(path) == before  # no event, outbox row or projection row kept
            return exc
    pytest.fail("the store never filled up")


def test_page_limit_reached_is_storage_full_and_recovers(
    services: KioskServices, kiosk_settings: Settings
) -> None:
    # SQLite answers SQLITE_FULL for max_page_count exactly as for a full disk.
    engine = services.database.engine
    limit = {"pages": 0}

    def cap(dbapi_connection: Any, _record: Any) -> None:
        if limit["pages"]:
            dbapi_connection.execute(f"PRAGMA max_page_count={limit['pages']}")

    conn = sqlite3.connect(kiosk_settings.database_path)
    limit["pages"] = conn.execute("PRAGMA page_count").fetchone()[0] + 4
    conn.close()
    event.listen(engine, "connect", cap)
    engine.dispose()

    error = _fill_until_full(services, kiosk_settings.database_path)

    assert (error.zh, error.en) == MESSAGE
    assert services.roster.all()  # reading still works: the kiosk keeps running
    assert integrity_check(services.database) == ["ok"]
    limit["pages"] = 0  # space is back
    engine.dispose()
    services.roster.register("新志愿者", "N-new", "13700000000", "1234")
    assert any(v.name == "新志愿者" for v in services.roster.all())


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs; skipped where mounting is not allowed (not root, in a container)."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_really_full_file_system_is_storage_full_and_recovers(
    small_disk: Path, migrated_template: Path, clock: FixedClock
) -> None:
    data_dir = small_disk / "data"
    shutil.copytree(migrated_template, data_dir)
    services = build_services(Settings(data_dir=data_dir), clock)
    try:
        filler = small_disk / "filler"
        with filler.open("wb", buffering=0) as handle:  # all the space left (unbuffered:
            # a partial last write must not stay in a buffer that fails again at close)
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass
        # leave 256 KiB to fill up (a registration with its sealed phone and key writes ~15 pages)
        filler.write_bytes(filler.read_bytes()[: -256 * 1024])
        error = _fill_until_full(services, services.settings.database_path)
        assert (error.zh, error.en) == MESSAGE
        assert services.roster.all()
        filler.unlink()  # the staff cleared space
        services.roster.register("新志愿者", "N-new", "13700000000", "1234")
        assert any(v.name == "新志愿者" for v in services.roster.all())
        assert integrity_check(services.database) == ["ok"]
    finally:
        services.close()
