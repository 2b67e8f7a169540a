"""The station's roster on the hub, a read model (`station_roster`, #15; docs/hub.md, "The
roster as a read model").

The centre's volunteers pages, a badge's issue, the team-leader actions and a volunteer's
sign-in by number (`station_member`) fold a volunteer's events with the kiosks' own folds. They
read them here, one row a volunteer, not from the whole event log: the row keeps those events
whole (a volunteer has a handful: registrations, PINs, setup codes, (de)activations, badges,
their team-leader account), in the agreed order, so a view folds exactly what it folded from
the log, and a month of the log archived or dropped takes nothing from the roster. The row is
kept in the push transaction (or with the centre's own event), and refilled by a rebuild.

Personal data: only as the events hold it (names and phones sealed; an old clear registration
scrubbed by an erasure here as in the log: `rewrite`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.core.events import Event
from kiosk.core.order import agreed_order
from kiosk.features.volunteers.domain.folds import fold_volunteer
from kiosk.platform.hub.models import RosterEntry
from kiosk.platform.hub.read_models import ReadContext, ReadModel, as_event

LEADER = "tl-"  # a team leader's account id: admin.service.accounts.team_leader_id
ROSTER_KINDS = ("volunteer.", "badge.issued", "badge.revoked", "admin.account_set")


def volunteer_of(event: Event) -> str | None:
    """The volunteer an event of the roster's kinds is about (None: not a volunteer's, such as
    a station admin's account)."""
    payload = event.payload
    if event.kind == "admin.account_set":
        account = str(payload.get("account_id") or "")
        return account.removeprefix(LEADER) if account.startswith(LEADER) else None
    found = payload.get("volunteer_id")
    return str(found) if found else None


def _stored(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "station_id": event.station_id,
        "kiosk_id": event.kiosk_id,
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(),
        "actor": event.actor,
        "payload": event.payload,
    }


def number_of(events: list[Event]) -> str | None:
    """The number the volunteer's latest registration gives (the kiosks' fold), if any."""
    state = fold_volunteer([e for e in events if e.kind.startswith("volunteer.")])
    return None if state is None else state.number


def fold_roster(connection: Connection, events: list[Event], _context: ReadContext) -> None:
    """Add events just stored to their volunteers' rows (made if new), each row locked while
    it is rewritten (PostgreSQL), keys in one order for every push: two pushes touching one
    volunteer at once wait for each other, and each row ends the same whatever the order."""
    new: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        volunteer = volunteer_of(event)
        if volunteer is not None:
            new.setdefault((event.station_id, volunteer), []).append(event)
    postgres = connection.dialect.name == "postgresql"
    insert = pg_insert if postgres else sqlite_insert
    for station_id, volunteer_id in sorted(new):
        where = (RosterEntry.station_id == station_id, RosterEntry.volunteer_id == volunteer_id)
        blank = {"station_id": station_id, "volunteer_id": volunteer_id, "events": []}
        connection.execute(insert(RosterEntry).values(**blank).on_conflict_do_nothing())
        read = select(RosterEntry.events).where(*where)
        kept = [as_event(e) for e in connection.execute(read.with_for_update()).scalar_one()]
        merged = {e.id: e for e in [*kept, *new[(station_id, volunteer_id)]]}  # a resend once
        ordered = agreed_order(list(merged.values()))
        connection.execute(
            update(RosterEntry)
            .where(*where)
            .values(number=number_of(ordered), events=[_stored(e) for e in ordered])
        )


STATION_ROSTER = ReadModel("station_roster", ROSTER_KINDS, ("station_roster",), fold_roster)


def roster_events(session: Session, station_id: str) -> dict[str, list[Event]]:
    """Each volunteer's roster events at the station, in the agreed order, by id."""
    rows = session.execute(
        select(RosterEntry.volunteer_id, RosterEntry.events).where(
            RosterEntry.station_id == station_id
        )
    )
    return {str(v): [as_event(e) for e in stored] for v, stored in rows}


def numbered(session: Session, station_id: str, number: str) -> dict[str, list[Event]]:
    """As `roster_events`, of the volunteers whose latest registration gives `number`."""
    rows = session.execute(
        select(RosterEntry.volunteer_id, RosterEntry.events).where(
            RosterEntry.station_id == station_id, RosterEntry.number == number
        )
    )
    return {str(v): [as_event(e) for e in stored] for v, stored in rows}


def latest_registrations(
    session: Session, stations: Iterable[str], volunteers: Iterable[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Each volunteer's latest registration payload (agreed order) at `stations`, by id; with
    `volunteers`, only theirs (a page names the people it shows, not a province's roster)."""
    query = select(RosterEntry.events).where(RosterEntry.station_id.in_(list(stations)))
    if volunteers is not None:
        wanted = sorted(set(volunteers))
        if not wanted:
            return {}
        query = query.where(RosterEntry.volunteer_id.in_(wanted))
    rows = session.execute(query)
    latest: dict[str, dict[str, Any]] = {}
    for (stored,) in rows:
        for event in stored:
            if event["kind"] == "volunteer.registered":
                latest[str(event["payload"].get("volunteer_id"))] = event["payload"]
    return latest


def of_kind(events: list[Event], prefix: str) -> list[Event]:
    return [e for e in events if e.kind.startswith(prefix)]


def rewrite(session: Session, volunteer_id: str, payloads: Mapping[str, dict[str, Any]]) -> int:
    """Give the volunteer's stored events among `payloads` (by event id) their new payloads,
    at every station: an erasure scrubs the roster's copies exactly as the log's."""
    changed = 0
    rows = session.execute(
        select(RosterEntry.station_id, RosterEntry.events)
        .where(RosterEntry.volunteer_id == volunteer_id)
        .with_for_update()
    ).all()
    for station_id, stored in rows:
        if not any(e["id"] in payloads for e in stored):
            continue
        kept = [{**e, "payload": payloads.get(e["id"], e["payload"])} for e in stored]
        changed += sum(e["id"] in payloads for e in stored)
        session.execute(
            update(RosterEntry)
            .where(RosterEntry.station_id == station_id, RosterEntry.volunteer_id == volunteer_id)
            .values(events=kept)
        )
    return changed
