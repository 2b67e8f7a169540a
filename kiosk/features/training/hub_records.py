"""The training page's read model (`training_records`, hub migration h0024, #15): a row per
training record, refolded in the push transaction with the kiosks' own `fold_training`.

The page folded every `training.*` event of every station on each view (~4.4 s at 2,000
stations): a certificate is a state over all time, so no range bounded the read. Now a record's
row keeps its fields as corrected and its events (`kiosk.platform.hub.aggregates`: a correction
or a void arriving in a later push, from another kiosk, refolds the whole record), and the page
reads one OFFSET-bounded page of rows in SQL, ordered by station, expiry and the volunteer's
number (joined from the roster's read model), its totals a SQL count.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select, true
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.features.training.domain import FIRST_AID_KINDS, WARN_DAYS, fold_training
from kiosk.platform.hub import aggregates
from kiosk.platform.hub.aggregates import among
from kiosk.platform.hub.models import HubTrainingRecord, RosterEntry
from kiosk.platform.hub.web_reports import StationCounts, station_counts, station_window

# The page read events from this day on (a kiosk whose clock said 1970 wrote what it never
# showed): the fold leaves out the same events, so the page shows what it showed.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
CSV_ROWS = 1000  # rows read at once while the CSV streams

_EMPTY: dict[str, Any] = {
    "listed": False,
    "volunteer_id": None,
    "kind": None,
    "trained_on": None,
    "trainer": None,
    "certificate_no": None,
    "expires_on": None,
}


def record_row(_station: str, _training: str, events: list[Event]) -> dict[str, Any]:
    """A record's columns by the kiosks' fold (agreed order; a void is final)."""
    state = fold_training([e for e in events if e.occurred_at >= EPOCH])
    if state is None:
        return dict(_EMPTY)
    return {
        "listed": not state.voided,
        "volunteer_id": state.volunteer_id,
        "kind": state.kind,
        "trained_on": state.trained_on.isoformat(),
        "trainer": state.trainer,
        "certificate_no": state.certificate_no,
        "expires_on": None if state.expires_on is None else state.expires_on.isoformat(),
    }


TRAINING_RECORDS = aggregates.read_model(
    "training_records",
    ("training.",),
    "training_id",
    record_row,
    lambda e: str(e.payload.get("training_id")),
)


# --- what the page reads ---------------------------------------------------------------------


def _where(session: Session, stations: list[str] | None, today: date, attention: bool) -> list[Any]:
    """Listed records at `stations` (None: every station), of those to attend to or all."""
    t = HubTrainingRecord
    where = [t.listed == true()]
    if stations is not None:
        where.append(among(session.connection(), t.station_id, stations))
    if attention:  # expired or expiring: a last day within WARN_DAYS (no expiry is valid)
        where.append(t.expires_on <= (today + timedelta(days=WARN_DAYS)).isoformat())
    return where


def _lines(
    session: Session, stations: list[str] | None, today: date, attention: bool
) -> Select[*tuple[Any, ...]]:
    """The lines in the page's order: station, expiry (none last), the volunteer's number
    (the roster's clear column), volunteer, certificate, then the record for a stable order."""
    t, r = HubTrainingRecord, RosterEntry
    number = func.coalesce(r.number, "")
    return (
        select(
            t.station_id,
            t.volunteer_id,
            number,
            t.kind,
            t.trained_on,
            t.trainer,
            t.certificate_no,
            t.expires_on,
        )
        .outerjoin(r, (r.station_id == t.station_id) & (r.volunteer_id == t.volunteer_id))
        .where(*_where(session, stations, today, attention))
        .order_by(
            t.station_id,
            t.expires_on.is_(None),
            t.expires_on,
            number,
            t.volunteer_id,
            t.certificate_no,
            t.training_id,
        )
    )


Row = tuple[str, str, str, str, str, str, str, str | None]


def line_counts(
    session: Session, stations: list[str] | None, today: date, attention: bool
) -> StationCounts:
    """The lines per station (their sum is the page's total)."""
    where = _where(session, stations, today, attention)
    return station_counts(session, HubTrainingRecord.station_id, where)


def page_rows(
    session: Session,
    stations: list[str] | None,
    today: date,
    attention: bool,
    counts: StationCounts,
    offset: int,
    size: int,
) -> list[Row]:
    """One page of lines, as (station, volunteer, number, kind, trained on, trainer,
    certificate, expires on): only the page's stations' lines sorted (`counts` says which)."""
    shown, skip = station_window(counts, offset, size)
    if not shown:
        return []
    query = _lines(session, shown, today, attention).offset(skip).limit(size)
    return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def all_rows(
    session: Session, stations: list[str] | None, today: date, attention: bool
) -> Iterator[list[Row]]:
    """Every line in order, CSV_ROWS at a time (the CSV: never cut, never whole in memory)."""
    query = _lines(session, stations, today, attention).execution_options(yield_per=CSV_ROWS)
    for chunk in session.execute(query).partitions():
        yield [tuple(row) for row in chunk]  # type: ignore[misc]


def first_aiders(session: Session, stations: list[str], today: date) -> dict[str, int]:
    """Per station, its volunteers with a first-aid record not expired (the page's count)."""
    t = HubTrainingRecord
    if not stations:
        return {}
    query = (
        select(t.station_id, func.count(t.volunteer_id.distinct()))
        .where(
            t.listed == true(),
            among(session.connection(), t.station_id, stations),
            t.kind.in_(sorted(FIRST_AID_KINDS)),
            or_(t.expires_on.is_(None), t.expires_on >= today.isoformat()),
        )
        .group_by(t.station_id)
    )
    return {str(s): int(n) for s, n in session.execute(query)}
