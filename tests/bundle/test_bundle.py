"""Smoke test of the PyInstaller bundle (`make bundle` → dist/kiosk): it starts frozen, migrates
a fresh database with the bundled Alembic scripts, and renders every page offscreen.

Skipped unless the bundle has been built, so `make test` stays fast where nobody built it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

BUNDLE = Path(__file__).resolve().parents[2] / "dist" / "kiosk" / "kiosk"

pytestmark = pytest.mark.skipif(
    not BUNDLE.exists(), reason="no bundle: run `make bundle` to build dist/kiosk"
)


def _run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(data_dir)}
    env.pop("PYTHONPATH", None)  # the bundle must not lean on the source tree
    return subprocess.run(
        [str(BUNDLE), *args], capture_output=True, text=True, env=env, timeout=180, check=False
    )


def test_bundle_migrates_a_fresh_database(tmp_path: Path) -> None:
    done = _run("check", data_dir=tmp_path / "data")

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    conn = sqlite3.connect(tmp_path / "data" / "kiosk.sqlite3")
    try:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    from kiosk.store.migrate import SCHEMA_HEAD

    assert revision == SCHEMA_HEAD


def test_bundle_renders_every_page_offscreen(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    done = _run("--screenshot", str(shots), data_dir=tmp_path / "data")

    assert done.returncode == 0, done.stderr
    pngs = sorted(shots.glob("*.png"))
    assert len(pngs) >= 10
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    assert "Traceback" not in done.stderr
