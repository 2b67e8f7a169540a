"""Every query the hub makes, as functions over a Session; services own the transactions.

The pull rule (DESIGN §3) lives here. On PostgreSQL a row's `hub_seq` is taken before its
transaction commits, so rows become visible out of `hub_seq` order and a plain `hub_seq > cursor`
read can skip one. We therefore (1) serve only rows whose writing transaction is older than every
transaction still running (`txid < pg_snapshot_xmin(pg_current_snapshot())`): no row with such a
txid can appear later; and (2) page in (txid, hub_seq) order with a (txid, hub_seq) cursor. (2)
matters too: transaction A can take its xid before B's while B takes the smaller hub_seq, so
A's rows may be servable while B's, with smaller hub_seq, are not yet; a cursor on hub_seq alone
would then step over B's rows. Every row that can still appear has txid ≥ xmin, i.e. after any
(txid, hub_seq) already served.

On SQLite writers are serialized (BEGIN IMMEDIATE, one writer at a time) and rowids are taken
inside the write transaction, so commit order is hub_seq order and a plain cursor is safe; txid
is NULL there and the cursor's txid part stays 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic_core import to_json
from sqlalchemy import Connection, bindparam, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.platform.hub.models import (
    ConfigRow,
    EnrolCode,
    EventKey,
    HubEvent,
    Kiosk,
    Reject,
    Station,
)

_EVENT_COLUMNS = "hub_seq, id, kind, station_id, kiosk_id, seq, occurred_at, actor"


# --- stations, kiosks, enrolment codes ---------------------------------------------------


def get_station(session: Session, station_id: str) -> Station | None:
    return session.get(Station, station_id)


def add(session: Session, row: Station | Kiosk | EnrolCode | ConfigRow) -> None:
    session.add(row)
    session.flush()


def get_kiosk(session: Session, kiosk_id: str) -> Kiosk | None:
    return session.get(Kiosk, kiosk_id)


def kiosk_by_token_hash(session: Session, token_hash: str) -> Kiosk | None:
    return session.scalars(select(Kiosk).where(Kiosk.token_hash == token_hash)).first()


def lock_kiosk_by_token_hash(session: Session, token_hash: str) -> Kiosk | None:
    """The credential's kiosk, its row locked for the push (one kiosk's pushes serialize)."""
    stmt = select(Kiosk).where(Kiosk.token_hash == token_hash).with_for_update()
    return session.scalars(stmt).first()


def lock_enrol_code(session: Session, code_hash: str) -> EnrolCode | None:
    stmt = select(EnrolCode).where(EnrolCode.code_hash == code_hash).with_for_update()
    return session.scalars(stmt).first()


def record_sync(
    session: Session,
    kiosk_id: str,
    *,
    seen: datetime,
    acked_seq: int | None = None,
    clock_offset_s: float | None = None,
    pending: int | None = None,
) -> None:
    """A kiosk was heard from; what it did not report (None) keeps its stored value."""
    values: dict[str, Any] = {"last_seen": seen}
    if pending is not None:
        values["pending"] = pending
    if acked_seq is not None:
        values["acked_seq"] = acked_seq
    if clock_offset_s is not None:
        values["clock_offset_s"] = clock_offset_s
    session.execute(update(Kiosk).where(Kiosk.id == kiosk_id).values(**values))


def set_revoked(session: Session, kiosk_id: str) -> bool:
    result = session.execute(update(Kiosk).where(Kiosk.id == kiosk_id).values(revoked=True))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def station_kiosks(session: Session, station_id: str) -> list[Kiosk]:
    return list(
        session.scalars(select(Kiosk).where(Kiosk.station_id == station_id).order_by(Kiosk.id))
    )


def list_kiosks(session: Session, station_id: str | None) -> list[tuple[Kiosk, int]]:
    rejects = select(Reject.kiosk_id, func.count().label("n")).group_by(Reject.kiosk_id).subquery()
    stmt = (
        select(Kiosk, func.coalesce(rejects.c.n, 0))
        .outerjoin(rejects, rejects.c.kiosk_id == Kiosk.id)
        .order_by(Kiosk.station_id, Kiosk.id)
    )
    if station_id is not None:
        stmt = stmt.where(Kiosk.station_id == station_id)
    return [(k, int(n)) for k, n in session.execute(stmt).all()]


def kiosks_at(session: Session, stations: Sequence[str]) -> list[tuple[Kiosk, int]]:
    """The kiosks of `stations` (a page of the centre's stations page), each with its reject
    count: counted for these kiosks only, through the (kiosk_id, seq) index, never by grouping
    the whole province's rejects."""
    rejects = (
        select(func.count())
        .select_from(Reject)
        .where(Reject.kiosk_id == Kiosk.id)
        .correlate(Kiosk)
        .scalar_subquery()
    )
    stmt = (
        select(Kiosk, rejects)
        .where(Kiosk.station_id.in_(list(stations)))
        .order_by(Kiosk.station_id, Kiosk.id)
    )
    return [(k, int(n)) for k, n in session.execute(stmt).all()]


def kiosk_counts(
    session: Session, stations: Sequence[str] | None, online_since: datetime
) -> tuple[int, int, int]:
    """(kiosks, revoked, online) of `stations` (None: every station), one grouped count: the
    stations page's totals without loading a kiosk. Online: heard from since `online_since`
    and not revoked."""
    k = Kiosk
    stmt = select(
        func.count(),
        func.count().filter(k.revoked.is_(True)),
        func.count().filter(k.revoked.is_(False), k.last_seen >= online_since),
    )
    if stations is not None:
        stmt = stmt.where(k.station_id.in_(list(stations)))
    total, revoked, online = session.execute(stmt).one()
    return int(total), int(revoked), int(online)


def hours_in_use(session: Session, stations: Sequence[str] | None) -> list[tuple[Any, Any]]:
    """The distinct (opens_at, closes_at) of `stations` (None: every station): a province's
    stations share a few opening hours."""
    stmt = select(Station.opens_at, Station.closes_at).distinct()
    if stations is not None:
        stmt = stmt.where(Station.id.in_(list(stations)))
    return [(o, c) for o, c in session.execute(stmt).all()]


@dataclass(frozen=True)
class SilentRule:
    """Which kiosks of stations with these hours are silent now: heard from before `before`,
    or never heard from if `never_heard` (their station is open now)."""

    opens_at: str | None
    closes_at: str | None
    before: datetime
    never_heard: bool


def silent_kiosks(
    session: Session, stations: Sequence[str] | None, rules: Sequence[SilentRule], named: int
) -> tuple[int, list[Any]]:
    """How many kiosks in service the rules call silent, and the first `named` of them by
    (station, kiosk): one count and one short read, whatever the number of kiosks."""
    k, s = Kiosk, Station
    terms = []
    for rule in rules:
        if rule.opens_at and rule.closes_at:
            same = (s.opens_at == rule.opens_at) & (s.closes_at == rule.closes_at)
        else:
            same = s.opens_at.is_(None) | s.closes_at.is_(None)
        quiet = k.last_seen < rule.before
        if rule.never_heard:
            quiet = quiet | k.last_seen.is_(None)
        terms.append(same & quiet)
    if not terms:
        return 0, []
    where = [k.revoked.is_(False), or_(*terms)]
    if stations is not None:
        where.append(k.station_id.in_(list(stations)))
    count = select(func.count()).select_from(k).join(s, s.id == k.station_id).where(*where)
    first = (
        select(k.id, k.station_id, k.name)
        .join(s, s.id == k.station_id)
        .where(*where)
        .order_by(k.station_id, k.id)
        .limit(named)
    )
    return int(session.execute(count).scalar_one()), list(session.execute(first).all())


def station_settings(session: Session, stations: Sequence[str]) -> list[Any]:
    """(id, opens_at, closes_at, region) of `stations`: what a page of stations shows."""
    s = Station
    stmt = select(s.id, s.opens_at, s.closes_at, s.region).where(s.id.in_(list(stations)))
    return list(session.execute(stmt).all())


def list_rejects(
    session: Session, kiosk_id: str | None, after_id: int, limit: int
) -> Sequence[Reject]:
    stmt = select(Reject).where(Reject.id > after_id).order_by(Reject.id).limit(limit)
    if kiosk_id is not None:
        stmt = stmt.where(Reject.kiosk_id == kiosk_id)
    return session.scalars(stmt).all()


def counts(session: Session) -> dict[str, int]:
    return {
        name: int(session.scalar(select(func.count()).select_from(model)) or 0)
        for name, model in (
            ("stations", Station),
            ("kiosks", Kiosk),
            ("events", HubEvent),
            ("rejects", Reject),
        )
    }


# --- push ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredResult:
    event_id: str
    stored: str  # "applied" | "rejected"
    reason: str | None


def stored_results(session: Session, kiosk_id: str, lo: int, hi: int) -> dict[int, StoredResult]:
    """What the hub already holds for the kiosk's seqs lo..hi (for duplicate replies)."""
    out: dict[int, StoredResult] = {}
    keys = _keys(session)
    events = select(keys.seq, keys.id).where(keys.kiosk_id == kiosk_id, keys.seq.between(lo, hi))
    for seq, event_id in session.execute(events):
        out[seq] = StoredResult(event_id, "applied", None)
    rejects = select(Reject.seq, Reject.event_id, Reject.reason).where(
        Reject.kiosk_id == kiosk_id, Reject.seq.between(lo, hi)
    )
    for seq, event_id, reason in session.execute(rejects):
        out[seq] = StoredResult(event_id, "rejected", reason)
    return out


def _keys(session: Session) -> type[EventKey] | type[HubEvent]:
    """Where an event is found by (kiosk_id, seq): `event_keys` on PostgreSQL (the events
    table is partitioned there and keeps no such index, h0014), the events table on SQLite."""
    return EventKey if session.get_bind().dialect.name == "postgresql" else HubEvent


def _insert(session: Session, model: type[HubEvent] | type[Reject]) -> Any:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model)


# On PostgreSQL the whole batch travels as ONE json parameter, expanded by json_to_recordset:
# binding 500 x 9 parameters one by one costs more in the driver than the insert itself
# (measured: ~10,700 rows/s with a multi-row VALUES, ~31,000 rows/s this way).
# The events table is partitioned there (h0014): the dedup is `event_keys`', whose keys are
# inserted first (ON CONFLICT DO NOTHING), and only the events whose keys went in follow.
_PG_INSERT_EVENTS = text(
    "WITH x AS MATERIALIZED (SELECT * FROM json_to_recordset(CAST(:rows AS json))"
    " AS x(id text, station_id text, kiosk_id text, seq bigint, kind text,"
    " occurred_at timestamptz, actor text, payload json)),"
    " keys AS (INSERT INTO event_keys (id, kiosk_id, seq, received_at)"
    " SELECT id, kiosk_id, seq, :received_at FROM x ORDER BY seq"
    " ON CONFLICT DO NOTHING RETURNING id, seq)"
    " INSERT INTO events"
    " (id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor, payload)"
    " SELECT x.id, x.station_id, x.kiosk_id, x.seq, x.kind, x.occurred_at, :received_at,"
    " x.actor, x.payload FROM x JOIN keys ON keys.id = x.id AND keys.seq = x.seq"
    " ORDER BY x.seq"
).bindparams(bindparam("received_at", type_=HubEvent.received_at.type))


def insert_events(session: Session, rows: list[dict[str, Any]], received_at: datetime) -> set[str]:
    """Insert the batch in one statement; ids (or kiosk seqs) already stored are skipped.

    `rows` hold the WireEvent fields (id, station_id, kiosk_id, seq, kind, occurred_at, actor,
    payload), all of one kiosk. Returns the ids actually inserted.
    """
    if not rows:
        return set()
    if session.get_bind().dialect.name == "postgresql":
        doc = to_json(rows).decode()
        result = session.execute(_PG_INSERT_EVENTS, {"rows": doc, "received_at": received_at})
        inserted: int = result.rowcount  # type: ignore[attr-defined]
        ids = {str(r["id"]) for r in rows}
        if inserted == len(rows):  # the usual case: no need to ship 500 ids back
            return ids
        # Some ids were already stored (under another seq): ours are those now at our seqs.
        ours = select(EventKey.id).where(
            EventKey.kiosk_id == rows[0]["kiosk_id"],
            EventKey.seq.in_([r["seq"] for r in rows]),
            EventKey.received_at == received_at,
        )
        return set(session.scalars(ours).all()) & ids
    stmt = _insert(session, HubEvent).on_conflict_do_nothing().returning(HubEvent.id)
    return set(session.scalars(stmt, [{**r, "received_at": received_at} for r in rows]).all())


def insert_rejects(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(_insert(session, Reject).on_conflict_do_nothing(), rows)


# The whole push on PostgreSQL in ONE statement, run in autocommit so it is also its own
# transaction: one round trip, one WAL flush (synchronous_commit stays on). `k` finds and locks the
# credential's kiosk, and only if it is the body's kiosk, of the assumed station, not revoked: an
# empty `k` means the caller must take the general path, which explains the refusal. `go` is `k`
# unless the batch starts past acked_seq + 1 (a gap: nothing is written, the caller answers 409).
# Events and rejects with seq <= acked_seq are duplicates and not written again. A batch whose
# events are all inserted returns only the count; otherwise the seqs actually inserted (an id
# already stored under another seq is skipped by ON CONFLICT and reported as a duplicate; a
# batch that overlaps acked_seq returns them too; none inserted is an empty array, not NULL).
# The kiosk's row lock serializes its pushes; READ COMMITTED re-reads acked_seq after the wait.
# The events table is partitioned (h0014): `keys` inserts the batch's keys into `event_keys`
# (the dedup by id and by (kiosk_id, seq)), and `ins` only the events whose keys went in: the
# CTEs share one snapshot, so `ins` learns of `keys`' rows through its RETURNING.
_PG_PUSH = text(
    "WITH k AS ("
    " SELECT id, acked_seq FROM kiosks WHERE token_hash = :token_hash AND id = :kiosk_id"
    " AND station_id = :station_id AND NOT revoked FOR UPDATE),"
    " go AS (SELECT id, acked_seq FROM k WHERE acked_seq + 1 >= :first_seq),"
    " x AS MATERIALIZED (SELECT x.* FROM go, json_to_recordset(CAST(:rows AS json))"
    " AS x(id text, station_id text, kiosk_id text, seq bigint, kind text,"
    " occurred_at timestamptz, actor text, payload json) WHERE x.seq > go.acked_seq),"
    " keys AS ("
    " INSERT INTO event_keys (id, kiosk_id, seq, received_at)"
    " SELECT id, kiosk_id, seq, :now FROM x ORDER BY seq"
    " ON CONFLICT DO NOTHING RETURNING id, seq),"
    " ins AS ("
    " INSERT INTO events"
    " (id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor, payload)"
    " SELECT x.id, x.station_id, x.kiosk_id, x.seq, x.kind, x.occurred_at, :now, x.actor,"
    " x.payload FROM x JOIN keys ON (keys.id, keys.seq) = (x.id, x.seq) ORDER BY x.seq"
    " RETURNING seq),"
    " rej AS ("
    " INSERT INTO rejects"
    " (kiosk_id, seq, event_id, station_id, kind, reason, payload, received_at)"
    " SELECT go.id, r.seq, r.event_id, r.station_id, r.kind, r.reason, r.payload, :now"
    " FROM go, json_to_recordset(CAST(:rejects AS json)) AS r(seq bigint, event_id text,"
    " station_id text, kind text, reason text, payload json)"
    " WHERE r.seq > go.acked_seq ORDER BY r.seq"
    " ON CONFLICT DO NOTHING RETURNING seq),"
    " upd AS ("
    " UPDATE kiosks SET acked_seq = GREATEST(kiosks.acked_seq, :last_seq), last_seen = :now,"
    " clock_offset_s = COALESCE(CAST(:clock_offset_s AS float8), kiosks.clock_offset_s),"
    " pending = COALESCE(CAST(:pending AS bigint), kiosks.pending)"
    " FROM go WHERE kiosks.id = go.id RETURNING kiosks.id),"
    " n AS (SELECT count(*) AS inserted FROM ins)"
    " SELECT k.acked_seq, n.inserted,"
    " CASE WHEN k.acked_seq >= :first_seq OR n.inserted < :event_rows"
    " THEN (SELECT coalesce(array_agg(seq), '{}') FROM ins) END AS inserted_seqs,"
    " (SELECT count(*) FROM rej), (SELECT count(*) FROM upd)"
    " FROM k, n"
).bindparams(
    bindparam("now", type_=HubEvent.received_at.type),
)


@dataclass(frozen=True)
class PushOutcome:
    """What the one-statement push found and did."""

    acked_before: int  # the kiosk's acked_seq before this push
    inserted: int  # events inserted
    inserted_seqs: frozenset[int] | None  # None: every event row was inserted


def push_pg(
    session: Session | Connection,
    *,
    token_hash: str,
    kiosk_id: str,
    station_id: str,
    first_seq: int,
    last_seq: int,
    rows_json: str,
    event_rows: int,
    rejects_json: str,
    now: datetime,
    clock_offset_s: float | None,
    pending: int | None = None,
) -> PushOutcome | None:
    """Run the one-statement push (see `_PG_PUSH`); None if no kiosk matched (general path).

    `rows_json` holds the events to insert and `rejects_json` the rejects, together the seqs
    first_seq..last_seq; `event_rows` is the number of events.
    """
    row = session.execute(
        _PG_PUSH,
        {
            "token_hash": token_hash,
            "kiosk_id": kiosk_id,
            "station_id": station_id,
            "first_seq": first_seq,
            "last_seq": last_seq,
            "rows": rows_json,
            "event_rows": event_rows,
            "rejects": rejects_json,
            "now": now,
            "clock_offset_s": clock_offset_s,
            "pending": pending,
        },
    ).first()
    if row is None:
        return None
    acked, inserted, seqs, _rejected, _updated = row
    return PushOutcome(int(acked), int(inserted), None if seqs is None else frozenset(seqs))


# --- pull ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedRow:
    """One row of a station's feed; `payload` is None for the pulling kiosk's own events."""

    txid: int
    hub_seq: int
    id: str
    kind: str
    station_id: str
    kiosk_id: str
    seq: int
    occurred_at: datetime
    actor: str | None
    payload: dict[str, Any] | None


def feed_events(
    session: Session, station_id: str, kiosk_id: str, after: tuple[int, int], limit: int
) -> list[FeedRow]:
    """The next `limit` committed rows of the station's feed after `after` = (txid, hub_seq).

    The pulling kiosk's own rows are scanned (so the cursor moves past them) but not shipped.
    On PostgreSQL the feed is `events_log`: a kiosk enrolled after months were archived still
    receives them (each archived month one more index descent a page; none archived, none).
    """
    own = "CASE WHEN kiosk_id = :me THEN NULL ELSE payload END AS payload"
    if session.get_bind().dialect.name == "postgresql":
        sql = text(
            f"SELECT txid::text::bigint AS tx, {_EVENT_COLUMNS}, {own} FROM events_log"
            " WHERE station_id = :station"
            " AND txid < pg_snapshot_xmin(pg_current_snapshot())"
            " AND (txid, hub_seq) > (CAST(CAST(:tx AS text) AS xid8), :pos)"
            " ORDER BY txid, hub_seq LIMIT :limit"
        )
    else:
        sql = text(
            f"SELECT 0 AS tx, {_EVENT_COLUMNS}, {own} FROM events"
            " WHERE station_id = :station AND txid IS NULL AND hub_seq > :pos"
            " ORDER BY hub_seq LIMIT :limit"
        )
    sql = sql.columns(occurred_at=HubEvent.occurred_at.type, payload=HubEvent.payload.type)  # type: ignore[assignment]
    params = {"station": station_id, "me": kiosk_id, "tx": after[0], "pos": after[1]}
    rows = session.execute(sql, {**params, "limit": limit}).all()
    return [FeedRow(*row) for row in rows]


def urgent_after(
    session: Session, station_id: str, kiosk_id: str, after: tuple[int, int], kinds: frozenset[str]
) -> bool:
    """Whether the station's feed after `after` = (txid, hub_seq) holds a committed event of
    one of `kinds` from another kiosk than `kiosk_id` (the push channel's question)."""
    if not kinds:
        return False
    if session.get_bind().dialect.name == "postgresql":
        sql = text(
            "SELECT 1 FROM events WHERE station_id = :station"
            " AND txid < pg_snapshot_xmin(pg_current_snapshot())"
            " AND (txid, hub_seq) > (CAST(CAST(:tx AS text) AS xid8), :pos)"
            " AND kind IN :kinds AND kiosk_id <> :me LIMIT 1"
        )
    else:
        sql = text(
            "SELECT 1 FROM events WHERE station_id = :station AND txid IS NULL"
            " AND hub_seq > :pos AND kind IN :kinds AND kiosk_id <> :me LIMIT 1"
        )
    sql = sql.bindparams(bindparam("kinds", expanding=True))
    params = {"station": station_id, "me": kiosk_id, "tx": after[0], "pos": after[1]}
    return session.execute(sql, {**params, "kinds": sorted(kinds)}).first() is not None


# PostgreSQL: events by id (`:ids`, a text array), each through its key's month (h0014).
EVENTS_BY_ID = (
    "SELECT {columns} FROM unnest(CAST(:ids AS text[])) AS i(id)"
    " CROSS JOIN LATERAL (SELECT k.id, k.received_at FROM event_keys k"
    " WHERE k.id = i.id LIMIT 1) AS k"
    " CROSS JOIN LATERAL (SELECT * FROM events_log e"
    " WHERE e.id = k.id AND e.received_at = k.received_at LIMIT 1) AS e"
)


def events_by_id(session: Session, ids: Sequence[str], columns: Sequence[Any]) -> Sequence[Any]:
    """The stored events among `ids`, as rows of `columns` (`HubEvent` attributes), in no
    particular order. On PostgreSQL each id is read through its key (`event_keys`, h0014): the
    key's `received_at` names the event's month, so each probes that partition alone instead of
    one probe a month (a `LATERAL … LIMIT 1` each, kept apart so the planner cannot merge them:
    run-time pruning, docs/hub.md "Reading an event by id")."""
    if not ids:
        return []
    if session.get_bind().dialect.name != "postgresql":
        return session.execute(select(*columns).where(HubEvent.id.in_(list(ids)))).all()
    names = ", ".join(f"e.{column.key}" for column in columns)
    sql = text(EVENTS_BY_ID.format(columns=names)).columns(*columns)
    return session.execute(sql, {"ids": list(ids)}).all()


def own_events(
    session: Session, kiosk_id: str, after_seq: int, upto_seq: int
) -> tuple[Sequence[Any], Sequence[Any]]:
    """A kiosk's own accepted and refused events with `after_seq` < seq <= `upto_seq`."""
    columns = (
        HubEvent.id,
        HubEvent.kind,
        HubEvent.station_id,
        HubEvent.kiosk_id,
        HubEvent.seq,
        HubEvent.occurred_at,
        HubEvent.actor,
        HubEvent.payload,
    )
    if session.get_bind().dialect.name == "postgresql":
        # by their keys, each event then read from its month's partition alone (h0014)
        sql = text(
            "SELECT e.id, e.kind, e.station_id, e.kiosk_id, e.seq, e.occurred_at, e.actor,"
            " e.payload FROM event_keys k CROSS JOIN LATERAL (SELECT * FROM events_log e"
            " WHERE e.id = k.id AND e.received_at = k.received_at LIMIT 1) AS e"
            " WHERE k.kiosk_id = :kiosk AND k.seq > :after AND k.seq <= :upto ORDER BY k.seq"
        ).columns(*columns)
        params = {"kiosk": kiosk_id, "after": after_seq, "upto": upto_seq}
        events = session.execute(sql, params).all()
    else:
        events = session.execute(
            select(*columns)
            .where(
                HubEvent.kiosk_id == kiosk_id, HubEvent.seq > after_seq, HubEvent.seq <= upto_seq
            )
            .order_by(HubEvent.seq)
        ).all()
    refused = session.execute(
        select(Reject.seq, Reject.event_id, Reject.kind, Reject.reason)
        .where(Reject.kiosk_id == kiosk_id, Reject.seq > after_seq, Reject.seq <= upto_seq)
        .order_by(Reject.seq)
    ).all()
    return events, refused


def feed_config(
    session: Session, station_id: str, after: tuple[int, int], limit: int
) -> Sequence[Any]:
    """Published config for the station (and for every station) after (txid, position)."""
    cols = "position, kind, station_id, version, body, published_at"
    scope = "(station_id = :station OR station_id IS NULL)"
    if session.get_bind().dialect.name == "postgresql":
        sql = text(
            f"SELECT txid::text::bigint AS tx, {cols} FROM config_items WHERE {scope}"
            " AND txid < pg_snapshot_xmin(pg_current_snapshot())"
            " AND (txid, position) > (CAST(CAST(:tx AS text) AS xid8), :pos)"
            " ORDER BY txid, position LIMIT :limit"
        )
    else:
        sql = text(
            f"SELECT 0 AS tx, {cols} FROM config_items WHERE {scope} AND position > :pos"
            " ORDER BY position LIMIT :limit"
        )
    sql = sql.columns(body=ConfigRow.body.type, published_at=ConfigRow.published_at.type)  # type: ignore[assignment]
    params = {"station": station_id, "tx": after[0], "pos": after[1], "limit": limit}
    return session.execute(sql, params).all()


def next_config_version(session: Session, kind: str, station_id: str | None) -> int:
    scope = (
        ConfigRow.station_id.is_(None) if station_id is None else ConfigRow.station_id == station_id
    )
    current = session.scalar(
        select(func.max(ConfigRow.version)).where(ConfigRow.kind == kind, scope)
    )
    return int(current or 0) + 1


def config_history(
    session: Session, kind: str, station_id: str | None, limit: int
) -> list[ConfigRow]:
    scope = (
        ConfigRow.station_id.is_(None) if station_id is None else ConfigRow.station_id == station_id
    )
    stmt = (
        select(ConfigRow)
        .where(ConfigRow.kind == kind, scope)
        .order_by(ConfigRow.version.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def latest_config(session: Session, kind: str, station_id: str | None) -> ConfigRow | None:
    scope = (
        ConfigRow.station_id.is_(None) if station_id is None else ConfigRow.station_id == station_id
    )
    stmt = (
        select(ConfigRow)
        .where(ConfigRow.kind == kind, scope)
        .order_by(ConfigRow.version.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()
