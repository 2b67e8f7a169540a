"""The built wheel, installed into fresh virtual environments, runs both programs.

A checkout's editable install hides packaging mistakes (a data file read by a path relative to
the checkout, a dependency only the developer's venv has). Here the wheel is built from the
tree, installed with the versions of requirements.lock into two new venvs, and used:
- `[hub]` alone: no PySide6 is installed; the hub migrates a fresh SQLite database with the
  bundled Alembic scripts and serves a phone page (templates, CSS, the default catalogue);
- `[kiosk]`: the kiosk starts offscreen until it is ready (QSS, icons, translations, catalogue,
  a fresh database made by the bundled migrations) and `kiosk check` finds that database sound.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env.update(kwargs.pop("env", {}))  # type: ignore[arg-type]
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        args, capture_output=True, text=True, env=env, check=False, timeout=900, **kwargs
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ]
    )
    assert built.returncode == 0, built.stderr
    (path,) = out.glob("station_kiosk-*.whl")
    return path


def _venv(where: Path, wheel: Path, extra: str) -> Path:
    made = _run([sys.executable, "-m", "venv", str(where)])
    assert made.returncode == 0, made.stderr
    pip = [str(where / "bin" / "python"), "-m", "pip", "install", "-q"]
    installed = _run([*pip, "-c", str(LOCK), f"{wheel}[{extra}]"])
    assert installed.returncode == 0, installed.stderr
    return where / "bin"


def test_the_wheel_carries_the_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())

    for expected in (
        "kiosk/_resources/catalogue.json",
        "kiosk/_resources/charging_slots.json",
        "kiosk/_resources/themes/kiosk.qss",
        "kiosk/_resources/icons/logo.svg",
        "kiosk/_resources/i18n/kiosk_zh_CN.qm",
        "kiosk/_resources/sounds/alarm.wav",
        "kiosk/_migrations/kiosk/env.py",
        "kiosk/_migrations/kiosk/versions/0001_initial.py",
        "kiosk/_migrations/hub/env.py",
        "kiosk/platform/hub/templates/base.html",
        "kiosk/features/requests/templates/service.html",  # a feature's own pages
    ):
        assert expected in names, expected
    assert not any(name.startswith(("tests/", "tools/", "benchmarks/")) for name in names)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def hub_bin(tmp_path: Path, wheel: Path) -> Iterator[Path]:
    yield _venv(tmp_path / "hub-venv", wheel, "hub")


def test_the_hub_installs_without_qt_and_serves(tmp_path: Path, hub_bin: Path) -> None:
    listed = _run([str(hub_bin / "python"), "-m", "pip", "list", "--format=freeze"])
    assert "pyside6" not in listed.stdout.lower()
    assert "station-kiosk" in listed.stdout.lower()
    port = _free_port()
    env = {
        "HUB_DATA_DIR": str(tmp_path / "hub-data"),
        "HUB_ADMIN_TOKEN": "t" * 32,
        "HUB_PORT": str(port),
    }
    migrated = _run([str(hub_bin / "kiosk-hub"), "migrate"], env=env, cwd=tmp_path)
    assert migrated.returncode == 0, migrated.stderr

    full_env = {**os.environ, **env}
    full_env.pop("PYTHONPATH", None)
    server = subprocess.Popen(
        [str(hub_bin / "kiosk-hub"), "serve", "--host", "127.0.0.1"],
        env=full_env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        hub = f"http://127.0.0.1:{port}"
        _wait_until_up(f"{hub}/healthz")
        created = _run(
            [str(hub_bin / "kiosk-hub"), "create-station", "st-1", "福州北站", "--hub", hub],
            env=env,
        )
        assert created.returncode == 0, created.stderr
        page = _get(f"{hub}/s/st-1/water")
        assert "免费饮水" in page  # the default catalogue, rendered by the bundled templates
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(url)
            return
        except urllib.error.URLError as error:
            if isinstance(error, urllib.error.HTTPError) or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as reply:
        return str(reply.read().decode("utf-8"))


def test_the_kiosk_installs_and_starts(tmp_path: Path, wheel: Path) -> None:
    bin_dir = _venv(tmp_path / "kiosk-venv", wheel, "kiosk")
    env = {"KIOSK_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}

    started = _run(
        [str(bin_dir / "kiosk")], env={**env, "KIOSK_STARTUP_PROBE": "ready"}, cwd=tmp_path
    )
    assert started.returncode == 0, started.stderr
    assert "ready" in started.stdout  # home painted, database made by the bundled migrations

    checked = _run([str(bin_dir / "kiosk"), "check"], env=env, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "ok"
