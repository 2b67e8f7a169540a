"""Two kiosks holding the same swap events show the same swaps and the same day's plan, whatever
order the events arrived in (DESIGN §3): offers of the rota's shifts, takes at either exit while
they cannot reach each other (two takers of one offer), approvals and withdrawals, delivered as
two random interleavings into two real kiosk databases; each swap is the domain's fold."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.core.events import Event
from kiosk.features.rota.domain import fold_swap
from kiosk.features.rota.service import RotaService
from kiosk.features.rota.store import RotaSwapRow
from kiosk.platform.store import eventlog
from tests.agreement import two_kiosks
from tests.features.rota.test_rota_agreement import STATION

T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)  # Monday 08:00 in Shanghai
KIOSKS = ("kiosk-a", "kiosk-b")
PEOPLE = [f"v{n}" for n in range(4)]
DAYS = [date(2026, 11, 3), date(2026, 11, 4)]  # Tuesday and Wednesday
LINES = {"r0": 1, "r1": 2}  # the rota lines: every Tuesday (weekday 1), every Wednesday


def _line(rota_id: str, weekday: int) -> Event:
    payload = {
        "rota_id": rota_id,
        "volunteer_id": "v0",
        "weekday": weekday,
        "starts": "09:00",
        "ends": "12:00",
        "valid_from": "2026-11-01",
        "valid_until": None,
    }
    return Event(
        f"hub-{rota_id}", "rota.pattern_set", STATION, "hub:st", weekday, T0, None, payload
    )


@st.composite
def histories(draw: st.DrawFn) -> list[Event]:
    log: list[Event] = [_line(r, w) for r, w in LINES.items()]
    seqs = dict.fromkeys(KIOSKS, 0)

    def add(kind: str, minute: int, payload: dict[str, Any], actor: str | None = None) -> None:
        kiosk = draw(st.sampled_from(KIOSKS))
        seqs[kiosk] += 1
        at = T0 + timedelta(minutes=minute)
        log.append(
            Event(f"{kiosk}-{seqs[kiosk]}", kind, STATION, kiosk, seqs[kiosk], at, actor, payload)
        )

    for n in range(draw(st.integers(1, 4))):
        swap_id = f"s{n}"
        rota_id = draw(st.sampled_from(sorted(LINES)))
        day = DAYS[LINES[rota_id] - 1]
        starts = datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)  # 09:00 Shanghai
        offerer = draw(st.sampled_from(PEOPLE))
        minute = draw(st.integers(0, 30))
        add(
            "rota.swap_offered",
            minute,
            {
                "swap_id": swap_id,
                "rota_id": rota_id,
                "volunteer_id": offerer,
                "day": day.isoformat(),
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(hours=3)).isoformat(),
            },
        )
        for _ in range(draw(st.integers(0, 2))):  # taken at one exit, or at both offline
            who = draw(st.sampled_from(PEOPLE))
            add(
                "rota.swap_taken",
                minute + draw(st.integers(1, 30)),
                {"swap_id": swap_id, "volunteer_id": who},
            )
        if draw(st.booleans()):
            add(
                "rota.swap_approved",
                minute + draw(st.integers(1, 60)),
                {"swap_id": swap_id},
                "leader",
            )
        if draw(st.booleans()):
            add("rota.swap_withdrawn", minute + draw(st.integers(1, 60)), {"swap_id": swap_id})
    return log


def shown(services: Any) -> tuple[list[tuple[Any, ...]], list[list[Any]]]:
    with services.database.read() as session:
        rows = [
            (r.id, r.rota_id, r.day, r.offered_by, r.state, r.taken_by, r.approved_by)
            for r in session.scalars(select(RotaSwapRow).order_by(RotaSwapRow.id))
        ]
    rota = services.get(RotaService)
    plan = [[(p.rota_id, p.volunteer_id) for p in rota.planned(day)] for day in DAYS]
    return rows, plan


@settings(max_examples=20, deadline=None)
@given(log=histories(), rnd=st.randoms(use_true_random=False))
def test_the_same_swap_events_in_any_order_give_the_same_swaps_and_plan(
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
    for swap_id in sorted({str(e.payload["swap_id"]) for e in log if "swap_id" in e.payload}):
        swap = fold_swap([e for e in log if e.payload.get("swap_id") == swap_id])
        assert swap is not None
        row = next(r for r in south[0] if r[0] == swap_id)
        assert (row[4], row[5]) == (swap.state.value, swap.taken_by)
        assert swap.taken_by != swap.offered_by
