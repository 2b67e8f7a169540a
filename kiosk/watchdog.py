"""Talking to systemd (sd_notify): READY=1 once the kiosk is usable, WATCHDOG=1 heartbeats.

Why by hand: the protocol is one datagram on the AF_UNIX socket named by $NOTIFY_SOCKET, and
no packaged binding is installed (python-systemd needs libsystemd headers to build). A name
starting with "@" is an abstract socket (a leading NUL byte). Without $NOTIFY_SOCKET (a
developer's `make run`, tests) every call is a no-op that returns False.

The heartbeats are sent from a timer on the Qt event loop (see `kiosk.app`), so a GUI thread
stuck in a loop or a deadlock stops them and systemd kills and restarts the kiosk.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)

NOTIFY_SOCKET = "NOTIFY_SOCKET"
WATCHDOG_USEC = "WATCHDOG_USEC"
WATCHDOG_PID = "WATCHDOG_PID"
HEARTBEATS_PER_TIMEOUT = 3  # a late timer tick or two never looks like a hang


def _address(name: str) -> str | bytes:
    """The socket address for $NOTIFY_SOCKET: a path, or an abstract name ("@…" → NUL…)."""
    if name.startswith("@"):
        return b"\0" + name[1:].encode()
    return name


def heartbeat_interval_ms(environ: Mapping[str, str] | None = None) -> int | None:
    """How often to send WATCHDOG=1: a third of $WATCHDOG_USEC, or None when systemd asked for
    no watchdog (unset, or meant for another process by $WATCHDOG_PID)."""
    env = os.environ if environ is None else environ
    usec = env.get(WATCHDOG_USEC, "")
    pid = env.get(WATCHDOG_PID, "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    if pid and (not pid.isdigit() or int(pid) != os.getpid()):
        return None
    return max(100, int(usec) // 1000 // HEARTBEATS_PER_TIMEOUT)


class Notifier:
    """Sends sd_notify messages to the service manager; every method is a no-op without one."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        name = env.get(NOTIFY_SOCKET, "")
        self._address: str | bytes | None = _address(name) if name else None
        self._socket: socket.socket | None = None
        self._failed_once = False

    @property
    def enabled(self) -> bool:
        return self._address is not None

    def notify(self, message: str) -> bool:
        """Send one datagram ("READY=1", "WATCHDOG=1", "STATUS=…"); True when it was sent.

        Never raises: a kiosk must not stop because its supervisor went away."""
        if self._address is None:
            return False
        try:
            if self._socket is None:
                kind = socket.SOCK_DGRAM | socket.SOCK_CLOEXEC
                self._socket = socket.socket(socket.AF_UNIX, kind)
            self._socket.sendto(message.encode(), self._address)
        except OSError as exc:
            if not self._failed_once:  # once: a missing supervisor must not flood the log
                log.warning("sd_notify %r failed: %s", message, exc)
                self._failed_once = True
            return False
        return True

    def ready(self, status: str = "") -> bool:
        body = "READY=1" + (f"\nSTATUS={status}" if status else "")
        return self.notify(body)

    def heartbeat(self) -> bool:
        return self.notify("WATCHDOG=1")

    def stopping(self) -> bool:
        return self.notify("STOPPING=1")

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
