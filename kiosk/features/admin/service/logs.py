"""Log review for admins: pages of each log as display-ready rows, filters, counts, audit.

The logs are the registry's: each feature declares its tabs in its `logs.py` (`LOGS`, read by
`kiosk.platform.logs.registry.log_specs`), and this service pages through whichever specs it is
given. The screen and the exports both take their rows from here, so an exported file says
exactly what the table showed (same columns, same formatting, phone numbers masked unless asked).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.ids import new_id
from kiosk.core.tickets import TICKET_PATTERN
from kiosk.features.admin.domain import Permission, Role, may
from kiosk.platform.logs import query as store
from kiosk.platform.logs.spec import Cells, Choice, LogColumn, LogSpec, Names, Search, short_kiosk
from kiosk.platform.store import eventlog, sync_store
from kiosk.platform.store.db import Database

PageToken = store.Cursor
ADMIN_ACTOR = "station_admin"  # the role that acted: admins log in by PIN, not by name


def _kiosk_names(session: Session) -> dict[str, str]:
    return sync_store.kiosk_names(session, eventlog.meta(session).station_id)


class LogKind(StrEnum):
    """The names of the logs the kiosk ships, for callers that name one (the screen's captions,
    screenshots, benchmarks, tests). The service itself knows only the specs it is given."""

    SHIFTS = "shifts"
    USES = "uses"
    CHARGING = "charging"
    INCIDENTS = "incidents"  # first aid and incidents
    MEDICINE = "medicine"  # the medicine box: given out, restocked, taken out
    ROLLCALL = "rollcall"  # roll calls (清点人数)
    TRAINING = "training"  # training records and certificates
    HANDOVER = "handover"  # shift handovers and their stock counts
    TRAINS = "trains"  # staff's marks on trains: delays, gate changes, cancellations
    LENDING = "lending"
    REQUESTS = "requests"
    WISHES = "wishes"  # needs and wishes
    LISTS = "lists"  # the projects of the three lists (项目清单)
    BADGES = "badges"  # volunteers' badges issued and revoked
    AUDIT = "audit"  # admin.audited events
    EVENTS = "events"
    REJECTS = "rejects"


class Period(StrEnum):
    """Quick date ranges, in the station's local days."""

    ALL = "all"
    TODAY = "today"
    WEEK = "week"  # the last 7 days, today included
    MONTH = "month"
    LAST_MONTH = "last_month"
    CUSTOM = "custom"


@dataclass(frozen=True)
class LogFilters:
    """What the admin narrowed a log to. Days are local and inclusive; None is unbounded."""

    first_day: date | None = None
    last_day: date | None = None
    choice: str | None = None  # kind, service or status; "group:value" (category:luggage)
    kiosk_id: str | None = None
    search: str = ""  # volunteer name or number, a whole ticket, words, an admin account

    def describe(self) -> dict[str, str]:
        """The filters as text, for the audit event of an export."""
        values = {
            "from": self.first_day.isoformat() if self.first_day else "",
            "to": self.last_day.isoformat() if self.last_day else "",
            "choice": self.choice or "",
            "kiosk": self.kiosk_id or "",
            "search": self.search[:40],
        }
        return {k: v for k, v in values.items() if v}


@dataclass(frozen=True)
class LogRow:
    cells: tuple[str, ...]


@dataclass(frozen=True)
class LogPage:
    """Rows newest first; `after` continues the log, None when it has ended."""

    rows: tuple[LogRow, ...]
    after: PageToken | None


_TICKET = re.compile(TICKET_PATTERN)


class LogService:
    """Reads the logs described by `specs` for the review screen and exports; `names` gives,
    by the name a spec asks for ("services", "lending", "medicine"), what the catalogue and the
    items call an id now, in (zh, en)."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        timezone: ZoneInfo,
        specs: Sequence[LogSpec],
        names: Mapping[str, Callable[[], Names]],
        actor: Callable[[], str] = lambda: ADMIN_ACTOR,
    ) -> None:
        self._db = database
        self._clock = clock
        self.actor = actor  # the logged-in admin account (the audit says who looked)
        self._tz = timezone
        self._specs = {spec.key: spec for spec in specs}
        self._names = names

    @property
    def timezone(self) -> ZoneInfo:
        return self._tz

    # --- the logs ---------------------------------------------------------------------------

    def kinds(self) -> list[str]:
        """Every log, in tab order."""
        return list(self._specs)

    def spec(self, log: str) -> LogSpec:
        return self._specs[log]

    def columns(self, log: str) -> tuple[LogColumn, ...]:
        return self._specs[log].columns

    def searchable(self, log: str) -> bool:
        """Whether the log's search box looks for something (volunteer, ticket, text, account)."""
        return self._specs[log].search is not Search.NONE

    # --- filters ----------------------------------------------------------------------------

    def history_state(self) -> str | None:
        """While a new kiosk's history is still arriving ("live", then "history"; a value of
        `words.HISTORY_STATES`), its logs say so; None once it holds everything."""
        with self._db.read() as session:
            if not sync_store.history_pending(session):
                return None
            return sync_store.state(session).live_state

    def today(self) -> date:
        return self._clock.now().astimezone(self._tz).date()

    def period(self, period: Period) -> tuple[date | None, date | None]:
        """The first and last local day of a quick choice (ALL and CUSTOM: unbounded)."""
        today = self.today()
        if period is Period.TODAY:
            return today, today
        if period is Period.WEEK:
            return today - timedelta(days=6), today
        if period is Period.MONTH:
            return today.replace(day=1), today
        if period is Period.LAST_MONTH:
            last = today.replace(day=1) - timedelta(days=1)
            return last.replace(day=1), last
        return None, None

    # --- who may see what ------------------------------------------------------------------

    def role(self) -> str:
        """The role of the account logged in now (an unknown account: the lesser role)."""
        actor = self.actor()
        with self._db.read() as session:
            found = store.account_role(session, actor)
        if found is not None:
            return found
        return actor if actor in (r.value for r in Role) else Role.TEAM_LEADER.value

    def visible(self) -> list[str]:
        """The logs the account logged in now may open, in tab order."""
        role = self.role()
        return [key for key, spec in self._specs.items() if may(role, Permission(spec.requires))]

    def _names_of(self, spec: LogSpec) -> Names:
        return self._names[spec.names]() if spec.names in self._names and spec.names else {}

    def choices(self, log: str) -> list[Choice]:
        """What the kind / service / status list offers for `log` (a second group of values,
        such as request categories, as `group:value`)."""
        spec = self._specs[log]
        names = self._names_of(spec)
        with self._db.read() as session:
            return spec.choices(session, names)

    def kiosks(self) -> list[Choice]:
        """Kiosks that wrote to this log; this one first, marked."""
        with self._db.read() as session:
            here = eventlog.meta(session).kiosk_id
            found = store.kiosks(session)
            names = _kiosk_names(session)
        ordered = [here] + [k for k in found if k != here]

        def label(k: str) -> str:
            return names.get(k) or short_kiosk(k)

        return [
            Choice(k, f"{label(k)}（本机）", f"{label(k)} (this kiosk)")
            if k == here
            else Choice(k, label(k), label(k))
            for k in ordered
        ]

    def _store_filter(self, spec: LogSpec, filters: LogFilters) -> store.Filter:
        def start_of(day: date) -> str:
            return store.stored(datetime(day.year, day.month, day.day, tzinfo=self._tz))

        volunteers: tuple[str, ...] | None = None
        search = filters.search.strip()[:40] if spec.search is not Search.NONE else ""
        ticket = None
        if spec.tickets and _TICKET.fullmatch(search):
            search, ticket = "", search  # a whole ticket number: exact, on its index
        if search and spec.search is Search.ACCOUNTS:
            with self._db.read() as session:
                volunteers = tuple(store.accounts_matching(session, search))
        elif search and spec.search is Search.VOLUNTEERS:
            with self._db.read() as session:
                found = store.volunteers_matching(session, search)
            volunteers = tuple(v[0] for v in found)
        return store.Filter(
            start=start_of(filters.first_day) if filters.first_day else None,
            end=start_of(filters.last_day + timedelta(days=1)) if filters.last_day else None,
            choice=filters.choice or None,
            kiosk_id=filters.kiosk_id or None,
            volunteers=volunteers,
            text=search or None,
            ticket=ticket,
        )

    # --- pages ------------------------------------------------------------------------------

    def page(
        self,
        log: str,
        filters: LogFilters,
        after: PageToken | None = None,
        *,
        limit: int = store.PAGE_SIZE,
        language: str = "zh",
        unmasked: bool = False,
    ) -> LogPage:
        """One page of `log`, newest first, as the table shows it."""
        spec = self._specs[log]
        where = self._store_filter(spec, filters)
        if store.matches_nothing(spec.query, where):
            return LogPage((), None)
        with self._db.read() as session:
            rows = store.page(session, spec.query, where, after, limit)
            people = (
                {v[0]: (v[1], v[1]) for v in store.all_volunteers(session)}
                if spec.people and rows
                else {}
            )
            kiosks = _kiosk_names(session) if rows else {}
            cells = Cells(
                pick=0 if language == "zh" else 1,
                unmasked=unmasked,
                names={**self._names_of(spec), **people},
                timezone=self._tz,
                now=self._clock.now(),
                kiosks=kiosks,
                opener=lambda sealed: self._db.vault.open(session, sealed),
            )
            shown = tuple(LogRow(spec.cells(cells, row)) for row in rows)
        more = store.cursor_of(spec.query, rows[-1]) if len(rows) == limit else None
        return LogPage(shown, more)

    def count(self, log: str, filters: LogFilters) -> tuple[int, bool]:
        """How many rows match, and whether that is a floor (more than the cap)."""
        spec = self._specs[log]
        where = self._store_filter(spec, filters)
        if store.matches_nothing(spec.query, where):
            return 0, False
        with self._db.read() as session:
            found = store.count(session, spec.query, where)
        return min(found, store.COUNT_CAP), found > store.COUNT_CAP

    # --- audit ------------------------------------------------------------------------------

    def record_opened(self, log: str) -> None:
        """Audit: an admin opened the log review (the logs hold personal data)."""
        with self._db.write() as session:
            eventlog.append(
                session,
                "admin.log_opened",
                {"audit_id": new_id(), "log": str(log)},
                occurred_at=self._clock.now(),
                actor=self.actor(),
            )
