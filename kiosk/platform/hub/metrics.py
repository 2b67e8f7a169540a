"""The hub's Prometheus metrics (`GET /metrics`) and its structured request log (#15, "Operable").

Why prometheus_client rather than our own text: it is the format's reference implementation,
and its multiprocess mode adds up the counters of uvicorn's workers (each a process of its own)
through files in `PROMETHEUS_MULTIPROC_DIR`, which `kiosk-hub serve --workers N` sets before
any worker starts (docs/hub.md, "Running the hub at province scale").

What is measured, and why these:
- `hub_request_duration_seconds{method, route, status}`: a histogram per route *template*
  (`/v1/sync/push`, `/centre/usage`), never per raw path (a path holds station codes and
  ticket numbers: unbounded label values); unrouted requests are `route="unmatched"`.
- `hub_push_events_total{outcome}`: events a push stored (`applied`), refused (`rejected`) or
  found already stored (`duplicate`); `rate()` of it is the push events/s.
- `hub_pull_events_total` and `hub_pull_lag_seconds`: how many events kiosks pulled, and per
  page the age of its newest event (from the kiosk that wrote it to the kiosk that pulls it).
- `hub_kiosks{state}` and `hub_kiosk_silent_seconds_max`: read from the kiosks table when
  scraped (one aggregate statement), so every worker answers the same.
The request log is one JSON object a line on the `kiosk.hub.requests` logger: request id (the
caller's `X-Request-ID` if it sent a sane one, else a new one, echoed back), method, route,
status, duration, and the kiosk and station of a kiosk's call.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from kiosk.core.clock import Clock
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.security import digest

ONLINE_WITHIN = timedelta(minutes=5)  # as the centre's stations page says "online"

REQUEST_SECONDS = Histogram(
    "hub_request_duration_seconds",
    "Time from a request's first byte to its response's last, by route template.",
    ("method", "route", "status"),
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
PUSH_EVENTS = Counter(
    "hub_push_events", "Events in kiosks' pushes, by what the hub did with them.", ("outcome",)
)
PULL_EVENTS = Counter("hub_pull_events", "Events handed to kiosks by their pulls.")
PULL_LAG = Histogram(
    "hub_pull_lag_seconds",
    "Per pull page that carries events: now minus the newest event's time of occurrence.",
    buckets=(1, 2, 5, 10, 30, 60, 300, 900, 3600, 6 * 3600, 86400, 7 * 86400),
)

REQUEST_LOG = logging.getLogger("kiosk.hub.requests")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")  # a caller's id we are willing to log


def log_requests() -> None:
    """Send the request log to standard error, one JSON object a line (once per process)."""
    if not any(getattr(h, "kiosk_request_log", False) for h in REQUEST_LOG.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.kiosk_request_log = True  # type: ignore[attr-defined]
        REQUEST_LOG.addHandler(handler)
    REQUEST_LOG.setLevel(logging.INFO)
    REQUEST_LOG.propagate = False


def count_push(results: Iterable[dict[str, Any]]) -> None:
    """Count a push's per-event results by outcome (`status` of each result)."""
    counts: dict[str, int] = {}
    for result in results:
        status = str(result.get("status"))
        counts[status] = counts.get(status, 0) + 1
    for outcome, n in counts.items():
        PUSH_EVENTS.labels(outcome).inc(n)


def count_pull(events: int, newest: datetime | None, now: datetime) -> None:
    """Count a pull page's events and, if it carries any, how old its newest one is."""
    if events:
        PULL_EVENTS.inc(events)
    if newest is not None:
        PULL_LAG.observe(max(0.0, (now - newest).total_seconds()))


class KioskCollector(Collector):
    """Kiosks by state, read at scrape time from the kiosks table (one aggregate statement)."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = self._clock.now()
        with self._db.read() as session:
            row = session.execute(
                text(
                    "SELECT"
                    " COUNT(*) FILTER (WHERE revoked) AS revoked,"
                    " COUNT(*) FILTER (WHERE NOT revoked AND last_seen IS NULL) AS never,"
                    " COUNT(*) FILTER (WHERE NOT revoked AND last_seen >= :online) AS online,"
                    " COUNT(*) FILTER (WHERE NOT revoked AND last_seen < :online) AS silent,"
                    " MIN(last_seen) FILTER (WHERE NOT revoked) AS oldest"
                    " FROM kiosks"
                ).columns(),
                {"online": now - ONLINE_WITHIN},
            ).one()
        states = GaugeMetricFamily(
            "hub_kiosks",
            "Enrolled kiosks: online (seen in the last 5 min), silent, never seen, revoked.",
            labels=("state",),
        )
        for state in ("online", "silent", "never", "revoked"):
            states.add_metric((state,), float(getattr(row, state) or 0))
        yield states
        oldest = _as_datetime(row.oldest)
        silent = GaugeMetricFamily(
            "hub_kiosk_silent_seconds_max",
            "Seconds since the least recently seen (not revoked) kiosk was last seen.",
            value=max(0.0, (now - oldest).total_seconds()) if oldest else 0.0,
        )
        yield silent


def _as_datetime(value: Any) -> datetime | None:
    """SQLite hands `MIN(...)` back as text; PostgreSQL as an aware datetime."""
    if value is None or isinstance(value, datetime):
        return value
    from datetime import UTC

    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def exposition(database: Database, clock: Clock) -> tuple[bytes, str]:
    """The text a scrape gets: this process's metrics, or every worker's when several run
    (`PROMETHEUS_MULTIPROC_DIR`), and the kiosks' states."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        for collector in (REQUEST_SECONDS, PUSH_EVENTS, PULL_EVENTS, PULL_LAG):
            registry.register(collector)
    registry.register(KioskCollector(database, clock))
    return generate_latest(registry), CONTENT_TYPE_LATEST


class RequestMetrics:
    """Pure ASGI middleware: times every HTTP request into `REQUEST_SECONDS` and writes its
    line to the request log. Outermost but for `DateHeader`, so a 413 or a gzip is timed too."""

    def __init__(self, app: Any, database: Database) -> None:
        self.app = app
        self._kiosks = KioskIdentities(database)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _request_id(scope)
        status = 500

        async def send_with_id(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = str(scope.get("method", ""))
            REQUEST_SECONDS.labels(method, route, str(status)).observe(elapsed)
            if REQUEST_LOG.isEnabledFor(logging.INFO):
                line: dict[str, Any] = {
                    "request_id": request_id,
                    "method": method,
                    "route": route,
                    "path": scope.get("path", ""),
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                }
                token = _bearer(scope) if route.startswith("/v1/sync") else ""
                who = await self._kiosks.of(token) if token else None
                if who is not None:
                    line["kiosk"], line["station"] = who
                REQUEST_LOG.info(json.dumps(line, ensure_ascii=False))


class KioskIdentities:
    """A device token's kiosk and station, for the request log: read once per kiosk and worker
    (a token never changes kiosk or station), kept by the token's digest, never the token."""

    MAX = 20_000  # a province's kiosks, several times over; past it the map starts again

    def __init__(self, database: Database) -> None:
        self._db = database
        self._known: dict[str, tuple[str, str] | None] = {}

    async def of(self, token: str) -> tuple[str, str] | None:
        key = digest(token)
        if key not in self._known:
            if len(self._known) >= self.MAX:
                self._known.clear()
            self._known[key] = await run_in_threadpool(self._read, key)
        return self._known[key]

    def _read(self, token_hash: str) -> tuple[str, str] | None:
        with self._db.read() as session:
            row = session.execute(
                text("SELECT id, station_id FROM kiosks WHERE token_hash = :h"), {"h": token_hash}
            ).first()
        return None if row is None else (str(row[0]), str(row[1]))


def _request_id(scope: Any) -> str:
    for key, value in scope.get("headers", []):
        if key == b"x-request-id":
            given = str(value.decode("latin-1"))
            if _REQUEST_ID.match(given):
                return given
    return uuid.uuid4().hex


def _bearer(scope: Any) -> str:
    for key, value in scope.get("headers", []):
        if key == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return token.strip() if scheme.lower() == "bearer" else ""
    return ""
