"""One round of sync without Qt: push the outbox in batches, then pull pages, recording each
reply in one local transaction. The Qt worker calls `sync_once` on its own thread."""

from __future__ import annotations

import json
import logging
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from kiosk import __version__
from kiosk.core import sealing
from kiosk.core.clock import Clock
from kiosk.core.events import Event
from kiosk.platform.store import eventlog, queries, recovery, sync_store
from kiosk.platform.store.db import Database
from kiosk.platform.sync.client import (
    Gap,
    HubClient,
    HubError,
    HubRefused,
    HubRevoked,
    HubUnavailable,
    ReplyTooLarge,
)
from kiosk.platform.sync.credentials import write_token
from kiosk.platform.sync.inbound import Refusal, Refused, check_event, sane_cursor, screen_page
from kiosk.platform.sync.protocol import (
    FEATURE_PENDING,
    MAX_LARGE_PUSH_BYTES,
    MAX_PULL_LIMIT,
    MAX_PUSH_EVENTS,
    KeysUpload,
    KioskHealth,
    SubjectKey,
    WireEvent,
    hub_push_events,
)

log = logging.getLogger(__name__)

MAX_ROUNDS = 1000  # a bound on batches/pages per call, so one call can never spin forever
# A hub restored from an older backup asks once to resend from an earlier seq (409); one that
# keeps asking within a round is broken or hostile: the round ends with an error instead.
MAX_REWINDS = 3
# A cursor the hub refuses (422 bad_cursor) or that cannot be sent back is dropped for a full
# pull (stored events are deduplicated by id); twice in a round is the hub's fault.
MAX_CURSOR_RESETS = 1
HEALTH_EVERY = timedelta(minutes=5)  # how often the kiosk reports its version, disk, error
HEALTH_RETRY = timedelta(minutes=30)  # after a refused report (an older hub has no route)
ROUND_DEADLINE_S = 120.0  # a whole round (every request of it), not just each read
_TOKEN = re.compile(r"^[A-Za-z0-9._~+/=-]{16,512}$")  # it goes into an HTTP header as is
# A backlog's pushes grow (see `PushSize`) while each is answered within GROW_BELOW_S, and shrink
# once one takes SHRINK_ABOVE_S: a third and a half of the 30 s read timeout.
GROW_BELOW_S = 10.0
SHRINK_ABOVE_S = 15.0

T = TypeVar("T")


@dataclass(frozen=True)
class SyncStatus:
    """What the status strip and the admin screen show."""

    enrolled: bool
    online: bool
    revoked: bool
    pending: int
    rejects: int
    last_success_at: datetime | None
    last_error: str | None
    clock_offset_s: float | None
    refused: int = 0  # pulled events and config items this kiosk did not take (see inbound)
    last_refusal: str | None = None
    history_pending: bool = False  # a new kiosk whose history is still arriving (live first)


def push_body(batch: sync_store.WireBatch, sent_at: datetime, pending: int | None = None) -> bytes:
    """The JSON of a `PushRequest` for `batch`, assembled from stored fragments. `pending` (the
    events left unsent after this batch) is left out unless given: only a hub that lists the
    "pending" feature accepts it."""
    head = f'{{"kiosk_id":{json.dumps(batch.kiosk_id)},"sent_at":"{sent_at.isoformat()}",'
    if pending is not None:
        head += f'"pending":{int(pending)},'
    return (head + '"events":[' + ",".join(batch.events_json) + "]}").encode()


def to_wire(event: Event) -> WireEvent:
    """The protocol model of a stored event (the reference `push_body` must agree with)."""
    return WireEvent(
        id=event.id,
        kind=event.kind,
        station_id=event.station_id,
        kiosk_id=event.kiosk_id,
        seq=event.seq,
        occurred_at=event.occurred_at,
        actor=event.actor,
        payload=event.payload,
    )


def _own(wire: WireEvent, kiosk_id: str, station_id: str) -> Event:
    """One of this kiosk's own events as the hub sent it back after a restore; anything else
    stops the refetch (a hole in the kiosk's own seqs is worse than a round that fails)."""
    try:
        event = check_event({"hub_seq": 0, "event": wire.model_dump()}, "", station_id)
    except Refused as exc:
        raise HubRefused(f"bad hub reply: own event refused: {exc.refusal}"[:300]) from None
    if event.kiosk_id != kiosk_id:
        raise HubRefused(f"bad hub reply: event {wire.id} of {wire.kiosk_id} sent as this one's")
    return event


class PushSize:
    """How many events the next push carries (docs/hub.md "A backlog in larger pushes").

    A hub that lists "push_events:N" takes up to N events a push; a larger push costs the hub
    less per event (one statement, one commit, the folds once), which is what lets a station
    that was offline for a week catch up. But the kiosk may be on a flaky mobile link, where a
    large body that fails is a large body sent again. So the size is adaptive, like TCP's
    window: every backlog starts at MAX_PUSH_EVENTS (the size any hub takes); a full batch
    answered within GROW_BELOW_S doubles the next (up to the hub's N, and never past
    MAX_LARGE_PUSH_BYTES of events beyond the first 500: `pending_wire_batch`); one that took
    SHRINK_ABOVE_S halves what it sent; a failure (timeout, refused connection, 5xx, 413) puts
    it back to MAX_PUSH_EVENTS, and a backlog drained (nothing waits after the batch) ends the
    growth.
    Time here is the real elapsed time of the request, not the kiosk's clock (which may be
    wrong, DESIGN §3).
    """

    def __init__(
        self, grow_below_s: float = GROW_BELOW_S, shrink_above_s: float = SHRINK_ABOVE_S
    ) -> None:
        self.hub_max = MAX_PUSH_EVENTS  # learnt from the hub's push replies
        self.current = MAX_PUSH_EVENTS
        self._grow_below_s = grow_below_s
        self._shrink_above_s = shrink_above_s

    def next(self) -> int:
        return min(self.current, self.hub_max)

    def answered(
        self, asked: int, sent: int, more: bool, elapsed_s: float, features: frozenset[str]
    ) -> None:
        """A push of `sent` events (at most `asked`: fewer when cut at its byte cap) was
        answered after `elapsed_s`; `more`: events still wait after it (a batch cut at its byte
        cap is not a drained backlog). A slow one halves what was sent, not what was asked."""
        self.hub_max = hub_push_events(features)
        if not more:  # the backlog is drained: the next one starts small again
            self.current = MAX_PUSH_EVENTS
        elif elapsed_s < self._grow_below_s:
            self.current = min(asked * 2, self.hub_max)
        elif elapsed_s >= self._shrink_above_s:
            self.current = max(MAX_PUSH_EVENTS, sent // 2)

    def failed(self) -> None:
        self.current = MAX_PUSH_EVENTS

    def refused_large(self) -> None:
        """A large push was refused: the hub (or a proxy before it) takes no more than 500
        until a reply says otherwise (a hub put back to an older version)."""
        self.current = self.hub_max = MAX_PUSH_EVENTS


class SyncEngine:
    """Push then pull against one hub. Every reply is recorded only after it arrived whole."""

    def __init__(
        self,
        database: Database,
        client: HubClient,
        clock: Clock,
        *,
        round_deadline_s: float = ROUND_DEADLINE_S,
        push_size: PushSize | None = None,
    ) -> None:
        self._db = database
        self._client = client
        self._clock = clock
        self._round_deadline_s = round_deadline_s
        self.config_changed = False
        # Whether this hub takes `pending` in a push: learnt from its push replies, so the first
        # push after start-up leaves it out (an older hub refuses any field it does not know).
        self.hub_takes_pending = False
        self.push_size = push_size or PushSize()
        # The health report (version, disk free, last failed round) goes every HEALTH_EVERY,
        # after a successful round; the failure is kept after later successes, with its time.
        self._health_due: datetime | None = None
        with self._db.read() as session:
            state = sync_store.state(session)
            self._last_failure: tuple[str, datetime] | None = (
                (state.last_error, state.last_attempt_at)
                if state.last_error and state.last_attempt_at
                else None
            )

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._client.close()

    def cursor(self) -> str:
        """Where the last pull stopped (the push channel asks the hub what lies after it)."""
        with self._db.read() as session:
            return sync_store.state(session).cursor

    def status(self) -> SyncStatus:
        with self._db.read() as session:
            state = sync_store.state(session)
            return SyncStatus(
                enrolled=state.enrolled_at is not None,
                online=state.last_error is None and state.last_success_at is not None,
                revoked=state.revoked,
                pending=queries.pending_count(session),
                rejects=sync_store.reject_count(session),
                last_success_at=state.last_success_at,
                last_error=state.last_error,
                clock_offset_s=state.clock_offset_s,
                refused=state.pull_refused,
                last_refusal=state.last_refusal,
                history_pending=sync_store.history_pending(session),
            )

    def sync_once(self) -> SyncStatus:
        """Push everything pending, then pull everything new. Raises HubError after recording it."""
        with self._db.read() as session:
            if sync_store.state(session).revoked:
                return self.status()
        self._client.set_deadline(self._round_deadline_s)
        try:
            self._settle_restore()
            self._refetch_own()
            self._push_all()
            self._pull_all()
        except HubError as exc:
            self._record_failure(exc)
            raise
        finally:
            self._client.set_deadline(None)
        self._record_success()
        self._report_health()
        return self.status()

    def _report_health(self) -> None:
        """Tell the hub this kiosk's version, disk free and last failed round, when due. Never
        fails the round: an older hub (404) or a blip is tried again later."""
        now = self._clock.now()
        if self._health_due is not None and now < self._health_due:
            return
        failure = self._last_failure
        body = KioskHealth(
            app_version=__version__,
            disk_free_mb=_disk_free_mb(self._db),
            last_error=failure[0][:300] if failure else None,
            last_error_at=failure[1] if failure else None,
        )
        try:
            self._client.health(body)
        except HubError:
            self._health_due = now + HEALTH_RETRY
            return
        self._health_due = now + HEALTH_EVERY

    def _push_all(self) -> None:
        rewinds = 0
        for _ in range(MAX_ROUNDS):
            size = self.push_size.next()
            with self._db.read() as session:
                batch = sync_store.pending_wire_batch(
                    session,
                    size,
                    max_bytes=MAX_LARGE_PUSH_BYTES if size > MAX_PUSH_EVENTS else None,
                    min_events=MAX_PUSH_EVENTS,
                )
                pending = None
                if self.hub_takes_pending and batch.seqs:  # left after this batch
                    pending = max(0, queries.pending_count(session) - len(batch.seqs))
            if not batch.seqs:
                return
            self._upload_keys(batch)
            body = push_body(batch, self._clock.now(), pending)
            started = time.monotonic()
            try:
                reply = self._client.push_raw(body)
            except HubRefused:
                # A hub put back to an older version refuses `pending`: leave it out next time.
                self.hub_takes_pending = False
                if len(batch.seqs) > MAX_PUSH_EVENTS:
                    # …or a push this large (413): once more at the size every hub takes.
                    self.push_size.refused_large()
                    continue
                raise
            except HubUnavailable:
                self.push_size.failed()
                raise
            if not isinstance(reply, Gap):
                self.hub_takes_pending = FEATURE_PENDING in reply.features
                elapsed = time.monotonic() - started
                self.push_size.answered(size, len(batch.seqs), batch.more, elapsed, reply.features)
            if isinstance(reply, Gap):
                rewinds += 1
                if rewinds > MAX_REWINDS:
                    raise HubRefused(
                        f"HTTP 409: the hub asked {rewinds} times in one round to resend from "
                        f"seq {reply.expected_seq}; stopped"
                    )
                with self._db.write() as session:
                    sync_store.rewind(session, reply.expected_seq)
                continue
            with self._db.write() as session:
                kinds = dict(zip(batch.seqs, batch.kinds, strict=True))
                rejects = [
                    sync_store.Reject(seq, event_id, kinds.get(seq, "?"), reason)
                    for seq, event_id, reason in reply.rejected
                ]
                sync_store.record_ack(session, reply.acked_seq, rejects, self._clock.now())
            if reply.acked_seq < batch.seqs[0]:
                raise HubRefused(f"hub acknowledged {reply.acked_seq}, below {batch.seqs[0]}")

    def _upload_keys(self, batch: sync_store.WireBatch) -> None:
        """Before a batch, the data keys of the subjects its sealed events introduce, so the
        hub holds them by the time another kiosk pulls the events (docs/privacy.md). An older
        hub without the call (404) gets the events alone."""
        subjects = sealed_subjects(batch.events_json)
        if not subjects:
            return
        with self._db.read() as session:
            keys = self._db.vault.export(session, subjects)
        if not keys:
            return
        items = [SubjectKey(subject=s, key=k) for s, k in sorted(keys.items())]
        # An upload holds at most MAX_PUSH_EVENTS keys; a large batch's go in several.
        for start in range(0, len(items), MAX_PUSH_EVENTS):
            upload = KeysUpload(
                kiosk_id=batch.kiosk_id, keys=items[start : start + MAX_PUSH_EVENTS]
            )
            try:
                self._client.upload_keys(upload)
            except HubRefused as exc:
                log.warning("the hub took no personal-data keys: %s", exc)
                return

    def _settle_restore(self) -> None:
        """After a restore, learn how far the hub holds this kiosk (an empty push) before any
        event is sent, so events written since the restore never reuse a seq the hub holds."""
        restored_last_seq = recovery.pending_fence(self._db)
        if restored_last_seq is None:
            return
        with self._db.read() as session:
            kiosk_id = eventlog.meta(session).kiosk_id
        reply = self._client.push_raw(
            push_body(sync_store.WireBatch(kiosk_id, [], [], []), self._clock.now())
        )
        hub_acked = reply.expected_seq - 1 if isinstance(reply, Gap) else reply.acked_seq
        recovery.apply_fence(self._db, restored_last_seq, hub_acked)

    def _refetch_own(self) -> None:
        """After a restore, take back this kiosk's events the hub holds that the restored log
        lacks (pushed after the backup), page by page; progress survives a lost connection."""
        span = recovery.pending_refetch(self._db)
        if span is None:
            return
        after, upto = span
        with self._db.read() as session:
            meta = eventlog.meta(session)
            kiosk_id, station_id = meta.kiosk_id, meta.station_id
        limit = MAX_PULL_LIMIT
        for _ in range(MAX_ROUNDS):
            if after >= upto:
                break
            page, limit = _smaller_until_it_fits(partial(self._client.own_events, after), limit)
            rejects = [recovery.OwnReject(r.seq, r.id, r.kind, r.reason) for r in page.rejected]
            with self._db.write() as session:
                # The keys first, as for a pull page: the events' sealed names open as folded.
                self._db.vault.receive(
                    session, {k.subject: k.key for k in page.keys}, self._clock.now()
                )
                recovery.store_own_events(
                    session,
                    [_own(e, kiosk_id, station_id) for e in page.events],
                    rejects,
                    self._clock.now(),
                )
            if page.next_after_seq <= after:
                break  # the hub holds no more than this
            after = page.next_after_seq
            recovery.set_refetch(self._db, after, upto)
            if not page.has_more:
                break
        recovery.finish_refetch(self._db)

    def _pull_live(self) -> None:
        """A new kiosk's first pull begins with the live pass (docs/hub.md "A new kiosk's
        first pull"): the station's events still live and its config, page by page, each page
        and its cursor in one transaction, so a round cut off resumes where it was. The history
        follows from cursor "" (`_pull_all`); an older hub (404) is pulled as before."""
        with self._db.read() as session:  # most rounds: no pass due, no write taken
            if not sync_store.live_due(session):
                return
        with self._db.write() as session:
            if not sync_store.begin_live(session):
                return
            cursor = sync_store.state(session).live_cursor
            meta = eventlog.meta(session)
            kiosk_id, station_id = meta.kiosk_id, meta.station_id
        limit = MAX_PULL_LIMIT
        for _ in range(MAX_ROUNDS):
            try:
                page, limit = _smaller_until_it_fits(partial(self._client.live, cursor), limit)
            except HubRefused as exc:
                if exc.reason != "bad_cursor":
                    raise
                page = None  # a cursor this hub does not take: the history brings everything
                log.warning("the hub refused the live pass's cursor %r: a full pull", cursor)
            if page is None:
                with self._db.write() as session:
                    sync_store.end_live(session, history_in=False)
                return
            events, config, refusals = screen_page(page.events, page.config, kiosk_id, station_id)
            next_cursor, more = page.next_cursor, page.has_more
            if not sane_cursor(next_cursor) or (more and next_cursor == cursor):
                raise HubRefused("bad hub reply: the live pass's cursor cannot go on")
            keys = _page_keys(page.keys)
            with self._db.write() as session:
                self._db.vault.receive(session, keys, self._clock.now())
                sync_store.apply_live_page(session, events, config, next_cursor, last=not more)
                sync_store.record_refusals(session, [str(r) for r in refusals])
            self.config_changed = self.config_changed or bool(config)
            cursor = next_cursor
            if not more:
                return

    def _pull_all(self) -> None:
        """Pull pages until the hub has no more, each event and config item checked on its
        own (`inbound`): a refused one is counted and logged, and the page still stored. A new
        kiosk takes the live state first (`_pull_live`)."""
        self._pull_live()
        with self._db.read() as session:
            cursor = sync_store.state(session).cursor
            meta = eventlog.meta(session)
            kiosk_id, station_id = meta.kiosk_id, meta.station_id
        resets = 0
        if not sane_cursor(cursor):  # stored by an older build that took any cursor
            log.warning("stored cursor cannot be sent (%d characters): a full pull", len(cursor))
            cursor = ""
        limit = MAX_PULL_LIMIT
        for _ in range(MAX_ROUNDS):
            try:
                page, limit = _smaller_until_it_fits(partial(self._client.pull, cursor), limit)
            except HubRefused as exc:
                if exc.reason != "bad_cursor" or not cursor or resets >= MAX_CURSOR_RESETS:
                    raise
                resets += 1
                log.warning("the hub refused cursor %r: a full pull", cursor)
                cursor = ""
                continue
            events, config, refusals = screen_page(page.events, page.config, kiosk_id, station_id)
            next_cursor, more = page.next_cursor, page.has_more
            stuck = None
            if not sane_cursor(next_cursor):
                refusals.append(
                    Refusal(f"cursor of {len(next_cursor)} characters", "not sendable: a full pull")
                )
                log.warning("refused from the hub: %s", refusals[-1])
                resets += 1
                next_cursor, more = "", True
                if resets > MAX_CURSOR_RESETS:
                    stuck, more = "the hub sent a cursor it cannot take back, again", False
            elif more and next_cursor == cursor:
                stuck = "the hub's cursor did not move though it has more"
            keys = _page_keys(page.keys)
            with self._db.write() as session:
                # The keys first: an erasure later in the same page destroys its key again.
                self._db.vault.receive(session, keys, self._clock.now())
                sync_store.apply_page(session, events, config, next_cursor)
                sync_store.record_refusals(session, [str(r) for r in refusals])
                if not more and stuck is None:
                    sync_store.end_live(session, history_in=True)
            self.config_changed = self.config_changed or bool(config)
            if stuck is not None:
                raise HubRefused(stuck)
            cursor = next_cursor
            if not more:
                return

    def _record_success(self) -> None:
        now = self._clock.now()
        with self._db.write() as session:
            state = sync_store.state(session)
            state.last_attempt_at = now
            state.last_success_at = now
            state.last_error = None
            hub_date = self._client.last_hub_date
            if hub_date is not None:
                state.clock_offset_s = round((hub_date - now).total_seconds(), 1)

    def _record_failure(self, error: HubError) -> None:
        self._last_failure = (error.message[:300], self._clock.now())
        with self._db.write() as session:
            state = sync_store.state(session)
            state.last_attempt_at = self._clock.now()
            state.last_error = error.message[:300]
            if isinstance(error, HubRevoked):
                state.revoked = True


def sealed_subjects(events_json: list[str]) -> set[str]:
    """The subjects of the sealed values in a batch's events (parsed only where one is)."""
    found: set[str] = set()
    for part in events_json:
        if '"sealed"' not in part:
            continue
        sealed = json.loads(part).get("payload", {}).get("sealed")
        if isinstance(sealed, str):
            try:
                found.add(sealing.subject_of(sealed))
            except sealing.SealError:
                continue
    return found


def _page_keys(raw: list[dict[str, Any]]) -> dict[str, str]:
    """The page's keys that read as keys (a malformed one is dropped, never the page)."""
    keys: dict[str, str] = {}
    for item in raw:
        try:
            key = SubjectKey.model_validate(item)
        except ValueError:
            log.warning("refused a malformed key from the hub")
            continue
        keys[key.subject] = key.key
    return keys


def _disk_free_mb(database: Database) -> int | None:
    """Free space where the kiosk's database lives, in MiB (None when it cannot be read)."""
    name = database.engine.url.database
    if not name or name == ":memory:":
        return None
    try:
        return int(shutil.disk_usage(Path(name).parent).free // 2**20)
    except OSError:
        return None


def _smaller_until_it_fits(fetch: Callable[[int], T], limit: int) -> tuple[T, int]:
    """`fetch(limit)`, halving the page size while the reply is too large to read: a page of
    large events from a real hub fits at some size; one still too large at 1 is an error."""
    while True:
        try:
            return fetch(limit), limit
        except ReplyTooLarge:
            if limit <= 1:
                raise
            limit //= 2


class EnrolError(Exception):
    """Enrolment could not be completed; the message says why, in both languages."""


def enroll(
    database: Database, data_dir: Path, client: HubClient, hub_url: str, code: str, now: datetime
) -> str:
    """Exchange a one-time code for a device credential; returns the station id enrolled in."""
    with database.read() as session:
        meta = eventlog.meta(session)
        kiosk_id, station_id = meta.kiosk_id, meta.station_id
        if sync_store.state(session).enrolled_at is not None:
            raise EnrolError("此终端已注册 / This kiosk is already enrolled")
    reply = client.enroll(code, kiosk_id)
    if reply.kiosk_id != kiosk_id:
        raise EnrolError(
            f"中心返回了另一终端的编号 {ascii(reply.kiosk_id)[:70]} / "
            f"the hub answered for another kiosk id: {ascii(reply.kiosk_id)[:70]}"
        )
    if not _TOKEN.match(reply.device_token):
        raise EnrolError(
            "中心返回的设备凭据无法使用 / the hub's device token is not a usable token"
        )
    if reply.station_id != station_id:
        raise EnrolError(
            f"注册码属于站点 {reply.station_id}，本终端记录属于站点 {station_id}；"
            f"请将 KIOSK_STATION_ID 设为 {reply.station_id} 并使用新的数据目录 / "
            f"The code is for station {reply.station_id} but this kiosk records station "
            f"{station_id}: set KIOSK_STATION_ID={reply.station_id} on a fresh data directory"
        )
    write_token(data_dir, reply.device_token)
    with database.write() as session:
        state = sync_store.state(session)
        state.hub_url = hub_url
        state.enrolled_at = now
        state.revoked = False
    recovery.save_identity(database)  # an empty database later still knows it is enrolled
    return reply.station_id
