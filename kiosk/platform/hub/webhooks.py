"""Station webhooks: the hub calls a station's robots (WeCom group robot, DingTalk robot, a
generic JSON receiver) for its emergencies and urgent requests, with retries and a delivery log
the centre reads (docs/emergency.md).

A push whose body names a kind some hub part has a notice for (`HubPart.notices`), or such an
event the hub writes itself (a request from a traveller's phone), starts a background task on the
event loop after the write: the sync never waits for a robot.
The task finds the events the push stored (by id, so a rejected event is never announced), makes
one delivery row per (enabled webhook of the event's station, event) — a resent push finds the
row there and announces nothing twice — and sends each with retries (`webhook_retry_s`), recording
every attempt. A hub stopped mid-retry leaves the row "sending", and sends it again when it
starts (`resume`).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import time
import uuid
from collections.abc import Coroutine, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote_plus, urlsplit
from zoneinfo import ZoneInfo

import httpx
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.core.clock import Clock
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.errors import Invalid, NotFound
from kiosk.platform.hub.models import HubEvent, Station, StationWebhook, WebhookDelivery
from kiosk.platform.hub.part import Noticer
from kiosk.platform.hub.repository import events_by_id

log = logging.getLogger(__name__)

WECOM, DINGTALK, JSON_KIND = "wecom", "dingtalk", "json"
KINDS = (WECOM, DINGTALK, JSON_KIND)
SENDING, DELIVERED, FAILED = "sending", "delivered", "failed"
MAX_URL = 500
MAX_SECRET = 200
MAX_WEBHOOKS = 10  # per station
SEND_TIMEOUT_S = 5.0
LOG_PAGE = 50


@dataclass(frozen=True)
class WebhookView:
    id: str
    station_id: str
    kind: str
    url: str
    has_secret: bool
    enabled: bool
    created_at: datetime


@dataclass(frozen=True)
class DeliveryView:
    id: int
    webhook_id: str
    kind: str
    event_id: str
    event_kind: str
    title: str
    status: str
    attempts: int
    last_code: int | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class _Job:
    delivery_id: int
    kind: str
    url: str
    secret: str | None
    body: dict[str, Any]
    done_attempts: int = 0  # made before a restart


def _check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if len(url) > MAX_URL or parts.scheme not in ("http", "https") or not parts.hostname:
        raise Invalid(
            "the webhook address must be an http(s) URL of at most 500 characters",
            reason="bad_webhook_url",
            reason_zh="地址须为 http(s) 网址，最长 500 个字符",
        )
    return url


def message(kind: str, title_zh: str, title_en: str, text_zh: str, text_en: str) -> str:
    """The text a WeCom or DingTalk group reads: Chinese first, English under it."""
    return f"【{title_zh}】{text_zh}\n[{title_en}] {text_en}"


def body(kind: str, event: Mapping[str, Any], notice: Any) -> dict[str, Any]:
    """The JSON a webhook of `kind` expects for one notice."""
    text = message(kind, notice.title_zh, notice.title_en, notice.text_zh, notice.text_en)
    if kind in (WECOM, DINGTALK):  # both robots take the same text message
        return {"msgtype": "text", "text": {"content": text}}
    return {
        "event_id": event["id"],
        "kind": event["kind"],
        "station_id": event["station_id"],
        "occurred_at": event["occurred_at"].isoformat(),
        "title_zh": notice.title_zh,
        "title_en": notice.title_en,
        "text_zh": notice.text_zh,
        "text_en": notice.text_en,
    }


def signed(url: str, secret: str | None, now_ms: int) -> str:
    """DingTalk's signed address (加签): timestamp and the HMAC-SHA256 of "timestamp\\nsecret"."""
    if not secret:
        return url
    digest = hmac.new(secret.encode(), f"{now_ms}\n{secret}".encode(), hashlib.sha256).digest()
    sign = quote_plus(base64.b64encode(digest).decode())
    return f"{url}{'&' if '?' in url else '?'}timestamp={now_ms}&sign={sign}"


def _verdict(kind: str, response: httpx.Response) -> str | None:
    """None when the receiver took it, else why not. The robots answer 200 with an errcode."""
    if not 200 <= response.status_code < 300:
        return f"HTTP {response.status_code}"
    if kind == JSON_KIND:
        return None
    try:
        reply = response.json()
    except ValueError:
        return "reply is not JSON"
    code = reply.get("errcode") if isinstance(reply, dict) else None
    if code != 0:
        return f"errcode {str(code)[:20]}: {str(reply.get('errmsg', ''))[:120]}"
    return None


class Webhooks:
    """The station webhooks: configured from the centre, called after pushes."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        notices: Mapping[str, Noticer],
        tz: ZoneInfo,
        retry_s: Sequence[float],
    ) -> None:
        self._db = database
        self._clock = clock
        self._notices = dict(notices)
        self._tz = tz
        self._retry_s = tuple(retry_s)
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def kinds(self) -> frozenset[str]:
        """The event kinds a webhook is called for."""
        return frozenset(self._notices)

    # --- configuration (the centre) -----------------------------------------------------------

    def add(self, station_id: str, kind: str, url: str, secret: str | None) -> WebhookView:
        if kind not in KINDS:
            raise Invalid("unknown webhook kind", reason="bad_webhook_kind", reason_zh="类型无效")
        url = _check_url(url)
        secret = (secret or "").strip() or None
        if secret is not None and (len(secret) > MAX_SECRET or kind != DINGTALK):
            raise Invalid(
                "a signing secret is for a DingTalk robot, at most 200 characters",
                reason="bad_webhook_secret",
                reason_zh="加签密钥仅用于钉钉机器人，最长 200 个字符",
            )
        with self._db.write() as session:
            if session.get(Station, station_id) is None:
                raise NotFound("no such station", reason="unknown_station", reason_zh="没有该站点")
            count = session.scalar(
                select(func.count()).where(StationWebhook.station_id == station_id)
            )
            if (count or 0) >= MAX_WEBHOOKS:
                raise Invalid(
                    "a station has at most 10 webhooks",
                    reason="too_many_webhooks",
                    reason_zh="每个站点最多 10 个推送地址",
                )
            row = StationWebhook(
                id=str(uuid.uuid4()),
                station_id=station_id,
                kind=kind,
                url=url,
                secret=secret,
                enabled=True,
                created_at=self._clock.now(),
            )
            session.add(row)
            return _view(row)

    def set_enabled(self, station_id: str, webhook_id: str, enabled: bool) -> None:
        with self._db.write() as session:
            row = session.get(StationWebhook, webhook_id)
            if row is None or row.station_id != station_id:
                raise NotFound("no such webhook", reason="unknown_webhook", reason_zh="没有该推送")
            row.enabled = enabled

    def of_station(self, station_id: str) -> list[WebhookView]:
        with self._db.read() as session:
            rows = session.scalars(
                select(StationWebhook)
                .where(StationWebhook.station_id == station_id)
                .order_by(StationWebhook.created_at)
            ).all()
            return [_view(r) for r in rows]

    def deliveries(
        self, station_id: str, before: int | None = None, limit: int = LOG_PAGE
    ) -> list[DeliveryView]:
        """The station's delivery log, newest first, a keyset page before `before`."""
        query = (
            select(WebhookDelivery, StationWebhook.kind)
            .join(StationWebhook, StationWebhook.id == WebhookDelivery.webhook_id)
            .where(WebhookDelivery.station_id == station_id)
        )
        if before is not None:
            query = query.where(WebhookDelivery.id < before)
        with self._db.read() as session:
            rows = session.execute(query.order_by(WebhookDelivery.id.desc()).limit(limit)).all()
            return [
                DeliveryView(
                    d.id,
                    d.webhook_id,
                    kind,
                    d.event_id,
                    d.event_kind,
                    d.title,
                    d.status,
                    d.attempts,
                    d.last_code,
                    d.last_error,
                    d.created_at,
                    d.updated_at,
                )
                for d, kind in rows
            ]

    # --- calling them (after a push) ----------------------------------------------------------

    def after_push(self, raw: bytes) -> None:
        """From the push route, on the event loop: announce what the push stored, in the
        background (the push has its reply already)."""
        if any(b'"' + kind.encode() + b'"' in raw for kind in self._notices):
            self._spawn(self._announce(raw, ()))

    def after_hub_event(self, event_id: str, kind: str) -> None:
        """The hub wrote an event itself (a request ordered on a traveller's phone), on the
        event loop after its commit: announce it as if a kiosk had pushed it."""
        if kind in self._notices:
            self._spawn(self._announce(None, (event_id,)))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        """Wait for the deliveries in flight (tests, and an orderly shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def cancel(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    async def resume(self) -> None:
        """At start-up: deliveries a stopped hub left "sending" are sent again, with a fresh
        round of retries (their attempts go on counting)."""
        self._spawn(self._announce(None, (), resume=True))

    async def _announce(self, raw: bytes | None, ids: Sequence[str], resume: bool = False) -> None:
        try:
            if resume:
                jobs = await run_in_threadpool(self._unfinished)
            else:
                jobs = await run_in_threadpool(self._start, raw, ids)
            if jobs:
                async with httpx.AsyncClient(timeout=SEND_TIMEOUT_S) as client:
                    await asyncio.gather(*(self._deliver(client, job) for job in jobs))
        except asyncio.CancelledError:
            raise
        except Exception:  # never let a robot's trouble reach the sync or the loop
            log.exception("webhook announcement failed")

    def _unfinished(self) -> list[_Job]:
        """The jobs of deliveries still "sending" to enabled webhooks."""
        query = (
            select(WebhookDelivery, StationWebhook)
            .join(StationWebhook, StationWebhook.id == WebhookDelivery.webhook_id)
            .where(WebhookDelivery.status == SENDING, StationWebhook.enabled)
            .order_by(WebhookDelivery.id)
        )
        jobs: list[_Job] = []
        with self._db.read() as session:
            waiting = session.execute(query).all()
            columns = (HubEvent.id, HubEvent.occurred_at, HubEvent.payload)
            stored = {
                row.id: (row.occurred_at, row.payload)
                for row in events_by_id(session, list({d.event_id for d, _ in waiting}), columns)
            }
            for delivery, hook in waiting:
                if delivery.event_id not in stored:  # its archived month dropped (docs/hub.md)
                    continue
                occurred_at, payload = stored[delivery.event_id]
                noticer = self._notices.get(delivery.event_kind)
                notice = noticer(payload, occurred_at, self._tz) if noticer else None
                if notice is None:
                    continue
                event = {
                    "id": delivery.event_id,
                    "kind": delivery.event_kind,
                    "station_id": delivery.station_id,
                    "occurred_at": occurred_at,
                }
                jobs.append(
                    _Job(
                        delivery.id,
                        hook.kind,
                        hook.url,
                        hook.secret,
                        body(hook.kind, event, notice),
                        delivery.attempts,
                    )
                )
        return jobs

    def _start(self, raw: bytes | None, ids: Sequence[str]) -> list[_Job]:
        """The jobs for the events stored (those a push body names, or `ids`) that have a
        notice and webhooks."""
        if raw is not None:
            try:
                events = json.loads(raw).get("events") or []
                ids = [str(e["id"]) for e in events if e.get("kind") in self._notices]
            except (ValueError, TypeError, KeyError, AttributeError):
                return []
        if not ids:
            return []
        now = self._clock.now()
        jobs: list[_Job] = []
        with self._db.write() as session:
            columns = (
                HubEvent.id,
                HubEvent.kind,
                HubEvent.station_id,
                HubEvent.occurred_at,
                HubEvent.payload,
            )
            stored = events_by_id(session, ids, columns)
            for event_id, kind, station_id, occurred_at, payload in stored:
                notice = self._notices[kind](payload, occurred_at, self._tz)
                if notice is None:
                    continue
                event = {
                    "id": event_id,
                    "kind": kind,
                    "station_id": station_id,
                    "occurred_at": occurred_at,
                }
                hooks = session.scalars(
                    select(StationWebhook).where(
                        StationWebhook.station_id == station_id, StationWebhook.enabled
                    )
                ).all()
                title = f"{notice.title_zh} / {notice.title_en}"[:120]
                for hook in hooks:
                    delivery_id = _insert_delivery(session, hook, event_id, kind, title, now)
                    if delivery_id is not None:  # not announced before
                        jobs.append(
                            _Job(
                                delivery_id,
                                hook.kind,
                                hook.url,
                                hook.secret,
                                body(hook.kind, event, notice),
                            )
                        )
        return jobs

    async def _deliver(self, client: httpx.AsyncClient, job: _Job) -> None:
        """Send, and again after each delay of `retry_s` until the receiver takes it."""
        delays = (*self._retry_s, None)
        for attempt, delay in enumerate(delays, start=job.done_attempts + 1):
            code: int | None = None
            try:
                url = signed(job.url, job.secret, int(time.time() * 1000))
                response = await client.post(url, json=job.body)
                code = response.status_code
                error = _verdict(job.kind, response)
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"[:300]
            done = error is None
            status = DELIVERED if done else (FAILED if delay is None else SENDING)
            await run_in_threadpool(self._record, job.delivery_id, status, attempt, code, error)
            if done or delay is None:
                return
            await asyncio.sleep(delay)

    def _record(
        self, delivery_id: int, status: str, attempts: int, code: int | None, error: str | None
    ) -> None:
        with self._db.write() as session:
            session.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.id == delivery_id)
                .values(
                    status=status,
                    attempts=attempts,
                    last_code=code,
                    last_error=error[:300] if error else None,
                    updated_at=self._clock.now(),
                )
            )


def _insert_delivery(
    session: Any, hook: StationWebhook, event_id: str, kind: str, title: str, now: datetime
) -> int | None:
    """The new delivery row's id, or None when this webhook already has this event."""
    values = {
        "webhook_id": hook.id,
        "station_id": hook.station_id,
        "event_id": event_id,
        "event_kind": kind,
        "title": title,
        "status": SENDING,
        "attempts": 0,
        "created_at": now,
        "updated_at": now,
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(WebhookDelivery)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["webhook_id", "event_id"])
        .returning(WebhookDelivery.id)
    )
    found = session.execute(statement).scalar()
    return None if found is None else int(found)


def _view(row: StationWebhook) -> WebhookView:
    return WebhookView(
        row.id,
        row.station_id,
        row.kind,
        row.url,
        row.secret is not None,
        row.enabled,
        row.created_at,
    )
