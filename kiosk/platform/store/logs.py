"""Keyset-paged reads of the logs an admin reviews: the event log and the audit (rows of `events`),
shifts, service uses, charging, first aid, lending, requests, needs and wishes, sync rejects.

Why SQL text and not the ORM: the very statement the service runs is also run through bare
sqlite3 by `benchmarks/bench_admin_query.py` (DESIGN §6 asks for that peer figure in the same
run), and each event-log filter names its index with INDEXED BY, so a rare kiosk or volunteer
never degrades into a scan of a million rows because the planner guessed. Pages are keyset
(`(at, key) < (:at, :key)`), never OFFSET: page 5,000 costs what page 1 costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

PAGE_SIZE = 200
AUDIT_KIND = "admin.audited"
COUNT_CAP = 100_000  # a count past this shows as "100,000+": counting a million rows is not free

Params = dict[str, Any]


def stored(moment: datetime) -> str:
    """A UTC moment as the event log stores it (naive ISO text with microseconds)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def parse_stored(value: str | None) -> datetime | None:
    """The inverse of `stored`: an aware UTC datetime (None stays None)."""
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: its last row's time (stored text) and tie-breaker (pos or id)."""

    at: str
    key: int | str


@dataclass(frozen=True)
class Filter:
    """What a log is narrowed to. Times are stored text, `start` inclusive, `end` exclusive.

    `choice` is the kind (event log, rejects), the service id (service uses), the status, or
    `group:value` for a log's second choice column (`category:luggage` of requests); `volunteers`
    is None for "anyone" and a tuple of volunteer ids (possibly empty: nobody matched) otherwise;
    `text` is searched (substring) in the log's text columns, a row matching either the
    volunteers or the text when a log has both; `ticket` is an exact ticket number.
    """

    start: str | None = None
    end: str | None = None
    choice: str | None = None
    kiosk_id: str | None = None
    volunteers: tuple[str, ...] | None = None
    text: str | None = None
    ticket: str | None = None  # a whole ticket number: an exact match on the ticket index


@dataclass(frozen=True)
class _Log:
    """How one log is read: its select, time and tie-breaker columns, and filter columns.

    `volunteer` is a column, or an expression holding `{ids}` (incidents: anyone attending);
    `groups` maps a `group:` prefix of the choice to its column; `texts` are searched by LIKE.
    """

    select: str
    at: str
    key: str
    choice: str | None
    kiosk: str | None
    volunteer: str | None
    base: str = "1 = 1"
    groups: tuple[tuple[str, str], ...] = ()
    texts: tuple[str, ...] = ()
    ticket: str | None = None


_LOGS: dict[str, _Log] = {
    "events": _Log(
        select=(
            "SELECT e.pos, e.occurred_at, e.kind, e.kiosk_id, e.seq, e.actor, e.payload,"
            " v.name AS actor_name, v.number AS actor_number"
            " FROM events AS e {index} LEFT JOIN volunteers AS v ON v.id = e.actor"
        ),
        at="e.occurred_at",
        key="e.pos",
        choice="e.kind",
        kiosk="e.kiosk_id",
        volunteer="e.actor",
    ),
    "shifts": _Log(
        select=(
            "SELECT s.id, s.checked_in_at, s.checked_out_at, s.minutes, s.status, s.flagged,"
            " s.checkin_kiosk_id, s.checkin_method, v.name, v.number, v.phone"
            " FROM shifts AS s {index} LEFT JOIN volunteers AS v ON v.id = s.volunteer_id"
        ),
        at="s.checked_in_at",
        key="s.id",
        choice="s.status",
        kiosk="s.checkin_kiosk_id",
        volunteer="s.volunteer_id",
        base="s.checked_in_at IS NOT NULL",
    ),
    "uses": _Log(
        select=(
            "SELECT u.id, u.occurred_at, u.service_id, u.audience, u.count, u.kiosk_id"
            " FROM service_uses AS u {index}"
        ),
        at="u.occurred_at",
        key="u.id",
        choice="u.service_id",
        kiosk="u.kiosk_id",
        volunteer=None,
        groups=(("audience", "u.audience"),),
    ),
    "charging": _Log(
        select=(
            "SELECT c.id, c.started_at, c.slot, c.status, c.closed_at, c.closed_by, c.reason,"
            " c.kiosk_id, c.locked, c.flagged FROM charging_sessions AS c {index}"
        ),
        at="c.started_at",
        key="c.id",
        choice="c.status",
        kiosk="c.kiosk_id",
        volunteer=None,
    ),
    "incidents": _Log(
        select=(
            "SELECT i.id, i.happened_at, i.place, i.what, i.first_aid, i.items_used, i.aed_used,"
            " i.called_120, i.outcome, i.attended, i.note, i.kiosk_id, i.voided, i.amendments"
            " FROM incidents AS i {index}"
        ),
        at="i.happened_at",
        key="i.id",
        choice="i.what",
        kiosk="i.kiosk_id",
        volunteer="EXISTS (SELECT 1 FROM json_each(i.attended) AS a WHERE a.value IN ({ids}))",
        groups=(("outcome", "i.outcome"),),
        texts=("i.note",),
    ),
    "lending": _Log(
        select=(
            "SELECT l.id, l.borrowed_at, l.item, l.status, l.due_at, l.returned_at,"
            " l.written_off_at, l.reason, l.method, l.phone, v.name, l.borrow_kiosk_id, l.flagged"
            " FROM lending_loans AS l {index} LEFT JOIN volunteers AS v ON v.id = l.approved_by"
        ),
        at="l.borrowed_at",
        key="l.id",
        choice="l.status",
        kiosk="l.borrow_kiosk_id",
        volunteer="l.approved_by",
        base="l.borrowed_at IS NOT NULL",
        groups=(("item", "l.item"),),
    ),
    "requests": _Log(
        select=(
            "SELECT r.id, r.ordered_at, r.ticket, r.category, r.accepted_at, r.completed_at,"
            " r.response_s, r.status, v.name, r.channel, r.rating, r.kiosk_id, r.flagged"
            " FROM requests AS r {index} LEFT JOIN volunteers AS v ON v.id = r.accepted_by"
        ),
        at="r.ordered_at",
        key="r.id",
        choice="r.status",
        kiosk="r.kiosk_id",
        volunteer="r.accepted_by",
        groups=(("category", "r.category"),),
        ticket="r.ticket",  # whole numbers only: a substring would scan every request
    ),
    "wishes": _Log(
        select=(
            "SELECT w.id, w.submitted_at, w.ticket, w.category, w.status, w.text, w.answer,"
            " w.channel, w.kiosk_id FROM wishes AS w {index}"
        ),
        at="w.submitted_at",
        key="w.id",
        choice="w.status",
        kiosk="w.kiosk_id",
        volunteer=None,
        groups=(("category", "w.category"),),
        texts=("w.ticket", "w.text", "w.answer"),
        ticket="w.ticket",
    ),
    "audit": _Log(
        select=(
            "SELECT e.pos, e.occurred_at, e.actor, a.name, e.payload, e.kiosk_id"
            " FROM events AS e {index} LEFT JOIN admin_accounts AS a ON a.account_id = e.actor"
        ),
        at="e.occurred_at",
        key="e.pos",
        choice="json_extract(e.payload, '$.action')",
        kiosk="e.kiosk_id",
        volunteer="e.actor",  # the admin account (searched by its name)
        base=f"e.kind = '{AUDIT_KIND}'",
    ),
    "rejects": _Log(
        select=(
            "SELECT r.seq, r.recorded_at, r.kind, r.event_id, r.reason FROM sync_rejects AS r"
            " {index}"
        ),
        at="r.recorded_at",
        key="r.seq",
        choice="r.kind",
        kiosk=None,
        volunteer=None,
    ),
}

LOGS = tuple(_LOGS)


def _index(log: str, where: Filter) -> str:
    """The index a page of the event log walks: the most selective filter given wins.

    A volunteer's events are few, a kind is chosen to find the rare ones, a kiosk holds a share;
    each index ends in (occurred_at, pos), so the page comes out in order without a sort.
    Projections are small enough (or have one obvious index) for the planner to choose.
    """
    if log == "uses":  # a service is a slice of its index; an audience group a share of all
        if where.choice and not where.choice.startswith("audience:"):
            return "INDEXED BY ix_service_uses_service"
        return ""
    if log == "audit":  # one account's events, else the audit kind's slice of a million
        if where.volunteers is not None and len(where.volunteers) == 1:
            return "INDEXED BY ix_events_actor_occurred"
        return "INDEXED BY ix_events_kind_occurred"
    if log != "events":
        return ""
    if where.volunteers is not None and len(where.volunteers) == 1:
        return "INDEXED BY ix_events_actor_occurred"
    if where.choice:
        return "INDEXED BY ix_events_kind_occurred"
    if where.kiosk_id:
        return "INDEXED BY ix_events_kiosk_occurred"
    return "INDEXED BY ix_events_occurred"


def _where(log: _Log, where: Filter, params: Params) -> list[str]:
    clauses = [log.base]
    if where.start is not None:
        clauses.append(f"{log.at} >= :start")
        params["start"] = where.start
    if where.end is not None:
        clauses.append(f"{log.at} < :end")
        params["end"] = where.end
    if where.choice and log.choice:
        column, value = log.choice, where.choice
        group, _, rest = where.choice.partition(":")
        if rest and group in dict(log.groups):
            column, value = dict(log.groups)[group], rest
        clauses.append(f"{column} = :choice")
        params["choice"] = value
    if where.kiosk_id and log.kiosk:
        clauses.append(f"{log.kiosk} = :kiosk")
        params["kiosk"] = where.kiosk_id
    if where.ticket and log.ticket:
        clauses.append(f"{log.ticket} = :ticket")
        params["ticket"] = where.ticket
    either: list[str] = []
    if where.volunteers is not None and log.volunteer:
        names = ", ".join(f":v{i}" for i in range(len(where.volunteers))) or "NULL"
        template = log.volunteer if "{ids}" in log.volunteer else log.volunteer + " IN ({ids})"
        either.append(template.format(ids=names))
        params.update({f"v{i}": vid for i, vid in enumerate(where.volunteers)})
    if where.text and log.texts:
        either += [f"{column} LIKE :text ESCAPE '\\'" for column in log.texts]
        params["text"] = like_pattern(where.text)
    if either:
        clauses.append("(" + " OR ".join(either) + ")")
    return clauses


def like_pattern(search: str) -> str:
    """`search` as a LIKE pattern matching it anywhere, its own % and _ taken literally."""
    return "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def matches_nothing(log: str, where: Filter) -> bool:
    """A volunteer search that found nobody, with no text the log could match instead: the
    page is empty without reading (the event log would otherwise walk its whole time index)."""
    return where.volunteers == () and not (where.text and _LOGS[log].texts)


def page_sql(
    log: str, where: Filter, after: Cursor | None = None, limit: int = PAGE_SIZE
) -> tuple[str, Params]:
    """The SQL and parameters of one page, newest first (named parameters: SQLAlchemy text()
    and sqlite3 both take them)."""
    spec = _LOGS[log]
    params: Params = {"limit": limit}
    clauses = _where(spec, where, params)
    if after is not None:
        clauses.append(f"({spec.at}, {spec.key}) < (:after_at, :after_key)")
        params["after_at"] = after.at
        params["after_key"] = after.key
    sql = (
        spec.select.format(index=_index(log, where))
        + " WHERE "
        + " AND ".join(clauses)
        + f" ORDER BY {spec.at} DESC, {spec.key} DESC LIMIT :limit"
    )
    return sql, params


def count_sql(log: str, where: Filter, cap: int = COUNT_CAP) -> tuple[str, Params]:
    """How many rows match, counting at most `cap` + 1 (so "more than cap" is known)."""
    spec = _LOGS[log]
    params: Params = {"cap": cap + 1}
    clauses = _where(spec, where, params)
    table = spec.select.split(" FROM ", 1)[1].split(" LEFT JOIN ")[0]
    inner = f"SELECT 1 FROM {table.format(index=_index(log, where))} WHERE " + " AND ".join(clauses)
    return f"SELECT count(*) FROM ({inner} LIMIT :cap)", params


def page(
    session: Session, log: str, where: Filter, after: Cursor | None = None, limit: int = PAGE_SIZE
) -> list[Sequence[Any]]:
    """One page of `log` (rows as the select names them; times as stored text)."""
    sql, params = page_sql(log, where, after, limit)
    return [tuple(r) for r in session.connection().execute(text(sql), params)]


def cursor_of(log: str, row: Sequence[Any]) -> Cursor:
    """The cursor just past `row` (the page's last row)."""
    return Cursor(at=row[1], key=row[0])


def count(session: Session, log: str, where: Filter, cap: int = COUNT_CAP) -> int:
    sql, params = count_sql(log, where, cap)
    return int(session.connection().execute(text(sql), params).scalar_one())


def _distinct(session: Session, table: str, column: str, index: str) -> list[str]:
    """Distinct values of an indexed column by skipping along the index: one probe per value,
    where SELECT DISTINCT would read every entry of a million-row index."""
    found: list[str] = []
    sql = text(
        f"SELECT {column} FROM {table} INDEXED BY {index}"
        f" WHERE {column} > :after ORDER BY {column} LIMIT 1"
    )
    last = ""
    while True:
        value = session.connection().execute(sql, {"after": last}).scalar()
        if value is None:
            return found
        found.append(str(value))
        last = str(value)


def kiosks(session: Session) -> list[str]:
    """The kiosks that wrote events here (this one and those pulled from the hub)."""
    return _distinct(session, "events", "kiosk_id", "ix_events_kiosk_occurred")


def kinds(session: Session) -> list[str]:
    """The event kinds present in the log."""
    return _distinct(session, "events", "kind", "ix_events_kind_occurred")


def service_ids(session: Session) -> list[str]:
    """The services that have recorded uses (including ones since dropped from the catalogue)."""
    return _distinct(session, "service_uses", "service_id", "ix_service_uses_service")


def reject_kinds(session: Session) -> list[str]:
    rows = session.connection().execute(text("SELECT DISTINCT kind FROM sync_rejects ORDER BY 1"))
    return [str(r[0]) for r in rows]


def volunteers_matching(session: Session, search: str) -> list[tuple[str, str, str]]:
    """(id, name, number) of volunteers whose name or number contains `search`."""
    pattern = like_pattern(search)
    rows = session.connection().execute(
        text(
            "SELECT id, name, number FROM volunteers"
            " WHERE name LIKE :p ESCAPE '\\' OR number LIKE :p ESCAPE '\\' ORDER BY number"
        ),
        {"p": pattern},
    )
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


def all_volunteers(session: Session) -> list[tuple[str, str, str]]:
    rows = session.connection().execute(
        text("SELECT id, name, number FROM volunteers ORDER BY number")
    )
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


def accounts_matching(session: Session, search: str) -> list[str]:
    """Ids of the admin accounts whose name or id contains `search` (the audit's "who")."""
    rows = session.connection().execute(
        text(
            "SELECT account_id FROM admin_accounts"
            " WHERE name LIKE :p ESCAPE '\\' OR account_id LIKE :p ESCAPE '\\'"
        ),
        {"p": like_pattern(search)},
    )
    return [str(r[0]) for r in rows]


def lent_items(session: Session) -> list[str]:
    """Items that have been lent here (including ones since dropped from the configuration)."""
    rows = session.connection().execute(text("SELECT DISTINCT item FROM lending_loans ORDER BY 1"))
    return [str(r[0]) for r in rows]


def account_role(session: Session, account_id: str) -> str | None:
    """The role of an admin account, None when there is no such account row."""
    row = session.connection().execute(
        text("SELECT role FROM admin_accounts WHERE account_id = :id"), {"id": account_id}
    )
    value = row.scalar()
    return None if value is None else str(value)
