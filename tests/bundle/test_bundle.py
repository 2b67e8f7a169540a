"""Smoke test of the PyInstaller bundle (`make bundle` → dist/kiosk): it starts frozen, migrates
a fresh database with the bundled Alembic scripts, and renders its first screen offscreen, Chinese
included (every page's screenshots are developer tooling: `make screenshots`).

`make test` builds the bundle first when it is missing or older than the sources (about 4 min).
Where nobody built it the tests skip, except in CI (CI=true, set by .ci/run): there a missing
bundle fails, so the smoke test can never silently stop running.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

BUNDLE = Path(__file__).resolve().parents[2] / "dist" / "kiosk" / "kiosk"
STRIP_PX = 64  # the status strip at the bottom: time, then the station's name


@pytest.fixture(autouse=True)
def bundle_built() -> None:
    if BUNDLE.exists():
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail("CI: no bundle at dist/kiosk; `make test` builds it (`make bundle`)")
    pytest.skip("no bundle: run `make bundle` to build dist/kiosk")


def _run(*args: str, data_dir: Path, probe: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(data_dir)}
    if probe:
        env["KIOSK_STARTUP_PROBE"] = probe
    env.pop("PYTHONPATH", None)  # the bundle must not lean on the source tree
    return subprocess.run(
        [str(BUNDLE), *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def test_bundle_migrates_a_fresh_database(tmp_path: Path) -> None:
    started = _run(data_dir=tmp_path / "data", probe="ready")  # start makes and migrates it
    assert started.returncode == 0, started.stderr
    assert "ready" in started.stdout

    done = _run("check", data_dir=tmp_path / "data")  # check only checks

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    conn = sqlite3.connect(tmp_path / "data" / "kiosk.sqlite3")
    try:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    from kiosk.platform.store.migrate import SCHEMA_HEAD

    assert revision == SCHEMA_HEAD


def _ink(image: Image.Image) -> float:
    """Share of pixels that differ from the region's most common colour (its background)."""
    total = image.width * image.height
    colours = image.convert("RGB").getcolors(maxcolors=total) or []
    background = max(count for count, _colour in colours)
    return 1 - background / total


def _open(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


def test_bundle_renders_its_first_screen_offscreen_in_chinese(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    done = _run(data_dir=tmp_path / "data", probe=f"grab:{shots}")

    assert done.returncode == 0, done.stderr
    pngs = sorted(shots.glob("*.png"))
    assert len(pngs) == 2
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    assert "Traceback" not in done.stderr
    # The frozen Qt found a font for Simplified Chinese (else it logs this and draws boxes).
    assert "no Simplified Chinese font" not in done.stderr

    zh = _open(shots / "zh_start.png")
    en = _open(shots / "en_start.png")
    assert _ink(zh) > 0.05  # a page, not a blank frame
    height = zh.size[1]
    station = (200, height - STRIP_PX, 900, height)  # "暖心驿站（示范站）" vs its English name
    zh_name, en_name = zh.crop(station), en.crop(station)
    # Drawn glyphs ink ~3.4 % of this region; the hollow boxes of a missing font ~1.2 %.
    assert _ink(zh_name) > 0.02, "no Chinese glyphs in the status strip (boxes, or nothing)"
    assert ImageChops.difference(zh_name, en_name).getbbox()


def test_bundle_tells_its_supervisor_it_is_ready_and_alive(tmp_path: Path) -> None:
    """The frozen app speaks sd_notify like the source one (tests/deploy has the full drill)."""
    from tests.deploy.supervisor import Supervisor

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path / "d")}
    env.pop("PYTHONPATH", None)
    supervisor = Supervisor(
        argv=[str(BUNDLE), "--demo", "--kiosk"],
        env=env,
        socket_path=tmp_path / "notify.sock",
        output=tmp_path / "bundle-output.log",
        watchdog_s=4,
        abort_s=2,
        restart_s=1,
    )
    supervisor.start()
    try:
        pid = supervisor.pid
        ready = supervisor.wait_for(lambda s: s.what == "READY" and s.pid == pid, 120)
        supervisor.wait_for(lambda s: s.what == "WATCHDOG" and s.pid == pid, 4, since=ready.at)
        assert not [s for s in supervisor.log if s.what in {"exited", "watchdog-timeout"}]
    finally:
        supervisor.stop()


def test_bundle_prints_a_test_slip(tmp_path: Path) -> None:
    """python-escpos and its printer profiles are in the bundle: GB18030 text, QR, cut."""
    out = tmp_path / "lp0"
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_PRINTER": f"file:{out}"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [str(BUNDLE), "test-print"], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert "打印测试".encode("gb18030") in data and b"\x1d(k" in data and b"\x1dV" in data


def test_bundle_starts_from_plain_bytecode_without_the_build_tools() -> None:
    """What its start costs (docs/performance.md): modules read as .pyc files, not inflated from
    an archive, and no setuptools, whose PyInstaller runtime hook imports it at every start."""
    internal = BUNDLE.parent / "_internal"
    assert (internal / "kiosk" / "app.pyc").is_file()
    assert (internal / "sqlalchemy" / "__init__.pyc").is_file()
    build_tools = {"setuptools", "pkg_resources", "_distutils_hack"}
    left = sorted(p.name for p in internal.iterdir() if p.name.split(".")[0] in build_tools)
    assert left == []
