"""Two kiosks holding the same training events show the same records, whatever order the
events arrived in (DESIGN §3): records made at either exit, corrections and voids made at
either (also concurrently), delivered as two random interleavings into two real kiosk
databases; and what they show is the domain's fold of the whole history (a void is final)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.events import Event
from kiosk.features.training.domain import fold_training
from kiosk.features.training.store import TrainingRow
from kiosk.platform.store import eventlog
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices
from tests.agreement import two_kiosks

T0 = datetime(2026, 11, 2, 0, 30, tzinfo=UTC)
KIOSKS = ("kiosk-a", "kiosk-b")
STATION = Settings(data_dir=Path(".")).station_id
KINDS = ("first_aid", "cpr", "epidemic", "induction")


@st.composite
def histories(draw: st.DrawFn) -> list[Event]:
    """A few records, each corrected or voided any number of times at either exit."""
    log: list[Event] = []
    seqs = dict.fromkeys(KIOSKS, 0)

    def add(kind: str, kiosk: str, minute: int, payload: dict[str, Any]) -> None:
        seqs[kiosk] += 1
        at = T0 + timedelta(minutes=minute)
        log.append(
            Event(f"{kiosk}-{seqs[kiosk]}", kind, STATION, kiosk, seqs[kiosk], at, None, payload)
        )

    for r in range(draw(st.integers(1, 4))):
        training = f"t{r}"
        add(
            "training.recorded",
            draw(st.sampled_from(KIOSKS)),
            draw(st.integers(0, 5)),
            {
                "training_id": training,
                "volunteer_id": f"v{r}",
                "kind": draw(st.sampled_from(KINDS)),
                "trained_on": "2026-06-01",
                "trainer": "红十字会",
                "certificate_no": f"C{r}",
                "expires_on": "2028-06-01",
            },
        )
        for _ in range(draw(st.integers(0, 3))):
            kiosk = draw(st.sampled_from(KIOSKS))
            minute = draw(st.integers(0, 60))  # concurrent with the other exit's changes
            if draw(st.integers(0, 3)) == 0:
                add(
                    "training.voided", kiosk, minute, {"training_id": training, "reason": "mistake"}
                )
            else:
                change: dict[str, Any] = {"training_id": training}
                change[draw(st.sampled_from(("trainer", "certificate_no", "kind")))] = draw(
                    st.sampled_from(("急救中心", "RC-9", "cpr"))
                )
                if change.get("kind") not in (None, *KINDS):
                    change["kind"] = "cpr"
                if draw(st.booleans()):
                    change["clear_expiry"] = True
                add("training.corrected", kiosk, minute, change)
    return log


def shown(services: KioskServices) -> list[tuple[Any, ...]]:
    with services.database.read() as session:
        return [
            (r.id, r.volunteer_id, r.kind, r.trainer, r.certificate_no, r.expires_on, r.voided)
            for r in session.query(TrainingRow).order_by(TrainingRow.id)
        ]


@settings(max_examples=20, deadline=None)
@given(log=histories(), rnd=st.randoms(use_true_random=False))
def test_the_same_training_events_in_any_order_give_the_same_records(
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
    folds = []
    for training in sorted({e.payload["training_id"] for e in log}):
        state = fold_training([e for e in log if e.payload["training_id"] == training])
        assert state is not None
        folds.append(
            (
                state.id,
                state.volunteer_id,
                state.kind,
                state.trainer,
                state.certificate_no,
                state.expires_on,
                state.voided,
            )
        )
    assert south == folds
