"""The daily check on the centre's alerts page from its read model `aed_last_checks` (#15), over
real HTTP against a real hub (SQLite and PostgreSQL): the check shown is the one the kiosks'
`latest_check` picks from all the station's checks, whatever order they arrive in, after a
rebuild, and on a hub upgraded from before the table (h0016 fills it from the events)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select

from kiosk.core.ids import new_id
from kiosk.features.medicine.hub import latest_check
from kiosk.hub_app import create_app
from kiosk.platform.hub import read_models
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.hub_events import to_domain
from kiosk.platform.hub.models import AedLastCheck, HubEvent
from tests.platform.hub.conftest import Hub, wire_event
from tests.platform.hub.test_hub_station_names import migrate
from tests.platform.hub.test_web_alerts import NOW, OTHER, alerts_hub, browser

__all__ = ["alerts_hub"]


def check(light: str, day: str = "2026-11-20", pads: str = "2028-01-01") -> dict[str, Any]:
    return {
        "check_id": new_id(),
        "day": day,
        "box_checked": True,
        "light": light,
        "pads_expiry": pads,
        "battery_expiry": "2029-01-01",
        "volunteer_id": "v-1",
    }


def aed_lines(boss: httpx.Client) -> list[str]:
    """The daily check's lines of the south exit's station on the CSV export."""
    csv = boss.get("/centre/alerts", params={"format": "csv", "station": OTHER})
    assert csv.status_code == 200, csv.text
    return sorted(line.split(",")[2] for line in csv.text.splitlines()[1:] if ",aed," in line)


def push(hub: Hub, kiosk_id: str, events: list[tuple[dict[str, Any], datetime]]) -> None:
    kiosk = hub.enrol(kiosk_id, station_id=OTHER)
    wire = [
        wire_event(kiosk_id, n, station_id=OTHER, kind="aed.checked", payload=p, occurred_at=at)
        for n, (p, at) in enumerate(events, 1)
    ]
    reply = kiosk.push(wire)
    assert reply.status_code == 200, reply.text
    assert all(r["status"] == "applied" for r in reply.json()["results"]), reply.text


def test_the_page_shows_the_latest_check_whatever_order_checks_arrive_in(
    alerts_hub: Hub,
) -> None:
    boss = browser(alerts_hub, "boss")
    try:
        # This morning's check at the south exit: the light is red.
        push(alerts_hub, "k-south", [(check("red"), NOW - timedelta(hours=2))])
        assert aed_lines(boss) == ["aed_light"]
        # The north exit, offline since yesterday, sends yesterday's green check: older,
        # so the red light stands.
        yesterday = check("green", day="2026-11-19", pads="2026-12-01")
        push(alerts_hub, "k-north", [(yesterday, NOW - timedelta(days=1))])
        assert aed_lines(boss) == ["aed_light"]
        # A later check, green with pads expiring soon, replaces it.
        push(alerts_hub, "k-east", [(check("green", pads="2026-12-01"), NOW - timedelta(hours=1))])
        assert aed_lines(boss) == ["aed_pads"]
        with alerts_hub.app.state.database.read() as session:
            events = [
                to_domain(e)
                for e in session.scalars(select(HubEvent).where(HubEvent.kind == "aed.checked"))
            ]
            held = session.scalars(select(AedLastCheck)).one()
        assert latest_check(events) == latest_check([e for e in events if e.id == held.event_id])
        read_models.rebuild(alerts_hub.app.state.database, alerts_hub.app.state.settings)
        assert aed_lines(boss) == ["aed_pads"]
    finally:
        boss.close()


def test_a_hub_upgraded_past_h0016_fills_the_latest_checks_from_its_events(
    settings: Any, database_url: str
) -> None:
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0015")
        rows = [
            ("k-a", 1, NOW - timedelta(days=2), check("green", day="2026-11-18")),
            ("k-b", 1, NOW - timedelta(hours=3), check("red")),
            ("k-a", 2, NOW - timedelta(days=1), check("green", day="2026-11-19")),
        ]
        with engine.begin() as db:
            for kiosk, seq, at, payload in rows:
                db.execute(
                    HubEvent.__table__.insert().values(
                        id=new_id(),
                        station_id=OTHER,
                        kiosk_id=kiosk,
                        seq=seq,
                        kind="aed.checked",
                        occurred_at=at,
                        received_at=at,
                        actor=None,
                        payload=payload,
                    )
                )
    finally:
        engine.dispose()
    app = create_app(settings)
    try:
        with app.state.database.read() as session:
            held = session.scalars(select(AedLastCheck)).one()
        assert (held.station_id, held.payload["light"]) == (OTHER, "red")
        assert held.occurred_at == NOW - timedelta(hours=3)
    finally:
        app.state.database.dispose()
