"""The training log tab (培训): every training record, whose, what, when, the trainer, the
certificate and its expiry, corrected or void."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.platform.logs.query import LogQuery
from kiosk.platform.logs.spec import (
    TIME,
    Cells,
    Choice,
    LogColumn,
    LogSpec,
    Names,
    Search,
    choices_of,
)


def _choices(session: Session, names: Names) -> list[Choice]:
    return choices_of(words.TRAINING_KINDS)


def _day(value: Any) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _cells(c: Cells, row: Sequence[Any]) -> tuple[str, ...]:
    """`c.names`: the volunteers (id -> name)."""
    _id, at, volunteer, kind, trained_on, trainer, certificate, expires_on, kiosk = row[:9]
    voided, void_reason, corrections = row[9:]
    pick = c.pick
    expires = _day(expires_on)
    if voided:
        state = ("已作废：", "Void: ")[pick] + words.pick(
            words.TRAINING_VOID_REASONS, void_reason, pick
        )
    elif corrections:
        state = ("已更正", "Corrected")[pick]
    else:
        state = ""
    return (
        c.time(at),
        c.name(str(volunteer)),
        words.pick(words.TRAINING_KINDS, kind, pick),
        str(_day(trained_on) or ""),
        str(trainer),
        str(certificate or ""),
        str(expires or ""),
        state,
        c.kiosk(kiosk),
    )


TRAINING = LogSpec(
    key="training",
    position=47,
    title=("培训", "Training"),
    columns=(
        LogColumn("time", "登记时间", "Recorded", TIME),
        LogColumn("volunteer", "志愿者", "Volunteer"),
        LogColumn("kind", "培训类别", "Training"),
        LogColumn("trained_on", "培训日期", "Date"),
        LogColumn("trainer", "培训人", "Trainer"),
        LogColumn("certificate", "证书编号", "Certificate"),
        LogColumn("expires_on", "有效期至", "Expires"),
        LogColumn("state", "状态", "State"),
        LogColumn("kiosk", "终端", "Kiosk"),
    ),
    query=LogQuery(
        select=(
            "SELECT t.id, t.recorded_at, t.volunteer_id, t.kind, t.trained_on, t.trainer,"
            " t.certificate_no, t.expires_on, t.kiosk_id, t.voided, t.void_reason,"
            " t.corrections FROM training_records AS t {index}"
        ),
        at="t.recorded_at",
        key="t.id",
        choice="t.kind",
        kiosk="t.kiosk_id",
        volunteer="t.volunteer_id",
        texts=("t.trainer", "t.certificate_no"),
    ),
    cells=_cells,
    choices=_choices,
    people=True,
    search=Search.VOLUNTEERS,
)
LOGS = (TRAINING,)
