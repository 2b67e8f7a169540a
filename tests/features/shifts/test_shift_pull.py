"""Shifts pulled from the hub a page at a time (a new kiosk taking a station's history): the
page projector leaves the rows folding one shift at a time leaves, whatever the pages split."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.features.shifts.store import ShiftRow
from kiosk.platform.store import eventlog
from kiosk.platform.store.store import rebuild_projections
from kiosk.shell.context import KioskServices


def _rows(services: KioskServices) -> list[tuple[Any, ...]]:
    with services.database.read() as session:
        return sorted(
            tuple(getattr(r, c.key) for c in ShiftRow.__table__.columns)
            for r in session.scalars(select(ShiftRow))
        )


@pytest.mark.parametrize("seed", [2, 9])
def test_pulled_pages_of_shifts_fold_as_one_shift_at_a_time(
    services: KioskServices, clock: FixedClock, seed: int
) -> None:
    rng = random.Random(seed)
    events: list[Event] = []
    for n in range(40):
        shift = {"shift_id": new_id(), "volunteer_id": f"v-{n % 7}", "method": "badge"}
        start = clock.now() - timedelta(days=rng.randrange(1, 30), minutes=rng.randrange(600))
        verbs = ["checked_in", "checked_out"] if rng.random() < 0.8 else ["checked_in"]
        if rng.random() < 0.1:
            verbs.append("checked_out")  # closed at both exits: flagged by the fold
        for i, verb in enumerate(verbs):
            events.append(
                Event(
                    id=new_id(),
                    kind=f"shift.{verb}",
                    station_id=services.settings.station_id,
                    kiosk_id=rng.choice(["north-exit", "south-exit"]),
                    seq=len(events) + 1,
                    occurred_at=start + timedelta(minutes=60 * i + rng.randrange(30)),
                    actor=None,
                    payload=shift,
                )
            )
    rng.shuffle(events)  # a shift's in and out often land in different pages
    cut = rng.randrange(1, len(events))
    with services.database.write() as session:
        first = eventlog.ingest_page(session, events[:cut])
        second = eventlog.ingest_page(session, [*events[cut:], events[0]])
    assert first + second == len(events)
    pulled = _rows(services)
    assert len(pulled) == 40
    rebuild_projections(services.database)  # one shift at a time, from the whole log
    assert _rows(services) == pulled
