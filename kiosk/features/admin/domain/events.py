"""The admin feature's event kinds: payload models (one declaration each), and its folds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from kiosk.core.events import ID, Event, EventKind, Payload
from kiosk.core.order import agreed_order
from kiosk.core.words import PERSONAL_DATA
from kiosk.features.admin.domain import (
    ACTION_PATTERN,
    ROLE_PATTERN,
)

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
    # A team leader the centre named, whose admin PIN they have not chosen yet: `pin_hash` is
    # of a random secret nobody holds, and at a kiosk the leader chooses the PIN after phone +
    # volunteer PIN (docs/hub.md, "Team leaders made at the centre").
    pin_pending: bool = Field(default=False, strict=True)


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


ERASED_NAME = " / ".join(PERSONAL_DATA["erased"])
LEADER_PREFIX = "tl-"  # a team leader's account id is this and their volunteer id


def scrubbed_for_erasure(
    kind: str, payload: Mapping[str, Any], number: str
) -> dict[str, Any] | None:
    """A team leader's account event (or its audit) written before leaders were named by
    number, its clear name taken out: what the centre's erasure of that volunteer leaves of
    it on every holder, kiosks and hub alike, so they agree on the event (docs/privacy.md,
    "Old events"). Newer events name the leader by volunteer `number` and are left as they
    are. None: nothing to take out."""
    if kind == "admin.account_set" and payload.get("name") not in (number, ERASED_NAME):
        return {**payload, "name": ERASED_NAME}
    after = payload.get("after")
    if (
        kind == "admin.audited"
        and isinstance(after, Mapping)
        and after.get("name")
        not in (
            None,
            ERASED_NAME,
        )
    ):
        return {**payload, "after": {**after, "name": ERASED_NAME}}
    return None


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
    pin_pending: bool = False


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
                bool(payload.get("pin_pending", False)),
            )
    return state
