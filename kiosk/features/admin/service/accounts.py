"""Admin accounts and login: the first-run PIN, named accounts, PIN login with a growing
lockout, and the audit event every admin action writes.

Each account's PIN has its own growing lock, shared with every keypad that accepts it (see
`attempts`).

Decision: an admin logs in by PIN alone (no name to type on a kiosk without a keyboard), so the
PIN names the account: PINs are unique among active accounts. The first-run PIN is the station
admin account `station_admin`; further accounts (team leaders, more admins) are
`admin.account_set` events with an id, a name and a role, so the audit says who acted.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.errors import Conflict, KioskError, Locked, NotFound, ValidationError
from kiosk.core.ids import new_id
from kiosk.core.secrets import AttemptState, hash_secret, verify_secret
from kiosk.core.text import clean_phone, clean_pin
from kiosk.features.admin import store as admin_store
from kiosk.features.admin.domain import FIRST_ACCOUNT_ID, Action, AdminAccount, Permission, Role
from kiosk.features.admin.service import attempts
from kiosk.features.admin.store import AdminAccountRow
from kiosk.features.volunteers import store as volunteers_store
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database
from kiosk.platform.store.models import EventRow

ROLE = Role.STATION_ADMIN.value
UNKNOWN_ACCOUNT = "unknown"


def audit(
    session: Session,
    clock: Clock,
    account_id: str,
    action: Action,
    target: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Write the audit event of one admin action in the caller's transaction (so the action
    and its audit land together or not at all)."""
    eventlog.append(
        session,
        "admin.audited",
        {
            "audit_id": new_id(),
            "account_id": account_id,
            "action": action.value,
            "target": target[:64],
            "before": before or {},
            "after": after or {},
        },
        occurred_at=clock.now(),
        actor=account_id,
    )


_LEADER_PREFIX = "tl-"
# A leader the centre named chooses their admin PIN within this (as a setup code's 7 days).
LEADER_CHOICE_WINDOW = timedelta(days=7)


def team_leader_id(volunteer_id: str) -> str:
    """The account id of a volunteer's team-leader account."""
    return f"{_LEADER_PREFIX}{volunteer_id}"[:64]


def _account(session: Session, row: AdminAccountRow) -> AdminAccount:
    """The account as the console shows it. A team leader's events name them by volunteer
    number only (personal data stays sealed in the roster, docs/privacy.md); their name is
    the roster's, opened there, so the centre's erasure reaches it ("已删除 / Erased")."""
    if row.account_id.startswith(_LEADER_PREFIX):
        volunteer = volunteers_store.volunteer(session, row.account_id.removeprefix(_LEADER_PREFIX))
        if volunteer is not None:
            return AdminAccount(row.account_id, volunteer.name, row.role)
    return AdminAccount(row.account_id, row.name, row.role)


def denied() -> KioskError:
    return Locked("您的账号无权进行此操作", "Your account may not do this")


class AdminService:
    def __init__(self, database: Database, clock: Clock):
        self._db = database
        self._clock = clock

    def has_pin(self) -> bool:
        with self._db.read() as session:
            return admin_store.admin(session, ROLE) is not None

    def set_first_pin(self, pin: str, confirm: str) -> None:
        """First run only: the two entries must match; later changes go through the console."""
        pin = clean_pin(pin)
        if len(pin) < 6:
            raise ValidationError("管理员密码至少 6 位", "The admin PIN needs at least 6 digits")
        if pin != confirm:
            raise ValidationError("两次输入不一致", "The two entries do not match")
        pin_hash = hash_secret(pin)
        with self._db.write() as session:
            if admin_store.admin(session, ROLE) is not None:
                raise Conflict("管理员密码已设置", "The admin PIN is already set")
            eventlog.append(
                session,
                "admin.pin_set",
                {"role": ROLE, "pin_hash": pin_hash},
                occurred_at=self._clock.now(),
            )

    def accounts(self) -> list[AdminAccount]:
        """Active accounts, admins first."""
        with self._db.read() as session:
            rows = session.scalars(
                select(AdminAccountRow)
                .where(AdminAccountRow.active.is_(True))
                .order_by(AdminAccountRow.role, AdminAccountRow.name)
            ).all()
            return [_account(session, row) for row in rows]

    def leader_volunteers(self) -> set[str]:
        """Ids of the volunteers who have an active team-leader account."""
        return {
            a.id.removeprefix(_LEADER_PREFIX)
            for a in self.accounts()
            if a.role == Role.TEAM_LEADER and a.id.startswith(_LEADER_PREFIX)
        }

    def attempt_state(self) -> AttemptState:
        """The login keypad's worst wrong-PIN count and latest lock over the active accounts."""
        with self._db.read() as session:
            subjects = [s.subject for s in attempts.admin_secrets(session)]
            return attempts.keypad_state(session, subjects)

    def login(self, pin: str) -> AdminAccount:
        """The account whose PIN this is. Each account's PIN has its own growing lock, shared
        with every other keypad that accepts it (`attempts.check_pin`); a wrong PIN here counts
        against every account not locked.

        Failures are audited; the locks are local state (`attempts`) that survive a restart.
        """
        now = self._clock.now()
        with self._db.write() as session:
            found = attempts.check_pin(session, pin, attempts.admin_secrets(session), now)
            if found.owner is not None:
                account = _account(session, found.owner)
                audit(session, self._clock, account.id, Action.LOGIN, after={"role": account.role})
                return account
            if found.counted:
                audit(
                    session,
                    self._clock,
                    UNKNOWN_ACCOUNT,
                    Action.LOGIN_FAILED,
                    after={"failures": found.state.failures, "locked_until": _iso(found.state)},
                )
        # Raised after the commit, so the failure is counted even though the login fails.
        raise found.failure()

    def verify(self, pin: str) -> None:
        """Raise unless `pin` opens the admin screen (any active account)."""
        self.login(pin)

    def logout(self, account: AdminAccount, reason: str) -> None:
        """`reason`: "button" (the admin left) or "idle" (nobody touched the screen)."""
        self.record(account, Action.LOGOUT, after={"reason": reason})

    def record(
        self,
        account: AdminAccount,
        action: Action,
        target: str = "",
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        """Audit an action that writes nothing else here (sync now, leaving kiosk mode)."""
        with self._db.write() as session:
            audit(session, self._clock, account.id, action, target, before, after)

    def set_team_leader(self, actor: AdminAccount, volunteer_id: str, pin: str) -> AdminAccount:
        """Make a volunteer a team leader with their own admin PIN (or change that PIN)."""
        if not actor.may(Permission.MANAGE_ACCOUNTS):
            raise denied()
        pin = clean_pin(pin)
        if len(pin) < 6:
            raise ValidationError("管理密码至少 6 位", "An admin PIN needs at least 6 digits")
        pin_hash = hash_secret(pin)
        account_id = team_leader_id(volunteer_id)
        with self._db.write() as session:
            volunteer = volunteers_store.volunteer(session, volunteer_id)
            if volunteer is None or not volunteer.active:
                raise NotFound("没有这位在册志愿者", "No such active volunteer")
            rows = session.scalars(
                select(AdminAccountRow).where(AdminAccountRow.active.is_(True))
            ).all()
            if any(r.account_id != account_id and verify_secret(pin, r.pin_hash) for r in rows):
                raise Conflict("这个密码已被其他账号使用", "Another account already uses this PIN")
            before_row = session.get(AdminAccountRow, account_id)
            before = {"role": before_row.role, "active": before_row.active} if before_row else {}
            payload = {
                "account_id": account_id,
                "name": volunteer.number,  # never the person's name: that is sealed
                "role": Role.TEAM_LEADER.value,
                "pin_hash": pin_hash,
                "active": True,
            }
            eventlog.append(
                session, "admin.account_set", payload, occurred_at=self._clock.now(), actor=actor.id
            )
            audit(
                session,
                self._clock,
                actor.id,
                Action.ACCOUNT_SET,
                account_id,
                before,
                {"role": Role.TEAM_LEADER.value, "active": True, "number": volunteer.number},
            )
            return AdminAccount(account_id, volunteer.name, Role.TEAM_LEADER.value)

    @staticmethod
    def check_leader_pin(pin: str, confirm: str) -> str:
        """The admin PIN a leader chose, twice: 6 to 8 digits, the same both times."""
        pin = clean_pin(pin)
        if len(pin) < 6:
            raise ValidationError("管理密码至少 6 位", "An admin PIN needs at least 6 digits")
        if pin != clean_pin(confirm):
            raise ValidationError("两次输入的密码不一致", "The two PINs do not match")
        return pin

    def choose_leader_pin(
        self, phone: str, volunteer_pin: str, pin: str, confirm: str
    ) -> AdminAccount:
        """A team leader the centre named chooses their admin PIN here: who they are by phone
        + their volunteer PIN (the PIN's one lock, as everywhere), then the new admin PIN
        twice. Only while the centre's naming is pending: afterwards a change goes through
        the station admin, or the centre names them again. Refusals say why; nothing but the
        lock's count is written."""
        pin = self.check_leader_pin(pin, confirm)
        pin_hash = hash_secret(pin)  # the slow part, outside the write lock
        now = self._clock.now()
        with self._db.write() as session:
            volunteer = volunteers_store.volunteer_by_phone(
                session, clean_phone(phone), self._db.vault
            )
            if volunteer is None:
                raise NotFound("此手机号未登记为志愿者", "This phone number is not on the roster")
            found = attempts.check_pin(
                session, volunteer_pin, attempts.volunteer_secrets(volunteer), now
            )
            if found.owner is not None:
                return self._leader_pin_chosen(session, volunteer, pin, pin_hash)
        raise found.failure()  # after the commit: the wrong PIN is counted

    def _leader_pin_chosen(
        self, session: Session, volunteer: VolunteerRow, pin: str, pin_hash: str
    ) -> AdminAccount:
        account_id = team_leader_id(volunteer.id)
        row = session.get(AdminAccountRow, account_id)
        if not volunteer.active:
            raise Conflict("该志愿者已停用", "This volunteer is deactivated")
        if row is None or not row.active or not row.pin_pending:
            raise Conflict(
                "中心没有待设置的队长账号：已设置过请用管理密码登录，忘记请联系站点管理员或中心",
                "No team-leader account is waiting for a PIN: sign in with your admin PIN, "
                "or ask the station admin or the centre",
            )
        named_at = session.scalar(
            select(func.max(EventRow.occurred_at)).where(
                EventRow.kind == "admin.account_set", EventRow.aggregate_id == account_id
            )
        )
        if named_at is not None and self._clock.now() - named_at > LEADER_CHOICE_WINDOW:
            # Bounds the time in which someone who saw the leader's phone + PIN could choose
            # for them: the centre names them again.
            raise Conflict(
                "队长设置已超过 7 天，请联系中心重新设为队长",
                "More than 7 days since the centre named you: ask the centre to name you again",
            )
        others = attempts.admin_secrets(session)
        if any(s.owner.account_id != account_id and verify_secret(pin, s.pin_hash) for s in others):
            raise Conflict("这个密码已被其他账号使用", "Another account already uses this PIN")
        payload = {
            "account_id": account_id,
            "name": volunteer.number,  # never the person's name: that is sealed
            "role": Role.TEAM_LEADER.value,
            "pin_hash": pin_hash,
            "active": True,
        }
        eventlog.append(
            session, "admin.account_set", payload, occurred_at=self._clock.now(), actor=account_id
        )
        audit(
            session,
            self._clock,
            account_id,
            Action.ACCOUNT_SET,
            account_id,
            {"pin_pending": True},
            {"pin_pending": False, "number": volunteer.number},
        )
        return AdminAccount(account_id, volunteer.name, Role.TEAM_LEADER.value)

    def remove_account(self, actor: AdminAccount, account_id: str) -> None:
        """Switch an account off (its PIN no longer opens anything); the first admin stays."""
        if not actor.may(Permission.MANAGE_ACCOUNTS):
            raise denied()
        if account_id == FIRST_ACCOUNT_ID:
            raise ValidationError("不能停用站点管理员", "The station admin cannot be switched off")
        with self._db.write() as session:
            row = session.get(AdminAccountRow, account_id)
            if row is None or not row.active:
                raise NotFound("没有这个账号", "No such account")
            payload = {
                "account_id": account_id,
                "name": row.name,
                "role": row.role,
                "pin_hash": row.pin_hash,
                "active": False,
            }
            eventlog.append(
                session, "admin.account_set", payload, occurred_at=self._clock.now(), actor=actor.id
            )
            audit(
                session,
                self._clock,
                actor.id,
                Action.ACCOUNT_SET,
                account_id,
                {"active": True},
                {"active": False},
            )


def _iso(state: AttemptState) -> str | None:
    return state.locked_until.isoformat() if state.locked_until else None
