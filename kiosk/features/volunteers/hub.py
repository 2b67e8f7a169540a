"""The hub part of `volunteers`: the roster is checked with the kiosks' schema before it is
published, and the hub issues volunteers' badges (POST /v1/admin/badges).

A badge for a station is a serial badge, like one printed at a kiosk: the hub writes its
`badge.issued` event into the station's feed itself (`append_hub_event`, as the station's
pseudo-kiosk `hub:<station>`), so every kiosk of the station learns of it on its next pull and
the volunteer's earlier serial stops working, under the same rules as a kiosk's reprint.
Without a station the hub still signs an old-style badge with its key (published as
"badge_public_key"), which kiosks accept until the volunteer's first serial badge."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.order import agreed_order
from kiosk.core.secrets import verify_secret
from kiosk.features.volunteers import hub_centre, hub_import, hub_roster
from kiosk.features.volunteers.config import Roster
from kiosk.features.volunteers.domain.badges import Badge, public_key_to_text, sign_badge
from kiosk.features.volunteers.domain.folds import fold_volunteer
from kiosk.features.volunteers.hub_names import ERASED_NAME as ERASED_NAME
from kiosk.features.volunteers.hub_names import registered_names
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.admin_service import AdminService
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.deps import AdminAuth
from kiosk.platform.hub.errors import NotFound
from kiosk.platform.hub.models import RosterEntry
from kiosk.platform.hub.part import CentreTab, ConfigCheck, HubPart
from kiosk.platform.hub.security import BadgeKey
from kiosk.platform.sync.protocol import BadgeOut, BadgeRequest, ErrorBody

router = APIRouter(
    prefix="/v1/admin",
    dependencies=[AdminAuth],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 404: {"model": ErrorBody}},
)


@dataclass(frozen=True)
class Member:
    """A volunteer as the centre's pages name them: name and number (工号)."""

    name: str
    number: str


def roster_names(
    session: Session, stations: list[str], volunteers: Iterable[str] | None = None
) -> dict[str, Member]:
    """The volunteers registered at `stations`, by id (the latest registration in the agreed
    order wins), so the centre's pages show people by name and number rather than by id. From
    the roster's read model: a registration of any age, whatever months were archived.

    A page passes `volunteers`, the people its lines show: every name is sealed, so naming a
    province's whole roster (40,000 registrations at 2,000 stations) to show a page of lines
    cost seconds (docs/hub.md, "The province benchmark, every page"). None: all of them."""
    latest = hub_roster.latest_registrations(session, stations, volunteers)
    names = registered_names(session, latest)
    return {v: Member(names[v], str(p.get("number", ""))) for v, p in latest.items()}


def roster_numbers(session: Session, stations: list[str]) -> dict[tuple[str, str], str]:
    """Each volunteer's number (工号) at `stations`, by (station, volunteer): a clear column of
    the roster (`station_roster.number`), so a page can sort its lines by person without
    opening a sealed name; read by station (40,000 rows at 2,000 stations cost tens of ms,
    where naming them all cost seconds)."""
    rows = session.execute(
        select(RosterEntry.station_id, RosterEntry.volunteer_id, RosterEntry.number).where(
            RosterEntry.station_id.in_(stations)
        )
    )
    return {(str(s), str(v)): str(n or "") for s, v, n in rows}


Line = TypeVar("Line")
NAMES_FIRST = 100  # names opened before a CSV's first rows (opening a sealed name costs ~0.2 ms)
NAMES_A_CHUNK = 1000  # names opened at once after them


def named_in_chunks(
    database: Database,
    lines: Iterable[Line],
    people: Callable[[Line], Iterable[tuple[str, str]]],
    chunk: int | None = None,
) -> Iterator[tuple[Line, dict[str, Member]]]:
    """Each of `lines` with the names of its people (`people`: (station, volunteer) pairs),
    opened at most `chunk` (NAMES_A_CHUNK) people at a time, the first chunk NAMES_FIRST, each
    chunk in a read of its own: a CSV of a province streams its first rows after 100 people's
    names, not after all 40,000 (docs/hub.md, "The centre's people pages"). A line with more
    people is a chunk alone."""
    most = min(chunk or NAMES_A_CHUNK, NAMES_FIRST)
    batch: list[Line] = []
    wanted: set[tuple[str, str]] = set()

    def flush() -> Iterator[tuple[Line, dict[str, Member]]]:
        with database.read() as session:
            names = roster_names(session, sorted({s for s, _ in wanted}), {v for _, v in wanted})
        for line in batch:
            yield line, names

    for line in lines:
        mine = set(people(line))
        if batch and len(wanted | mine) > most:
            yield from flush()
            batch, wanted = [], set()
            most = chunk or NAMES_A_CHUNK
        batch.append(line)
        wanted |= mine
    if batch:
        yield from flush()


@dataclass(frozen=True)
class StationMember:
    """A station's volunteer as the hub knows them from the events its kiosks sent: for the
    pages a volunteer signs in to with their number and PIN (the same PIN as at a kiosk)."""

    volunteer_id: str
    name: str
    number: str
    pin_hash: str | None
    active: bool

    def pin_matches(self, pin: str) -> bool:
        return self.pin_hash is not None and verify_secret(pin, self.pin_hash)


def station_member(database: Database, station_id: str, number: str) -> StationMember | None:
    """The station's volunteer with this number, or None: folded as the kiosks fold them
    (`fold_volunteer`) from the roster's read model. Two volunteers given one number: the
    one whose registration came last in the agreed order."""
    with database.read() as session:
        found = hub_roster.numbered(session, station_id, number)
        registrations = agreed_order(
            [e for events in found.values() for e in events if e.kind == "volunteer.registered"]
        )
        if not registrations:
            return None
        volunteer_id = str(registrations[-1].payload.get("volunteer_id"))
        state = fold_volunteer(hub_roster.of_kind(found[volunteer_id], "volunteer."))
        assert state is not None  # it holds that registration
        latest = {volunteer_id: {"name": state.name, "sealed": state.sealed}}
        name = registered_names(session, latest)[volunteer_id]
    return StationMember(volunteer_id, name, number, state.pin_hash, state.active)


def issue_badge(key: BadgeKey, clock: Clock, volunteer_id: str) -> BadgeOut:
    """A badge for `volunteer_id`, issued today, signed with the hub's key."""
    badge = Badge(volunteer_id, key.key_id, clock.now().date())
    return BadgeOut(
        volunteer_id=volunteer_id, key_id=key.key_id, token=sign_badge(badge, key.private())
    )


def issue_serial_badge(
    database: Database, clock: Clock, station_id: str, volunteer_id: str
) -> BadgeOut:
    """A serial badge for a volunteer of `station_id`, valid for the station's badge lifetime
    (the latest `badge.lifetime_set` its kiosks sent)."""
    with database.write() as session:
        if repo.get_station(session, station_id) is None:
            raise NotFound(
                f"station {station_id} not found",
                reason="station_not_found",
                reason_zh="站点不存在",
            )
        return hub_centre.issue_serial_in(
            session, station_id, volunteer_id, clock.now(), "hub_admin"
        )


@router.post("/badges", status_code=201)
async def issue_badge_route(body: BadgeRequest, request: Request) -> BadgeOut:
    state = request.app.state
    if body.station_id is not None:
        return await run_in_threadpool(
            issue_serial_badge, state.database, state.clock, body.station_id, body.volunteer_id
        )
    return await run_in_threadpool(issue_badge, state.badge_key, state.clock, body.volunteer_id)


def publish_badge_key(app: FastAPI) -> None:
    """Publish the hub's badge public key (global config) unless already the latest."""
    key: BadgeKey = app.state.badge_key
    admin: AdminService = app.state.admin_service
    body = {"keys": {key.key_id: public_key_to_text(key.public())}}
    admin.ensure_published("badge_public_key", None, body)


HUB_PART = HubPart(
    routers=(router, hub_import.router, hub_centre.router),
    configs={"roster": ConfigCheck(Roster.model_validate, "志愿者名单")},
    start=publish_badge_key,
    templates="kiosk.features.volunteers",
    words={**hub_centre.WORDS, **hub_import.WORDS},
    centre_tabs=(CentreTab("volunteers", "/centre/volunteers", rank=19),),
    read_models=(hub_roster.STATION_ROSTER,),
)
