"""The push channel's doorbell: a push that carries an urgent event rings it, and every kiosk
waiting on `GET /v1/sync/wait` in this hub process looks again whether it has news.

One asyncio event per ring, swapped for a fresh one as it is set, so a waiter that took the
current event before looking in the database cannot miss a ring that lands in between. It lives
on the event loop: ring it from the loop's thread (the routes do), never from the thread pool.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from fastapi.concurrency import run_in_threadpool
from starlette.types import Message

from kiosk.core.events import urgent_kinds


class Doorbell:
    """Rung by pushes with urgent events; awaited by long-polls."""

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self.rings = 0

    def current(self) -> asyncio.Event:
        """The event the next ring sets (take it before looking in the database)."""
        return self._event

    def ring(self) -> None:
        self.rings += 1
        event, self._event = self._event, asyncio.Event()
        event.set()

    @staticmethod
    async def wait(
        event: asyncio.Event, timeout_s: float, gone: asyncio.Future[None] | None = None
    ) -> bool:
        """Whether `event` was rung within `timeout_s`; False as soon as `gone` is done (the
        kiosk hung up: nobody is left to answer)."""
        rung = asyncio.ensure_future(event.wait())
        waiting: set[asyncio.Future[Any]] = {rung} if gone is None else {rung, gone}
        try:
            done, _ = await asyncio.wait(
                waiting, timeout=timeout_s, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            rung.cancel()
        return rung in done


async def hung_up(receive: Callable[[], Awaitable[Message]]) -> None:
    """Returns when the client of a request without a body disconnects (the ASGI server says
    so on the request's next `receive`), so a long-poll does not outlive its kiosk."""
    while (await receive())["type"] != "http.disconnect":
        pass


def carries_urgent(raw: bytes, kinds: Iterable[str]) -> bool:
    """Whether a push body names one of the urgent kinds: a byte scan, no second parse (a false
    alarm only makes the waiters look once more; the database decides)."""
    return any(b'"' + kind.encode() + b'"' in raw for kind in kinds)


async def ring_everywhere(state: Any) -> None:
    """An urgent event was committed: ring this worker's doorbell, and on PostgreSQL every
    other worker's too (`NOTIFY`, bell_relay.py). `state` is the app's `state`."""
    doorbell: Doorbell = state.doorbell
    doorbell.ring()
    database = state.database
    if database.is_postgres:
        from kiosk.platform.hub.bell_relay import notify

        await run_in_threadpool(notify, database)


async def hub_event_written(state: Any, event_id: str, kind: str) -> None:
    """The hub wrote an event itself (committed), on the event loop: wake the station's kiosks
    when it is urgent, and call the station's webhooks when it has a notice. `state` is the
    app's `state` (a feature's hub part passes `request.app.state`)."""
    if kind in urgent_kinds():
        await ring_everywhere(state)
    state.webhooks.after_hub_event(event_id, kind)
