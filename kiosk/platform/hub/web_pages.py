"""What every hub web page shares (the phone pages and the centre's): the page's language
(query, cookie, Accept-Language) and keeping the reader's choice, the per-client rate limits,
service calls off the event loop, and the stylesheet."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from kiosk.platform.hub.errors import NotFound
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_i18n import LANG_COOKIE, LANGS, choose_lang, words
from kiosk.platform.hub.web_ratelimit import Limiter, WebLimits
from kiosk.platform.hub.web_render import PageError, client_ip, stylesheet

T = TypeVar("T")

router = APIRouter(tags=["phone pages"])


async def _limits(request: Request) -> WebLimits:
    limits: WebLimits = request.app.state.web_limits
    return limits


Limits = Annotated[WebLimits, Depends(_limits)]


def page_lang(request: Request, query: str | None) -> str:
    return choose_lang(
        query, request.cookies.get(LANG_COOKIE), request.headers.get("accept-language")
    )


def remember_lang(response: Response, query: str | None, lang: str) -> Response:
    """The switch link's choice is kept for the next pages (a cookie, a year)."""
    if query in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax")
    return response


def switch_url(request: Request, lang: str) -> str:
    other = "en" if lang == "zh" else "zh"
    return f"{request.url.path}?lang={other}"


async def check_rate(request: Request, limiter: Limiter, lang: str) -> None:
    """Spend one token of the client's bucket (a database write, off the event loop), or
    refuse with a readable 429 page."""
    settings: HubSettings = request.app.state.settings
    wait = await run_in_threadpool(limiter.take, client_ip(request, settings))
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        w = words(lang)
        raise PageError(
            429,
            w["too_many"],
            w["too_many_body"].format(wait=seconds),
            lang=lang,
            headers={"Retry-After": str(seconds)},
        )


async def call(lang: str, fn: Callable[..., T], *args: Any) -> T:
    """Run a service call off the event loop; a missing station/service/ticket is a 404 page."""
    try:
        return await run_in_threadpool(fn, *args)
    except NotFound as exc:
        w = words(lang)
        title = w["not_found_ticket"] if exc.reason == "unknown_ticket" else w["not_found"]
        raise PageError(404, title, lang=lang) from None


@router.get("/static/hub.css", include_in_schema=False)
async def css() -> Response:
    return stylesheet()
