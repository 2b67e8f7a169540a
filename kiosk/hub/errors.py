"""Errors a caller can cause, each mapped to one HTTP status with a reason in both languages."""

from __future__ import annotations

from typing import Any


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
        return out


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
