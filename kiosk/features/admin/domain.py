"""Admin accounts, roles and what each may do; the audited admin actions; shift-amend reasons.

Pure rules shared by the kiosk's services and screens and by the hub (which validates the
`admin.*` and `shift.*` payloads with the same patterns).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field

from kiosk.core.events import ID, Event, EventKind, Payload
from kiosk.core.order import agreed_order


class Role(StrEnum):
    STATION_ADMIN = "station_admin"  # everything
    TEAM_LEADER = "team_leader"  # review logs, handle requests, review flagged shifts


ROLE_PATTERN = r"^(station_admin|team_leader)$"

# The account made by the first-run PIN (and by the legacy `admin.pin_set` event): its id is
# the role, so that event and later `admin.account_set` events fold into one account.
FIRST_ACCOUNT_ID = Role.STATION_ADMIN.value


class Permission(StrEnum):
    REVIEW_LOGS = "review_logs"
    REVIEW_SHIFTS = "review_shifts"  # approve or amend flagged shifts
    HANDLE_REQUESTS = "handle_requests"
    MANAGE_VOLUNTEERS = "manage_volunteers"
    MANAGE_ACCOUNTS = "manage_accounts"
    SETTINGS = "settings"
    SYNC = "sync"
    SWEEP = "sweep"
    CHARGING = "charging"  # close a charging session
    MANAGE_ITEMS = "manage_items"  # lending stock and write-offs, the services shown
    FIRST_AID = "first_aid"  # alerts, emergencies, incident records
    DASHBOARD = "dashboard"  # figures, monthly report, certificates
    EXPORT = "export"
    LEAVE_KIOSK = "leave_kiosk"


_TEAM_LEADER = frozenset(
    {
        Permission.REVIEW_LOGS,
        Permission.REVIEW_SHIFTS,
        Permission.HANDLE_REQUESTS,
        Permission.EXPORT,
        Permission.FIRST_AID,
        Permission.DASHBOARD,
    }
)


def may(role: str, permission: Permission) -> bool:
    """Whether `role` may do `permission`: a station admin everything, a team leader the
    reviewing work only."""
    if role == Role.STATION_ADMIN:
        return True
    if role == Role.TEAM_LEADER:
        return permission in _TEAM_LEADER
    return False


@dataclass(frozen=True)
class AdminAccount:
    """Who is logged in on the admin screen (the audit says who did what)."""

    id: str
    name: str
    role: str

    def may(self, permission: Permission) -> bool:
        return may(self.role, permission)


class Action(StrEnum):
    """Every admin action that writes an `admin.audited` event. (Exports and opening a log
    have their own audit kinds, `admin.exported` and `admin.log_opened`.)"""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    VOLUNTEER_ADDED = "volunteer_added"
    VOLUNTEER_DEACTIVATED = "volunteer_deactivated"
    PIN_RESET = "pin_reset"
    BADGE_PRINTED = "badge_printed"
    ACCOUNT_SET = "account_set"
    SHIFT_APPROVED = "shift_approved"
    SHIFT_AMENDED = "shift_amended"
    SETTINGS_CHANGED = "settings_changed"
    ENROLLED = "enrolled"
    SYNC_NOW = "sync_now"
    SWEEP = "sweep"
    CHARGING_CLOSED = "charging_closed"
    KIOSK_LEFT = "kiosk_left"
    SLOT_SET = "slot_set"  # a charging slot switched on or off, or added
    LENDING_ITEM_SET = "lending_item_set"  # lent or not, loan period
    MEDICINE_ITEM_SET = "medicine_item_set"  # offered or not, low-stock threshold
    CERTIFICATE_ISSUED = "certificate_issued"
    CERTIFICATE_REPRINTED = "certificate_reprinted"
    SERVICE_SET = "service_set"  # a service shown, hidden, moved or reset on the home screen
    STOCK_ADDED = "stock_added"  # lending stock put on (or taken off) the shelf
    LOAN_RETURNED = "loan_returned"  # a loan taken back by staff
    LOAN_WRITTEN_OFF = "loan_written_off"
    REQUEST_WITHDRAWN = "request_withdrawn"
    WISH_STATUS_SET = "wish_status_set"  # a need or wish in progress, or answered


# Any snake_case name, not only this build's `Action` values: a kiosk (or hub) on an older build
# keeps, syncs and shows as text the audit events of actions added after it, instead of
# rejecting them. Writers still name an `Action` (see `services.admin.audit`).
ACTION_PATTERN = r"^[a-z][a-z_]{0,39}$"


class AmendReason(StrEnum):
    """Why a flagged shift's minutes were corrected (picked from a list: no text input)."""

    FORGOT_CHECKOUT = "forgot_checkout"
    LEFT_EARLY = "left_early"
    STAYED_LATER = "stayed_later"
    WRONG_PERSON = "wrong_person"
    OTHER = "other"


AMEND_REASON_PATTERN = "^(" + "|".join(r.value for r in AmendReason) + ")$"

MAX_AMEND_MINUTES = 24 * 60

# --- event kinds (payload schemas, one declaration each) ------------------------------------------


class AdminPinSet(Payload):
    role: str = Field(default="station_admin", pattern=ROLE_PATTERN)
    pin_hash: str = Field(min_length=20, max_length=200)


class AdminAccountSet(Payload):
    """A named admin account (created, PIN changed or switched off): the audit names it."""

    account_id: str = ID
    name: str = Field(min_length=1, max_length=40)
    role: str = Field(pattern=ROLE_PATTERN)
    pin_hash: str = Field(min_length=20, max_length=200)
    # A constraint, not a bare default: the hub's fast push path mirrors each field with its
    # metadata and cannot take a field without any.
    active: bool = Field(default=True, strict=True)


AuditValue = str | int | float | bool | None


class AdminAudited(Payload):
    """One admin action: who (the account, or "unknown" for a failed login), what, on what,
    and the values before and after. The event's time is when."""

    audit_id: str = ID
    account_id: str = ID
    action: str = Field(pattern=ACTION_PATTERN)
    target: str = Field(default="", max_length=64)
    before: dict[str, AuditValue] = Field(default_factory=dict, max_length=16)
    after: dict[str, AuditValue] = Field(default_factory=dict, max_length=16)


class AdminLogOpened(Payload):
    """An admin opened the log review (who looked at personal data, and when)."""

    audit_id: str = ID
    log: str = Field(pattern=r"^[a-z_]{1,20}$")


class AdminExported(Payload):
    """An admin exported a filtered log; `unmasked` says full phone numbers left the kiosk."""

    audit_id: str = ID
    log: str = Field(pattern=r"^[a-z_]{1,20}$")
    format: str = Field(pattern=r"^(csv|xlsx|pdf)$")  # pdf: the monthly report
    filters: dict[str, str] = Field(max_length=12)
    rows: int = Field(ge=0)
    unmasked: bool
    file: str = Field(min_length=1, max_length=200)


KINDS: tuple[EventKind, ...] = (
    EventKind("admin.pin_set", AdminPinSet, "role"),
    EventKind("admin.account_set", AdminAccountSet, "account_id"),
    EventKind("admin.audited", AdminAudited, "audit_id"),
    EventKind("admin.log_opened", AdminLogOpened, "audit_id"),
    EventKind("admin.exported", AdminExported, "audit_id"),
)


# --- an admin account's fold ----------------------------------------------------------------------


@dataclass(frozen=True)
class AdminAccountState:
    account_id: str
    name: str
    role: str
    pin_hash: str
    active: bool


def fold_admin_account(events: list[Event]) -> AdminAccountState | None:
    """One admin account: the first-run `admin.pin_set` (id = its role, named after it) and
    any later `admin.account_set`; the latest event's fields in the agreed order win."""
    state: AdminAccountState | None = None
    for event in agreed_order(events):
        payload = event.payload
        if event.kind == "admin.pin_set":
            role = str(payload["role"])
            name = state.name if state else role
            state = AdminAccountState(role, name, role, str(payload["pin_hash"]), True)
        elif event.kind == "admin.account_set":
            state = AdminAccountState(
                str(payload["account_id"]),
                str(payload["name"]),
                str(payload["role"]),
                str(payload["pin_hash"]),
                bool(payload.get("active", True)),
            )
    return state
