"""Two kiosks holding the same events give the same roll and the same roll-call log, whatever
order the events arrived in (DESIGN §3): check-ins and check-outs at both exits, a shift
closed at both, roll calls taken at either, delivered as two random interleavings into two real
kiosk databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.events import Event
from kiosk.features.rollcall import store
from kiosk.features.rollcall.store import RollCallRow
from kiosk.platform.store import eventlog
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices
from tests.agreement import two_kiosks

T0 = datetime(2026, 11, 2, 0, 30, tzinfo=UTC)
PEOPLE = [f"v{n}" for n in range(5)]
KIOSKS = ("kiosk-a", "kiosk-b")
STATION = Settings(data_dir=Path(".")).station_id


def event(kind: str, kiosk: str, seq: int, minute: int, payload: dict[str, Any]) -> Event:
    return Event(
        f"{kiosk}-{seq}", kind, STATION, kiosk, seq, T0 + timedelta(minutes=minute), None, payload
    )


@st.composite
def histories(draw: st.DrawFn) -> list[Event]:
    """Each volunteer registered; some checked in (at either exit), some out again (at either
    or both); a few roll calls at either exit."""
    log: list[Event] = []
    seqs = dict.fromkeys(KIOSKS, 0)

    def add(kind: str, kiosk: str, minute: int, payload: dict[str, Any]) -> None:
        seqs[kiosk] += 1
        log.append(event(kind, kiosk, seqs[kiosk], minute, payload))

    for n, person in enumerate(PEOPLE):
        add(
            "volunteer.registered",
            "kiosk-a",
            0,
            {"volunteer_id": person, "name": f"N{n}", "number": f"B{n}", "phone": f"1380000000{n}"},
        )
        if not draw(st.booleans()):
            continue
        shift = {"shift_id": f"s-{person}", "volunteer_id": person, "method": "badge"}
        add("shift.checked_in", draw(st.sampled_from(KIOSKS)), draw(st.integers(1, 30)), shift)
        for kiosk in KIOSKS:
            if draw(st.integers(0, 3)) == 0:
                add("shift.checked_out", kiosk, draw(st.integers(31, 60)), shift)
    for r in range(draw(st.integers(0, 3))):
        present = draw(st.lists(st.sampled_from(PEOPLE), unique=True, max_size=3))
        missing = [p for p in PEOPLE if p not in present][: draw(st.integers(0, 2))]
        if present or missing:
            body = {
                "rollcall_id": f"r{r}",
                "taker_id": "v0",
                "present": present,
                "missing": missing,
            }
            add("rollcall.taken", draw(st.sampled_from(KIOSKS)), draw(st.integers(1, 60)), body)
    return log


def state(services: KioskServices) -> tuple[list[tuple[str, str]], list[tuple[Any, ...]]]:
    """The roll now (who, in order) and the roll-call log, as the kiosk would show them."""
    with services.database.read() as session:
        roll = [(e.volunteer_id, e.name) for e in store.checked_in(session)]
        calls = [
            (r.id, r.kiosk_id, r.taker_id, r.present, r.missing, r.present_count, r.missing_count)
            for r in session.query(RollCallRow).order_by(RollCallRow.id)
        ]
    return roll, calls


@settings(max_examples=15, deadline=None)
@given(log=histories(), rnd=st.randoms(use_true_random=False))
def test_the_same_events_in_any_order_give_the_same_roll_on_both_kiosks(
    migrated_template: Path, log: list[Event], rnd: Any
) -> None:
    orders = [list(log), list(log)]
    rnd.shuffle(orders[1])
    with two_kiosks(migrated_template, T0) as kiosks:
        for services, order in zip(kiosks, orders, strict=True):
            with services.database.write() as session:
                for e in order:
                    eventlog.ingest(session, e)
        south, north = (state(k) for k in kiosks)
    assert south == north
    on_duty = {e.payload["volunteer_id"] for e in log if e.kind == "shift.checked_in"} - {
        e.payload["volunteer_id"] for e in log if e.kind == "shift.checked_out"
    }
    assert {vid for vid, _ in south[0]} == on_duty  # the roll: checked in, not out
    assert len(south[1]) == len(
        {e.payload["rollcall_id"] for e in log if e.kind == "rollcall.taken"}
    )
