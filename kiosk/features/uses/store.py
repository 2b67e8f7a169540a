"""The uses feature's store: its tables, their projector (by kind family), reads."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Index, Integer, String, bindparam, func, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.features.uses.domain import use_line
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import PageProjector, Projector, upsert


class ServiceUseRow(Base):
    """Projection: one recorded use (人次), by its use id, so folding it twice changes nothing."""

    __tablename__ = "service_uses"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[str] = mapped_column(String(10))  # the station's local day, YYYY-MM-DD
    service_id: Mapped[str] = mapped_column(String(64))
    audience: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(Integer)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_service_uses_key", "day", "service_id", "audience"),
        Index("ix_service_uses_occurred", "occurred_at", "id"),  # log review keyset
        Index("ix_service_uses_service", "service_id", "occurred_at", "id"),
    )


class ServiceUseDayRow(Base):
    """Projection: people served per local day, service and audience (the 人次 reports)."""

    __tablename__ = "service_use_days"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    service_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    audience: Mapped[str] = mapped_column(String(16), primary_key=True)
    people: Mapped[int] = mapped_column(Integer)  # the sum of counts: 人次
    uses: Mapped[int] = mapped_column(Integer)  # taps recorded


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (
    ServiceUseRow,
    ServiceUseDayRow,
)


_DAY_TOTAL = select(func.coalesce(func.sum(ServiceUseRow.count), 0), func.count()).where(
    ServiceUseRow.day == bindparam("day"),
    ServiceUseRow.service_id == bindparam("service_id"),
    ServiceUseRow.audience == bindparam("audience"),
)


_DAY_ROW = sqlite_insert(ServiceUseDayRow)
# Built once (a statement made per use cost more to compile than the write): the line's totals.
_SET_DAY = _DAY_ROW.on_conflict_do_update(
    index_elements=["day", "service_id", "audience"],
    set_={"people": _DAY_ROW.excluded.people, "uses": _DAY_ROW.excluded.uses},
)


def _project_service_use(session: Session, events: list[Event]) -> object:
    """Fold one use into its row, then recount its (day, service, audience) line.

    Recounting from the per-use rows, rather than adding to the line, keeps the fold idempotent:
    a use folded again (a rebuild, a re-pulled page) or later amended never counts twice.
    """
    uses = [e for e in events if e.kind == "service.used"]
    if not uses:
        return None
    first = uses[0]
    use = first.payload
    (day, service_id, audience), count = use_line(use)  # the rule the hub folds too
    key = {"day": day, "service_id": service_id, "audience": audience}
    values = {
        "id": use["use_id"],
        **key,
        "count": count,
        "kiosk_id": first.kiosk_id,
        "occurred_at": first.occurred_at,
    }
    upsert(session, ServiceUseRow.__table__, "id", values)  # type: ignore[arg-type]
    conn = session.connection()
    people, taps = conn.execute(_DAY_TOTAL, key).one()
    conn.execute(_SET_DAY, {**key, "people": people, "uses": taps})
    return values


_USE_ROW = sqlite_insert(ServiceUseRow)
_USE_COLUMNS = [c.name for c in ServiceUseRow.__table__.columns if c.name != "id"]
_SET_USE = _USE_ROW.on_conflict_do_update(
    index_elements=["id"],
    set_={
        c.name: _USE_ROW.excluded[c.name] for c in ServiceUseRow.__table__.columns if c.name != "id"
    },
)
# The lines a page touched recounted from their per-use rows in one statement (`WHERE true`:
# SQLite's parser needs it before an upsert's ON CONFLICT).
_RECOUNT_DAYS = text(
    "INSERT INTO service_use_days (day, service_id, audience, people, uses)"
    " SELECT u.day, u.service_id, u.audience, SUM(u.count), COUNT(*) FROM service_uses AS u"
    " JOIN (SELECT json_extract(value, '$[0]') AS day, json_extract(value, '$[1]') AS service_id,"
    " json_extract(value, '$[2]') AS audience FROM json_each(:keys)) AS k"
    " ON u.day = k.day AND u.service_id = k.service_id AND u.audience = k.audience"
    " WHERE true GROUP BY u.day, u.service_id, u.audience"
    " ON CONFLICT (day, service_id, audience) DO UPDATE"
    " SET people = excluded.people, uses = excluded.uses"
)


def _project_service_uses(session: Session, aggregates: list[list[Event]]) -> None:
    """A pulled page's uses at once: every use's row in one statement, then each line it
    touched recounted in one more, the rows `_project_service_use` leaves one use at a time."""
    values: list[dict[str, object]] = []
    keys: set[tuple[str, str, str]] = set()
    for events in aggregates:
        uses = [e for e in events if e.kind == "service.used"]
        if not uses:
            continue
        first = uses[0]
        (day, service_id, audience), count = use_line(first.payload)
        values.append(
            {
                "id": first.payload["use_id"],
                "day": day,
                "service_id": service_id,
                "audience": audience,
                "count": count,
                "kiosk_id": first.kiosk_id,
                "occurred_at": first.occurred_at,
            }
        )
        keys.add((day, service_id, audience))
    if not values:
        return
    conn = session.connection()
    conn.execute(_SET_USE, values)
    conn.execute(_RECOUNT_DAYS, {"keys": json.dumps(sorted(keys))})


PROJECTORS: dict[str, Projector] = {"service.": _project_service_use}
PAGE_PROJECTORS: dict[str, PageProjector] = {"service.": _project_service_uses}


# --- reads --------------------------------------------------------------------------------------


def people_served(session: Session, day: str) -> int:
    """People served on one local day ("YYYY-MM-DD"), all services and audiences."""
    total = session.scalar(
        select(func.coalesce(func.sum(ServiceUseDayRow.people), 0)).where(
            ServiceUseDayRow.day == day
        )
    )
    return int(total or 0)


def served_by_service(session: Session, day: str) -> list[tuple[str, str, int, int]]:
    """(service id, audience, people, uses) lines of one local day, by service then audience."""
    rows = session.execute(
        select(
            ServiceUseDayRow.service_id,
            ServiceUseDayRow.audience,
            ServiceUseDayRow.people,
            ServiceUseDayRow.uses,
        )
        .where(ServiceUseDayRow.day == day)
        .order_by(ServiceUseDayRow.service_id, ServiceUseDayRow.audience)
    ).all()
    return [(r.service_id, r.audience, int(r.people), int(r.uses)) for r in rows]
