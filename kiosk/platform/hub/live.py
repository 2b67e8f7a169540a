"""A new kiosk's live state first (#15; docs/hub.md "A new kiosk's first pull").

`GET /v1/sync/live` serves a station's feed minus the bulk families' closed history, so a kiosk
enrolled at a station with years of events is ready (open shifts, stock, open requests, the
roster, config) after a few pages; it then pulls everything from the start as before, the
events it holds already skipped. The event log stays the only truth: these are the station's
own events in the feed's order, nothing summarised.

What is closed history is each feature's call: a hub part names `LiveRule`s (its family's SQL
test of "closed before the window", answered from its read models), the way it names read
models; the platform knows no feature. Every rule must be **monotone** (an event once closed
history stays so) and whole per aggregate (all of an aggregate's events, or none): then what a
kiosk holds of an aggregate after the live pass is a prefix of its events in the feed, a state
it really had, never a mix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    TextClause,
    bindparam,
    false,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.util import ClauseAdapter

from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.partitions import log_table
from kiosk.platform.hub.repository import FeedRow

# Rows of the station's feed a page looks at, at most, whatever it keeps: a page's cost is
# bounded even where almost everything is closed history (the first pages of an old station).
# The hub's HUB_LIVE_SCAN_ROWS.
SCAN_PER_PAGE = 10_000


@dataclass(frozen=True)
class LiveWindow:
    """The recent window of one live pass, fixed at its first page (carried in the cursor, so
    a midnight passing mid-pass never splits a day)."""

    station_id: str
    since: datetime  # UTC: the local midnight the window starts at
    since_day: date  # that local day

    @classmethod
    def starting(cls, station_id: str, since: datetime, tz: ZoneInfo) -> LiveWindow:
        return cls(station_id, since, since.astimezone(tz).date())


@dataclass(frozen=True)
class LiveRule:
    """One family's closed history: `closed(window)` is an SQL condition over `events` rows,
    true for an event a new kiosk can be ready without (its aggregate is closed and older than
    the window). It must be monotone and whole per aggregate (module docstring)."""

    name: str
    kinds: tuple[str, ...]  # the kinds (or families ending in ".") it rules on
    closed: Callable[[LiveWindow], ColumnElement[bool]]


_RULES: list[LiveRule] = []


def register(rules: Iterable[LiveRule]) -> None:
    """Add the parts' rules (from build_app); one already known is kept once."""
    for rule in rules:
        if all(rule is not known for known in _RULES):
            if any(rule.name == known.name for known in _RULES):
                raise ValueError(f"live rule defined twice: {rule.name}")
            _RULES.append(rule)


def registered() -> tuple[LiveRule, ...]:
    return tuple(_RULES)


def window_start(now: datetime, tz: ZoneInfo, days: int) -> datetime:
    """The local midnight `days` - 1 days before today's (today and the days before it)."""
    first = now.astimezone(tz).date() - timedelta(days=max(1, days) - 1)
    return datetime.combine(first, time(0), tz).astimezone(UTC)


def closed_history(window: LiveWindow) -> ColumnElement[bool]:
    """True for a row some rule calls closed history (NULL is read as not: `IS NOT TRUE`)."""
    return or_(false(), *(rule.closed(window) for rule in _RULES))


# On PostgreSQL the feed is `events_log` (the log with its archived months, h0019), as the pull's:
# the page's statement and the rules' conditions are written over `events` and moved onto it.
_ONTO_LOG = ClauseAdapter(
    log_table(),
    adapt_on_names=True,
    include_fn=lambda column: getattr(column, "table", None) is HubEvent.__table__,
)
_PG_SAFE = "txid < pg_snapshot_xmin(pg_current_snapshot())"
_PG_AFTER = "(txid, hub_seq) > (CAST(CAST(:tx AS text) AS xid8), :pos)"
_PG_UPTO = "(txid, hub_seq) <= (CAST(CAST(:btx AS text) AS xid8), :bpos)"


def _statements(
    postgres: bool,
    window: LiveWindow,
    kiosk_id: str,
    bound: tuple[int, int] | None,
) -> tuple[TextClause, Select[Any]]:
    """The page's two statements: where the stretch of `scan` feed rows ends, and the live
    rows in it (params :station, :tx, :pos, :skip; :btx, :bpos when `bound`)."""
    if postgres:
        bound_sql = text(
            "SELECT txid::text::bigint AS tx, hub_seq FROM events_log WHERE station_id = :station"
            f" AND {_PG_SAFE} AND {_PG_AFTER} ORDER BY txid, hub_seq OFFSET :skip LIMIT 1"
        )
    else:
        bound_sql = text(
            "SELECT 0, hub_seq FROM events WHERE station_id = :station AND txid IS NULL"
            " AND hub_seq > :pos ORDER BY hub_seq LIMIT 1 OFFSET :skip"
        )
    query = select(
        literal_column("txid::text::bigint" if postgres else "0", BigInteger).label("tx"),
        HubEvent.hub_seq,
        HubEvent.id,
        HubEvent.kind,
        HubEvent.station_id,
        HubEvent.kiosk_id,
        HubEvent.seq,
        HubEvent.occurred_at,
        HubEvent.actor,
        HubEvent.payload,
    ).where(
        HubEvent.station_id == window.station_id,
        HubEvent.kiosk_id != kiosk_id,
        closed_history(window).is_not(True),
    )
    if postgres:
        query = query.where(text(_PG_SAFE), text(_PG_AFTER))
        if bound is not None:
            query = query.where(text(_PG_UPTO))
        query = _ONTO_LOG.traverse(query.order_by(literal_column("txid"), HubEvent.hub_seq))
    else:
        query = query.where(HubEvent.txid.is_(None), HubEvent.hub_seq > bindparam("pos"))
        if bound is not None:
            query = query.where(HubEvent.hub_seq <= bindparam("bpos"))
        query = query.order_by(HubEvent.hub_seq)
    return bound_sql, query.limit(bindparam("limit"))


def live_page(
    session: Session,
    window: LiveWindow,
    kiosk_id: str,
    after: tuple[int, int],
    limit: int,
    scan: int = SCAN_PER_PAGE,
) -> tuple[list[FeedRow], tuple[int, int], bool]:
    """The next live rows of the station's feed after `after` = (txid, hub_seq), looking at
    no more than `scan` feed rows: (rows, the position to go on from, whether more may follow).

    Two index-served statements on `ix_events_station_feed`: the position `scan` rows on (an
    index-only scan), then the live rows up to it, the rules' tests applied to those rows only.
    """
    postgres = session.get_bind().dialect.name == "postgresql"
    params: dict[str, Any] = {"station": window.station_id, "tx": after[0], "pos": after[1]}
    bound_sql, _ = _statements(postgres, window, kiosk_id, None)
    found = session.execute(bound_sql, {**params, "skip": scan - 1}).first()
    bound = None if found is None else (int(found[0]), int(found[1]))
    if bound is not None:
        params |= {"btx": bound[0], "bpos": bound[1]}
    _, query = _statements(postgres, window, kiosk_id, bound)
    rows = [FeedRow(*r) for r in session.execute(query, {**params, "limit": limit}).all()]
    if len(rows) == limit:
        return rows, (rows[-1].txid, rows[-1].hub_seq), True
    if bound is not None:  # fewer live rows than asked in this stretch: go on past it
        return rows, bound, True
    return rows, ((rows[-1].txid, rows[-1].hub_seq) if rows else after), False


def explain(
    session: Session,
    window: LiveWindow,
    kiosk_id: str,
    after: tuple[int, int],
    limit: int,
    scan: int = SCAN_PER_PAGE,
) -> list[str]:
    """PostgreSQL's `EXPLAIN (ANALYZE, BUFFERS)` of one page's two statements (for the
    benchmark and docs/hub.md: both must stay served by the station feed's index)."""
    params: dict[str, Any] = {"station": window.station_id, "tx": after[0], "pos": after[1]}
    bound_sql, _ = _statements(True, window, kiosk_id, None)
    found = session.execute(bound_sql, {**params, "skip": scan - 1}).first()
    lines = [
        str(r[0])
        for r in session.execute(
            text("EXPLAIN (ANALYZE, BUFFERS) " + bound_sql.text), {**params, "skip": scan - 1}
        )
    ]
    bound = None if found is None else (int(found[0]), int(found[1]))
    if bound is not None:
        params |= {"btx": bound[0], "bpos": bound[1]}
    _, query = _statements(True, window, kiosk_id, bound)
    compiled = query.compile(dialect=session.get_bind().dialect)
    # the `IN` lists (the rules' kinds and states) expanded to a parameter each
    state = compiled.construct_expanded_state({**params, "limit": limit})
    sql = "EXPLAIN (ANALYZE, BUFFERS) " + state.statement
    plan = session.connection().exec_driver_sql(sql, dict(state.parameters))
    return [*lines, "", *(str(r[0]) for r in plan)]
