"""HTTP client for the hub: one method per endpoint, typed replies, errors sorted by what the
kiosk should do about them (back off and retry, stop because revoked, or record and go on)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import httpx
from pydantic import ValidationError as PydanticValidationError

from kiosk.platform.sync.protocol import (
    MAX_PULL_PAGE_BYTES,
    MAX_PUSH_REPLY_BYTES,
    MAX_REPLY_BYTES,
    EnrollRequest,
    EnrollResponse,
    KeysUpload,
    KioskHealth,
    OwnEventsResponse,
    RawPullResponse,
)

TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0)
MAX_SEQ = 2**62  # what the hub itself accepts as a seq in a query


class HubError(Exception):
    """Base of hub errors; `message` is fit for the status strip, `reason` is the hub's
    machine reason when it gave one."""

    def __init__(
        self, message: str, retry_after_s: float | None = None, reason: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after_s = retry_after_s
        self.reason = reason


class HubUnavailable(HubError):
    """Network down, timeout, or a 5xx/429: try again later (honouring `retry_after_s`)."""


class ReplyTooLarge(HubUnavailable):
    """The reply passed the size the kiosk reads; it was cut off, not read whole."""


class HubRevoked(HubError):
    """The hub revoked this kiosk's credential: stop syncing, keep every local record."""


class HubRefused(HubError):
    """A 4xx other than revocation, or a reply that makes no sense: shown to staff."""


@dataclass(frozen=True)
class Gap:
    """409: the hub expects an earlier seq (restored from an older backup)."""

    expected_seq: int


@dataclass(frozen=True)
class PushResult:
    """What a push reply means for the kiosk: everything up to `acked_seq` is on the hub;
    `rejected` lists (seq, event id, reason) of events stored there as rejects."""

    acked_seq: int
    rejected: list[tuple[int, str, str]]
    features: frozenset[str] = frozenset()  # what the hub understands beyond protocol 1


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _json(body: bytes) -> Any:
    """Parse a reply with the standard library: it takes any JSON a hub may send (a lone
    surrogate escape included, which the checks then refuse per event) and NaN is refused."""

    def _no_constant(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    try:
        return json.loads(body, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _reason(body: bytes) -> tuple[str | None, str | None]:
    """(machine reason, detail) of an error body, when it has them."""
    try:
        data = _json(body)
    except ValueError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    reason, detail = data.get("reason"), data.get("detail")
    return (str(reason)[:80] if reason else None), (str(detail)[:200] if detail else None)


def _detail(status: int, body: bytes) -> str:
    reason, detail = _reason(body)
    if reason is None and detail is None:
        return f"HTTP {status}"
    return f"HTTP {status}: {reason or detail}"[:300]


def _seq(value: object) -> int:
    """A seq from a hub reply: an integer in the range a hub hands out."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SEQ:
        raise ValueError(f"not a seq: {ascii(value)[:40]}")
    return value


def _errors(exc: PydanticValidationError) -> str:
    parts = []
    for error in exc.errors()[:4]:
        where = ".".join(str(p) for p in error["loc"])
        parts.append(f"{where}: {error['msg']}" if where else str(error["msg"]))
    return "; ".join(parts)


class HubClient:
    """Talks to one hub. `transport` lets tests put a fault-injecting proxy in between.

    Every reply is read as a stream and cut off past its size limit, never read whole; while a
    round's deadline is set (`set_deadline`), every request ends by it, so a hub that trickles
    a byte at a time cannot hold a round past it.
    """

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        # No compression: a small compressed body could inflate past every limit in one read.
        headers = {"Accept-Encoding": "identity"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"), headers=headers, timeout=TIMEOUT, transport=transport
        )
        self.last_hub_date: datetime | None = None
        self._deadline: float | None = None
        self._deadline_s = 0.0

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def set_deadline(self, seconds: float | None) -> None:
        """Every request from now must end within `seconds` in all (None: no deadline)."""
        self._deadline_s = seconds or 0.0
        self._deadline = None if seconds is None else time.monotonic() + seconds

    def _past_deadline(self) -> HubUnavailable:
        return HubUnavailable(f"sync round stopped at its deadline ({self._deadline_s:g} s)")

    def _timeout(self) -> httpx.Timeout:
        if self._deadline is None:
            return TIMEOUT
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise self._past_deadline()
        return httpx.Timeout(
            connect=min(5.0, left), read=min(30.0, left), write=min(30.0, left), pool=min(5.0, left)
        )

    def _read(self, response: httpx.Response, max_bytes: int) -> bytes:
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            raise HubRefused(f"bad hub reply: compressed ({encoding[:20]}) though not asked to")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise ReplyTooLarge(f"hub reply too large ({int(declared)} bytes, over {max_bytes})")
        body = bytearray()
        for chunk in response.iter_raw():  # as it arrives (a chunk size would wait to fill it)
            body += chunk
            if len(body) > max_bytes:
                raise ReplyTooLarge(f"hub reply too large (cut off past {max_bytes} bytes)")
            if self._deadline is not None and time.monotonic() > self._deadline:
                raise self._past_deadline()
        return bytes(body)

    def _send(
        self, request: httpx.Request, max_bytes: int, ok: tuple[int, ...] = (200,)
    ) -> tuple[int, bytes]:
        """(status, body) of one exchange whose status is in `ok`; anything else raises the
        error the kiosk acts on (retry later, stop because revoked, or show it)."""
        request.extensions["timeout"] = self._timeout().as_dict()
        try:
            response = self._http.send(request, stream=True)
            try:
                body = self._read(response, max_bytes)
            finally:
                response.close()
        except httpx.TimeoutException as exc:
            if self._deadline is not None and time.monotonic() >= self._deadline:
                raise self._past_deadline() from None
            raise HubUnavailable(f"{type(exc).__name__}: {exc}"[:300]) from None
        except httpx.HTTPError as exc:
            raise HubUnavailable(f"{type(exc).__name__}: {exc}"[:300]) from None
        self._note_date(response.headers.get("date"))
        status = response.status_code
        if status >= 500 or status == 429:
            raise HubUnavailable(_detail(status, body), _retry_after(response))
        reason = _reason(body)[0] if status >= 400 else None
        if status == 403 and reason == "revoked":
            raise HubRevoked("revoked")
        if status not in ok:
            raise HubRefused(_detail(status, body), reason=reason)
        return status, body

    def _note_date(self, date: str | None) -> None:
        if not date:
            return
        try:
            parsed = parsedate_to_datetime(date)
        except (TypeError, ValueError):
            parsed = None
        if parsed is not None and parsed.tzinfo is None:  # "-0000" parses naive: it is UTC
            parsed = parsed.replace(tzinfo=UTC)
        self.last_hub_date = parsed

    def enroll(self, code: str, kiosk_id: str, name: str | None = None) -> EnrollResponse:
        body = EnrollRequest(code=code, kiosk_id=kiosk_id, name=name)
        request = self._http.build_request("POST", "/v1/enroll", json=body.model_dump())
        _, content = self._send(request, MAX_REPLY_BYTES, ok=(200, 201))
        try:
            return EnrollResponse.model_validate_json(content)
        except PydanticValidationError as exc:
            raise HubRefused(f"bad hub reply: {_errors(exc)}"[:300]) from None

    def health(self, body: KioskHealth) -> None:
        """Report the kiosk's version, disk free and last error (an older hub answers 404)."""
        request = self._http.build_request(
            "POST",
            "/v1/sync/health",
            content=body.model_dump_json(),
            headers={"content-type": "application/json"},
        )
        self._send(request, MAX_REPLY_BYTES, ok=(204,))

    def upload_keys(self, body: KeysUpload) -> None:
        """Send the data keys the next push's sealed events need (docs/privacy.md)."""
        request = self._http.build_request(
            "POST",
            "/v1/sync/keys",
            content=body.model_dump_json(),
            headers={"content-type": "application/json"},
        )
        self._send(request, MAX_REPLY_BYTES, ok=(204,))

    def push_raw(self, body: bytes) -> PushResult | Gap:
        """Push a body already serialised (see `sync_store.pending_wire_batch`); the reply is
        read for what the kiosk records: the acknowledged seq and the rejected events."""
        request = self._http.build_request(
            "POST",
            "/v1/sync/push",
            content=body,
            headers={
                "content-type": "application/json",
                "date": format_datetime(datetime.now(UTC), usegmt=True),
            },
        )
        status, content = self._send(request, MAX_PUSH_REPLY_BYTES, ok=(200, 409))
        try:
            reply = _json(content)
            if status == 409:
                return Gap(_seq(reply["expected_seq"]))
            rejected = [
                (_seq(r["seq"]), str(r["id"])[:36], str(r.get("reason") or "rejected"))
                for r in reply["results"]
                if r["status"] == "rejected" or r.get("stored") == "rejected"
            ]
            features = reply.get("features") or []
            return PushResult(
                _seq(reply["acked_seq"]),
                rejected,
                frozenset(str(f) for f in features if isinstance(f, str)),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise HubUnavailable(f"bad hub reply: {exc}"[:300]) from None

    def own_events(self, after_seq: int, limit: int) -> OwnEventsResponse:
        """This kiosk's own events the hub holds after `after_seq` (one page)."""
        request = self._http.build_request(
            "GET", "/v1/sync/own-events", params={"after_seq": after_seq, "limit": limit}
        )
        _, content = self._send(request, MAX_PULL_PAGE_BYTES)
        try:
            return OwnEventsResponse.model_validate_json(content)
        except ValueError as exc:
            raise HubUnavailable(f"bad hub reply: {exc}"[:300]) from None

    def live(self, cursor: str, limit: int) -> RawPullResponse | None:
        """One page of a new kiosk's live pass (read as a pull page); None from an older hub
        without the call (404): pull as before."""
        request = self._http.build_request(
            "GET", "/v1/sync/live", params={"after": cursor, "limit": limit}
        )
        status, content = self._send(request, MAX_PULL_PAGE_BYTES, ok=(200, 404))
        if status == 404:
            return None
        try:
            return RawPullResponse.model_validate(_json(content))
        except ValueError as exc:
            raise HubUnavailable(f"bad hub reply: {exc}"[:300]) from None

    def pull(self, cursor: str, limit: int) -> RawPullResponse:
        """One page, its events and config items left raw: `kiosk.platform.sync.inbound` checks each
        on its own, so one bad entry never costs the page."""
        request = self._http.build_request(
            "GET", "/v1/sync/pull", params={"after": cursor, "limit": limit}
        )
        _, content = self._send(request, MAX_PULL_PAGE_BYTES)
        try:
            return RawPullResponse.model_validate(_json(content))
        except ValueError as exc:
            raise HubUnavailable(f"bad hub reply: {exc}"[:300]) from None
