"""The kiosk's lists as its pull brings them: what the page reads (needs with their state,
resources with their unit, projects with their status) and the month's figure."""

from __future__ import annotations

from kiosk.features.lists.service import ListsService
from kiosk.platform.store.eventlog import load_aggregate
from kiosk.platform.store.projections import rebuild
from kiosk.shell.context import KioskServices
from tests.features.lists.history import Feed, deliver, sample


def test_the_station_lists_as_pulled(services: KioskServices) -> None:
    deliver(services, sample(Feed()).events)
    lists = services.get(ListsService).lists()
    assert [(n.title, n.state) for n in lists.needs] == [
        ("手机充电线", "open"),
        ("夜间休息场地", "linked"),
        ("骑手需要饮水点", "done"),
    ]
    assert [(r.unit, r.kind, r.description, r.quantity, r.measure) for r in lists.resources] == [
        ("市总工会", "venue", "职工之家活动室", 1, "间"),
        ("市总工会", "volunteers", "周末志愿者", 6, "人"),
        ("爱心超市", "goods", "矿泉水", 20, "箱"),
    ]
    assert [(p.title, p.status, p.needs, p.resources) for p in lists.projects] == [
        ("夜间驿站", "open", 1, 2),
        ("夏日送清凉", "done", 1, 1),
    ]
    # the clock says 2026-11-02 08:30 in Shanghai: p1 was completed on 11-01, this month
    assert (lists.counts.done_this_month, lists.counts.needs_met_this_month) == (1, 1)


def test_a_refold_from_the_log_gives_the_same_lists(services: KioskServices) -> None:
    deliver(services, sample(Feed()).events)
    before = services.get(ListsService).lists()
    with services.database.write() as session:
        rebuild(session, load_aggregate)
    assert services.get(ListsService).lists() == before
