"""FastAPI dependencies: the services held by the app, and the two kinds of bearer credential.

All are `async def`: FastAPI runs a plain `def` dependency in its thread pool, and three thread
hops per request cost the hub more than the push itself under load. The one that awaits (the
device gate's lookup) goes to the pool only for a token it has not admitted lately.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param

from kiosk.platform.hub.admin_service import AdminService
from kiosk.platform.hub.device_gate import DeviceGate
from kiosk.platform.hub.errors import Forbidden, Unauthorized
from kiosk.platform.hub.security import same
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.sync_service import SyncService

_bearer = HTTPBearer(auto_error=False)


async def _sync_service(request: Request) -> SyncService:
    service: SyncService = request.app.state.sync_service
    return service


async def _admin_service(request: Request) -> AdminService:
    service: AdminService = request.app.state.admin_service
    return service


async def _settings(request: Request) -> HubSettings:
    settings: HubSettings = request.app.state.settings
    return settings


def _token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or not credentials.credentials:
        raise Unauthorized("missing bearer token", reason="no_token", reason_zh="缺少凭据")
    return credentials.credentials


async def _device_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The kiosk's device token, admitted by the gate before the route reads any body (a route
    without a body model runs its dependencies first; the push reads its raw bytes itself).
    The service checks it again inside its transaction, so revocation takes effect on the next
    request."""
    token = _token(credentials)
    gate: DeviceGate = request.app.state.device_gate
    if not gate.recently_admitted(token):
        await run_in_threadpool(gate.admit, token)
    return token


def check_admin(authorization: str | None, settings: HubSettings) -> None:
    """The admin API's bearer check on the raw `Authorization` header: run by `app.AdminGate`
    before FastAPI reads an admin call's body (it parses a body model before dependencies)."""
    scheme, token = get_authorization_scheme_param(authorization)
    _check_admin_token(token if scheme.lower() == "bearer" else None, settings)


def _check_admin_token(token: str | None, settings: HubSettings) -> None:
    if not token:
        raise Unauthorized("missing bearer token", reason="no_token", reason_zh="缺少凭据")
    if not settings.admin_token:
        raise Forbidden("admin API disabled: set HUB_ADMIN_TOKEN", reason="admin_disabled")
    if not same(token, settings.admin_token):
        raise Unauthorized("wrong admin token", reason="bad_admin_token", reason_zh="管理凭据无效")


async def _admin(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    settings: Annotated[HubSettings, Depends(_settings)],
) -> None:
    """The same check again (and the bearer scheme in the OpenAPI)."""
    _check_admin_token(credentials.credentials if credentials else None, settings)


SyncDep = Annotated[SyncService, Depends(_sync_service)]
AdminDep = Annotated[AdminService, Depends(_admin_service)]
DeviceToken = Annotated[str, Depends(_device_token)]
AdminAuth = Depends(_admin)
