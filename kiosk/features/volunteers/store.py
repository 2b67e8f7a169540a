"""The volunteers feature's store: its tables, their projector (by kind family), reads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import NamedTuple

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Boolean, Date, Integer, String, bindparam, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.core.words import PERSONAL_DATA
from kiosk.features.volunteers.domain.events import scrubbed_registration
from kiosk.features.volunteers.domain.folds import fold_volunteer, latest_pin_hash
from kiosk.features.volunteers.domain.roster import Roster, RosterEntry
from kiosk.features.volunteers.domain.serials import (
    DEFAULT_LIFETIME_DAYS,
    LIFETIME_SETTING,
    BadgeState,
    BadgeStatus,
    fold_badges,
    fold_lifetime,
)
from kiosk.platform.store.models import (
    Base,
    ConfigItemRow,
    ErasedSubjectRow,
    EventRow,
    SubjectKeyRow,
    UTCDateTime,
)
from kiosk.platform.store.projections import ConfigApplier, Projector, foldable, upsert
from kiosk.platform.store.vault import Vault, vault_of


class VolunteerRow(Base):
    """Projection: the roster."""

    __tablename__ = "volunteers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    number: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(15), index=True)  # "" when sealed
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The registration's sealed name and phone (privacy.md); `name` holds the name opened.
    sealed: Mapped[str | None] = mapped_column(String(2048))
    # The centre's one-time setup code: its hash, last moment, when a PIN used it (docs/hub.md).
    setup_hash: Mapped[str | None] = mapped_column(String(200))
    setup_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    setup_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class BadgeRow(Base):
    """Projection: every badge serial of the station and its state (folded per volunteer)."""

    __tablename__ = "badges"

    serial: Mapped[str] = mapped_column(String(10), primary_key=True)
    volunteer_id: Mapped[str] = mapped_column(String(64), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_on: Mapped[date] = mapped_column(Date())
    kiosk_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # BadgeStatus
    revoked_reason: Mapped[str | None] = mapped_column(String(16))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class BadgeLogRow(Base):
    """Projection: one row per badge issued or revoked, for the admin's log review."""

    __tablename__ = "badge_log"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    action: Mapped[str] = mapped_column(String(16))  # issued | revoked
    serial: Mapped[str] = mapped_column(String(10))
    volunteer_id: Mapped[str] = mapped_column(String(64), index=True)
    detail: Mapped[str] = mapped_column(String(32))  # the expiry, or the revocation's reason
    kiosk_id: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str | None] = mapped_column(String(64))


class BadgeSettingRow(Base):
    """Projection: the station's badge settings (the lifetime, in days)."""

    __tablename__ = "badge_settings"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (VolunteerRow, BadgeRow, BadgeLogRow, BadgeSettingRow)


# In place of an erased volunteer's name (their phone becomes ""): docs/privacy.md.
ERASED_NAME = " / ".join(PERSONAL_DATA["erased"])


def _erased(session: Session, volunteer_ids: set[str]) -> set[str]:
    """Those of `volunteer_ids` the centre erased (a `privacy.erased` folded here)."""
    if not volunteer_ids:
        return set()
    return set(
        session.scalars(
            select(ErasedSubjectRow.subject).where(ErasedSubjectRow.subject.in_(volunteer_ids))
        )
    )


def erase_volunteers(session: Session, volunteer_ids: set[str]) -> int:
    """Blank the name and phone of these volunteers (their erasure, folded); the number, the
    PIN hash and every record under their id stay. Returns rows changed."""
    if not volunteer_ids:
        return 0
    done = session.execute(
        update(VolunteerRow)
        .where(VolunteerRow.id.in_(volunteer_ids))
        .values(name=ERASED_NAME, phone="")
    )
    return int(done.rowcount or 0)  # type: ignore[attr-defined]


def _open_name(session: Session, values: dict[str, object]) -> None:
    """The row keeps the name in clear, opened from the registration's sealed value as the
    event is folded (the log holds only the sealed one). A key unknown here or destroyed reads
    as erased, and a rebuild after the erasure cannot bring the name back (docs/privacy.md)."""
    sealed = values.get("sealed")
    if values.get("name") or not sealed:
        return
    fields = vault_of(session).open(session, str(sealed))
    values["name"] = str((fields or {}).get("name") or "") or ERASED_NAME


def scrub_registrations(session: Session, volunteer_ids: set[str]) -> int:
    """Take the clear name and phone out of these volunteers' registrations written before
    sealing (the centre's erasure, folded): the one place the log is rewritten, for old events
    only, the same way the hub does (`scrubbed_registration`). Returns events changed."""
    if not volunteer_ids:
        return 0
    rows = session.execute(
        select(EventRow.id, EventRow.payload).where(
            EventRow.kind == "volunteer.registered", EventRow.aggregate_id.in_(volunteer_ids)
        )
    ).all()
    changed = 0
    for event_id, payload in rows:
        scrubbed = scrubbed_registration(json.loads(payload))
        if scrubbed is not None:
            text = json.dumps(scrubbed, ensure_ascii=False, separators=(",", ":"))
            session.execute(update(EventRow).where(EventRow.id == event_id).values(payload=text))
            changed += 1
    return changed


def _project_volunteer(session: Session, events: list[Event]) -> object:
    published = _published_roster(session)
    volunteer_id = str(events[0].payload["volunteer_id"])
    entry = published.entries.get(volunteer_id) if published else None
    values = _volunteer_values(events, entry, published.at if published else None)
    if values is not None:
        if _erased(session, {volunteer_id}):  # a later event must not bring the name back
            values.update(name=ERASED_NAME, phone="")
        _open_name(session, values)
        upsert(session, VolunteerRow.__table__, "id", values)  # type: ignore[arg-type]
    return fold_volunteer(events)


@dataclass(frozen=True)
class _Published:
    """The roster the volunteers projection is overlaid with, and when the hub published it."""

    entries: dict[str, RosterEntry]
    at: datetime


def _published_roster(session: Session) -> _Published | None:
    """The latest roster the hub published for this station (None before any pull)."""
    row = session.execute(  # columns, not the entity: never a stale identity-mapped row
        select(ConfigItemRow.body, ConfigItemRow.published_at)
        .where(ConfigItemRow.kind == "roster")
        .order_by((ConfigItemRow.scope == "*").asc())  # a station's own beats a global one
    ).first()
    if row is None:
        return None
    try:
        roster = Roster.model_validate_json(row.body)
    except PydanticValidationError:
        return None  # a malformed publication changes nothing (the hub validates too)
    return _Published({entry.volunteer_id: entry for entry in roster.volunteers}, row.published_at)


def published_roster(session: Session) -> dict[str, RosterEntry]:
    """The latest roster the hub published for this station (empty before any pull)."""
    published = _published_roster(session)
    return published.entries if published else {}


def _volunteer_values(
    events: list[Event], entry: RosterEntry | None, published_at: datetime | None
) -> dict[str, object] | None:
    """One volunteers row from the volunteer's events and the published roster, nothing else
    (None: neither knows the volunteer).

    The hub's roster is authoritative for the volunteers it lists (a PIN hash only when it
    gives one; otherwise the PIN last set here counts); what the row held before never counts,
    so every kiosk holding the same events and the same roster writes the same row, whatever
    order they arrived in.
    """
    state = fold_volunteer(events)
    if state is None and entry is None:
        return None
    values: dict[str, object] = (
        asdict(state)
        if state
        else {
            "pin_hash": latest_pin_hash(events),
            "registered_at": published_at,
            "phone": "",  # the roster carries no phone (docs/hub.md)
            "sealed": None,
        }
    )
    if entry is not None:
        # The published name, number and state count; the phone stays the registration's.
        values.update(
            id=entry.volunteer_id, name=entry.name, number=entry.number, active=entry.active
        )
        if entry.pin_hash is not None:
            values["pin_hash"] = entry.pin_hash
    return values


_VOLUNTEER_EVENTS = select(
    EventRow.id,
    EventRow.kind,
    EventRow.station_id,
    EventRow.kiosk_id,
    EventRow.seq,
    EventRow.occurred_at,
    EventRow.actor,
    EventRow.payload,
    EventRow.aggregate_id,
).where(EventRow.kind.startswith("volunteer."))


def apply_roster(session: Session) -> int:
    """Overlay the published roster on the volunteers projection; returns entries applied.

    Each listed volunteer's row is folded again from their events with the roster laid over it
    (a roster is pulled rarely; a station lists at most some thousands).
    """
    published = _published_roster(session)
    if published is None:
        return 0
    by_volunteer: dict[str, list[Event]] = {}
    for row in session.connection().execute(_VOLUNTEER_EVENTS):
        if row.aggregate_id in published.entries:
            event = Event(
                id=row.id,
                kind=row.kind,
                station_id=row.station_id,
                kiosk_id=row.kiosk_id,
                seq=row.seq,
                occurred_at=row.occurred_at,
                actor=row.actor,
                payload=json.loads(row.payload),
            )
            if foldable(event):
                by_volunteer.setdefault(row.aggregate_id, []).append(event)
    erased = _erased(session, set(published.entries))
    for volunteer_id, entry in published.entries.items():
        values = _volunteer_values(by_volunteer.get(volunteer_id, []), entry, published.at)
        assert values is not None  # listed: the roster knows them
        if volunteer_id in erased:
            values.update(name=ERASED_NAME, phone="")
        _open_name(session, values)
        upsert(session, VolunteerRow.__table__, "id", values)  # type: ignore[arg-type]
    return len(published.entries)


def _project_badges(session: Session, events: list[Event]) -> object:
    """One volunteer's badges (or the station's lifetime setting): rows rewritten from the
    events alone, so every kiosk holding them writes the same."""
    if events[0].kind == "badge.lifetime_set":
        days = fold_lifetime(events)
        upsert(
            session,
            BadgeSettingRow.__table__,  # type: ignore[arg-type]
            "name",
            {"name": LIFETIME_SETTING, "value": days},
        )
        return days
    states = fold_badges(events)
    for state in states:
        values = asdict(state)
        values["status"] = state.status.value
        upsert(session, BadgeRow.__table__, "serial", values)  # type: ignore[arg-type]
    for event in events:
        issued = event.kind == "badge.issued"
        upsert(
            session,
            BadgeLogRow.__table__,  # type: ignore[arg-type]
            "event_id",
            {
                "event_id": event.id,
                "at": event.occurred_at,
                "action": "issued" if issued else "revoked",
                "serial": str(event.payload["serial"]),
                "volunteer_id": str(event.payload["volunteer_id"]),
                "detail": str(event.payload["expires_on" if issued else "reason"]),
                "kiosk_id": event.kiosk_id,
                "actor": event.actor,
            },
        )
    return states


PROJECTORS: dict[str, Projector] = {"volunteer.": _project_volunteer, "badge.": _project_badges}
# A roster published on the hub is laid over the volunteers projection when it is pulled.
CONFIG_APPLIERS: dict[str, ConfigApplier] = {"roster": apply_roster}


# --- reads --------------------------------------------------------------------------------------


def volunteer(session: Session, volunteer_id: str) -> VolunteerRow | None:
    return session.get(VolunteerRow, volunteer_id)


class VolunteerFacts(NamedTuple):
    """What a check-in needs of a volunteer, read without the ORM (a scan's hot path)."""

    id: str
    name: str
    number: str
    phone: str
    active: bool


_VOLUNTEER_FACTS = select(
    VolunteerRow.id, VolunteerRow.name, VolunteerRow.number, VolunteerRow.phone, VolunteerRow.active
).where(VolunteerRow.id == bindparam("id"))


def volunteer_facts(session: Session, volunteer_id: str) -> VolunteerFacts | None:
    """As `volunteer`, as plain values: a Core row costs a fifth of an ORM load
    (docs/performance.md, "The check-in path")."""
    row = session.connection().execute(_VOLUNTEER_FACTS, {"id": volunteer_id}).one_or_none()
    return None if row is None else VolunteerFacts(*row)


def volunteer_by_phone(session: Session, phone: str, vault: Vault) -> VolunteerRow | None:
    """The volunteer with this phone (an active one first, then the latest registered).

    A sealed phone has no index: the station's sealed phones are opened and compared, as a
    loan's phone is (some thousand AES-GCM opens at most; docs/privacy.md, "Volunteers")."""
    order = (VolunteerRow.active.desc(), VolunteerRow.registered_at.desc())
    clear = session.scalars(
        select(VolunteerRow).where(VolunteerRow.phone == phone).order_by(*order).limit(1)
    ).first()
    if clear is not None and clear.active:
        return clear
    # One query for the rows and their wrapped keys (an erased one has none: skipped).
    sealed = session.execute(
        select(
            VolunteerRow.id,
            VolunteerRow.sealed,
            SubjectKeyRow.wrapped,
            VolunteerRow.active,
            VolunteerRow.registered_at,
        )
        .join(SubjectKeyRow, SubjectKeyRow.subject == VolunteerRow.id)
        .where(VolunteerRow.sealed.is_not(None))
        .order_by(*order)
    )
    for volunteer_id, value, wrapped, active, registered_at in sealed:
        fields = vault.open_with(wrapped, value or "")
        if fields is None or fields.get("phone") != phone:
            continue
        if clear is None or active or registered_at > clear.registered_at:
            return session.get(VolunteerRow, volunteer_id)
        break  # the inactive clear registration is the later one
    return clear


def volunteer_by_number(session: Session, number: str) -> VolunteerRow | None:
    """The volunteer with this number (an active one first, then the latest registered)."""
    return session.scalars(
        select(VolunteerRow)
        .where(VolunteerRow.number == number)
        .order_by(VolunteerRow.active.desc(), VolunteerRow.registered_at.desc())
        .limit(1)
    ).first()


def phone_of(session: Session, row: VolunteerRow, vault: Vault) -> str:
    """A volunteer's phone: opened from its sealed value ("" once erased), else as held."""
    if not row.sealed:
        return row.phone
    fields = vault.open(session, row.sealed)
    return "" if fields is None else str(fields.get("phone") or "")


def volunteers(session: Session) -> Sequence[VolunteerRow]:
    return session.scalars(select(VolunteerRow).order_by(VolunteerRow.number)).all()


def badge(session: Session, serial: str) -> BadgeRow | None:
    return session.get(BadgeRow, serial)


_BADGE_STATE = select(
    BadgeRow.serial,
    BadgeRow.volunteer_id,
    BadgeRow.secret_hash,
    BadgeRow.issued_at,
    BadgeRow.expires_on,
    BadgeRow.kiosk_id,
    BadgeRow.status,
    BadgeRow.revoked_reason,
    BadgeRow.revoked_at,
).where(BadgeRow.serial == bindparam("serial"))


def badge_state(session: Session, serial: str) -> BadgeState | None:
    """A serial's state, read without the ORM: what every badge scan asks first."""
    row = session.connection().execute(_BADGE_STATE, {"serial": serial}).one_or_none()
    if row is None:
        return None
    return BadgeState(*row[:6], BadgeStatus(row.status), row.revoked_reason, row.revoked_at)


def badges_of(session: Session, volunteer_id: str) -> Sequence[BadgeRow]:
    """A volunteer's serials, newest first."""
    return session.scalars(
        select(BadgeRow)
        .where(BadgeRow.volunteer_id == volunteer_id)
        .order_by(BadgeRow.issued_at.desc(), BadgeRow.serial)
    ).all()


def latest_badges(session: Session) -> dict[str, BadgeRow]:
    """Each volunteer's newest serial (current, or the one that was revoked)."""
    rows = session.scalars(select(BadgeRow).order_by(BadgeRow.issued_at)).all()
    latest: dict[str, BadgeRow] = {}
    for row in rows:  # issued_at leads the agreed order: the last one per volunteer stands
        latest[row.volunteer_id] = row
    return latest


def badge_lifetime(session: Session) -> int:
    row = session.get(BadgeSettingRow, LIFETIME_SETTING)
    return DEFAULT_LIFETIME_DAYS if row is None else row.value
