"""A test supervisor that plays systemd's part for a `Type=notify` service with a watchdog.

It binds the $NOTIFY_SOCKET datagram socket (credentials passed, so every message is known by
its sender's pid, as systemd knows it), starts the command, and then does what systemd does:
restarts the process `restart_s` after it exits (Restart=always), and once a process has said
READY=1, kills it when no WATCHDOG=1 came for `watchdog_s` (SIGABRT, then SIGKILL after
`abort_s`: WatchdogSec / TimeoutAbortSec). Everything it sees or does is kept in `log`.
"""

from __future__ import annotations

import os
import signal
import socket
import struct
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

_UCRED = struct.Struct("iII")  # pid, uid, gid


@dataclass(frozen=True)
class Seen:
    """One thing that happened: `what` is started, READY, WATCHDOG, exited, watchdog-timeout."""

    at: float
    what: str
    pid: int
    detail: str = ""


@dataclass
class _Process:
    popen: subprocess.Popen[bytes]
    started_at: float
    ready_at: float | None = None
    last_heartbeat: float | None = None
    killing_since: float | None = None


@dataclass
class Supervisor:
    argv: list[str]
    env: dict[str, str]
    socket_path: Path
    output: Path
    watchdog_s: float
    abort_s: float
    restart_s: float
    log: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._process: _Process | None = None
        self._restart_at: float | None = None
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        self._sock.bind(str(self.socket_path))
        self._sock.settimeout(0.05)
        self._thread = threading.Thread(target=self._run, daemon=True)

    # --- what a test calls ---------------------------------------------------------------------

    def start(self) -> None:
        self._spawn()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        with self._lock:
            process = self._process
        if process is not None and process.popen.poll() is None:
            process.popen.kill()
            process.popen.wait(timeout=10)
        self._sock.close()

    @property
    def pid(self) -> int | None:
        with self._lock:
            return None if self._process is None else self._process.popen.pid

    def wait_for(self, test: Callable[[Seen], bool], timeout: float, since: float = 0.0) -> Seen:
        """The first entry logged at or after `since` passing `test`, waiting up to `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                found = next((s for s in self.log if s.at >= since and test(s)), None)
            if found is not None:
                return found
            time.sleep(0.02)
        raise AssertionError(f"not seen within {timeout} s; log: {self.log}")

    # --- systemd's part ------------------------------------------------------------------------

    def _note(self, what: str, pid: int, detail: str = "") -> None:
        with self._lock:
            self.log.append(Seen(time.monotonic(), what, pid, detail))

    def _spawn(self) -> None:
        env = {
            **self.env,
            "NOTIFY_SOCKET": str(self.socket_path),
            "WATCHDOG_USEC": str(int(self.watchdog_s * 1_000_000)),
        }
        with self.output.open("ab") as out:
            popen = subprocess.Popen(self.argv, env=env, stdout=out, stderr=subprocess.STDOUT)
        with self._lock:
            self._process = _Process(popen, time.monotonic())
        self._note("started", popen.pid)

    def _receive(self) -> None:
        try:
            data, ancillary, _flags, _addr = self._sock.recvmsg(4096, socket.CMSG_SPACE(12))
        except TimeoutError:
            return
        sender = 0
        for level, kind, body in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                sender = _UCRED.unpack(body[: _UCRED.size])[0]
        now = time.monotonic()
        with self._lock:
            process = self._process
        current = process is not None and process.popen.pid == sender
        for line in data.decode(errors="replace").splitlines():
            key, _, value = line.partition("=")
            if key == "READY" and value == "1":
                self._note("READY", sender)
                if current and process is not None:
                    process.ready_at = process.last_heartbeat = now
            elif key == "WATCHDOG" and value == "1":
                self._note("WATCHDOG", sender)
                if current and process is not None:
                    process.last_heartbeat = now
            elif key in {"STATUS", "STOPPING"}:
                self._note(key, sender, value)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._receive()
            now = time.monotonic()
            with self._lock:
                process = self._process
            if process is None:
                if self._restart_at is not None and now >= self._restart_at:
                    self._restart_at = None
                    self._spawn()
                continue
            code = process.popen.poll()
            if code is not None:
                self._note("exited", process.popen.pid, str(code))
                with self._lock:
                    self._process = None
                self._restart_at = now + self.restart_s  # Restart=always, RestartSec
                continue
            if process.killing_since is not None:
                if now - process.killing_since >= self.abort_s:  # TimeoutAbortSec
                    process.popen.send_signal(signal.SIGKILL)
                continue
            beat = process.last_heartbeat
            if process.ready_at is not None and beat is not None and now - beat > self.watchdog_s:
                self._note("watchdog-timeout", process.popen.pid, f"{now - beat:.2f} s silent")
                process.killing_since = now
                os.kill(process.popen.pid, signal.SIGABRT)  # WatchdogSignal's default
