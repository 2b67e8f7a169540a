"""Charging slots belong to a kiosk: two kiosks of one station both have a locker "1", and a
session at one never blocks, lists or collects at the other."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Conflict
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.core.secrets import hash_secret
from kiosk.features.charging.domain import code_qr_text
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import ConfigItemRow, EventRow
from kiosk.shell.context import KioskServices

OTHER = "north-exit"


def event_count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def started_at_the_other_kiosk(services: KioskServices, slot: str, code: str) -> str:
    """A phone left in the north exit's slot `slot`, pulled here through sync."""
    session_id = new_id()
    event = Event(
        id=new_id(),
        kind="charging.started",
        station_id=services.settings.station_id,
        kiosk_id=OTHER,
        seq=1,
        occurred_at=services.clock.now(),
        actor=None,
        payload={"session_id": session_id, "slot": slot, "code_hash": hash_secret(code)},
    )
    with services.database.write() as session:
        assert eventlog.ingest(session, event)
    return session_id


def test_the_other_kiosks_slot_1_does_not_block_ours(
    services: KioskServices, clock: FixedClock
) -> None:
    theirs = started_at_the_other_kiosk(services, "1", "123456")
    assert {v.slot.id: v.state for v in services.charging.slot_views()}["1"] == "free"
    assert services.charging.open_sessions() == []
    mine = services.charging.start("1")  # our own locker 1 is free
    assert {v.slot.id: v.state for v in services.charging.slot_views()}["1"] == "busy"
    clock.advance(timedelta(hours=5))
    assert services.charging.overdue_count() == 1  # ours only
    assert [s.session_id for s in services.charging.open_sessions()] == [mine.session_id]
    before = event_count(services)
    with pytest.raises(Conflict) as caught:  # their pickup QR scanned here
        services.charging.collect_by_qr(code_qr_text(theirs, "123456"))
    assert "另一台终端" in caught.value.zh and "another kiosk" in caught.value.en
    assert event_count(services) == before
    closed = services.charging.collect_with_code("1", mine.code)  # our slot 1, our phone
    assert closed.session_id == mine.session_id


def test_a_publication_may_give_each_kiosk_its_own_slots(services: KioskServices) -> None:
    with services.database.read() as session:
        me = eventlog.meta(session).kiosk_id
    cable = {"id": "C1", "number": 1, "kind": "cable", "label_zh": "北 1", "label_en": "North 1"}
    locker = {"id": "1", "number": 1, "kind": "locker", "label_zh": "1 号", "label_en": "L1"}
    body = {"slots": [locker], "kiosks": {me: {"slots": [cable]}, OTHER: {"slots": [locker]}}}
    with services.database.write() as session:
        session.add(
            ConfigItemRow(
                kind="charging_slots",
                scope="*",
                version=1,
                published_at=services.clock.now(),
                body=json.dumps(body),
            )
        )
    services.refresh_config()
    assert [s.id for s in services.slots] == ["C1"]
