"""Two kiosks holding the same staff marks show the same board, whatever order the marks
arrived in (DESIGN §3): delays, gate changes, cancellations and reinstatements of the same
runs marked at both exits, delivered as two random interleavings into two real kiosk
databases; the last mark of each kind in the agreed order wins on both."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.core.events import Event
from kiosk.core.order import agreed_order
from kiosk.features.trains.service import TrainService
from kiosk.features.trains.store import TrainMarkRow, TrainRunRow
from kiosk.platform.store import eventlog
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices
from tests.agreement import two_kiosks
from tests.features.trains.conftest import TIMETABLE, publish_locally

T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)  # 08:00 station time
KIOSKS = ("kiosk-a", "kiosk-b")
TRAINS = ("G1234", "D56", "G1236")
STATION = Settings(data_dir=Path(".")).station_id


@st.composite
def marks(draw: st.DrawFn) -> list[Event]:
    log: list[Event] = []
    seqs = dict.fromkeys(KIOSKS, 0)
    for _ in range(draw(st.integers(1, 12))):
        kiosk = draw(st.sampled_from(KIOSKS))
        train = draw(st.sampled_from(TRAINS))
        kind = draw(st.sampled_from(("delayed", "gate_changed", "cancelled", "reinstated")))
        payload: dict[str, Any] = {
            "run_id": f"2026-11-02/{train}",
            "train": train,
            "day": "2026-11-02",
        }
        if kind == "delayed":
            payload["minutes"] = draw(st.integers(0, 90))
        elif kind == "gate_changed":
            payload["gate"] = draw(st.sampled_from(("A1", "B7", "12")))
        seqs[kiosk] += 1
        minute = draw(st.integers(0, 20))  # two kiosks may mark in the same minute
        log.append(
            Event(
                f"{kiosk}-{seqs[kiosk]}",
                f"train.{kind}",
                STATION,
                kiosk,
                seqs[kiosk],
                T0 + timedelta(minutes=minute),
                "station_admin",
                payload,
            )
        )
    return log


def state(services: KioskServices) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], Any]:
    """The runs, the marks' log and the board, as the kiosk would show them."""
    with services.database.read() as session:
        runs = [
            (r.run_id, r.delay_min, r.gate, r.cancelled, r.marks)
            for r in session.scalars(select(TrainRunRow).order_by(TrainRunRow.run_id))
        ]
        logged = [
            (m.id, m.mark, m.value)
            for m in session.scalars(select(TrainMarkRow).order_by(TrainMarkRow.id))
        ]
    board = [
        (d.train, d.gate, d.delay_min, d.status.value)
        for d in services.get(TrainService).board().departures
    ]
    return runs, logged, board


@settings(max_examples=15, deadline=None)
@given(log=marks(), rnd=st.randoms(use_true_random=False))
def test_the_same_marks_in_any_order_give_the_same_board_on_both_kiosks(
    migrated_template: Path, log: list[Event], rnd: Any
) -> None:
    orders = [list(log), list(log)]
    rnd.shuffle(orders[1])
    with two_kiosks(migrated_template, T0) as kiosks:
        for services, order in zip(kiosks, orders, strict=True):
            publish_locally(services.database, TIMETABLE, T0)
            with services.database.write() as session:
                for e in order:
                    eventlog.ingest(session, e)
        south, north = (state(k) for k in kiosks)
    assert south == north
    assert len(south[1]) == len(log)  # every mark in the log, once
    for run_id, delay, _gate, cancelled, _count in south[0]:  # the last of each kind wins
        mine = agreed_order(e for e in log if e.payload["run_id"] == run_id)
        delays = [e.payload["minutes"] for e in mine if e.kind == "train.delayed"]
        assert delay == (delays[-1] if delays else 0)
        ends = [e.kind for e in mine if e.kind in ("train.cancelled", "train.reinstated")]
        assert cancelled == (bool(ends) and ends[-1] == "train.cancelled")
