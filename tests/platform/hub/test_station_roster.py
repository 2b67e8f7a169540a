"""The roster as a read model (`station_roster`, #15, h0019), on SQLite and PostgreSQL.

Two kiosks of a station push a volunteer's registrations, PINs, (de)activations, a badge and a
team-leader account out of order and twice; the centre adds its own events. The live rows equal
a rebuild from the log; the hub's views answer from them (`station_member`, the centre's names);
a volunteer's erasure scrubs the roster's copy of an old clear registration as the log's, and
the rows still equal a rebuild. A hub upgraded from h0017 fills the roster from its events
exactly as the fold would (no rebuild), and h0019 goes down."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, text

from kiosk.core.clock import FixedClock
from kiosk.core.secrets import hash_secret
from kiosk.features.privacy.hub import erase_volunteer
from kiosk.features.volunteers.hub import roster_names, station_member
from kiosk.hub_app import create_app
from kiosk.platform.hub import read_models
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.models import HubEvent, RosterEntry
from tests.platform.hub.conftest import STATION, Hub, Kiosk, wire_event
from tests.platform.hub.test_hub_station_names import migrate

AT = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
NAME, PHONE = "王芳", "13800000001"
SOUTH_PIN, NORTH_PIN = hash_secret("2468"), hash_secret("1357")


def _rows(hub_or_app: Any) -> list[tuple[Any, ...]]:
    with hub_or_app.state.database.read() as session:
        found = session.execute(select(RosterEntry).order_by(RosterEntry.volunteer_id)).scalars()
        return [(r.station_id, r.volunteer_id, r.number, r.events) for r in found]


def _event(kiosk: Kiosk, kind: str, payload: dict[str, Any], minutes: int) -> dict[str, Any]:
    event = wire_event(kiosk.kiosk_id, len(kiosk.events) + 1, kind=kind, payload=payload)
    event["occurred_at"] = (AT + timedelta(minutes=minutes)).isoformat()
    kiosk.events.append(event)
    return event


def test_the_roster_kept_live_equals_a_rebuild_and_an_erasure_reaches_it(hub: Hub) -> None:
    south, north = hub.enrol("k-south"), hub.enrol("k-north")
    old = {"volunteer_id": "v-1", "name": NAME, "number": "FZB-0001", "phone": PHONE}
    renumbered = {**old, "number": "FZB-0009"}
    li = {"volunteer_id": "v-2", "name": "李强", "number": "FZB-0002", "phone": "13800000002"}
    zhao = {"volunteer_id": "v-3", "name": "赵磊", "number": "FZB-0002", "phone": "13800000003"}
    leader = {
        "account_id": "tl-v-1",
        "name": "FZB-0001",
        "role": "team_leader",
        "pin_hash": SOUTH_PIN,
        "active": True,
    }
    early = [
        _event(south, "volunteer.registered", old, 0),
        _event(south, "volunteer.pin_set", {"volunteer_id": "v-1", "pin_hash": SOUTH_PIN}, 5),
        _event(south, "volunteer.registered", li, 6),
        _event(south, "admin.account_set", leader, 7),
    ]
    late = [  # north's: pushed first, though some happened earlier, and then again (resent)
        _event(north, "volunteer.pin_set", {"volunteer_id": "v-1", "pin_hash": NORTH_PIN}, 2),
        _event(north, "volunteer.deactivated", {"volunteer_id": "v-2"}, 8),
        _event(north, "volunteer.registered", renumbered, 9),
        _event(north, "volunteer.registered", zhao, 10),  # 李强's number given again
    ]
    for kiosk, events in ((north, late), (south, early), (north, late)):
        pushed = kiosk.push(events)
        assert pushed.status_code == 200
        assert {r["status"] for r in pushed.json()["results"]} <= {"applied", "duplicate"}
    badge = hub.client.post(
        "/v1/admin/badges", json={"station_id": STATION, "volunteer_id": "v-1"}, headers=hub.admin
    )
    assert badge.status_code == 201

    live = _rows(hub.app)
    assert [(r[1], r[2], len(r[3])) for r in live] == [
        ("v-1", "FZB-0009", 6),
        ("v-2", "FZB-0002", 2),
        ("v-3", "FZB-0002", 1),
    ]
    kinds = [e["kind"] for e in live[0][3]]  # the agreed order, not the arrival's
    assert kinds == [
        "volunteer.registered",
        "volunteer.pin_set",
        "volunteer.pin_set",
        "admin.account_set",
        "volunteer.registered",
        "badge.issued",
    ]
    database = hub.app.state.database
    assert station_member(database, STATION, "FZB-0001") is None  # renumbered since
    member = station_member(database, STATION, "FZB-0009")
    assert member is not None and (member.name, member.pin_hash, member.active) == (
        NAME,
        SOUTH_PIN,  # set at 01:05, after north's of 01:02 (which arrived first)
        True,
    )
    again = station_member(database, STATION, "FZB-0002")  # the later registration of it
    assert again is not None and (again.volunteer_id, again.name, again.active) == (
        "v-3",
        "赵磊",
        True,
    )
    with database.read() as session:
        assert {v: m.number for v, m in roster_names(session, [STATION]).items()} == {
            "v-1": "FZB-0009",
            "v-2": "FZB-0002",
            "v-3": "FZB-0002",
        }
        # A page names only the people its lines show: the same names, no one else's.
        assert {v: m.number for v, m in roster_names(session, [STATION], {"v-2"}).items()} == {
            "v-2": "FZB-0002"
        }
        assert roster_names(session, [STATION], set()) == {}
    read_models.rebuild(database, hub.app.state.settings)
    assert _rows(hub.app) == live

    state = hub.app.state
    erase_volunteer(database, state.vault, FixedClock(AT), STATION, "FZB-0009", "boss")
    erased = _rows(hub.app)
    assert NAME not in str(erased) and PHONE not in str(erased) and "李强" in str(erased)
    with database.read() as session:
        logged = session.scalars(select(HubEvent.payload)).all()
    assert NAME not in str(logged) and PHONE not in str(logged)
    read_models.rebuild(database, hub.app.state.settings)
    assert _rows(hub.app) == erased  # the roster's copy scrubbed exactly as the log's


def test_a_hub_upgraded_past_h0017_fills_the_roster_from_its_events(
    settings: Any, database_url: str
) -> None:
    registered = {"volunteer_id": "v-old", "name": NAME, "number": "FZB-0001", "phone": PHONE}
    pin = {"volunteer_id": "v-old", "pin_hash": SOUTH_PIN}
    rows = [
        ("volunteer.registered", "k-old", AT, registered),
        ("volunteer.pin_set", "k-old", AT + timedelta(minutes=1), pin),
        ("badge.lifetime_set", "k-old", AT, {"setting": "badge_lifetime", "days": 90}),  # not its
        ("volunteer.deactivated", "k-new", AT - timedelta(minutes=1), {"volunteer_id": "v-old"}),
    ]
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0017")
        with engine.begin() as db:
            for seq, (kind, kiosk_id, at, payload) in enumerate(rows, 1):
                db.execute(
                    HubEvent.__table__.insert().values(
                        id=f"r-{seq}",
                        station_id=STATION,
                        kiosk_id=kiosk_id,
                        seq=seq,
                        kind=kind,
                        occurred_at=at,
                        received_at=at,
                        actor=None,
                        payload=payload,
                    )
                )
    finally:
        engine.dispose()
    app = create_app(settings)  # h0019 fills the roster; no rebuild (READ_MODELS_REVISION)
    try:
        filled = _rows(app)
        assert [(r[1], r[2], [e["id"] for e in r[3]]) for r in filled] == [
            ("v-old", "FZB-0001", ["r-4", "r-1", "r-2"])  # the agreed order
        ]
        member = station_member(app.state.database, STATION, "FZB-0001")
        assert member is not None and (member.name, member.pin_hash) == (NAME, SOUTH_PIN)
        read_models.rebuild(app.state.database, app.state.settings)
        assert _rows(app) == filled
    finally:
        app.state.database.dispose()
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0017", down=True)
        with engine.begin() as db:
            assert db.execute(text("SELECT count(*) FROM events")).scalar() == 4
            gone = (
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'station_roster'"
            )
            if engine.dialect.name == "postgresql":
                assert db.execute(text(gone)).scalar() == 0
    finally:
        engine.dispose()


def test_two_kiosks_pushing_one_roster_at_once_keep_every_event(hub: Hub) -> None:
    """Both exits push PIN changes of the same volunteers at the same time, in batches: each
    row ends holding every event of its volunteer (on PostgreSQL the second push waits for the
    first's row lock, then merges), and equals a rebuild."""
    south, north = hub.enrol("k-race-s"), hub.enrol("k-race-n")
    people = 12
    registered = [
        _event(
            south,
            "volunteer.registered",
            {"volunteer_id": f"v-{n}", "name": f"志愿者{n}", "number": f"R-{n:03d}"},
            0,
        )
        for n in range(people)
    ]
    assert south.push(registered).status_code == 200
    for kiosk, pin in ((south, SOUTH_PIN), (north, NORTH_PIN)):
        for round_ in range(10):
            for n in range(people):
                payload = {"volunteer_id": f"v-{n}", "pin_hash": pin}
                _event(kiosk, "volunteer.pin_set", payload, 1 + round_)

    def push_all(kiosk: Kiosk, events: list[dict[str, Any]]) -> None:
        with httpx.Client(base_url=str(hub.client.base_url), timeout=60) as client:
            for i in range(0, len(events), 20):
                body = {"kiosk_id": kiosk.kiosk_id, "events": events[i : i + 20]}
                response = client.post("/v1/sync/push", json=body, headers=kiosk.auth)
                assert response.status_code == 200, response.text

    with ThreadPoolExecutor(2) as pool:
        done = [
            pool.submit(push_all, south, south.events[people:]),
            pool.submit(push_all, north, north.events),
        ]
        for one in done:
            one.result()

    rows = _rows(hub.app)
    assert [(r[1], len(r[3])) for r in rows] == sorted((f"v-{n}", 21) for n in range(people))
    read_models.rebuild(hub.app.state.database, hub.app.state.settings)
    assert _rows(hub.app) == rows
