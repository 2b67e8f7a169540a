"""Read models of the centre's reports, kept in the push transaction (docs/hub.md).

A hub part names its `ReadModel`s (`HubPart.read_models`): the event kinds it reads, the tables it
keeps, and `apply`, which folds events just stored into those tables with the kiosks' own rules.
The platform calls `apply` wherever events are stored (a push on either path, a centre-made
event), in the transaction that stores them, with the events actually inserted (a resent event
is never folded twice). `rebuild` empties the tables and folds every stored event again, in the
hub's order: `kiosk-hub rebuild-read-models`, and after `kiosk-hub migrate` creates them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, delete, or_, select, union_all

from kiosk.core.events import Event
from kiosk.platform.hub import partitions
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.models import Base, HubEvent
from kiosk.platform.hub.settings import HubSettings

REBUILD_BATCH = 5000  # events folded at once by a rebuild


@dataclass(frozen=True)
class ReadContext:
    """What a fold may need beyond the events: the stations' zone and the hub's settings."""

    tz: ZoneInfo
    settings: HubSettings

    @classmethod
    def of(cls, settings: HubSettings) -> ReadContext:
        return cls(ZoneInfo(settings.timezone), settings)


@dataclass(frozen=True)
class ReadModel:
    """One read model: the kinds it reads (exact kinds or families ending in "."), the tables
    it keeps, and its fold of newly stored events into them (in the caller's transaction)."""

    name: str
    kinds: tuple[str, ...]
    tables: tuple[str, ...]
    apply: Callable[[Connection, list[Event], ReadContext], None]
    # Optionally the fold split in two: `prepare` (pure Python, no database) and `write`, with
    # `apply` = write(prepare(...)). The push path then runs `prepare` in a thread while the
    # push statement runs, and `write` once the statement says every event was new.
    prepare: Callable[[list[Event], ReadContext], object] | None = None
    write: Callable[[Connection, object, ReadContext], None] | None = None

    def reads(self, kind: str) -> bool:
        return any(kind == k or (k.endswith(".") and kind.startswith(k)) for k in self.kinds)


# The models of the parts the app was built with (`register`, from build_app): one list per
# process, as the page words are.
_MODELS: list[ReadModel] = []
_CONTEXT: list[ReadContext] = []  # the last built app's, for events the centre writes


def register(models: Iterable[ReadModel], context: ReadContext) -> None:
    """Add the parts' read models; one already known is kept once."""
    _CONTEXT[:] = [context]
    for model in models:
        if all(model is not known for known in _MODELS):
            if any(model.name == known.name for known in _MODELS):
                raise ValueError(f"read model defined twice: {model.name}")
            _MODELS.append(model)


def registered() -> tuple[ReadModel, ...]:
    return tuple(_MODELS)


def apply_in_app(connection: Connection, events: list[Event]) -> None:
    """`apply` with the context of the app last built (one per process in production): for
    events the hub writes itself, whose writers hold no settings."""
    if _MODELS and _CONTEXT:
        apply(connection, events, _CONTEXT[0])


def reads_any(kinds: Iterable[str]) -> bool:
    """Whether any read model reads one of `kinds` (else a push needs no fold at all)."""
    return any(m.reads(k) for k in kinds for m in _MODELS)


def as_event(row: Mapping[str, Any]) -> Event:
    """A stored event's fields (a push's row or an events row) as the domain's Event."""
    at = row["occurred_at"]
    return Event(
        str(row["id"]),
        str(row["kind"]),
        str(row["station_id"]),
        str(row["kiosk_id"]),
        int(row["seq"]),
        at if isinstance(at, datetime) else datetime.fromisoformat(str(at)),
        row.get("actor"),
        dict(row["payload"]),
    )


@dataclass(frozen=True)
class Prepared:
    """The pure half of `apply` for these events, made before they are stored (`prepare`)."""

    events: list[Event]
    parts: dict[str, tuple[list[Event], object]]  # by model: its events and what it prepared


def _mine(model: ReadModel, events: list[Event]) -> list[Event]:
    reads = {k: model.reads(k) for k in {e.kind for e in events}}
    return [e for e in events if reads[e.kind]]


def prepare(rows: list[dict[str, Any]], context: ReadContext) -> Prepared:
    """The events of `rows` and each two-phase model's prepared fold of them, assuming every
    one will be stored (`apply` with these `Prepared` writes them; else it folds anew)."""
    events = [as_event(r) for r in rows]
    parts: dict[str, tuple[list[Event], object]] = {}
    for model in _MODELS:
        mine = _mine(model, events)
        if mine and model.prepare is not None:
            parts[model.name] = (mine, model.prepare(mine, context))
    return Prepared(events, parts)


def apply(
    connection: Connection,
    events: list[Event],
    context: ReadContext,
    prepared: Prepared | None = None,
) -> None:
    """Fold events just stored into every read model that reads them; `prepared` (of exactly
    these events) saves the pure half of the folds that have one."""
    if not events:
        return
    for model in _MODELS:
        part = None if prepared is None else prepared.parts.get(model.name)
        if part is not None and model.write is not None:
            model.write(connection, part[1], context)
            continue
        mine = part[0] if part is not None else _mine(model, events)
        if mine:
            model.apply(connection, mine, context)


class ArchiveGone(Exception):
    """Months recorded as archived whose tables are gone: a rebuild would lose their figures."""

    def __init__(self, months: list[str]) -> None:
        super().__init__(
            f"archived months no longer in the events_archive schema: {', '.join(months)};"
            " the read models hold their only figures (rebuild anyway: --without-missing-months)"
        )
        self.months = months


def rebuild(database: Database, settings: HubSettings, without_missing: bool = False) -> int:
    """Empty every read model and fold every stored event again; returns the events folded.
    One transaction: the centre sees the old tables until the new ones are whole.

    The log is `events` and the months archived beside it (partitions.py), read as one, in the
    hub's order. If an archived month's table has gone, only the read models still hold its
    figures: the rebuild refuses (ArchiveGone) unless `without_missing`.
    """
    context = ReadContext.of(settings)
    kinds = [k for m in _MODELS for k in m.kinds]
    if not kinds:
        return 0
    folded = 0
    with database.write() as session:
        connection = session.connection()
        archive = partitions.archive_state(connection)
        if archive.missing and not without_missing:
            raise ArchiveGone(archive.missing)
        logs: list[Any] = [HubEvent.__table__, *archive.present]
        for model in _MODELS:
            for name in model.tables:
                connection.execute(delete(Base.metadata.tables[name]))
        last = 0
        while True:
            query = _log_after(logs[0], kinds, last)
            if len(logs) > 1:  # each table's next batch, then the first batch of them all
                each = union_all(*(select(_log_after(t, kinds, last).subquery()) for t in logs))
                both = each.subquery()
                query = select(both).order_by(both.c.hub_seq).limit(REBUILD_BATCH)
            rows = connection.execute(query).all()
            if not rows:
                return folded
            last = int(rows[-1][0])
            apply(connection, [as_event(dict(r._mapping)) for r in rows], context)
            folded += len(rows)


def fill(connection: Connection, models: Sequence[ReadModel]) -> int:
    """Fold every event of `events` that `models` read into their (empty) tables, in the
    hub's order, with the default settings' context: how a migration that adds read models
    fills them (h0018), so an upgrade needs no `rebuild-read-models`. Returns the events
    folded. Months archived beside the log are not read (a rebuild reads them)."""
    context = ReadContext.of(HubSettings.model_construct())
    kinds = [k for m in models for k in m.kinds]
    folded = last = 0
    while True:
        rows = connection.execute(_log_after(HubEvent.__table__, kinds, last)).all()
        if not rows:
            return folded
        last = int(rows[-1][0])
        events = [as_event(dict(r._mapping)) for r in rows]
        for model in models:
            mine = _mine(model, events)
            if mine:
                model.apply(connection, mine, context)
        folded += len(rows)


def _log_after(table: Any, kinds: list[str], last: int) -> Any:
    """The events of `table` (the log or an archived month) of `kinds` after hub_seq `last`."""
    c = table.c
    wanted = or_(*(c.kind.startswith(k) if k.endswith(".") else c.kind == k for k in kinds))
    columns = (c.id, c.kind, c.station_id, c.kiosk_id, c.seq, c.occurred_at, c.actor, c.payload)
    query = select(c.hub_seq, *columns).where(wanted, c.hub_seq > last)
    return query.order_by(c.hub_seq).limit(REBUILD_BATCH)
