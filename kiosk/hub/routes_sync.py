"""Kiosk-facing routes: enrolment, push and pull. Thin: parse, call the service, reply."""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError as PydanticValidationError

from kiosk.hub.deps import AdminDep, DeviceToken, SyncDep
from kiosk.hub.errors import Invalid, TooLarge
from kiosk.sync.protocol import (
    MAX_PULL_LIMIT,
    MAX_PUSH_BODY_BYTES,
    MAX_PUSH_EVENTS,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    GapBody,
    PullResponse,
    PushRequest,
    PushResponse,
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


def _kiosk_clock(body: PushRequest, date_header: str | None) -> datetime | None:
    if body.sent_at is not None:
        return body.sent_at
    if date_header:
        try:
            return parsedate_to_datetime(date_header)
        except (TypeError, ValueError):
            return None
    return None


def _parse_push(raw: bytes) -> PushRequest:
    try:
        return PushRequest.model_validate_json(raw)
    except PydanticValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        if any(e["type"] == "too_long" and tuple(e["loc"]) == ("events",) for e in errors):
            raise TooLarge(
                f"at most {MAX_PUSH_EVENTS} events per push",
                reason="too_many_events",
                reason_zh=f"每批最多 {MAX_PUSH_EVENTS} 条记录",
            ) from None
        raise Invalid(
            "invalid push body", reason="invalid_body", reason_zh="请求格式无效", errors=errors
        ) from None


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
    """Upload a batch of the kiosk's outbox (≤ 500 events, seq ascending without holes).

    Parsed by hand from the raw bytes: the size limit is checked before any parsing, and
    pydantic's JSON parser is several times faster than json.loads plus validation.
    """
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_PUSH_BODY_BYTES:
        raise TooLarge("push body too large", reason="body_too_large", reason_zh="请求过大")
    raw = await request.body()
    if len(raw) > MAX_PUSH_BODY_BYTES:
        raise TooLarge("push body too large", reason="body_too_large", reason_zh="请求过大")
    body = _parse_push(raw)
    sent_at = _kiosk_clock(body, request.headers.get("date"))
    result = await run_in_threadpool(sync.push, token, body, sent_at)
    return Response(result.model_dump_json(), media_type="application/json")


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
