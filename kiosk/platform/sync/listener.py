"""The push channel's kiosk side: a thread that keeps one long-poll open on the hub
(`GET /v1/sync/wait`) and, when the hub says the station has an urgent event from another kiosk,
asks the sync worker to pull at once (docs/push-channel.md).

It never touches the database's writes or the UI: it reads the pull cursor, waits, and calls
`on_news` (which queues a round on the worker's thread). It uses its own connection
(`http.client`), not the sync client's, so that `stop()` can end a wait in flight at once by
shutting the socket down, and the round's one request in flight is never held up behind it.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import random
import socket
import ssl
import threading
import time
from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from kiosk.platform.sync.backoff import next_delay
from kiosk.platform.sync.protocol import MAX_WAIT_S

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5.0
GRACE_S = 10.0  # a reply may come this long after the wait's end before the socket gives up
MAX_REPLY = 4096
# After news, wait for the pull to move the cursor (or this long) before asking again: the
# hub answers at once while the cursor is still behind the urgent event.
PULL_SETTLE_S = 2.0


class ListenerStopped(Exception):
    """The listener was stopped while a wait was in flight."""


class UrgentListener:
    """One thread, one long-poll at a time; `stop()` ends it promptly and joins the thread."""

    def __init__(
        self,
        hub_url: str,
        token: str,
        cursor: Callable[[], str],
        on_news: Callable[[], None],
        *,
        wait_s: int = MAX_WAIT_S,
        seed: int | None = None,
    ) -> None:
        self._url = urlsplit(hub_url.rstrip("/"))
        self._token = token
        self._cursor = cursor
        self._on_news = on_news
        self._wait_s = max(1, min(wait_s, MAX_WAIT_S))
        self._rng = random.Random(seed)
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._connection: http.client.HTTPConnection | None = None
        self._thread = threading.Thread(target=self._run, name="push-listener", daemon=True)
        self.news = 0  # how many times the hub said "pull now"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """End the wait in flight (shut its socket down) and join the thread."""
        self._stopped.set()
        with self._lock:
            connection = self._connection
        if connection is not None and connection.sock is not None:
            with contextlib.suppress(OSError):  # already closed: nothing to end
                connection.sock.shutdown(socket.SHUT_RDWR)
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        failures = 0
        while not self._stopped.is_set():
            try:
                cursor = self._cursor()
                news = self._wait_once(cursor)
            except ListenerStopped:
                return
            except _NoChannel:
                log.info("the hub has no push channel; urgent events come with the next sync")
                return
            except (OSError, http.client.HTTPException, ValueError) as exc:
                failures += 1
                delay = next_delay(failures, self._rng)
                log.info("push channel unavailable (%s); again in %.0f s", exc, delay)
                self._stopped.wait(delay)
                continue
            except Exception:  # never let the thread die: the next wait may work
                failures += 1
                log.exception("push channel wait failed unexpectedly")
                self._stopped.wait(next_delay(failures, self._rng))
                continue
            failures = 0
            if news:
                self.news += 1
                self._on_news()
                self._settle(cursor)

    def _settle(self, before: str) -> None:
        """Give the worker's pull time to move the cursor past the news."""
        deadline = time.monotonic() + PULL_SETTLE_S
        while time.monotonic() < deadline and not self._stopped.is_set():
            if self._cursor() != before:
                return
            self._stopped.wait(0.05)

    def _connect(self) -> http.client.HTTPConnection:
        host = self._url.hostname or "localhost"
        timeout = self._wait_s + GRACE_S
        if self._url.scheme == "https":
            return http.client.HTTPSConnection(
                host, self._url.port, timeout=timeout, context=ssl.create_default_context()
            )
        return http.client.HTTPConnection(host, self._url.port, timeout=timeout)

    def _wait_once(self, cursor: str) -> bool:
        """One long-poll: True when the hub says pull now."""
        connection = self._connect()
        with self._lock:
            if self._stopped.is_set():
                raise ListenerStopped()
            self._connection = connection
        try:
            query = urlencode({"after": cursor, "timeout": self._wait_s})
            path = f"{self._url.path}/v1/sync/wait?{query}"
            try:
                connection.request(
                    "GET",
                    path,
                    headers={
                        "Authorization": f"Bearer {self._token}",
                        "Accept-Encoding": "identity",
                    },
                )
                response = connection.getresponse()
                body = response.read(MAX_REPLY + 1)
            except (OSError, http.client.HTTPException):
                if self._stopped.is_set():
                    raise ListenerStopped() from None
                raise
        finally:
            with self._lock:
                self._connection = None
            connection.close()
        if response.status == 404:
            raise _NoChannel()
        if response.status != 200:
            raise ValueError(f"HTTP {response.status}")
        if len(body) > MAX_REPLY:
            raise ValueError("reply too large")
        reply = json.loads(body)
        if not isinstance(reply, dict) or not isinstance(reply.get("pull"), bool):
            raise ValueError("bad reply")
        return bool(reply["pull"])


class _NoChannel(Exception):
    """The hub answers 404: an older hub without the push channel."""
