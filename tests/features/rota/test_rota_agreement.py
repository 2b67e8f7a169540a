"""Two kiosks holding the same rota events show the same rota, whatever order the events arrived
in (DESIGN §3): patterns and one-off shifts added at either kiosk or the centre, removals at any
of them (a removal may arrive before its entry), delivered as two random interleavings into two
real kiosk databases; the rota is the domain's fold and the day's plan is the same on both."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.core.events import Event
from kiosk.features.rota.domain import fold_entry, planned_on
from kiosk.features.rota.service import RotaService
from kiosk.features.rota.store import RotaEntryRow
from kiosk.platform.store import eventlog
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices
from tests.agreement import two_kiosks

T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)  # Monday 08:00 in Shanghai
KIOSKS = ("kiosk-a", "kiosk-b", "hub:st")
PEOPLE = [f"v{n}" for n in range(4)]
STATION = Settings(data_dir=Path(".")).station_id


@st.composite
def histories(draw: st.DrawFn) -> list[Event]:
    log: list[Event] = []
    seqs = dict.fromkeys(KIOSKS, 0)

    def add(kind: str, kiosk: str, minute: int, payload: dict[str, Any]) -> None:
        seqs[kiosk] += 1
        at = T0 + timedelta(minutes=minute)
        log.append(
            Event(f"{kiosk}-{seqs[kiosk]}", kind, STATION, kiosk, seqs[kiosk], at, None, payload)
        )

    for n in range(draw(st.integers(1, 4))):
        rota_id = f"r{n}"
        hour = draw(st.integers(6, 18))
        if draw(st.booleans()):
            payload: dict[str, Any] = {
                "rota_id": rota_id,
                "volunteer_id": draw(st.sampled_from(PEOPLE)),
                "weekday": draw(st.integers(0, 6)),
                "starts": f"{hour:02d}:00",
                "ends": f"{hour + 3:02d}:30",
                "valid_from": "2026-11-01",
                "valid_until": draw(st.sampled_from([None, "2026-11-30"])),
            }
            add("rota.pattern_set", draw(st.sampled_from(KIOSKS)), 0, payload)
        else:
            starts = T0 + timedelta(days=draw(st.integers(0, 6)), hours=hour - 8)
            payload = {
                "rota_id": rota_id,
                "volunteer_id": draw(st.sampled_from(PEOPLE)),
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(hours=4)).isoformat(),
            }
            add("rota.shift_set", draw(st.sampled_from(KIOSKS)), 0, payload)
        for _ in range(draw(st.integers(0, 2))):  # removed at one kiosk, or both before syncing
            add(
                "rota.removed",
                draw(st.sampled_from(KIOSKS)),
                draw(st.integers(1, 60)),
                {"rota_id": rota_id},
            )
    return log


def shown(services: KioskServices) -> tuple[list[tuple[Any, ...]], list[list[Any]]]:
    with services.database.read() as session:
        rows = [
            (r.id, r.volunteer_id, r.weekday, r.starts, r.ends, r.starts_at, r.removed)
            for r in session.scalars(select(RotaEntryRow).order_by(RotaEntryRow.id))
        ]
    rota = services.get(RotaService)
    week = [
        [(p.rota_id, p.starts_at) for p in rota.planned(date(2026, 11, 2) + timedelta(days=d))]
        for d in range(7)
    ]
    return rows, week


@settings(max_examples=15, deadline=None)
@given(log=histories(), rnd=st.randoms(use_true_random=False))
def test_the_same_rota_events_in_any_order_give_the_same_rota(
    migrated_template: Path, log: list[Event], rnd: Any
) -> None:
    orders = [list(log), list(log)]
    rnd.shuffle(orders[1])
    with two_kiosks(migrated_template, T0) as kiosks:
        for services, order in zip(kiosks, orders, strict=True):
            with services.database.write() as session:
                for e in order:
                    eventlog.ingest(session, e)
        south, north = (shown(k) for k in kiosks)
    assert south == north
    entries = []
    for rota_id in sorted({e.payload["rota_id"] for e in log}):
        entry = fold_entry([e for e in log if e.payload["rota_id"] == rota_id])
        assert entry is not None
        entries.append(entry)
        row = next(r for r in south[0] if r[0] == rota_id)
        assert (row[1], row[2], row[6]) == (entry.volunteer_id, entry.weekday, entry.removed)
    tz = ZoneInfo("Asia/Shanghai")
    for d in range(7):
        day = date(2026, 11, 2) + timedelta(days=d)
        assert south[1][d] == [(p.rota_id, p.starts_at) for p in planned_on(day, entries, tz)]
