"""A hostile hub for sync tests: a small HTTP server on loopback in front of a real hub.

By default it forwards every request to the real hub, so a kiosk enrols and syncs normally.
A test then makes it lie: answer a route itself (`answer`), or edit the real hub's JSON reply
on its way back (`edit`), e.g. slip an event of another station into a genuine pull page.
It counts the requests of each route, so a test can bound what the kiosk sent.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from tools.pgtemp import free_port

Answer = Callable[[Request], Awaitable[Response]]
Edit = Callable[[dict[str, Any]], dict[str, Any]]

_HOP_BY_HOP = {"content-length", "transfer-encoding", "connection", "keep-alive", "date", "server"}


class HostileHub:
    """Forwards to `upstream` unless told otherwise (see the module docstring)."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.answers: dict[str, Answer] = {}
        self.edits: dict[str, Edit] = {}
        self.counts: Counter[str] = Counter()
        self.queries: list[dict[str, str]] = []  # query strings of pulls, in order
        app = Starlette(routes=[Route("/{path:path}", self._route, methods=["GET", "POST"])])
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> HostileHub:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("hostile hub did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=20)

    def answer(self, path: str, answer: Answer | None) -> None:
        """Answer `path` with `answer` from now on (None: forward it again)."""
        if answer is None:
            self.answers.pop(path, None)
        else:
            self.answers[path] = answer

    def edit(self, path: str, edit: Edit | None, *, once: bool = False) -> None:
        """Pass the real hub's JSON reply for `path` through `edit` (None: leave it alone).
        With `once`, only the next reply is edited."""
        if edit is None:
            self.edits.pop(path, None)
        elif once:

            def _once(body: dict[str, Any]) -> dict[str, Any]:
                self.edits.pop(path, None)
                return edit(body)

            self.edits[path] = _once
        else:
            self.edits[path] = edit

    async def _route(self, request: Request) -> Response:
        path = request.url.path
        self.counts[path] += 1
        if path == "/v1/sync/pull":
            self.queries.append(dict(request.query_params))
        answer = self.answers.get(path)
        if answer is not None:
            return await answer(request)
        headers = {
            k: v
            for k, v in request.headers.items()
            if k.lower() in ("authorization", "content-type")
        }
        async with httpx.AsyncClient(base_url=self.upstream, timeout=60) as client:
            reply = await client.request(
                request.method,
                path,
                params=list(request.query_params.multi_items()),
                content=await request.body(),
                headers=headers,
            )
        content = reply.content
        edit = self.edits.get(path)
        if edit is not None and reply.status_code == 200:
            content = json.dumps(edit(reply.json())).encode()
        out_headers = {k: v for k, v in reply.headers.items() if k.lower() not in _HOP_BY_HOP}
        return Response(content, status_code=reply.status_code, headers=out_headers)


def json_answer(body: object, status: int = 200) -> Answer:
    """Always answer `body` as JSON with `status`."""

    async def _answer(_request: Request) -> Response:
        return Response(json.dumps(body), status_code=status, media_type="application/json")

    return _answer


def endless_body(total_bytes: int) -> Answer:
    """A 200 whose body is `total_bytes` long (never sent whole if the client stops reading):
    the start of a pull page, then events until the size is reached."""
    event = json.dumps(
        {
            "hub_seq": 1,
            "event": {
                "id": "0190a000-0000-7000-8000-000000000000",
                "kind": "service.used",
                "station_id": "fzb-north",
                "kiosk_id": "k-elsewhere",
                "seq": 1,
                "occurred_at": "2026-11-02T00:30:00+00:00",
                "actor": None,
                "payload": {"note": "x" * 4000},
            },
        }
    ).encode()

    async def _chunks() -> AsyncIterator[bytes]:
        sent = 0
        yield b'{"events":['
        while sent < total_bytes:
            chunk = b",".join([event] * 64) + b","
            sent += len(chunk)
            yield chunk
            await asyncio.sleep(0)
        yield event + b'],"config":[],"next_cursor":"","has_more":false}'

    async def _answer(_request: Request) -> Response:
        return StreamingResponse(_chunks(), media_type="application/json")

    return _answer


def trickle(every_s: float) -> Answer:
    """A 200 that sends one byte of JSON whitespace every `every_s`, forever: each read is
    quick, so only a deadline on the whole round ends it."""

    async def _bytes() -> AsyncIterator[bytes]:
        while True:
            yield b" "
            await asyncio.sleep(every_s)

    async def _answer(_request: Request) -> Response:
        return StreamingResponse(_bytes(), media_type="application/json")

    return _answer
