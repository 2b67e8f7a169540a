"""A volunteer the centre added (or whose PIN it reset) chooses their PIN at a kiosk with the
one-time setup code the centre gave them: number + code, then the PIN twice. No PIN is ever
typed at the centre (docs/hub.md, "Volunteers at the centre")."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from kiosk.core.clock import Clock
from kiosk.core.errors import Conflict, KioskError, Locked, NotFound, ValidationError
from kiosk.core.results import VolunteerInfo
from kiosk.core.secrets import hash_secret
from kiosk.core.text import clean_name, clean_pin
from kiosk.features.admin.service import attempts
from kiosk.features.shifts.service.shifts import volunteer_info
from kiosk.features.volunteers import store as volunteers_store
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database

SETUP_CODE_LENGTH = 8
_UNKNOWN = NotFound("没有这个志愿者编号或手机号", "There is no volunteer with this number or phone")
_INACTIVE = Conflict(
    "该志愿者已停用，请联系站点管理员", "This volunteer is deactivated: ask the station admin"
)
_NO_CODE = Conflict(
    "该志愿者没有待用的设置码，请联系中心",
    "No setup code is waiting for this volunteer: ask the centre",
)
_USED = Conflict(
    "此设置码已使用，请用您的密码签到；忘记密码请联系中心重置",
    "This setup code was used already: check in with your PIN, or ask the centre for a reset",
)


def setup_subject(volunteer_id: str) -> str:
    """The lock of one volunteer's setup code (wrong codes lock it, as wrong PINs do)."""
    return f"setup:{volunteer_id}"


def _about_code(error: KioskError) -> KioskError:
    """The PIN check's refusal (wrong, tries left, locked) said of the setup code."""
    zh = error.zh.replace("密码", "设置码")
    en = error.en.replace("PIN", "setup code")
    return Locked(zh, en) if isinstance(error, Locked) else ValidationError(zh, en)


class SetupService:
    """Sets a volunteer's first (or reset) PIN from the centre's setup code."""

    def __init__(self, database: Database, clock: Clock, timezone: ZoneInfo) -> None:
        self._db = database
        self._clock = clock
        self._tz = timezone

    def set_pin(self, who: str, code: str, pin: str, confirm: str) -> VolunteerInfo:
        """Check the code, then write the PIN as a `volunteer.pin_set` (which spends the code
        on every kiosk after sync). `who` is the volunteer's number or their phone (the kiosk's
        keypad has digits only; numbers such as FZB-0001 have letters). Refusals say why;
        nothing but the lock's count is kept."""
        who = clean_name(who, max_len=32)
        if len(code) != SETUP_CODE_LENGTH or not code.isdigit():
            raise ValidationError("设置码为 8 位数字", "The setup code is 8 digits")
        pin = clean_pin(pin)
        if pin != confirm:
            raise ValidationError("两次输入的密码不一致", "The two PINs do not match")
        pin_hash = hash_secret(pin)  # the slow part, outside the write lock
        now = self._clock.now()
        refusal: KioskError | None = None
        with self._db.write() as session:
            row = volunteers_store.volunteer_by_number(session, who)
            if row is None and who.isdigit():
                row = volunteers_store.volunteer_by_phone(session, who, self._db.vault)
            if row is None:
                raise _UNKNOWN
            if not row.active:
                raise _INACTIVE
            if row.setup_hash is None or row.setup_expires_at is None:
                raise _NO_CODE
            secret = attempts.Secret(setup_subject(row.id), row.setup_hash, row)
            found = attempts.check_pin(session, code, [secret], now)
            if found.owner is None:
                refusal = _about_code(found.failure())
            elif row.setup_used_at is not None:
                refusal = _USED
            elif now > row.setup_expires_at:
                day = row.setup_expires_at.astimezone(self._tz).strftime("%Y-%m-%d %H:%M")
                refusal = Conflict(
                    f"此设置码已于 {day} 过期，请联系中心重新发放",
                    f"This setup code expired on {day}: ask the centre for a new one",
                )
            else:
                eventlog.append(
                    session,
                    "volunteer.pin_set",
                    {
                        "volunteer_id": row.id,
                        "pin_hash": pin_hash,
                        "setup_code_hash": row.setup_hash,
                    },
                    occurred_at=now,
                    actor=row.id,
                )
                attempts.record_success(session, attempts.volunteer_subject(row.id))
                return volunteer_info(row, None if who == row.number else who)
        # Raised after the commit, so a wrong code is counted though nothing else is written.
        assert refusal is not None
        raise refusal
