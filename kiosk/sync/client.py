"""HTTP client for the hub: one method per endpoint, typed replies, errors sorted by what the
kiosk should do about them (back off and retry, stop because revoked, or record and go on)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

import httpx

from kiosk.sync.protocol import (
    EnrollRequest,
    EnrollResponse,
    OwnEventsResponse,
    PullResponse,
)

TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0)


class HubError(Exception):
    """Base of hub errors; `message` is fit for the status strip."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after_s = retry_after_s


class HubUnavailable(HubError):
    """Network down, timeout, or a 5xx/429: try again later (honouring `retry_after_s`)."""


class HubRevoked(HubError):
    """The hub revoked this kiosk's credential: stop syncing, keep every local record."""


class HubRefused(HubError):
    """A 4xx other than revocation: a bug or a bad configuration, shown to staff."""


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


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    reason = body.get("reason") if isinstance(body, dict) else None
    detail = body.get("detail") if isinstance(body, dict) else None
    return f"HTTP {response.status_code}: {reason or detail}"[:300]


class HubClient:
    """Talks to one hub. `transport` lets tests put a fault-injecting proxy in between."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"), headers=headers, timeout=TIMEOUT, transport=transport
        )
        self.last_hub_date: datetime | None = None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _send(self, request: httpx.Request) -> httpx.Response:
        try:
            response = self._http.send(request)
        except httpx.HTTPError as exc:
            raise HubUnavailable(f"{type(exc).__name__}: {exc}"[:300]) from None
        date = response.headers.get("date")
        if date:
            try:
                parsed = parsedate_to_datetime(date)
            except (TypeError, ValueError):
                parsed = None
            if parsed is not None and parsed.tzinfo is None:  # "-0000" parses naive: it is UTC
                parsed = parsed.replace(tzinfo=UTC)
            self.last_hub_date = parsed
        if response.status_code >= 500 or response.status_code == 429:
            raise HubUnavailable(_detail(response), _retry_after(response))
        if response.status_code == 403:
            try:
                reason = response.json().get("reason")
            except ValueError:
                reason = None
            if reason == "revoked":
                raise HubRevoked("revoked")
        if response.status_code >= 400 and response.status_code != 409:
            raise HubRefused(_detail(response))
        return response

    def enroll(self, code: str, kiosk_id: str, name: str | None = None) -> EnrollResponse:
        body = EnrollRequest(code=code, kiosk_id=kiosk_id, name=name)
        request = self._http.build_request("POST", "/v1/enroll", json=body.model_dump())
        response = self._send(request)
        return EnrollResponse.model_validate_json(response.content)

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
        response = self._send(request)
        try:
            reply = response.json()
            if response.status_code == 409:
                return Gap(int(reply["expected_seq"]))
            rejected = [
                (int(r["seq"]), str(r["id"]), str(r.get("reason") or "rejected"))
                for r in reply["results"]
                if r["status"] == "rejected" or r.get("stored") == "rejected"
            ]
            features = reply.get("features") or []
            return PushResult(
                int(reply["acked_seq"]),
                rejected,
                frozenset(str(f) for f in features if isinstance(f, str)),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise HubUnavailable(f"bad hub reply: {exc}"[:300]) from None

    def own_events(self, after_seq: int, limit: int) -> OwnEventsResponse:
        """This kiosk's own events the hub holds after `after_seq` (one page)."""
        request = self._http.build_request(
            "GET", "/v1/sync/own-events", params={"after_seq": after_seq, "limit": limit}
        )
        response = self._send(request)
        try:
            return OwnEventsResponse.model_validate_json(response.content)
        except ValueError as exc:
            raise HubUnavailable(f"bad hub reply: {exc}"[:300]) from None

    def pull(self, cursor: str, limit: int) -> PullResponse:
        request = self._http.build_request(
            "GET", "/v1/sync/pull", params={"after": cursor, "limit": limit}
        )
        response = self._send(request)
        try:
            return PullResponse.model_validate_json(response.content)
        except ValueError as exc:
            raise HubUnavailable(f"bad hub reply: {exc}"[:300]) from None
