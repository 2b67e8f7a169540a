"""Two kiosks holding the same activity events show the same sheet, whatever order the events
arrived in (DESIGN §3): sign-ins made at either exit (the same person at both before they
synced), a cancellation and a credit at either, delivered as two random interleavings into two
real kiosk databases; the sheet is the domain's fold (a person's first sign-in counts)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.core.events import Event
from kiosk.features.activities.domain import fold_activity
from kiosk.features.activities.store import ActivityRow, ActivitySignInRow
from kiosk.platform.store import eventlog
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices
from tests.agreement import two_kiosks

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
KIOSKS = ("kiosk-a", "kiosk-b", "hub:st")
PEOPLE = [f"v{n}" for n in range(5)]
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

    for a in range(draw(st.integers(1, 2))):
        activity = f"a{a}"
        add(
            "activity.created",
            draw(st.sampled_from(KIOSKS)),
            0,
            {
                "activity_id": activity,
                "title": f"Meeting {a}",
                "kind": "meeting",
                "place": "",
                "starts_at": T0.isoformat(),
                "ends_at": (T0 + timedelta(hours=2)).isoformat(),
                "invited": draw(st.lists(st.sampled_from(PEOPLE), unique=True, max_size=4)),
            },
        )
        for _ in range(draw(st.integers(0, 6))):
            add(
                "activity.signed_in",
                draw(st.sampled_from(KIOSKS)),
                draw(st.integers(0, 120)),  # the same minute at both exits too
                {
                    "activity_id": activity,
                    "volunteer_id": draw(st.sampled_from(PEOPLE)),
                    "method": draw(st.sampled_from(("badge", "pin", "phone"))),
                },
            )
        if draw(st.integers(0, 3)) == 0:
            add("activity.cancelled", draw(st.sampled_from(KIOSKS)), 30, {"activity_id": activity})
        for _ in range(draw(st.integers(0, 2))):
            add(
                "activity.hours_credited",
                draw(st.sampled_from(KIOSKS)),
                draw(st.integers(121, 200)),
                {
                    "activity_id": activity,
                    "minutes": draw(st.integers(1, 120)),
                    "volunteer_ids": ["v0"],
                    "shift_ids": ["s0"],
                },
            )
    return log


def shown(services: KioskServices) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with services.database.read() as session:
        sheets = [
            (r.id, r.signed_count, r.cancelled, r.credited_minutes, list(r.invited))
            for r in session.scalars(select(ActivityRow).order_by(ActivityRow.id))
        ]
        signs = [
            (s.activity_id, s.volunteer_id, s.signed_at, s.method, s.kiosk_id)
            for s in session.scalars(
                select(ActivitySignInRow).order_by(
                    ActivitySignInRow.activity_id, ActivitySignInRow.volunteer_id
                )
            )
        ]
    return sheets, signs


@settings(max_examples=15, deadline=None)
@given(log=histories(), rnd=st.randoms(use_true_random=False))
def test_the_same_activity_events_in_any_order_give_the_same_sheet(
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
    for activity in sorted({e.payload["activity_id"] for e in log}):
        state = fold_activity([e for e in log if e.payload["activity_id"] == activity])
        assert state is not None
        row = next(r for r in south[0] if r[0] == activity)
        assert row[1:4] == (len(state.sign_ins), state.cancelled, state.credited_minutes)
        signed = [(s[1], s[3], s[4]) for s in south[1] if s[0] == activity]
        assert sorted(signed) == sorted(
            (s.volunteer_id, s.method, s.kiosk_id) for s in state.sign_ins
        )
