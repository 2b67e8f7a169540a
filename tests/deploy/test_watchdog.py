"""The kiosk under a supervisor that plays systemd (tests/deploy/supervisor.py), with the
watchdog values of the shipped unit: a killed kiosk and a hung kiosk both come back, with
their data.

The real app is started (`python -m kiosk --demo --kiosk`, offscreen, a demo data directory in
tmp_path); READY=1 and WATCHDOG=1 come from it over a real AF_UNIX datagram socket.
"""

from __future__ import annotations

import configparser
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.watchdog import Notifier, heartbeat_interval_ms
from tests.deploy.supervisor import Seen, Supervisor

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BACK_WITHIN_S = 10.0  # the promise: a hung or crashed kiosk is back within 10 s
START_BUDGET_S = 60.0  # a cold start of the whole app on a busy 2-core CI machine


def _unit(name: str = "station-kiosk.service") -> configparser.SectionProxy:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / name, encoding="utf-8")
    return parser["Service"]


def _seconds(value: str) -> float:
    return float(value.removesuffix("s").strip())


def _events(data_dir: Path) -> list[tuple[str, int, str]]:
    conn = sqlite3.connect(f"{(data_dir / 'kiosk.sqlite3').as_uri()}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in conn.execute("SELECT id, seq, payload FROM events ORDER BY pos")]
    finally:
        conn.close()


@pytest.fixture
def supervised(tmp_path: Path) -> Iterator[tuple[Supervisor, Path]]:
    service = _unit()
    data_dir = tmp_path / "data"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_DATA_DIR": str(data_dir),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("KIOSK_STARTUP_PROBE", None)
    supervisor = Supervisor(
        argv=[sys.executable, "-m", "kiosk", "--demo", "--kiosk"],
        env=env,
        socket_path=tmp_path / "notify.sock",
        output=tmp_path / "kiosk-output.log",
        watchdog_s=_seconds(service["WatchdogSec"]),
        abort_s=_seconds(service["TimeoutAbortSec"]),
        restart_s=_seconds(service["RestartSec"]),
    )
    supervisor.start()
    try:
        yield supervisor, data_dir
    finally:
        supervisor.stop()
        print((tmp_path / "kiosk-output.log").read_text(errors="replace")[-4000:])


def _ready(pid: int) -> object:
    return lambda seen: seen.what == "READY" and seen.pid == pid


def _ready_with_heartbeats(supervisor: Supervisor) -> int:
    pid = supervisor.pid
    assert pid is not None
    ready = supervisor.wait_for(_ready(pid), START_BUDGET_S)  # type: ignore[arg-type]
    supervisor.wait_for(
        lambda s: s.what == "WATCHDOG" and s.pid == pid, supervisor.watchdog_s, since=ready.at
    )
    return pid


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_a_killed_and_a_hung_kiosk_come_back_with_their_data(
    supervised: tuple[Supervisor, Path],
) -> None:
    supervisor, data_dir = supervised
    first = _ready_with_heartbeats(supervisor)
    events = _events(data_dir)
    assert events, "the demo data was not written"

    # (a) a crash: SIGKILL, no chance to say anything
    killed_at = time.monotonic()
    os.kill(first, signal.SIGKILL)
    restarted = supervisor.wait_for(
        lambda s: s.what == "started" and s.pid != first, BACK_WITHIN_S, since=killed_at
    )
    assert restarted.at - killed_at <= BACK_WITHIN_S
    second = _ready_with_heartbeats(supervisor)
    assert second == restarted.pid
    assert _events(data_dir) == events

    # (b) a hang: the process exists but its event loop runs no more (SIGSTOP)
    hung_at = time.monotonic()
    os.kill(second, signal.SIGSTOP)
    timeout: Seen = supervisor.wait_for(
        lambda s: s.what == "watchdog-timeout" and s.pid == second, BACK_WITHIN_S, since=hung_at
    )
    # detected after WatchdogSec of silence, not before (the heartbeats were on time)
    assert timeout.at - hung_at >= supervisor.watchdog_s - 1.5
    back = supervisor.wait_for(
        lambda s: s.what == "started" and s.pid != second, BACK_WITHIN_S, since=hung_at
    )
    assert back.at - hung_at <= BACK_WITHIN_S
    third = _ready_with_heartbeats(supervisor)
    print(
        f"hang detected after {timeout.at - hung_at:.1f} s, new process after "
        f"{back.at - hung_at:.1f} s, home screen ready after "
        f"{supervisor.wait_for(_ready(third), 1).at - hung_at:.1f} s"  # type: ignore[arg-type]
    )
    assert _events(data_dir) == events
    check = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert check.stdout.strip() == "ok", check.stderr


def test_the_unit_promises_a_kiosk_back_within_10_seconds() -> None:
    for name in ("station-kiosk.service", "station-kiosk-x.service"):
        service = _unit(name)
        assert service["Type"] == "notify"
        assert service["NotifyAccess"] == "all"  # the app is a child of cage / xinit
        assert service["Restart"] == "always"
        worst = sum(_seconds(service[k]) for k in ("WatchdogSec", "TimeoutAbortSec", "RestartSec"))
        assert worst <= BACK_WITHIN_S - 3  # leaves the app 3 s to paint its home screen
    done = subprocess.run(["sh", "-n", str(DEPLOY / "kiosk-session")], check=False)
    assert done.returncode == 0
    assert "unset WATCHDOG_PID" in (DEPLOY / "kiosk-session").read_text()


def test_a_plugged_in_keyboard_cannot_switch_the_kiosk_to_a_console() -> None:
    """cage without -s: Ctrl+Alt+F2 on a keyboard someone plugs in does nothing (#17 §5)."""
    [line] = [
        line.split()
        for line in (DEPLOY / "kiosk-session").read_text().splitlines()
        if line.strip().startswith("exec cage")
    ]
    assert "-s" not in line[: line.index("--")]


def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    units = [DEPLOY / "station-kiosk.service", DEPLOY / "station-kiosk-x.service"]
    done = subprocess.run(
        [analyze, "verify", *map(str, units)],
        capture_output=True,
        text=True,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
        timeout=60,
        check=False,
    )
    # Only the programs a kiosk has and this machine may lack may be missing.
    problems = [
        line
        for line in done.stderr.splitlines()
        if line.strip() and "is not executable: No such file or directory" not in line
    ]
    assert problems == [], done.stderr


def test_notifier_is_silent_without_a_socket() -> None:
    notifier = Notifier({})
    assert not notifier.enabled
    assert not notifier.ready()
    assert not notifier.heartbeat()
    assert heartbeat_interval_ms({}) is None


def test_notifier_reaches_an_abstract_socket() -> None:
    name = f"station-kiosk-test-{os.getpid()}-{time.monotonic_ns()}"
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(b"\0" + name.encode())
    receiver.settimeout(5)
    try:
        notifier = Notifier({"NOTIFY_SOCKET": "@" + name})
        assert notifier.ready("kiosk st-1 ready")
        assert receiver.recv(4096) == b"READY=1\nSTATUS=kiosk st-1 ready"
        assert notifier.heartbeat()
        assert receiver.recv(4096) == b"WATCHDOG=1"
        notifier.close()
    finally:
        receiver.close()


def test_heartbeat_interval_follows_watchdog_usec_and_pid() -> None:
    assert heartbeat_interval_ms({"WATCHDOG_USEC": "4000000"}) == 1333
    mine = {"WATCHDOG_USEC": "3000000", "WATCHDOG_PID": str(os.getpid())}
    assert heartbeat_interval_ms(mine) == 1000
    assert heartbeat_interval_ms({**mine, "WATCHDOG_PID": "1"}) is None  # someone else's
    assert heartbeat_interval_ms({"WATCHDOG_USEC": "0"}) is None


def test_notifier_survives_a_supervisor_gone_away(tmp_path: Path) -> None:
    notifier = Notifier({"NOTIFY_SOCKET": str(tmp_path / "nobody-listens")})
    assert notifier.enabled
    assert not notifier.heartbeat()  # logged once, never raised
    assert not notifier.heartbeat()
    notifier.close()
