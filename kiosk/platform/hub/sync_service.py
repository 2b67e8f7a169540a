"""Push and pull (DESIGN §3): each call is one transaction.

Push is the hot path (≥ 20,000 events/s budget, 1,000 kiosks at p99 ≤ 200 ms). `push_raw` takes
the body's bytes and returns the reply's bytes. On PostgreSQL it is one statement in autocommit
(`repository.push_pg`: lock the kiosk, insert events and rejects, advance acked_seq, commit), so
one round trip; the body is read in one pass when every event is valid (`fastpush`). Anything the
one statement cannot settle (unknown or revoked token, a body naming another kiosk, a kiosk of
another station, an empty batch) and every push on SQLite take the general path, `push`: one
locked read of the kiosk, at most one query for duplicates, one INSERT for events and one for
rejects, one UPDATE, in one transaction. Both give the same replies and store the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from pydantic_core import to_json

from kiosk.core import sealing
from kiosk.core.clock import Clock
from kiosk.core.events import urgent_kinds
from kiosk.platform.hub import fastpush, live, metrics, read_models
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.errors import Conflict, Forbidden, Invalid, Unauthorized
from kiosk.platform.hub.judge import (
    Verdict,
    event_row,
    is_ident,
    judge,
    kiosk_clock,
    parse_push,
    too_many_events,
    wire_event,
)
from kiosk.platform.hub.models import Kiosk
from kiosk.platform.hub.security import digest
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.vault import HubVault
from kiosk.platform.sync.protocol import (
    HUB_FEATURES,
    MAX_LARGE_PUSH_EVENTS,
    MAX_PULL_LIMIT,
    ConfigItem,
    Cursor,
    KeysUpload,
    KioskHealth,
    LiveCursor,
    OwnEventsResponse,
    OwnReject,
    PulledEvent,
    PullResponse,
    PushedEvent,
    PushEnvelope,
    SubjectKey,
    WireEvent,
    push_events_feature,
)

# The read models' pure half of a push, made beside its statement (`_push_one_statement`).
_AHEAD = ThreadPoolExecutor(max_workers=4, thread_name_prefix="hub-fold-ahead")

CONFIG_PAGE = 100
LAST_SEEN_RESOLUTION = timedelta(seconds=5)


def _refuse_unknown_or_revoked(kiosk: Kiosk | None) -> Kiosk:
    if kiosk is None:
        raise Unauthorized(
            "unknown device token", reason="unknown_token", reason_zh="终端凭据无效，请重新注册"
        )
    if kiosk.revoked:
        raise Forbidden("this kiosk has been revoked", reason="revoked", reason_zh="终端已被停用")
    return kiosk


def _gap(acked: int, first: int) -> Conflict:
    return Conflict(
        f"seq gap: expected {acked + 1}, got {first}",
        reason="gap",
        reason_zh=f"序号不连续，请从 {acked + 1} 重新发送",
        expected_seq=acked + 1,
    )


class _Plan:
    """A batch ready for the one-statement push: event rows, reject rows, their seqs and ids."""

    __slots__ = (
        "events",
        "kiosk_id",
        "pending",
        "rejects",
        "rows",
        "rows_json",
        "sent_at",
        "station_id",
    )

    def __init__(
        self,
        kiosk_id: str,
        station_id: str,
        sent_at: datetime | None,
        pending: int | None,
        events: list[tuple[int, str, str | None]],  # (seq, id, reject reason or None)
        rows_json: str,
        rejects: list[dict[str, Any]],
        rows: list[dict[str, Any]],
    ) -> None:
        self.kiosk_id = kiosk_id
        self.station_id = station_id
        self.sent_at = sent_at
        self.pending = pending
        self.events = events
        self.rows_json = rows_json
        self.rejects = rejects
        self.rows = rows  # the event rows, as inserted (what the read models fold)


class SyncService:
    """Push and pull for enrolled kiosks."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        skew_threshold_s: float,
        vault: HubVault | None = None,
        read_context: read_models.ReadContext | None = None,
        push_max_events: int = MAX_LARGE_PUSH_EVENTS,
    ) -> None:
        self._db = database
        self._clock = clock
        self._skew = skew_threshold_s
        self._vault = vault
        self._read = read_context
        # A push of more events is refused (413); above 500 the replies say so (docs/hub.md
        # "A backlog in larger pushes"), and a kiosk with a backlog sends that many.
        self._push_max = push_max_events
        self._features = HUB_FEATURES + push_events_feature(push_max_events)

    def store_keys(self, token: str, upload: KeysUpload) -> int:
        """Keep the data keys a kiosk sends before the push that uses them (docs/privacy.md),
        scoped to the kiosk's station; an erased subject's key is refused."""
        now = self._clock.now()
        with self._db.write() as session:
            kiosk = _refuse_unknown_or_revoked(repo.kiosk_by_token_hash(session, digest(token)))
            if upload.kiosk_id != kiosk.id:
                raise Forbidden(
                    "body names another kiosk than the credential's",
                    reason="kiosk_mismatch",
                    reason_zh="请求中的终端与凭据不符",
                )
            if self._vault is None:
                return 0
            keys = {k.subject: k.key for k in upload.keys}
            return self._vault.receive(session, kiosk.station_id, keys, now)

    def _keys_for(
        self, station_id: str, events: list[PulledEvent] | list[WireEvent]
    ) -> list[SubjectKey]:
        """The keys of the subjects whose sealed values are in these events (none erased)."""
        subjects: set[str] = set()
        for one in events:
            event = one.event if isinstance(one, PulledEvent) else one
            sealed = event.payload.get("sealed")
            if isinstance(sealed, str):
                try:
                    subjects.add(sealing.subject_of(sealed))
                except sealing.SealError:
                    continue
        if not subjects or self._vault is None:
            return []
        with self._db.read() as session:
            found = self._vault.export(session, station_id, subjects)
        return [SubjectKey(subject=s, key=k) for s, k in sorted(found.items())]

    def push_raw(self, token: str, raw: bytes, date_header: str | None) -> bytes:
        """A push from the body's bytes to the reply's bytes (`PushResponse` as JSON)."""
        if self._db.is_postgres:
            plan = self._plan(raw)
            if plan is not None:
                if len(plan.events) > self._push_max:
                    raise too_many_events(self._push_max)
                reply = self._push_one_statement(token, plan, date_header)
                if reply is not None:
                    return reply
        request = parse_push(raw)
        if len(request.events) > self._push_max:
            raise too_many_events(self._push_max)
        sent_at = kiosk_clock(request.sent_at, date_header)
        return self.push(token, request, sent_at)

    @staticmethod
    def _plan(raw: bytes) -> _Plan | None:
        """The batch for the one-statement push, or None for the general path. The station is
        assumed to be the first event's; the statement checks it is the kiosk's."""
        batch = fastpush.read_valid_batch(raw)
        if batch is not None:  # the usual case: every event valid, nothing to judge
            return _Plan(
                batch.kiosk_id,
                batch.station_id,
                batch.sent_at,
                batch.pending,
                [(e["seq"], e["id"], None) for e in batch.events],
                batch.rows_json(),
                [],
                batch.events,
            )
        request = parse_push(raw)
        events = request.events
        if not events or any(e.kiosk_id != request.kiosk_id for e in events):
            return None
        station_id = _assumed_station(events)
        if station_id is None:
            return None
        rows: list[dict[str, Any]] = []
        rejects: list[dict[str, Any]] = []
        judged: list[tuple[int, str, str | None]] = []
        for verdict in (judge(e, station_id) for e in events):
            judged.append((verdict.seq, verdict.id, verdict.reason))
            if verdict.event is not None:
                rows.append(event_row(verdict.event))
            elif verdict.reject is not None:
                rejects.append(verdict.reject)
        return _Plan(
            request.kiosk_id,
            station_id,
            request.sent_at,
            request.pending,
            judged,
            to_json(rows).decode(),
            rejects,
            rows,
        )

    def _push_one_statement(self, token: str, plan: _Plan, date_header: str | None) -> bytes | None:
        now = self._clock.now()
        sent_at = kiosk_clock(plan.sent_at, date_header)
        offset = None if sent_at is None else (sent_at - now).total_seconds()
        first, last = plan.events[0][0], plan.events[-1][0]
        read = self._read
        folds = read is not None and read_models.reads_any({r["kind"] for r in plan.rows})
        # The folds' pure half runs in a thread while the statement runs (the wait for
        # PostgreSQL releases the GIL); it is used if every event turns out new, as usual.
        ahead = _AHEAD.submit(read_models.prepare, plan.rows, read) if read and folds else None
        # A batch no read model reads is one statement in autocommit (one round trip); one that
        # some read model reads is the same statement and the folds in one transaction.
        with self._db.ingest() if folds else self._db.autocommit() as connection:
            outcome = repo.push_pg(
                connection,
                token_hash=digest(token),
                kiosk_id=plan.kiosk_id,
                station_id=plan.station_id,
                first_seq=first,
                last_seq=last,
                rows_json=plan.rows_json,
                event_rows=len(plan.events) - len(plan.rejects),
                rejects_json=to_json(plan.rejects).decode() if plan.rejects else "[]",
                now=now,
                clock_offset_s=offset,
                pending=plan.pending,
            )
            # Only what the statement inserted is folded: nothing after a gap (its seqs come
            # back NULL then, as when all were inserted), no resent or already stored event.
            if outcome is not None and outcome.inserted and ahead and read is not None:
                seqs = outcome.inserted_seqs
                if seqs is None and first > outcome.acked_before:  # every event row is new
                    prepared = ahead.result()
                    read_models.apply(connection, prepared.events, read, prepared)
                else:
                    fresh = [
                        read_models.as_event(r)
                        for r in plan.rows
                        if r["seq"] > outcome.acked_before and (seqs is None or r["seq"] in seqs)
                    ]
                    read_models.apply(connection, fresh, read)
        if outcome is None:
            return None
        acked = outcome.acked_before
        if first > acked + 1:
            raise _gap(acked, first)
        results: list[dict[str, Any]] = []
        if first <= acked:
            dups = [(seq, event_id) for seq, event_id, _ in plan.events if seq <= acked]
            with self._db.read() as session:
                results = _duplicate_results(session, plan.kiosk_id, dups)
        inserted = outcome.inserted_seqs
        for seq, event_id, reason in plan.events:
            if seq <= acked:
                continue
            if reason is not None:
                results.append(_rejected(seq, event_id, reason))
            elif inserted is None or seq in inserted:
                results.append(fastpush.applied(seq, event_id))
            else:  # the id was already on the hub (sent before under another seq)
                results.append(_id_already_stored(seq, event_id))
        metrics.count_push(results)
        return fastpush.reply_json(
            max(acked, last), results, now, offset, self._skew, self._features
        )

    def push(self, token: str, request: PushEnvelope, sent_at: datetime | None) -> bytes:
        """The general path: any body, either database; the reply as JSON bytes."""
        now = self._clock.now()
        offset = None if sent_at is None else (sent_at - now).total_seconds()
        with self._db.write() as session:
            kiosk = repo.lock_kiosk_by_token_hash(session, digest(token))
            kiosk = _refuse_unknown_or_revoked(kiosk)
            self._check_identity(kiosk, request)
            acked = kiosk.acked_seq
            events = request.events
            if events and events[0].seq > acked + 1:
                raise _gap(acked, events[0].seq)
            dups = [(e.seq, e.id) for e in events if e.seq <= acked]
            results = _duplicate_results(session, kiosk.id, dups)
            fresh = [e for e in events if e.seq > acked]
            results += self._apply(session, kiosk, fresh, now, self._read)
            new_acked = max(acked, fresh[-1].seq) if fresh else acked
            repo.record_sync(
                session,
                kiosk.id,
                seen=now,
                acked_seq=new_acked,
                clock_offset_s=offset,
                pending=request.pending,
            )
        metrics.count_push(results)
        return fastpush.reply_json(new_acked, results, now, offset, self._skew, self._features)

    @staticmethod
    def _check_identity(kiosk: Kiosk, request: PushEnvelope) -> None:
        if request.kiosk_id != kiosk.id or any(e.kiosk_id != kiosk.id for e in request.events):
            raise Forbidden(
                "body names another kiosk than the credential's",
                reason="kiosk_mismatch",
                reason_zh="请求中的终端与凭据不符",
            )

    @staticmethod
    def _apply(
        session: Any,
        kiosk: Kiosk,
        events: list[PushedEvent],
        now: datetime,
        read: read_models.ReadContext | None,
    ) -> list[dict[str, Any]]:
        verdicts: list[Verdict] = [judge(e, kiosk.station_id) for e in events]
        rows = [event_row(v.event) for v in verdicts if v.event is not None]
        rejects = [
            {**v.reject, "kiosk_id": kiosk.id, "received_at": now}
            for v in verdicts
            if v.reject is not None
        ]
        inserted = repo.insert_events(session, rows, now)
        repo.insert_rejects(session, rejects)
        if read is not None:
            fresh = [read_models.as_event(r) for r in rows if r["id"] in inserted]
            read_models.apply(session.connection(), fresh, read)
        out = []
        for verdict in verdicts:
            if verdict.reason is not None:
                out.append(_rejected(verdict.seq, verdict.id, verdict.reason))
            elif verdict.id in inserted:
                out.append(fastpush.applied(verdict.seq, verdict.id))
            else:  # the id was already on the hub (sent before under another seq)
                out.append(_id_already_stored(verdict.seq, verdict.id))
        return out

    def pull(self, token: str, after: str | None, limit: int) -> PullResponse:
        cursor = _decoded(Cursor.decode, after)
        limit = max(1, min(limit, MAX_PULL_LIMIT))
        now = self._clock.now()
        with self._db.read() as session:
            kiosk = _refuse_unknown_or_revoked(repo.kiosk_by_token_hash(session, digest(token)))
            after_event = (cursor.event_txid, cursor.event_pos)
            rows = repo.feed_events(session, kiosk.station_id, kiosk.id, after_event, limit)
            after_config = (cursor.config_txid, cursor.config_pos)
            # A kiosk that asks for a smaller page (its reply was too large to read) gets
            # fewer config items too: at limit 1 a page always fits its size limit.
            config_page = min(CONFIG_PAGE, limit)
            configs = repo.feed_config(session, kiosk.station_id, after_config, config_page)
            kiosk_id, last_seen, station_id = kiosk.id, kiosk.last_seen, kiosk.station_id
        self._mark_seen(kiosk_id, last_seen, now)
        events = [
            PulledEvent(hub_seq=row.hub_seq, event=event)
            for row in rows
            if row.payload is not None and row.kiosk_id != kiosk_id
            for event in (wire_event(row),)
            if event is not None
        ]
        config = [_config_item(c) for c in configs]
        newest = max((e.event.occurred_at for e in events), default=None)
        metrics.count_pull(len(events), newest, now)
        next_cursor = Cursor(
            event_txid=rows[-1].txid if rows else cursor.event_txid,
            event_pos=rows[-1].hub_seq if rows else cursor.event_pos,
            config_txid=int(configs[-1].tx) if configs else cursor.config_txid,
            config_pos=int(configs[-1].position) if configs else cursor.config_pos,
        )
        return PullResponse(
            events=events,
            config=config,
            next_cursor=next_cursor.encode(),
            has_more=len(rows) == limit or len(configs) == config_page,
            keys=self._keys_for(station_id, events),
        )

    def live(self, token: str, after: str | None, limit: int) -> PullResponse:
        """A page of the station's live state (`live.py`): its feed without the bulk families'
        closed history, and its published config, as a pull page; the window is fixed at the
        first page and carried in the cursor."""
        cursor = _decoded(LiveCursor.decode, after)
        limit = max(1, min(limit, MAX_PULL_LIMIT))
        now = self._clock.now()
        read = self._read or read_models.ReadContext.of(HubSettings())
        if cursor.since:
            since = datetime.fromtimestamp(cursor.since, UTC)
        else:
            since = live.window_start(now, read.tz, read.settings.live_days)
        with self._db.read() as session:
            kiosk = _refuse_unknown_or_revoked(repo.kiosk_by_token_hash(session, digest(token)))
            window = live.LiveWindow.starting(kiosk.station_id, since, read.tz)
            after_event = (cursor.event_txid, cursor.event_pos)
            scan = read.settings.live_scan_rows
            rows, position, more = live.live_page(
                session, window, kiosk.id, after_event, limit, scan
            )
            config_page = min(CONFIG_PAGE, limit)
            after_config = (cursor.config_txid, cursor.config_pos)
            configs = repo.feed_config(session, kiosk.station_id, after_config, config_page)
            kiosk_id, last_seen, station_id = kiosk.id, kiosk.last_seen, kiosk.station_id
        self._mark_seen(kiosk_id, last_seen, now)
        events = [
            PulledEvent(hub_seq=row.hub_seq, event=event)
            for row in rows
            for event in (wire_event(row),)
            if event is not None
        ]
        next_cursor = LiveCursor(
            since=int(since.timestamp()),
            event_txid=position[0],
            event_pos=position[1],
            config_txid=int(configs[-1].tx) if configs else cursor.config_txid,
            config_pos=int(configs[-1].position) if configs else cursor.config_pos,
        )
        return PullResponse(
            events=events,
            config=[_config_item(c) for c in configs],
            next_cursor=next_cursor.encode(),
            has_more=more or len(configs) == config_page,
            keys=self._keys_for(station_id, events),
        )

    def _mark_seen(self, kiosk_id: str, last_seen: datetime | None, now: datetime) -> None:
        """A pull or live page counts as the kiosk seen, written at most once a
        `LAST_SEEN_RESOLUTION` (a read need not take a write lock every page)."""
        if last_seen is None or now - last_seen > LAST_SEEN_RESOLUTION:
            with self._db.write() as session:
                repo.record_sync(session, kiosk_id, seen=now)

    def record_health(self, token: str, health: KioskHealth) -> None:
        """Keep what the kiosk reports of itself (the centre's kiosk list shows it)."""
        now = self._clock.now()
        with self._db.write() as session:
            kiosk = _refuse_unknown_or_revoked(repo.kiosk_by_token_hash(session, digest(token)))
            kiosk.app_version = health.app_version
            kiosk.disk_free_mb = health.disk_free_mb
            kiosk.last_error = health.last_error
            kiosk.last_error_at = health.last_error_at
            kiosk.health_at = now

    def urgent_news(self, token: str, after: str) -> bool:
        """Whether the kiosk should pull now: an urgent event (`EventKind.urgent`) from another
        kiosk of its station lies after its cursor (the push channel, docs/push-channel.md)."""
        cursor = _decoded(Cursor.decode, after)
        with self._db.read() as session:
            kiosk = _refuse_unknown_or_revoked(repo.kiosk_by_token_hash(session, digest(token)))
            after_event = (cursor.event_txid, cursor.event_pos)
            return repo.urgent_after(
                session, kiosk.station_id, kiosk.id, after_event, urgent_kinds()
            )

    def own_events(self, token: str, after_seq: int, limit: int) -> OwnEventsResponse:
        """The calling kiosk's own events after `after_seq`, a window of `limit` seqs up to
        what the hub acknowledged: what a kiosk restored from a backup takes back."""
        limit = max(1, min(limit, MAX_PULL_LIMIT))
        after_seq = max(0, after_seq)
        with self._db.read() as session:
            kiosk = _refuse_unknown_or_revoked(repo.kiosk_by_token_hash(session, digest(token)))
            acked = int(kiosk.acked_seq)
            upto = min(acked, after_seq + limit)
            rows, refused = repo.own_events(session, kiosk.id, after_seq, upto)
            events = [event for event in map(wire_event, rows) if event is not None]
            rejected = [
                OwnReject(seq=r.seq, id=r.event_id, kind=r.kind, reason=r.reason) for r in refused
            ]
        return OwnEventsResponse(
            events=events,
            rejected=rejected,
            acked_seq=acked,
            next_after_seq=max(after_seq, upto),
            has_more=upto < acked,
            keys=self._keys_for(kiosk.station_id, events),
        )


T = TypeVar("T")


def _decoded(decode: Callable[[str | None], T], after: str | None) -> T:
    """A cursor as the kiosk sent it back, or a 4xx saying it is not one of ours."""
    try:
        return decode(after)
    except ValueError:
        raise Invalid("malformed cursor", reason="bad_cursor", reason_zh="同步位置无效") from None


def _config_item(row: Any) -> ConfigItem:
    return ConfigItem(
        position=row.position,
        kind=row.kind,
        station_id=row.station_id,
        version=row.version,
        published_at=row.published_at,
        body=row.body,
    )


def _rejected(seq: int, event_id: str, reason: str) -> dict[str, Any]:
    return {"seq": seq, "id": event_id, "status": "rejected", "stored": None, "reason": reason}


def _id_already_stored(seq: int, event_id: str) -> dict[str, Any]:
    return {
        "seq": seq,
        "id": event_id,
        "status": "duplicate",
        "stored": "applied",
        "reason": "event id already stored",
    }


def _duplicate_results(
    session: Any, kiosk_id: str, events: list[tuple[int, str]]
) -> list[dict[str, Any]]:
    """Replies for resent events (seq <= acked_seq): what the hub stored for each seq."""
    if not events:
        return []
    stored = repo.stored_results(session, kiosk_id, events[0][0], events[-1][0])
    out = []
    for seq, event_id in events:
        found = stored.get(seq)
        reason = found.reason if found else "not found on hub"
        if found and found.event_id != event_id:
            reason = f"seq {seq} already holds event {found.event_id}"
        out.append(
            {
                "seq": seq,
                "id": event_id,
                "status": "duplicate",
                "stored": found.stored if found else None,
                "reason": reason,
            }
        )
    return out


def _assumed_station(events: list[PushedEvent]) -> str | None:
    """The station the one-statement push assumes is the kiosk's (the statement checks it): the
    first one an event names validly. None: no event names one, take the general path."""
    for event in events:
        if is_ident(event.station_id):
            return str(event.station_id)
    return None
