"""Keyset-paged reads of any log an admin reviews, described by a `LogQuery` (its select, time
and tie-breaker columns, filter columns); the queries themselves live in each feature's
`logs.py` (the event log's and the audit's in the admin feature's).

Why SQL text and not the ORM: the very statement the service runs is also run through bare
sqlite3 by `benchmarks/bench_admin_query.py` (DESIGN §6 asks for that peer figure in the same
run), and each event-log filter names its index with INDEXED BY, so a rare kiosk or volunteer
never degrades into a scan of a million rows because the planner guessed. Pages are keyset
(`(at, key) < (:at, :key)`), never OFFSET: page 5,000 costs what page 1 costs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

PAGE_SIZE = 200
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


def no_index(where: Filter) -> str:
    """Let the planner choose (projections are small or have one obvious index)."""
    return ""


@dataclass(frozen=True)
class LogQuery:
    """How one log is read: its select, time and tie-breaker columns, and filter columns.

    `select` holds `{index}` where the chosen INDEXED BY goes (`index` picks it from the filter:
    on the event log the most selective filter given wins, so a page comes out in order without
    a sort); `volunteer` is a column, or an expression holding `{ids}` (incidents: anyone
    attending); `groups` maps a `group:` prefix of the choice to its column; `texts` are searched
    by LIKE; `ticket` is matched whole (a substring would scan every row).
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
    index: Callable[[Filter], str] = no_index


def _where(log: LogQuery, where: Filter, params: Params) -> list[str]:
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


def matches_nothing(log: LogQuery, where: Filter) -> bool:
    """A volunteer search that found nobody, with no text the log could match instead: the
    page is empty without reading (the event log would otherwise walk its whole time index)."""
    return where.volunteers == () and not (where.text and log.texts)


def page_sql(
    spec: LogQuery, where: Filter, after: Cursor | None = None, limit: int = PAGE_SIZE
) -> tuple[str, Params]:
    """The SQL and parameters of one page, newest first (named parameters: SQLAlchemy text()
    and sqlite3 both take them)."""
    params: Params = {"limit": limit}
    clauses = _where(spec, where, params)
    if after is not None:
        clauses.append(f"({spec.at}, {spec.key}) < (:after_at, :after_key)")
        params["after_at"] = after.at
        params["after_key"] = after.key
    sql = (
        spec.select.format(index=spec.index(where))
        + " WHERE "
        + " AND ".join(clauses)
        + f" ORDER BY {spec.at} DESC, {spec.key} DESC LIMIT :limit"
    )
    return sql, params


def count_sql(spec: LogQuery, where: Filter, cap: int = COUNT_CAP) -> tuple[str, Params]:
    """How many rows match, counting at most `cap` + 1 (so "more than cap" is known)."""
    params: Params = {"cap": cap + 1}
    clauses = _where(spec, where, params)
    table = spec.select.split(" FROM ", 1)[1].split(" LEFT JOIN ")[0]
    inner = f"SELECT 1 FROM {table.format(index=spec.index(where))} WHERE " + " AND ".join(clauses)
    return f"SELECT count(*) FROM ({inner} LIMIT :cap)", params


def page(
    session: Session,
    log: LogQuery,
    where: Filter,
    after: Cursor | None = None,
    limit: int = PAGE_SIZE,
) -> list[Sequence[Any]]:
    """One page of `log` (rows as the select names them; times as stored text)."""
    sql, params = page_sql(log, where, after, limit)
    return [tuple(r) for r in session.connection().execute(text(sql), params)]


def cursor_of(log: LogQuery, row: Sequence[Any]) -> Cursor:
    """The cursor just past `row` (the page's last row)."""
    return Cursor(at=row[1], key=row[0])


def count(session: Session, log: LogQuery, where: Filter, cap: int = COUNT_CAP) -> int:
    sql, params = count_sql(log, where, cap)
    return int(session.connection().execute(text(sql), params).scalar_one())


def distinct(session: Session, table: str, column: str, index: str) -> list[str]:
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
    return distinct(session, "events", "kiosk_id", "ix_events_kiosk_occurred")


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


def account_role(session: Session, account_id: str) -> str | None:
    """The role of an admin account, None when there is no such account row."""
    row = session.connection().execute(
        text("SELECT role FROM admin_accounts WHERE account_id = :id"), {"id": account_id}
    )
    value = row.scalar()
    return None if value is None else str(value)
