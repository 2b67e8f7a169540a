"""A fault-injecting HTTP proxy on loopback for sync tests.

Clients must open one connection per request (no keep-alive), so each connection is one
request/response exchange the proxy can spoil: drop the request, reset the connection half way
through the body, let the hub commit and then drop its reply, send the request twice, or delay it.
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter
from dataclasses import dataclass, field

FAULTS = ("drop_request", "reset_mid_body", "drop_response", "duplicate", "delay")


async def _read_message(reader: asyncio.StreamReader) -> bytes:
    """One HTTP/1.1 message (headers + Content-Length body) from `reader`."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return head + body


@dataclass
class FaultProxy:
    """Forwards 127.0.0.1:port → upstream, spoiling a share `rate` of exchanges (seeded)."""

    upstream_port: int
    seed: int
    rate: float = 0.0
    counts: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.port = 0

    def start(self) -> None:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        future.result(timeout=10)

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        async def _close() -> None:
            if self._server is not None:
                self._server.close()
                await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(_close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _exchange(self, request: bytes) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            writer.write(request)
            await writer.drain()
            return await _read_message(reader)
        finally:
            writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await _read_message(reader)
            fault = self._rng.choice(FAULTS) if self._rng.random() < self.rate else "none"
            self.counts[fault] += 1
            if fault == "drop_request":
                return
            if fault == "reset_mid_body":
                _, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
                up_writer.write(request[: max(1, len(request) * 2 // 3)])
                await up_writer.drain()
                up_writer.transport.abort()
                return
            if fault == "delay":
                await asyncio.sleep(self._rng.uniform(0.01, 0.15))
            response = await self._exchange(request)
            if fault == "duplicate":
                response = await self._exchange(request)
            if fault == "drop_response":
                return  # the hub did the work; the kiosk never hears of it
            writer.write(response)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            pass  # the hub is restarting, or the client gave up: the kiosk sees a dropped call
        finally:
            writer.transport.abort() if writer.transport else None
