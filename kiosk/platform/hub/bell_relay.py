"""The push channel across hub workers: on PostgreSQL an urgent write also sends
`NOTIFY kiosk_urgent`, and every worker process listens on one connection of its own and rings
its own doorbell, so a kiosk waiting on any worker hears of an emergency pushed to another one
(docs/push-channel.md). On SQLite (one process) the local doorbell is all there is.
"""

from __future__ import annotations

import asyncio
import logging
import threading

import psycopg
from sqlalchemy import text

from kiosk.platform.hub.db import Database
from kiosk.platform.hub.doorbell import Doorbell

log = logging.getLogger(__name__)

CHANNEL = "kiosk_urgent"
POLL_S = 0.5  # how often the listening thread looks whether it should stop
RECONNECT_S = 2.0


def notify(database: Database) -> None:
    """Tell every worker (this one too) that an urgent event was committed."""
    with database.engine.connect() as connection:
        connection.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})
        connection.commit()


class BellRelay:
    """A thread holding `LISTEN kiosk_urgent` on its own connection; each notification rings
    the doorbell on the event loop. `stop()` ends it within `POLL_S`."""

    def __init__(self, database: Database, doorbell: Doorbell) -> None:
        url = database.engine.url.set(drivername="postgresql")
        self._conninfo = url.render_as_string(hide_password=False)
        self._doorbell = doorbell
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bell-relay", daemon=True)
        self.listening = threading.Event()

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stopped.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    while not self._stopped.is_set():
                        for _ in connection.notifies(timeout=POLL_S):
                            self._ring()
            except psycopg.Error as exc:
                self.listening.clear()
                log.warning("push channel relay lost its connection (%s); again soon", exc)
                self._stopped.wait(RECONNECT_S)

    def _ring(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._doorbell.ring)
