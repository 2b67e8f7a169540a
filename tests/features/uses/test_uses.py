"""Counting people served (人次): recorded uses, the day's figures, refused input, rebuilds."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import KioskError, NotFound, ValidationError
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.features.uses.domain import Audience
from kiosk.features.uses.store import ServiceUseDayRow, ServiceUseRow
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow, OutboxRow
from kiosk.platform.store.projections import projection_tables
from kiosk.platform.store.store import rebuild_projections
from kiosk.shell.context import KioskServices


def _count(services: KioskServices, model: Any) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_family_of_four_counts_four_and_is_one_event(services: KioskServices) -> None:
    assert services.uses.served_today() == 0
    recorded = services.uses.record("water", "traveller", 4)
    assert recorded.count == 4 and recorded.audience is Audience.TRAVELLER
    assert recorded.served_today == 4
    services.uses.record("water", None, 1)
    services.uses.record("rest", "rider", 2)
    assert services.uses.served_today() == 7
    lines = {(c.service_id, c.audience): (c.people, c.uses) for c in services.uses.by_service()}
    assert lines == {
        ("rest", Audience.RIDER): (2, 1),
        ("water", Audience.NONE): (1, 1),
        ("water", Audience.TRAVELLER): (4, 1),
    }
    with services.database.read() as session:
        kinds = session.scalars(select(EventRow.kind)).all()
    assert kinds == ["service.used"] * 3
    assert _count(services, OutboxRow) == 3  # each use waits for the hub


def test_uses_count_on_the_station_local_day(services: KioskServices, clock: FixedClock) -> None:
    # START is 08:30 in Shanghai; 15:59 UTC is 23:59 local, 16:01 UTC is the next local day.
    clock.set(clock.now().replace(hour=15, minute=59))
    services.uses.record("water", "courier", 3)
    assert services.uses.served_today() == 3
    clock.advance(timedelta(minutes=2))
    assert services.uses.served_today() == 0
    services.uses.record("water", "courier", 1)
    yesterday = services.uses.today() - timedelta(days=1)
    assert [c.people for c in services.uses.by_service(yesterday)] == [3]
    assert [c.people for c in services.uses.by_service()] == [1]


@pytest.mark.parametrize(
    ("service_id", "audience", "count", "error"),
    [
        ("no_such_service", "traveller", 1, NotFound),
        ("", "traveller", 1, NotFound),
        ("water", "traveller", 0, ValidationError),
        ("water", "traveller", 51, ValidationError),
        ("water", "traveller", -3, ValidationError),
        ("water", "astronaut", 1, ValidationError),
        ("water", "TRAVELLER", 1, ValidationError),
        ("water", "x" * 10_000, 1, ValidationError),
        ("water", None, True, ValidationError),
    ],
)
def test_bad_input_is_refused_in_both_languages_and_nothing_written(
    services: KioskServices, service_id: str, audience: str | None, count: int, error: type
) -> None:
    with pytest.raises(error) as caught:
        services.uses.record(service_id, audience, count)
    assert isinstance(caught.value, KioskError) and caught.value.zh and caught.value.en
    assert caught.value.zh != caught.value.en
    for model in (EventRow, OutboxRow, ServiceUseRow, ServiceUseDayRow):
        assert _count(services, model) == 0


def test_edge_counts_are_accepted(services: KioskServices) -> None:
    services.uses.record("microwave", "other", 1)
    services.uses.record("microwave", "other", 50)
    assert services.uses.served_today() == 51


def test_a_use_from_another_kiosk_counts_once_however_often_it_is_pulled(
    services: KioskServices,
) -> None:
    services.uses.record("water", "traveller", 2)
    day = services.uses.today().isoformat()
    remote = Event(
        id=new_id(),
        kind="service.used",
        station_id=services.settings.station_id,
        kiosk_id="north-exit",
        seq=1,
        occurred_at=services.clock.now(),
        actor=None,
        payload={
            "use_id": new_id(),
            "service_id": "water",
            "audience": "traveller",
            "count": 3,
            "day": day,
        },
    )
    with services.database.write() as session:
        assert eventlog.ingest(session, remote)
        assert not eventlog.ingest(session, remote)
    assert services.uses.served_today() == 5
    [line] = services.uses.by_service()
    assert (line.people, line.uses) == (5, 2)


def _snapshot(services: KioskServices) -> dict[str, list[tuple[Any, ...]]]:
    with services.database.read() as session:
        return {
            model.__tablename__: sorted(
                tuple(getattr(row, c.key) for c in model.__table__.columns)
                for row in session.scalars(select(model))
            )
            for model in projection_tables()
        }


@pytest.mark.parametrize("seed", [3, 11])
def test_rebuild_gives_the_same_counts(
    services: KioskServices, clock: FixedClock, seed: int
) -> None:
    rng = random.Random(seed)
    ids = [item.id for item in services.catalogue]
    audiences = [a.value for a in Audience]
    for _ in range(150):
        clock.advance(timedelta(minutes=rng.choice([0, 1, 5, 30, 240])))
        services.uses.record(rng.choice(ids), rng.choice(audiences), rng.randint(1, 50))
    before = _snapshot(services)
    assert before["service_uses"] and before["service_use_days"]
    rebuild_projections(services.database)
    assert _snapshot(services) == before
    total = sum(people for _, _, _, people, _ in before["service_use_days"])
    assert total == sum(row[4] for row in before["service_uses"])


@pytest.mark.parametrize("seed", [5, 17])
def test_a_pulled_page_of_uses_folds_as_its_uses_one_by_one(
    services: KioskServices, clock: FixedClock, seed: int
) -> None:
    """A page pulled from the hub (other kiosks' uses, some lines shared with this kiosk's own,
    one use twice) is folded by the page projector into the rows the one-use projector leaves,
    as a rebuild (one use at a time) shows; the count of new events is right."""
    rng = random.Random(seed)
    audiences = [a.value for a in Audience]
    today = services.uses.today()
    for _ in range(20):
        services.uses.record("water", rng.choice(audiences), rng.randint(1, 5))
    page = [
        Event(
            id=new_id(),
            kind="service.used",
            station_id=services.settings.station_id,
            kiosk_id="north-exit",
            seq=n + 1,
            occurred_at=clock.now() - timedelta(days=rng.randrange(3)),
            actor=None,
            payload={
                "use_id": new_id(),
                "service_id": rng.choice(["water", "rest"]),
                "audience": rng.choice(audiences),
                "count": rng.randint(1, 9),
                "day": (today - timedelta(days=rng.randrange(3))).isoformat(),
            },
        )
        for n in range(120)
    ]
    with services.database.write() as session:
        assert eventlog.ingest_page(session, [*page, page[7]]) == 120
        assert eventlog.ingest_page(session, page[:10]) == 0  # the same page again
    pulled = _snapshot(services)
    assert len(pulled["service_uses"]) == 140
    rebuild_projections(services.database)
    assert _snapshot(services) == pulled
    people = sum(e.payload["count"] for e in page if e.payload["day"] == today.isoformat())
    assert services.uses.served_today() >= people
