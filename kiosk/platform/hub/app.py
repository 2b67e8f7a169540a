"""The platform's hub app: wires settings → database → services → routes, then the features'
hub parts it is given (`kiosk.hub_app` assembles them from the registry; this module names no
feature).

`build_app` migrates the database and runs the parts' start-up work (the badge key's
publication) before returning, so the app is ready whether it is served by uvicorn or driven
in-process by tests (httpx ASGI transport, which runs no lifespan).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from email.utils import formatdate
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.middleware.gzip import GZipMiddleware

from kiosk.core.clock import Clock, SystemClock
from kiosk.platform.hub import live, metrics, migrate, partitions, read_models
from kiosk.platform.hub.admin_service import AdminService
from kiosk.platform.hub.bell_relay import BellRelay
from kiosk.platform.hub.body_limit import DEFAULT_MAX_BODY_BYTES, BodyLimit
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.deps import check_admin
from kiosk.platform.hub.device_gate import DeviceGate
from kiosk.platform.hub.doorbell import Doorbell
from kiosk.platform.hub.errors import HubError, NotFound, Unauthorized, invalid_request_body
from kiosk.platform.hub.part import CentreTab, ConfigCheck, HubPart, Noticer
from kiosk.platform.hub.routes_admin import router as admin_router
from kiosk.platform.hub.routes_sync import router as sync_router
from kiosk.platform.hub.security import BadgeKey
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.sync_service import SyncService
from kiosk.platform.hub.vault import HubVault
from kiosk.platform.hub.web_accounts import AccountService
from kiosk.platform.hub.web_alerts import Alerts
from kiosk.platform.hub.web_centre import MAX_PUBLISH_FORM, PLATFORM_TABS, SignInNeeded, to_login
from kiosk.platform.hub.web_centre import router as centre_router
from kiosk.platform.hub.web_i18n import add_words, words
from kiosk.platform.hub.web_pages import DeviceCookie, page_lang
from kiosk.platform.hub.web_pages import router as pages_router
from kiosk.platform.hub.web_ratelimit import SharedRateLimiter, WebLimits
from kiosk.platform.hub.web_render import PageError, add_templates, error_page, is_web_path
from kiosk.platform.hub.web_reports import Reports
from kiosk.platform.hub.web_webhooks import router as webhooks_router
from kiosk.platform.hub.webhooks import Webhooks
from kiosk.platform.sync.protocol import MAX_CONFIG_BODY_BYTES, MAX_PUSH_BODY_BYTES, PushRequest

ADMIN_PREFIX = "/v1/admin"
EVENTS_UPKEEP_EVERY_S = 3600.0
log = logging.getLogger(__name__)

# The routes whose bodies may be larger than DEFAULT_MAX_BODY_BYTES. A published configuration
# may hold up to MAX_CONFIG_BODY_BYTES as compact JSON: room for \u escapes (or, on the centre's
# form, percent-encoding) around it.
BODY_LIMITS = {
    "/v1/sync/push": MAX_PUSH_BODY_BYTES,
    "/v1/admin/config": 4 * MAX_CONFIG_BODY_BYTES,
    "/centre/publish": MAX_PUBLISH_FORM,
}


class DateHeader:
    """Pure ASGI middleware: every response carries `Date`, from which kiosks take their clock
    offset (uvicorn's own Date header is turned off in `serve` so there is exactly one)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_date(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(k.lower() == b"date" for k, _ in headers):
                    headers.append((b"date", formatdate(usegmt=True).encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_date)


class PagesGzip:
    """Pure ASGI middleware: the centre's and phones' pages, CSV and JSON of 1 KB or more go
    gzipped to a browser that accepts it (a province's pages are large: #15); the kiosks' API
    (`/v1/`) never does, as kiosks ask for identity and read their replies' sizes raw."""

    def __init__(self, app: Any, minimum_size: int = 1000) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not str(scope.get("path", "")).startswith("/v1/"):
            await self.gzip(scope, receive, send)
            return
        await self.app(scope, receive, send)


class AdminGate:
    """Pure ASGI middleware: an admin call's bearer token is checked before its body is read.
    FastAPI parses a route's body model before it runs the route's dependencies, so without
    this anyone could make the hub parse a 4 MiB configuration before being refused."""

    def __init__(self, app: Any, settings: HubSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].startswith(ADMIN_PREFIX):
            try:
                check_admin(Headers(scope=scope).get("authorization"), self.settings)
            except HubError as exc:
                await JSONResponse(exc.body(), status_code=exc.status)(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def _on_hub_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HubError)
    if is_web_path(request.url.path):  # a person's browser: a readable page, not JSON
        lang = page_lang(request, request.query_params.get("lang"))
        w = words(lang)
        if exc.status == 404:
            title = w["not_found"]
        elif exc.status == 403:
            title = w["forbidden"]
        else:
            title = (exc.reason_zh or exc.detail) if lang == "zh" else exc.detail
        return error_page(PageError(exc.status, title, lang=lang), request.url.path)
    return JSONResponse(exc.body(), status_code=exc.status)


async def _on_page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)
    return error_page(exc, request.url.path)


async def _on_sign_in_needed(_request: Request, _exc: Exception) -> Response:
    return to_login()


async def _on_invalid_request(request: Request, exc: Exception) -> Response:
    """422 JSON for the API; for web pages a readable page (404 for a malformed path)."""
    assert isinstance(exc, RequestValidationError)
    if not is_web_path(request.url.path):
        return JSONResponse(invalid_request_body(exc.errors()), status_code=422)
    lang = page_lang(request, request.query_params.get("lang"))
    in_path = any(e.get("loc", ("",))[0] == "path" for e in exc.errors())
    w = words(lang)
    if in_path:
        return error_page(PageError(404, w["not_found"], lang=lang), request.url.path)
    return error_page(PageError(422, w["bad_input"], lang=lang), request.url.path)


def web_limits(settings: HubSettings, database: Database, clock: Clock) -> WebLimits:
    """The web pages' buckets, from the settings, in the database: shared by every worker
    process (see web_ratelimit), refilled by the hub's clock."""

    def epoch() -> float:
        return clock.now().timestamp()

    def limiter(name: str, burst: int, per_second: float) -> SharedRateLimiter:
        return SharedRateLimiter(database, name, burst, per_second, wall_clock=epoch)

    return WebLimits(
        view=limiter("view", settings.web_view_burst, settings.web_view_per_min / 60),
        view_address=limiter(
            "view-addr", settings.web_view_address_burst, settings.web_view_address_per_min / 60
        ),
        submit=limiter("submit", settings.web_submit_burst, settings.web_submit_per_hour / 3600),
        submit_address=limiter(
            "submit-addr",
            settings.web_submit_address_burst,
            settings.web_submit_address_per_hour / 3600,
        ),
        ticket=limiter("ticket", settings.web_ticket_burst, settings.web_ticket_per_hour / 3600),
        login=limiter("login", settings.web_login_burst, settings.web_login_per_hour / 3600),
        account=limiter(
            "account", settings.web_account_burst, settings.web_account_per_hour / 3600
        ),
    )


def _document_raw_bodies(app: FastAPI) -> None:
    """Add the push body's schema, which FastAPI cannot see (the route parses raw bytes)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            defs = PushRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(defs.pop("$defs", {}))
            components["PushRequest"] = defs
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def centre_tabs(parts: Sequence[HubPart]) -> list[CentreTab]:
    """The centre's navigation: the platform's tabs and the parts', by rank."""
    tabs = [*PLATFORM_TABS, *(tab for p in parts for tab in p.centre_tabs)]
    return sorted(tabs, key=lambda tab: tab.rank)


def notices(parts: Sequence[HubPart]) -> dict[str, Noticer]:
    """The kinds the station webhooks are called for, from every part (one owner each)."""
    found: dict[str, Noticer] = {}
    for hub_part in parts:
        for kind, noticer in hub_part.notices.items():
            if kind in found:
                raise ValueError(f"notice for {kind} declared twice")
            found[kind] = noticer
    return found


def config_checks(parts: Sequence[HubPart]) -> dict[str, ConfigCheck]:
    """Every publishable kind's check, from the parts (a kind claimed twice is a wiring bug)."""
    checks: dict[str, ConfigCheck] = {}
    for hub_part in parts:
        for kind, check in hub_part.configs.items():
            if kind in checks:
                raise ValueError(f"two hub parts check config kind {kind!r}")
            checks[kind] = check
    return checks


async def _events_upkeep(app: FastAPI) -> None:
    """Hourly on PostgreSQL: the coming months' partitions of the event log, and the months
    past HUB_EVENTS_KEEP_MONTHS detached into the archive (partitions.py)."""
    state = app.state
    if not state.database.is_postgres:
        return
    while True:
        try:
            now = state.clock.now()
            await run_in_threadpool(partitions.ensure_ahead, state.database.engine, now)
            await run_in_threadpool(partitions.ensure_log_view, state.database.engine)
            keep = state.settings.events_keep_months
            if keep:
                await run_in_threadpool(
                    partitions.archive_older_than, state.database.engine, now, keep
                )
        except Exception:  # the next hour tries again; a fault here must not stop the hub
            log.exception("events partitions upkeep failed")
        await asyncio.sleep(EVENTS_UPKEEP_EVERY_S)


def build_app(
    settings: HubSettings | None = None,
    clock: Clock | None = None,
    parts: Sequence[HubPart] = (),
) -> FastAPI:
    """A ready hub app for `settings` (environment if None) with the features' `parts`;
    `clock` is injectable for tests."""
    settings = settings or HubSettings()
    clock = clock or SystemClock()
    database = Database(make_engine(settings.resolved_database_url(), settings.pool_size))
    read_context = read_models.ReadContext.of(settings)
    read_models.register((m for p in parts for m in p.read_models), read_context)
    live.register(r for p in parts for r in p.live_rules)
    if migrate.made_read_models(migrate.upgrade(database.engine)):
        read_models.rebuild(database, settings)  # an older hub's events, folded once
    partitions.ensure_ahead(database.engine, clock.now())  # PostgreSQL: the coming months
    partitions.ensure_log_view(database.engine)  # and the log with its archive, if it went
    badge_key = BadgeKey(settings.resolved_badge_key_path())
    admin_service = AdminService(
        database, clock, badge_key, settings.skew_threshold_s, config_checks(parts)
    )

    doorbell = Doorbell()
    webhooks = Webhooks(
        database,
        clock,
        notices(parts),
        ZoneInfo(settings.timezone),
        settings.webhook_retry_s,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        relay = BellRelay(database, doorbell) if database.is_postgres else None
        if relay is not None:  # other workers' urgent pushes ring this one's doorbell too
            relay.start(asyncio.get_running_loop())
        await webhooks.resume()  # what a stopped hub left "sending"
        # The parts' background loops (e.g. the personal-data sweep, hourly): theirs to pace.
        loops = [asyncio.create_task(loop(_app)) for loop in _app.state.hourly]
        yield
        for task in loops:
            task.cancel()
        webhooks.cancel()  # a delivery cut off here stays "sending", resumed at the next start
        if relay is not None:
            relay.stop()
        database.dispose()

    app = FastAPI(
        title="Station Kiosk hub",
        version="1",
        description="Sync, enrolment and administration for Station Kiosk (驿站自助终端).",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    vault = HubVault(settings.resolved_personal_data_key_path())
    app.state.vault = vault  # personal data's keys (docs/privacy.md)
    database.vault = vault  # …and every session's, for the pages that open volunteers' names
    app.state.sync_service = SyncService(
        database, clock, settings.skew_threshold_s, vault, read_context, settings.push_max_events
    )
    app.state.admin_service = admin_service
    app.state.badge_key = badge_key
    app.state.clock = clock
    limits = web_limits(settings, database, clock)
    app.state.web_limits = limits
    app.state.account_service = AccountService(
        database, clock, settings.session_ttl_s, attempts=limits.account
    )
    app.state.reports = Reports(database)
    app.state.alerts = Alerts(database, settings, [p.alerts for p in parts if p.alerts])
    app.state.station_panels = [panel for p in parts for panel in p.station_panels]
    app.state.centre_tabs = centre_tabs(parts)
    app.state.tz = ZoneInfo(settings.timezone)  # the stations' days (reports, departures)
    app.state.device_gate = DeviceGate(database)
    app.state.doorbell = doorbell
    app.state.webhooks = webhooks
    app.state.hourly = [_events_upkeep]  # parts add background loops here (`HubPart.start`)
    app.state.warm_ups = [p.warm for p in parts if p.warm is not None]
    app.add_exception_handler(HubError, _on_hub_error)
    app.add_exception_handler(PageError, _on_page_error)
    app.add_exception_handler(SignInNeeded, _on_sign_in_needed)
    app.add_exception_handler(RequestValidationError, _on_invalid_request)
    app.include_router(sync_router)
    app.include_router(admin_router)
    app.include_router(pages_router)
    app.include_router(centre_router)
    app.include_router(webhooks_router)
    for hub_part in parts:
        if hub_part.templates is not None:
            add_templates(hub_part.templates)
        add_words(hub_part.words)
        for router in hub_part.routers:
            app.include_router(router)
        if hub_part.start is not None:
            hub_part.start(app)
    app.add_middleware(AdminGate, settings=settings)
    app.add_middleware(DeviceCookie, secure=settings.cookie_secure)
    app.add_middleware(BodyLimit, limits=BODY_LIMITS, default=DEFAULT_MAX_BODY_BYTES)
    app.add_middleware(PagesGzip)
    if settings.request_log:
        metrics.log_requests()
    app.add_middleware(metrics.RequestMetrics, database=database)  # times the 413s too
    app.add_middleware(DateHeader)  # outermost: the 413s carry a Date too

    _document_raw_bodies(app)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/metrics", include_in_schema=False)
    async def scrape(request: Request) -> Response:
        """Prometheus's scrape (docs/hub.md, "Metrics and logs"): only with HUB_METRICS_TOKEN
        set, and only for a bearer of it; otherwise it does not exist (404)."""
        expected = settings.metrics_token
        given = request.headers.get("authorization", "")
        if not expected:
            raise NotFound("not found", reason="not_found", reason_zh="未找到")
        if not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
            raise Unauthorized(
                "metrics token required", reason="unauthorized", reason_zh="需要指标令牌"
            )
        body, media_type = await run_in_threadpool(metrics.exposition, database, clock)
        return Response(body, media_type=media_type)

    return app
