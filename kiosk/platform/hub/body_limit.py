"""Request bodies bounded as they arrive: no route can be made to hold more than its limit.

`BodyLimit` is a pure ASGI middleware (not BaseHTTPMiddleware, which would buffer) that counts
the bytes of every `http.request` message on its way to the app. A declared `Content-Length`
over the route's limit is refused before anything is read; a chunked body, or one whose
declared length the client does not keep to, is refused the moment it passes the limit. The
answer is 413 with the house's error body (`detail`, `reason`, `reason_zh`), or a readable page
on the web pages, and `Connection: close`, so the server drops the connection instead of
draining what the client still sends.

FastAPI reads a route's body model before it runs the route's dependencies and turns any error
while reading into a 400: whatever the app answers once the limit is passed is replaced by the
413. Any response sent before the request's body was read to its end (a 401 for a wrong device
token, a redirect to the sign-in page) also closes the connection, for the same reason.

FastAPI's own `max_body_size` (new in the 0.16x series) was the other way; it answers a declared
oversize body with a plain-text 413 that carries no reason, so it is not used.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

from fastapi.responses import JSONResponse, Response
from starlette.datastructures import Headers
from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.platform.hub.web_i18n import ERRORS, label
from kiosk.platform.hub.web_pages import page_lang
from kiosk.platform.hub.web_render import PageError, error_page, is_web_path

DEFAULT_MAX_BODY_BYTES = 64 * 1024  # enrolment, admin calls, sign-in and phone forms


class _TooLarge(Exception):
    """Raised from `receive` when the body passes its limit (the app may turn it into a 400)."""


def _has_body(headers: Headers) -> bool:
    declared = headers.get("content-length")
    return "transfer-encoding" in headers or (declared is not None and declared != "0")


def too_large(scope: Scope, limit: int) -> Response:
    """The 413: JSON with a reason for the API, a page in the visitor's language on the web."""
    if is_web_path(scope["path"]):
        request = Request(scope)
        lang = page_lang(request, request.query_params.get("lang"))
        title = label(ERRORS, "too_large", lang)
        response: Response = error_page(PageError(413, title, lang=lang), scope["path"])
    else:
        response = JSONResponse(
            {
                "detail": f"request body too large (at most {limit} bytes here)",
                "reason": "body_too_large",
                "reason_zh": "请求过大",
                "max_bytes": limit,
            },
            status_code=413,
        )
    response.headers["connection"] = "close"
    return response


class BodyLimit:
    """Refuse with 413 any request body over its path's limit (`limits`, else `default`)."""

    def __init__(self, app: ASGIApp, limits: Mapping[str, int], default: int) -> None:
        self.app = app
        self.limits = dict(limits)
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.default)
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await too_large(scope, limit)(scope, receive, send)
            return
        state: dict[str, Any] = {
            "received": 0,
            "exceeded": False,
            "body_done": not _has_body(headers),
            "started": False,
        }

        async def counted_receive() -> Message:
            if state["exceeded"]:
                raise _TooLarge
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    state["exceeded"] = True
                    raise _TooLarge
                if not message.get("more_body", False):
                    state["body_done"] = True
            return message

        async def guarded_send(message: Message) -> None:
            if state["exceeded"]:
                return  # the app's answer to a body it could not read: the 413 replaces it
            if message["type"] == "http.response.start":
                state["started"] = True
                if not state["body_done"]:
                    message = {
                        **message,
                        "headers": [*message.get("headers", []), (b"connection", b"close")],
                    }
            await send(message)

        # _TooLarge the app did not catch is answered below; a client gone while its body was
        # read (ClientDisconnect) has nobody to answer, and is no error of the hub's.
        with contextlib.suppress(_TooLarge, ClientDisconnect):
            await self.app(scope, counted_receive, guarded_send)
        if state["exceeded"] and not state["started"]:
            await too_large(scope, limit)(scope, receive, send)
