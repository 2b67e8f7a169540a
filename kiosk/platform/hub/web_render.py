"""What every web page shares: Jinja2 templates (autoescaped), security headers, the client's
IP for rate limits, a bounded form reader, and readable error pages.

Pages are plain server-rendered HTML with one small stylesheet and no script, so they load fast
on a poor connection and work on any phone browser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    select_autoescape,
)

from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_i18n import words

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
WEB_PREFIXES = ("/s/", "/t/", "/centre")

# The platform's templates (base, centre frame, sign-in, errors) first, then each hub part's
# own folder (`HubPart.templates`): one namespace, so a feature's page extends "base.html".
_loaders: list[BaseLoader] = [FileSystemLoader(str(TEMPLATES))]
_folders: dict[str, frozenset[str]] = {}  # package → its template names
_env = Environment(
    loader=ChoiceLoader(_loaders),
    autoescape=select_autoescape(("html",), default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def add_templates(package: str) -> None:
    """Let pages be rendered from the `templates/` folder of `package` (a feature's hub part).

    Registering the same package again is a no-op (every app built in a process shares the
    environment); a template name another folder already has is a wiring bug and refused."""
    if package in _folders:
        return
    loader = PackageLoader(package, "templates")
    names = frozenset(loader.list_templates())
    taken = set(_loaders[0].list_templates()).union(*_folders.values())
    if clash := sorted(names & taken):
        raise ValueError(f"templates of {package} named like others: {', '.join(clash)}")
    _folders[package] = names
    _loaders.append(loader)


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
        " frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class PageError(Exception):
    """Refuse a web request with a readable page: `status`, a title and a sentence."""

    def __init__(
        self,
        status: int,
        title: str,
        message: str = "",
        *,
        lang: str = "zh",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(title)
        self.status = status
        self.title = title
        self.message = message
        self.lang = lang
        self.headers = dict(headers or {})


def is_web_path(path: str) -> bool:
    return path.startswith(WEB_PREFIXES)


def page(
    name: str,
    *,
    lang: str = "zh",
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """Render template `name` with the page words of `lang` and `context`."""
    html = _env.get_template(name).render(lang=lang, w=words(lang), **context)
    response = HTMLResponse(html, status_code=status)
    response.headers.update(SECURITY_HEADERS)
    response.headers["Cache-Control"] = "no-store"
    if headers:
        response.headers.update(headers)
    return response


_SEGMENT = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


def back_path(path: str) -> str | None:
    """Where an error page's "Back" leads, from the path that failed: a form to its service's
    page, a ticket's action to the ticket, a ticket or a service to the station's ticket
    look-up (which always opens), the centre to its first page. Only paths built from safe
    segments: never an open redirect."""
    if path.startswith("/centre"):
        return "/centre/"
    parts = [p for p in path.split("/") if p]
    if len(parts) < 2 or parts[0] not in ("s", "t") or not all(map(_SEGMENT.match, parts)):
        return None
    kind, station, rest = parts[0], parts[1], parts[2:]
    if kind == "s" and len(rest) >= 2:
        return f"/s/{station}/{rest[0]}"
    if kind == "t" and len(rest) >= 2:
        return f"/t/{station}/{rest[0]}"
    return f"/t/{station}"


def error_page(error: PageError, path: str | None = None) -> HTMLResponse:
    """The error's page, with a way back and the language switch when the path is known."""
    other = "en" if error.lang == "zh" else "zh"
    back = back_path(path) if path is not None else None
    return page(
        "error.html",
        lang=error.lang,
        status=error.status,
        headers=error.headers,
        title=error.title,
        message=error.message,
        switch_url=f"{path}?lang={other}" if path is not None and is_web_path(path) else None,
        back_url=f"{back}?lang={error.lang}" if back else None,
    )


def stylesheet() -> Response:
    css = (STATIC / "hub.css").read_bytes()
    return Response(css, media_type="text/css", headers={"Cache-Control": "public, max-age=86400"})


def client_ip(request: Request, settings: HubSettings) -> str:
    """The client's address; behind a trusted proxy, the last hop it added."""
    if settings.trust_forwarded_for:
        forwarded = request.headers.get("x-forwarded-for", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1][:64]
    return request.client.host if request.client else "unknown"


async def read_form(
    request: Request, limit: int, lang: str = "zh", max_fields: int = 40
) -> dict[str, str]:
    """An urlencoded form body of at most `limit` bytes and `max_fields` fields, first value
    per field; else 400/413."""
    bad = PageError(400, words(lang)["bad_input"], lang=lang)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise bad
    declared = request.headers.get("content-length", "")
    too_large = PageError(413, words(lang)["bad_input"], "", lang=lang)
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large
    try:
        text = body.decode("utf-8")
        fields = parse_qs(text, keep_blank_values=True, max_num_fields=max_fields, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise bad from None
    return {key: values[0] for key, values in fields.items()}


def local_time(moment: datetime | None, tz: ZoneInfo) -> str:
    if moment is None:
        return ""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")
