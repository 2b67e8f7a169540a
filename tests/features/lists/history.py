"""A station's lists as events the centre wrote (the hub's pseudo-kiosk `hub:<station>`), for
the kiosk's tests: what its pull would bring."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.core.events import Event
from kiosk.platform.store import eventlog
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices

STATION = Settings(data_dir=Path(".")).station_id
T0 = datetime(2026, 11, 2, 0, 30, tzinfo=UTC)


class Feed:
    """Events of the station's feed, numbered as the hub numbers its own."""

    def __init__(self, author: str = f"hub:{STATION}") -> None:
        self.author = author
        self.seq = 0
        self.events: list[Event] = []

    def add(self, kind: str, payload: dict[str, Any], minute: int = 0) -> Event:
        self.seq += 1
        event = Event(
            f"{self.author}-{self.seq}",
            kind,
            STATION,
            self.author,
            self.seq,
            T0 + timedelta(minutes=minute),
            "centre:boss",
            payload,
        )
        self.events.append(event)
        return event


def sample(feed: Feed, *, done_on: str = "2026-11-01") -> Feed:
    """Two units, three resources, three needs (one from a wish), two projects: one completed
    on `done_on`, one in progress."""
    feed.add("lists.unit_added", {"unit_id": "u1", "name": "市总工会", "contact_role": "办公室"})
    feed.add("lists.unit_added", {"unit_id": "u2", "name": "爱心超市", "contact_role": "店长"})
    for rid, unit, kind, text, qty, measure in (
        ("r1", "u1", "venue", "职工之家活动室", 1, "间"),
        ("r2", "u2", "goods", "矿泉水", 20, "箱"),
        ("r3", "u1", "volunteers", "周末志愿者", 6, "人"),
    ):
        feed.add(
            "lists.resource_added",
            {
                "resource_id": rid,
                "unit_id": unit,
                "kind": kind,
                "description": text,
                "quantity": qty,
                "measure": measure,
            },
        )
    feed.add(
        "lists.need_added",
        {
            "need_id": "n1",
            "title": "骑手需要饮水点",
            "source": "wish",
            "wish_id": "w1",
            "ticket": "123456",
        },
    )
    feed.add("lists.need_added", {"need_id": "n2", "title": "夜间休息场地", "source": "staff"})
    feed.add("lists.need_added", {"need_id": "n3", "title": "手机充电线", "source": "staff"})
    feed.add(
        "lists.project_opened",
        {
            "project_id": "p1",
            "title": "夏日送清凉",
            "owner": "李站长",
            "need_ids": ["n1"],
            "resource_ids": ["r2"],
            "starts_on": "2026-10-20",
            "ends_on": "2026-11-30",
        },
        minute=1,
    )
    feed.add(
        "lists.project_opened",
        {
            "project_id": "p2",
            "title": "夜间驿站",
            "owner": "王芳",
            "need_ids": ["n2"],
            "resource_ids": ["r1", "r3"],
            "starts_on": "2026-11-01",
            "ends_on": "2026-12-31",
        },
        minute=2,
    )
    feed.add(
        "lists.project_status",
        {"project_id": "p1", "status": "done", "on": done_on, "note": "送出 20 箱"},
        minute=3,
    )
    return feed


def deliver(services: KioskServices, events: list[Event]) -> None:
    """Store pulled events as the sync engine does (each folded on arrival)."""
    with services.database.write() as session:
        for event in events:
            eventlog.ingest(session, event)
