"""Local admin catalogue edits: events applied over the hub's or bundled catalogue, the same on
every kiosk whatever order they arrive in, reset back to the base, and rebuilt from the log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import NotFound, ValidationError
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.features.catalogue.domain.edits import CatalogueEdit, fold_overrides
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow
from kiosk.platform.store.store import rebuild_projections
from kiosk.shell.context import KioskServices
from tests.conftest import START


def ids(services: KioskServices) -> list[str]:
    return [item.id for item in services.catalogue]


def test_hide_show_move_and_set_hours(services: KioskServices, clock: FixedClock) -> None:
    services.catalogue_edits.set_item("legal", enabled=False)
    services.refresh_catalogue()
    assert "legal" not in ids(services)
    clock.advance(timedelta(minutes=1))
    services.catalogue_edits.set_item("legal", enabled=True, hours="09:00–17:00")
    services.refresh_catalogue()
    legal = services.service("legal")
    assert legal is not None and legal.hours == "09:00–17:00"
    before = ids(services)
    services.catalogue_edits.move(services.catalogue, "water", -1)
    services.refresh_catalogue()
    at = before.index("water")
    assert ids(services)[at - 1 : at + 1] == ["water", before[at - 1]]
    clock.advance(timedelta(minutes=1))
    services.catalogue_edits.reset("legal")
    services.refresh_catalogue()
    legal = services.service("legal")
    assert legal is not None and legal.hours != "09:00–17:00"


def test_bad_edits_write_nothing(services: KioskServices) -> None:
    with services.database.read() as session:
        before = session.scalar(select(func.count()).select_from(EventRow))
    with pytest.raises(NotFound):
        services.catalogue_edits.set_item("kayak", enabled=False)
    with pytest.raises(ValidationError):
        services.catalogue_edits.set_item("water")
    with pytest.raises(ValidationError):
        services.catalogue_edits.set_item("water", where_zh="🙂 here")
    with services.database.read() as session:
        assert session.scalar(select(func.count()).select_from(EventRow)) == before


def test_edits_fold_the_same_in_any_arrival_order() -> None:
    a = CatalogueEdit("water", START, "A", 1, {"enabled": False})
    b = CatalogueEdit("water", START + timedelta(minutes=1), "B", 1, {"enabled": True, "order": 5})
    c = CatalogueEdit("water", START + timedelta(minutes=2), "A", 2, {"hours": "8-20"})
    expected = {"water": {"enabled": True, "order": 5, "hours": "8-20"}}
    assert fold_overrides([a, b, c]) == fold_overrides([c, b, a]) == expected
    reset = CatalogueEdit("water", START + timedelta(minutes=3), "B", 2, {}, reset=True)
    assert fold_overrides([reset, c, a, b]) == {}


def test_an_edit_from_the_other_kiosk_applies_here_and_survives_a_rebuild(
    services: KioskServices,
) -> None:
    remote = Event(
        id=new_id(),
        kind="catalogue.item_set",
        station_id=services.settings.station_id,
        kiosk_id="north-exit",
        seq=1,
        occurred_at=services.clock.now(),
        actor="station_admin",
        payload={"edit_id": new_id(), "service_id": "jobs", "enabled": False},
    )
    with services.database.write() as session:
        assert eventlog.ingest(session, remote)
    assert services.refresh_catalogue() and "jobs" not in ids(services)
    rebuild_projections(services.database)
    services.refresh_catalogue()
    assert "jobs" not in ids(services)
