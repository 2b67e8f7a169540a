"""Training records at the kiosk admin: record, correct, void (each audited), the list, the
certificates expiring within 30 days, and who on duty now is first-aid trained.

Every field comes in as typed (the volunteer's number, dates as YYYY-MM-DD) and is checked
here: bad input is refused with a message in both languages and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kiosk.core.errors import Conflict, NotFound, ValidationError
from kiosk.core.ids import new_id
from kiosk.features.admin.domain import Action, AdminAccount, Permission
from kiosk.features.admin.service.accounts import audit, denied
from kiosk.features.training import store
from kiosk.features.training.domain import (
    MAX_CERTIFICATE,
    MAX_TRAINER,
    WARN_DAYS,
    ExpiryState,
    TrainingKind,
    TrainingVoidReason,
    expiry_state,
)
from kiosk.features.training.store import TrainingRow
from kiosk.platform.services import ServiceContext
from kiosk.platform.store import eventlog

UNKNOWN_VOLUNTEER = ValidationError(
    "没有这个志愿者编号（请核对工牌上的编号）",
    "No volunteer has this number (check the number on the badge)",
)
NO_TRAINER = ValidationError("请填写培训人或培训机构", "Please enter the trainer")
LONG_TRAINER = ValidationError(
    f"培训人最多 {MAX_TRAINER} 个字", f"The trainer is at most {MAX_TRAINER} characters"
)
LONG_CERTIFICATE = ValidationError(
    f"证书编号最多 {MAX_CERTIFICATE} 个字符",
    f"The certificate number is at most {MAX_CERTIFICATE} characters",
)
BAD_KIND = ValidationError("请选择培训类别", "Please choose the kind of training")
BAD_DATE = ValidationError(
    "培训日期须为 年-月-日，如 2026-11-30", "The training date is year-month-day, e.g. 2026-11-30"
)
BAD_EXPIRY = ValidationError(
    "有效期须为 年-月-日，如 2028-11-30，或留空",
    "The expiry is year-month-day, e.g. 2028-11-30, or empty",
)
FUTURE_DATE = ValidationError("培训日期不能晚于今天", "The training date cannot be after today")
EXPIRY_BEFORE = ValidationError(
    "有效期不能早于培训日期", "The expiry cannot be before the training date"
)
BAD_REASON = ValidationError("请选择作废原因", "Please choose why the record is voided")
NOTHING = ValidationError("没有要更正的内容", "Nothing to correct")
UNKNOWN = NotFound("没有找到这条培训记录", "No such training record")
VOIDED = Conflict("这条培训记录已作废", "This training record has been voided")


@dataclass(frozen=True)
class TrainingForm:
    """What the admin typed: the volunteer's number, the kind, dates as YYYY-MM-DD."""

    volunteer_number: str
    kind: str
    trained_on: str
    trainer: str
    certificate_no: str = ""
    expires_on: str = ""  # empty: the certificate does not expire


@dataclass(frozen=True)
class TrainingView:
    """A record as the admin, the log and the emergency page read it."""

    id: str
    volunteer_id: str
    volunteer: str  # name
    volunteer_number: str
    kind: str
    trained_on: date
    trainer: str
    certificate_no: str
    expires_on: date | None
    state: ExpiryState
    corrections: int
    voided: bool
    void_reason: str | None


@dataclass(frozen=True)
class TrainedOnDuty:
    """A volunteer on duty now, and the first-aid kind they hold ("" for none)."""

    volunteer_id: str
    name: str
    kind: str


def _parse(text: str, error: ValidationError) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise error from None


class TrainingService:
    """The station's training records, from the kiosk's own database (written as events that
    sync to the station's other kiosks and to the hub)."""

    def __init__(self, context: ServiceContext) -> None:
        self._db = context.database
        self._clock = context.clock
        self._tz = context.timezone

    def today(self) -> date:
        return self._clock.now().astimezone(self._tz).date()

    # --- writes ---------------------------------------------------------------------------------

    def _checked(self, form: TrainingForm) -> dict[str, Any]:
        """The payload fields of `form`, or the first thing wrong with it."""
        if form.kind not in {k.value for k in TrainingKind}:
            raise BAD_KIND
        trainer = " ".join(form.trainer.split())
        if not trainer:
            raise NO_TRAINER
        if len(trainer) > MAX_TRAINER:
            raise LONG_TRAINER
        certificate = form.certificate_no.strip()
        if len(certificate) > MAX_CERTIFICATE:
            raise LONG_CERTIFICATE
        trained_on = _parse(form.trained_on, BAD_DATE)
        if trained_on > self.today():
            raise FUTURE_DATE
        expires_on = _parse(form.expires_on, BAD_EXPIRY) if form.expires_on.strip() else None
        if expires_on is not None and expires_on < trained_on:
            raise EXPIRY_BEFORE
        number = form.volunteer_number.strip()
        with self._db.read() as session:
            volunteer = store.volunteer_by_number(session, number) if number else None
        if volunteer is None:
            raise UNKNOWN_VOLUNTEER
        return {
            "volunteer_id": volunteer.id,
            "kind": form.kind,
            "trained_on": trained_on.isoformat(),
            "trainer": trainer,
            "certificate_no": certificate,
            "expires_on": expires_on.isoformat() if expires_on else None,
        }

    def record(self, account: AdminAccount, form: TrainingForm) -> TrainingView:
        """Record a training (and its audit) in one transaction; bad input writes nothing."""
        _require(account)
        fields = self._checked(form)
        training_id = new_id()
        payload = {"training_id": training_id, **fields}
        if payload["expires_on"] is None:
            del payload["expires_on"]
        now = self._clock.now()
        with self._db.write() as session:
            eventlog.append(
                session, "training.recorded", payload, occurred_at=now, actor=account.id
            )
            audit(
                session, self._clock, account.id, Action.TRAINING_RECORDED, training_id, {}, fields
            )
        return self.view(training_id)

    def correct(self, account: AdminAccount, training_id: str, form: TrainingForm) -> TrainingView:
        """Correct the fields that differ from the record as it stands."""
        _require(account)
        current = self._current(training_id)
        fields = self._checked(form)
        before = {
            "volunteer_id": current.volunteer_id,
            "kind": current.kind,
            "trained_on": current.trained_on.isoformat(),
            "trainer": current.trainer,
            "certificate_no": current.certificate_no,
            "expires_on": current.expires_on.isoformat() if current.expires_on else None,
        }
        changed = {k: v for k, v in fields.items() if before[k] != v}
        if not changed:
            raise NOTHING
        payload: dict[str, Any] = {"training_id": training_id, **changed}
        if "expires_on" in changed and changed["expires_on"] is None:
            payload["expires_on"] = None
            payload["clear_expiry"] = True
        with self._db.write() as session:
            eventlog.append(
                session,
                "training.corrected",
                payload,
                occurred_at=self._clock.now(),
                actor=account.id,
            )
            audit(
                session,
                self._clock,
                account.id,
                Action.TRAINING_CORRECTED,
                training_id,
                {k: before[k] for k in changed},
                changed,
            )
        return self.view(training_id)

    def void(self, account: AdminAccount, training_id: str, reason: str) -> TrainingView:
        """Void a wrong record (kept, marked void, with the reason)."""
        _require(account)
        self._current(training_id)
        if reason not in {r.value for r in TrainingVoidReason}:
            raise BAD_REASON
        with self._db.write() as session:
            eventlog.append(
                session,
                "training.voided",
                {"training_id": training_id, "reason": reason},
                occurred_at=self._clock.now(),
                actor=account.id,
            )
            audit(
                session,
                self._clock,
                account.id,
                Action.TRAINING_VOIDED,
                training_id,
                {},
                {"reason": reason},
            )
        return self.view(training_id)

    def _current(self, training_id: str) -> TrainingView:
        found = self.find(training_id)
        if found is None:
            raise UNKNOWN
        if found.voided:
            raise VOIDED
        return found

    # --- reads ----------------------------------------------------------------------------------

    def _view(self, row: TrainingRow, name: str, number: str, today: date) -> TrainingView:
        return TrainingView(
            id=row.id,
            volunteer_id=row.volunteer_id,
            volunteer=name,
            volunteer_number=number,
            kind=row.kind,
            trained_on=row.trained_on,
            trainer=row.trainer,
            certificate_no=row.certificate_no,
            expires_on=row.expires_on,
            state=expiry_state(row.expires_on, today),
            corrections=row.corrections,
            voided=row.voided,
            void_reason=row.void_reason,
        )

    def find(self, training_id: str) -> TrainingView | None:
        with self._db.read() as session:
            row = store.record(session, training_id)
            if row is None:
                return None
            names = dict(store.names(session, {row.volunteer_id}))
            number = store.number_of(session, row.volunteer_id)
            return self._view(
                row, names.get(row.volunteer_id, row.volunteer_id), number, self.today()
            )

    def view(self, training_id: str) -> TrainingView:
        found = self.find(training_id)
        if found is None:
            raise UNKNOWN
        return found

    def records(self, limit: int = 200) -> list[TrainingView]:
        """The latest records, newest training first (voided ones shown as such)."""
        today = self.today()
        with self._db.read() as session:
            rows = store.records(session, limit)
            return [
                self._view(row, name, store.number_of(session, row.volunteer_id), today)
                for row, name in rows
            ]

    def expiring(self) -> list[TrainingView]:
        """Certificates expired or expiring within WARN_DAYS days (voided ones left out),
        soonest first."""
        today = self.today()
        with self._db.read() as session:
            rows = store.expiring(session, today + timedelta(days=WARN_DAYS))
            return [
                self._view(row, name, store.number_of(session, row.volunteer_id), today)
                for row, name in rows
            ]

    def first_aid_on_duty(self) -> list[TrainedOnDuty]:
        """Everyone on duty at the station now, and whether they hold a valid first-aid/AED or
        CPR certificate (from local data: it is read in an emergency, offline)."""
        with self._db.read() as session:
            duty = store.on_duty(session)
            trained = store.first_aid_trained(session, {v for v, _ in duty}, self.today())
        return [TrainedOnDuty(v, name, trained.get(v, "")) for v, name in duty]


def _require(account: AdminAccount) -> None:
    if not account.may(Permission.MANAGE_VOLUNTEERS):
        raise denied()


SERVICES = (TrainingService,)
