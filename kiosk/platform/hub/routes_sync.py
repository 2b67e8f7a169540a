"""Kiosk-facing routes: enrolment, push, pull and the push channel's wait. Thin: parse, call
the service, reply."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from kiosk.core.events import urgent_kinds
from kiosk.platform.hub.deps import AdminDep, DeviceToken, SyncDep
from kiosk.platform.hub.doorbell import Doorbell, carries_urgent, hung_up, ring_everywhere
from kiosk.platform.hub.errors import TooLarge
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.webhooks import Webhooks
from kiosk.platform.sync.protocol import (
    MAX_PULL_LIMIT,
    MAX_PUSH_BODY_BYTES,
    MAX_WAIT_S,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    GapBody,
    KeysUpload,
    KioskHealth,
    OwnEventsResponse,
    PullResponse,
    PushResponse,
    WaitResponse,
)

router = APIRouter(prefix="/v1")

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody},
    403: {"model": ErrorBody, "description": "revoked, or body names another kiosk"},
    413: {"model": ErrorBody},
    422: {"model": ErrorBody},
}


@router.post("/enroll", responses={404: {"model": ErrorBody}, 410: {"model": ErrorBody}})
async def enroll(body: EnrollRequest, admin: AdminDep) -> EnrollResponse:
    """Exchange a one-time enrolment code for a device token (shown once)."""
    return await run_in_threadpool(admin.enroll, body)


@router.post(
    "/sync/push",
    response_model=PushResponse,
    responses={**_ERRORS, 409: {"model": GapBody, "description": "seq gap"}},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}
            },
        }
    },
)
async def push(request: Request, token: DeviceToken, sync: SyncDep) -> Response:
    """Upload a batch of the kiosk's outbox (≤ 500 events, or ≤ N when the hub lists
    "push_events:N" in its replies; seq ascending without holes).

    Parsed by hand from the raw bytes (in the worker thread, with the database work): the size
    limit is checked before any parsing, and the body is validated in one pass by pydantic's
    JSON parser (see `kiosk/platform/hub/fastpush.py`).
    """
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_PUSH_BODY_BYTES:
        raise TooLarge("push body too large", reason="body_too_large", reason_zh="请求过大")
    raw = await request.body()
    if len(raw) > MAX_PUSH_BODY_BYTES:
        raise TooLarge("push body too large", reason="body_too_large", reason_zh="请求过大")
    reply = await run_in_threadpool(sync.push_raw, token, raw, request.headers.get("date"))
    if carries_urgent(raw, urgent_kinds()):  # the station's other kiosks are waiting for it
        await ring_everywhere(request.app.state)
    webhooks: Webhooks = request.app.state.webhooks
    webhooks.after_push(raw)  # the station's robots, in the background
    return Response(reply, media_type="application/json")


@router.post("/sync/keys", status_code=204, responses=_ERRORS)
async def keys(body: KeysUpload, token: DeviceToken, sync: SyncDep) -> None:
    """The data keys of the subjects the next push introduces (docs/privacy.md): sent before
    it, kept beside the events (never in them) and handed to the station's other kiosks with
    the pull pages that carry those events."""
    await run_in_threadpool(sync.store_keys, token, body)


@router.post("/sync/health", status_code=204, responses=_ERRORS)
async def health(body: KioskHealth, token: DeviceToken, sync: SyncDep) -> None:
    """What the kiosk reports of itself every few minutes (version, disk free, last error)."""
    await run_in_threadpool(sync.record_health, token, body)


@router.get("/sync/pull", response_model=PullResponse, responses=_ERRORS)
async def pull(
    token: DeviceToken,
    sync: SyncDep,
    after: Annotated[str, Query(max_length=120)] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = MAX_PULL_LIMIT,
) -> Response:
    """The station's events from other kiosks and its published config after `after`."""
    result = await run_in_threadpool(sync.pull, token, after, limit)
    return Response(result.model_dump_json(), media_type="application/json")


@router.get("/sync/live", response_model=PullResponse, responses=_ERRORS)
async def live(
    token: DeviceToken,
    sync: SyncDep,
    after: Annotated[str, Query(max_length=120)] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = MAX_PULL_LIMIT,
) -> Response:
    """A new kiosk's first pages (docs/hub.md "A new kiosk's first pull"): the station's
    events still live (every aggregate not closed, and all of the last days) and its published
    config, in the feed's order; then it pulls from the start as usual (held events skipped)."""
    result = await run_in_threadpool(sync.live, token, after, limit)
    return Response(result.model_dump_json(), media_type="application/json")


@router.get("/sync/wait", response_model=WaitResponse, responses=_ERRORS)
async def wait(
    request: Request,
    token: DeviceToken,
    sync: SyncDep,
    after: Annotated[str, Query(max_length=120)] = "",
    timeout: Annotated[int, Query(ge=1, le=MAX_WAIT_S)] = MAX_WAIT_S,
) -> WaitResponse:
    """The push channel (a long-poll, docs/push-channel.md): answers `pull: true` as soon as
    the station has an urgent event from another kiosk after `after`, else `pull: false` after
    `timeout` seconds. It only says "pull now"; the pull is the source of truth."""
    doorbell: Doorbell = request.app.state.doorbell
    settings: HubSettings = request.app.state.settings
    deadline = time.monotonic() + min(timeout, settings.wait_max_s)
    gone = asyncio.ensure_future(hung_up(request.receive))
    try:
        while True:
            rung = doorbell.current()  # before looking: a ring in between is not missed
            if await run_in_threadpool(sync.urgent_news, token, after):
                return WaitResponse(pull=True)
            left = deadline - time.monotonic()
            if left <= 0 or not await doorbell.wait(rung, left, gone):
                return WaitResponse(pull=False)
    finally:
        gone.cancel()


@router.get("/sync/own-events", response_model=OwnEventsResponse, responses=_ERRORS)
async def own_events(
    token: DeviceToken,
    sync: SyncDep,
    after_seq: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = MAX_PULL_LIMIT,
) -> Response:
    """The calling kiosk's own events (seq > `after_seq`, up to its acknowledged seq): a kiosk
    restored from a backup takes back what it pushed after that backup."""
    result = await run_in_threadpool(sync.own_events, token, after_seq, limit)
    return Response(result.model_dump_json(), media_type="application/json")
