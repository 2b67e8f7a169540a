"""Errors a caller can cause, each mapped to one HTTP status with a reason in both languages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiosk.core.text import storable_json


class HubError(Exception):
    """Base: `status` is the HTTP status, `reason` a stable machine word, `detail` English."""

    status = 400

    def __init__(
        self, detail: str, *, reason: str | None = None, reason_zh: str | None = None, **extra: Any
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.reason = reason
        self.reason_zh = reason_zh
        self.extra = extra

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"detail": self.detail}
        if self.reason is not None:
            out["reason"] = self.reason
        if self.reason_zh is not None:
            out["reason_zh"] = self.reason_zh
        out.update(self.extra)
        # detail and extras can echo what the caller sent: keep the reply encodable as JSON
        result: dict[str, Any] = storable_json(out)
        return result


class Unauthorized(HubError):
    status = 401


class Forbidden(HubError):
    status = 403


class NotFound(HubError):
    status = 404


class Conflict(HubError):
    status = 409


class Gone(HubError):
    status = 410


class TooLarge(HubError):
    status = 413


class Invalid(HubError):
    status = 422


def invalid_request_body(errors: Sequence[Any]) -> dict[str, Any]:
    """The 422 body for a request FastAPI refused: pydantic's errors without the inputs they
    echo (a lone surrogate or an infinite number there would make the reply itself fail) and
    with the reason every 4xx carries."""
    kept = [
        {"type": e.get("type"), "loc": list(e.get("loc", ())), "msg": e.get("msg")}
        for e in errors
        if isinstance(e, dict)
    ]
    body = {"detail": kept, "reason": "invalid_request", "reason_zh": "请求格式无效"}
    result: dict[str, Any] = storable_json(body)
    return result
