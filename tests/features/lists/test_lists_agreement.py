"""Two kiosks holding the same lists events show the same lists, whatever order the events
arrived in (DESIGN §3): units, resources, needs and projects written at the centre, status
changes racing from two desks, delivered as two random interleavings into two real kiosk
databases; and what they show is what the kiosks' service reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.features.lists.service import ListsService
from kiosk.shell.context import KioskServices
from tests.agreement import two_kiosks
from tests.features.lists.history import T0, Feed, deliver, sample


@st.composite
def histories(draw: st.DrawFn) -> list[Any]:
    feed = sample(Feed(), done_on=draw(st.sampled_from(("2026-10-31", "2026-11-01"))))
    other = Feed("hub:other-desk")  # a second writer: the statuses race
    for _ in range(draw(st.integers(0, 4))):
        writer = draw(st.sampled_from((feed, other)))
        writer.add(
            "lists.project_status",
            {
                "project_id": draw(st.sampled_from(("p1", "p2", "p3"))),
                "status": draw(st.sampled_from(("open", "done", "cancelled"))),
                "on": "2026-11-02",
            },
            minute=draw(st.integers(0, 5)),
        )
    return feed.events + other.events


def shown(services: KioskServices) -> Any:
    return services.get(ListsService).lists()


@settings(max_examples=20, deadline=None)
@given(log=histories(), rnd=st.randoms(use_true_random=False))
def test_the_same_lists_events_in_any_order_give_the_same_lists(
    migrated_template: Path, log: list[Any], rnd: Any
) -> None:
    orders = [list(log), list(log)]
    rnd.shuffle(orders[1])
    with two_kiosks(migrated_template, T0) as kiosks:
        for services, order in zip(kiosks, orders, strict=True):
            deliver(services, order)
        south, north = (shown(k) for k in kiosks)
    assert south == north
    assert len(south.needs) == 3 and len(south.projects) == 2 and south.counts.units == 2
