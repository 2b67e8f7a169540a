"""Admin accounts, roles and what each may do; the audited admin actions; shift-amend reasons.

Pure rules shared by the kiosk's services and screens and by the hub (which validates the
`admin.*` and `shift.*` payloads with the same patterns).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


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
    ERASE_PERSONAL_DATA = "erase_personal_data"  # a ticket's phone and words, on request


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
    BADGE_REVOKED = "badge_revoked"
    BADGE_LIFETIME_SET = "badge_lifetime_set"
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
    TRAINING_RECORDED = "training_recorded"  # a volunteer's training record
    TRAINING_CORRECTED = "training_corrected"
    TRAINING_VOIDED = "training_voided"
    ACTIVITY_CREATED = "activity_created"  # an activity or meeting with a sign-in sheet
    ACTIVITY_CANCELLED = "activity_cancelled"
    ACTIVITY_HOURS_CREDITED = "activity_hours_credited"
    ROTA_SET = "rota_set"  # a weekly pattern or a one-off shift on the rota
    ROTA_REMOVED = "rota_removed"
    ROTA_SWAP_APPROVED = "rota_swap_approved"  # a taken rota shift is the taker's now
    PERSONAL_DATA_ERASED = "personal_data_erased"  # a ticket's, at the traveller's request


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


# The event kinds, payload models and folds are in `events` and load on first use (PEP 562):
# the settings and the window read these rules before the home screen is painted, and the
# payload models would bring pydantic with them.
_EVENTS = frozenset(
    (
        "AdminPinSet",
        "AdminAccountSet",
        "AuditValue",
        "AdminAudited",
        "AdminLogOpened",
        "AdminExported",
        "KINDS",
        "AdminAccountState",
        "fold_admin_account",
    )
)


def __getattr__(name: str) -> Any:
    if name in _EVENTS:
        from kiosk.features.admin.domain import events

        return getattr(events, name)
    raise AttributeError(name)
