"""What every hub web page shares (the phone pages and the centre's): the page's language
(query, cookie, Accept-Language) and keeping the reader's choice, the phone's device cookie,
the rate limits, service calls off the event loop, and the stylesheet."""

from __future__ import annotations

import math
import re
import secrets
from collections.abc import Callable, Sequence
from http.cookies import CookieError, SimpleCookie
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from kiosk.platform.hub.errors import NotFound
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_i18n import LANG_COOKIE, LANGS, choose_lang, wait_words, words
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


DEVICE_COOKIE = "device"
PHONE_PREFIXES = ("/s/", "/t/", "/a/", "/v/")  # service, ticket, activity, own pages
_DEVICE = re.compile(r"^[A-Za-z0-9_-]{22}$")  # secrets.token_urlsafe(16)
Take = tuple[Limiter, str]  # a limiter and the key whose bucket it spends from


class DeviceCookie:
    """Pure ASGI middleware: a phone page's visitor gets an opaque random device id in a
    cookie on the first visit (`request.state.device`), so the phone's own rate limits follow
    the phone rather than the address the station's Wi-Fi gives a hundred phones.

    `request.state.device_known` says whether the phone sent it back: a form posted without it
    is limited as "some phone at this address" (a client that drops cookies gains nothing)."""

    def __init__(self, app: Any, secure: bool = False) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PHONE_PREFIXES):
            await self.app(scope, receive, send)
            return
        sent = _cookie(scope, DEVICE_COOKIE)
        state = scope.setdefault("state", {})
        if sent is not None and _DEVICE.match(sent):
            state["device"], state["device_known"] = sent, True
            await self.app(scope, receive, send)
            return
        device = secrets.token_urlsafe(16)
        state["device"], state["device_known"] = device, False
        cookie = f"{DEVICE_COOKIE}={device}; Max-Age={365 * 86400}; Path=/; HttpOnly; SameSite=Lax"
        if self.secure:
            cookie += "; Secure"

        async def send_with_cookie(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"set-cookie", cookie.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _cookie(scope: Any, name: str) -> str | None:
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except CookieError:  # a malformed header is no cookie
                return None
            if name in jar:
                return jar[name].value
    return None


def address(request: Request) -> str:
    settings: HubSettings = request.app.state.settings
    return client_ip(request, settings)


def device(request: Request, *, known_only: bool = False) -> str:
    """The phone's device id; with `known_only`, a phone that did not send its cookie back is
    "any cookie-less phone at this address" (one strict bucket for all of them)."""
    state = request.state
    known = bool(getattr(state, "device_known", False))
    if known_only and not known:
        return "addr:" + address(request)
    return str(getattr(state, "device", None) or "addr:" + address(request))


def view_takes(request: Request, limits: WebLimits) -> list[Take]:
    """A page view: the phone's bucket and its address's (much looser)."""
    return [(limits.view, device(request)), (limits.view_address, address(request))]


def submit_takes(request: Request, limits: WebLimits) -> list[Take]:
    """A form that makes a ticket: the phone's bucket and its address's (much looser)."""
    return [
        (limits.submit, device(request, known_only=True)),
        (limits.submit_address, address(request)),
    ]


def ticket_takes(request: Request, limits: WebLimits, station_id: str, ticket: str) -> list[Take]:
    """Acting on a ticket (cancel, rate): that ticket's bucket and the address's."""
    return [(limits.ticket, f"{station_id}/{ticket}"), (limits.submit_address, address(request))]


class RateRefused(Exception):
    """A bucket is empty: `seconds` until it has a token again."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"retry in {seconds} s")
        self.seconds = seconds

    def page(self, lang: str) -> PageError:
        """The readable 429 page."""
        w = words(lang)
        return PageError(
            429,
            w["too_many"],
            self.sentence(lang),
            lang=lang,
            headers={"Retry-After": str(self.seconds)},
        )

    def sentence(self, lang: str) -> str:
        return words(lang)["too_many_body"].format(wait=wait_words(self.seconds, lang))


def _spend(takes: Sequence[Take]) -> None:
    done: list[Take] = []
    for limiter, key in takes:
        wait = limiter.take(key)
        if wait > 0:
            for spent_limiter, spent_key in done:  # a refused attempt costs no other bucket
                spent_limiter.give_back(spent_key)
            raise RateRefused(max(1, math.ceil(wait)))
        done.append((limiter, key))


async def spend(takes: Sequence[Take]) -> None:
    """Spend one token from each bucket (database writes, off the event loop), or raise
    RateRefused having spent none."""
    await run_in_threadpool(_spend, takes)


async def refund(takes: Sequence[Take]) -> None:
    """Give the tokens back: the attempt turned out not to count."""

    def give_back() -> None:
        for limiter, key in takes:
            limiter.give_back(key)

    await run_in_threadpool(give_back)


async def check_view(request: Request, limits: WebLimits, lang: str) -> None:
    """A phone page view, or a readable 429 page."""
    try:
        await spend(view_takes(request, limits))
    except RateRefused as refused:
        raise refused.page(lang) from None


async def check_rate(request: Request, limiter: Limiter, lang: str) -> None:
    """Spend one token of the client address's bucket (the centre's sign-in), or refuse with
    a readable 429 page."""
    try:
        await spend([(limiter, address(request))])
    except RateRefused as refused:
        raise refused.page(lang) from None


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
