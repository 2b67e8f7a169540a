"""Volunteers managed at the centre (/centre/volunteers): the station's roster, adding a
volunteer, a new setup code (a PIN reset), deactivating and reactivating.

Every change is an event the hub writes into the station's feed under the station's author lock
(`lock_author`), so the kiosks fold it on their next pull. No PIN or hash is typed here: a
volunteer added (or reset) gets a one-time 8-digit setup code, shown once, stored only as its
scrypt hash in `volunteer.setup_code_issued`; at a kiosk they type number + code and choose
their PIN. The name and phone are sealed under a key the hub makes for the volunteer
(`HubVault.seal`); the pull hands that key to the station's kiosks beside the event, as a phone
ticket's.
docs/hub.md, "Volunteers at the centre"; docs/privacy.md, "Volunteers".
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.errors import ValidationError
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.core.order import agreed_order
from kiosk.core.secrets import hash_secret, verify_secret
from kiosk.core.text import clean_name, clean_phone
from kiosk.core.words import BADGE_REVOKE_REASONS
from kiosk.features.volunteers import hub_roster
from kiosk.features.volunteers.domain.folds import VolunteerState, fold_volunteer
from kiosk.features.volunteers.domain.serials import (
    RevokeReason,
    badge_link,
    expiry_for,
    fold_lifetime,
    new_badge,
)
from kiosk.features.volunteers.hub_names import registered_names
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_events, to_domain
from kiosk.platform.hub.models import HubErasedSubject
from kiosk.platform.hub.vault import HubVault
from kiosk.platform.hub.web_accounts import csrf_ok
from kiosk.platform.hub.web_centre import Centre, CentreView
from kiosk.platform.hub.web_centre import _form_body as form_body
from kiosk.platform.hub.web_events import append_hub_event, lock_author
from kiosk.platform.hub.web_render import PageError, read_form
from kiosk.platform.hub.web_reports import Paging
from kiosk.platform.sync.protocol import BadgeOut

router = APIRouter(prefix="/centre", tags=["centre dashboard"])
SETUP_CODE_DAYS = 7
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_NUMBERED = re.compile(r"^(.*?)(\d+)$")
_LEADER = "tl-"  # a team leader's account id: admin.service.accounts.team_leader_id

WORDS: dict[str, tuple[str, str]] = {
    "volunteers": ("志愿者", "Volunteers"),
    "vol_lead": (
        "在中心添加、停用志愿者，发放一次性设置码：志愿者在终端输入手机号和设置码后自行设置密码。"
        "每项变更在各终端下次同步后生效。",
        "Add and deactivate volunteers, and give one-time setup codes: the volunteer types "
        "their phone and the code at a kiosk and chooses their own PIN. Each change reaches "
        "the station's kiosks on their next sync.",
    ),
    "vol_number": ("编号", "Number"),
    "vol_name": ("姓名", "Name"),
    "vol_phone": ("手机号", "Phone"),
    "vol_state": ("状态", "State"),
    "vol_pin": ("密码", "PIN"),
    "vol_badge": ("工牌", "Badge"),
    "vol_active": ("在册", "Active"),
    "vol_inactive": ("已停用", "Deactivated"),
    "vol_pin_set": ("已设置", "Set"),
    "vol_code_pending": ("设置码待用（{until} 前）", "Setup code waiting (until {until})"),
    "vol_code_expired": ("设置码已过期", "Setup code expired"),
    "vol_pin_none": ("未设置", "Not set"),
    "vol_none": ("该站点还没有志愿者", "The station has no volunteers yet"),
    "vol_add_title": ("添加志愿者", "Add a volunteer"),
    "vol_add": ("添加并生成设置码", "Add and make a setup code"),
    "vol_open": ("管理", "Manage"),
    "vol_reset": ("重置密码（生成新设置码）", "Reset the PIN (new setup code)"),
    "vol_deactivate": ("停用", "Deactivate"),
    "vol_reactivate": ("重新启用", "Reactivate"),
    "vol_back": ("返回志愿者列表", "Back to the volunteers"),
    "vol_slip_title": ("志愿者设置码", "Volunteer setup code"),
    "vol_slip": (
        "请在本站任一终端点“签到”，再点“首次设置密码”，输入您的手机号和设置码，然后设置您自己的"
        "密码。设置码只能使用一次，{until} 前有效。编号 {number}。也可在手机上打开本站志愿者页面，"
        "点“用设置码设置密码”。",
        "At any kiosk of the station tap “Check in”, then “First time? Set up your PIN”, enter "
        "your phone and the setup code, then choose your own PIN. The code works once, until "
        "{until}. Number {number}. Or, on your phone, open the station's volunteer page and "
        "choose “Set it with your setup code”.",
    ),
    "vol_code": ("设置码", "Setup code"),
    "vol_until": ("有效至", "Valid until"),
    "vol_import": ("从表格导入", "Import from a spreadsheet"),
    "vol_code_once": (
        "设置码只显示这一次：请打印或抄给志愿者。",
        "The setup code is shown only this once: print it or copy it for the volunteer.",
    ),
    "vol_print": ("打印", "Print"),
    "vol_added": ("已添加志愿者", "The volunteer was added"),
    "vol_was_reset": ("已生成新的设置码，原密码在终端同步后失效", "A new setup code was made"),
    "vol_was_deactivated": (
        "已停用，终端同步后将拒绝其签到",
        "Deactivated: kiosks refuse them after sync",
    ),
    "vol_was_reactivated": ("已重新启用", "Reactivated"),
    "vol_revoke": ("作废当前工牌", "Revoke the current badge"),
    "vol_issue_badge": ("签发新工牌", "Issue a new badge"),
    "vol_issue_badge_lead": (
        "新工牌一签发，原工牌在各终端同步后即失效。工牌二维码只显示这一次，请当场打印。",
        "Once a new badge is issued the old one fails at every kiosk after sync. The badge's "
        "QR code shows only this once: print it now.",
    ),
    "vol_badge_issued": (
        "已签发工牌 {serial}：请现在打印，离开本页后无法再次显示",
        "Badge {serial} issued: print it now, it cannot be shown again after this page",
    ),
    "vol_badge_inactive": ("已停用的志愿者不能签发工牌", "A deactivated volunteer gets no badge"),
    "vol_badge_title": ("志愿者工牌", "Volunteer badge"),
    "vol_badge_serial": ("工牌编号", "Badge serial"),
    "vol_badge_expires": ("有效期至", "Valid until"),
    "vol_reason": ("原因", "Reason"),
    "vol_was_revoked": (
        "工牌 {serial} 已作废，各终端同步后拒绝该工牌",
        "Badge {serial} was revoked: every kiosk refuses it after sync",
    ),
    "vol_move": ("调往其他站点", "Move to another station"),
    "vol_move_to": ("调往", "Move to"),
    "vol_move_lead": (
        "调出后本站停用该志愿者（服务时长和记录仍按原编号留在本站），在新站点登记为新志愿者并生成设置码。",
        "The volunteer is deactivated here (hours and records stay here under the old number) "
        "and registered at the new station as a new volunteer, with a setup code.",
    ),
    "vol_moved": ("已调往 {station}，新编号 {number}", "Moved to {station}, new number {number}"),
    "vol_move_same": ("请选择另一个站点", "Choose another station"),
    "vol_leader": ("队长", "Team leader"),
    "vol_leader_off": ("取消队长", "Remove as team leader"),
    "vol_leader_how": (
        "设为队长后，队长在终端的管理员登录页点“队长首次设置管理密码”，用手机号和志愿者密码确认"
        "身份，再设置自己的管理密码（中心不设置任何密码）。",
        "Once named, the team leader taps “Team leader, first time? Set your admin PIN” on a "
        "kiosk's admin sign-in, confirms who they are with phone and volunteer PIN, and chooses "
        "their admin PIN (nobody types a PIN at the centre).",
    ),
    "vol_make_leader": ("设为队长", "Make team leader"),
    "vol_leader_again": ("重新设置队长管理密码", "Let them choose a new admin PIN"),
    "vol_leader_pending": ("队长（待设置管理密码）", "Team leader (admin PIN to choose)"),
    "vol_was_leader": (
        "已设为队长：终端同步后，请其在管理员登录页设置管理密码",
        "Named team leader: after sync they choose their admin PIN at the kiosk's admin sign-in",
    ),
    "vol_leader_needs_pin": (
        "该志愿者还没有设置志愿者密码，请先让其用设置码设置",
        "This volunteer has no PIN yet: let them set it with their setup code first",
    ),
    "vol_was_leader_off": ("已取消队长，终端同步后生效", "No longer a team leader after sync"),
    "vol_not_leader": ("该志愿者不是队长", "This volunteer is not a team leader"),
    "vol_no_badge": ("该志愿者没有有效的工牌", "This volunteer has no current badge"),
    "vol_bad_reason": ("请选择作废原因", "Choose why the badge is revoked"),
    "vol_edit_title": ("修改姓名或手机号", "Change the name or phone"),
    "vol_save": ("保存", "Save"),
    "vol_was_edited": ("已保存，终端同步后生效", "Saved: kiosks show it after their next sync"),
    "vol_unknown": ("该站点没有这位志愿者", "The station has no such volunteer"),
    "vol_bad_name": ("请填写姓名（40 字以内）", "Enter the name (40 characters at most)"),
    "vol_bad_phone": ("手机号须为 11 位数字", "The phone must be 11 digits"),
    "vol_dup_phone": ("该手机号已登记在本站", "This phone is already on the station's roster"),
    "vol_already_inactive": ("该志愿者已停用", "This volunteer is deactivated already"),
    "vol_already_active": ("该志愿者在册", "This volunteer is active already"),
    "vol_erased": ("该志愿者的个人信息已删除", "This volunteer's personal data was erased"),
}


class Refused(Exception):
    """A centre action refused: `key` is the word saying why, `field` the form field."""

    def __init__(self, key: str, field: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.field = field


@dataclass(frozen=True)
class Listed:
    """One volunteer of the station as the centre's list shows them."""

    state: VolunteerState
    badge_serial: str
    erased: bool
    leader: bool = False
    leader_pending: bool = False  # named at the centre, admin PIN not chosen yet


@dataclass(frozen=True)
class Issued:
    """A setup code just made: shown once, never stored in clear."""

    volunteer_id: str
    name: str
    number: str
    code: str
    expires_at: datetime


def _named(session: Session, states: list[VolunteerState]) -> list[VolunteerState]:
    """The states with their names opened (a sealed name is opened with the hub's keys, one
    key lookup for them all; "已删除 / Erased" where it does not open)."""
    latest = {s.id: {"name": s.name, "sealed": s.sealed} for s in states}
    names = registered_names(session, latest)
    return [replace(s, name=names[s.id]) for s in states]


def _by_volunteer(session: Session, station_id: str) -> dict[str, list[Event]]:
    """Each volunteer's `volunteer.` events (the roster's read model, agreed order)."""
    found = {
        volunteer: hub_roster.of_kind(events, "volunteer.")
        for volunteer, events in hub_roster.roster_events(session, station_id).items()
    }
    return {volunteer: events for volunteer, events in found.items() if events}


def _serials(session: Session, station_id: str) -> dict[str, str]:
    """Each volunteer's current badge serial ("" once revoked), in the agreed order."""
    serials: dict[str, str] = {}
    for volunteer, events in hub_roster.roster_events(session, station_id).items():
        for event in hub_roster.of_kind(events, "badge."):
            serial = event.payload.get("serial")
            if event.kind == "badge.issued":
                serials[volunteer] = str(serial)
            elif event.kind == "badge.revoked" and serials.get(volunteer) == serial:
                serials[volunteer] = ""
    return serials


def _leaders(session: Session, station_id: str) -> dict[str, bool]:
    """Volunteers whose team-leader account is active, each with whether their admin PIN is
    still to be chosen (named at the centre, `pin_pending`)."""
    latest: dict[str, Event] = {}
    for events in hub_roster.roster_events(session, station_id).values():
        for event in hub_roster.of_kind(events, "admin.account_set"):
            latest[str(event.payload.get("account_id"))] = event
    return {
        account.removeprefix(_LEADER): bool(event.payload.get("pin_pending", False))
        for account, event in latest.items()
        if account.startswith(_LEADER) and event.payload.get("active", True)
    }


def roster(database: Database, station_id: str) -> list[Listed]:
    """The station's volunteers by number, folded from its events with the kiosks' fold."""
    with database.read() as session:
        events = _by_volunteer(session, station_id)
        serials = _serials(session, station_id)
        leaders = _leaders(session, station_id)
        erased = set(
            session.scalars(
                HubErasedSubject.__table__.select()  # type: ignore[arg-type]
                .with_only_columns(HubErasedSubject.subject)
                .where(HubErasedSubject.subject.in_(events))
            )
        )
        states = _named(session, [s for s in map(fold_volunteer, events.values()) if s])
    listed = [
        Listed(
            state,
            serials.get(state.id, ""),
            state.id in erased,
            state.id in leaders,
            leaders.get(state.id, False),
        )
        for state in states
    ]
    return sorted(listed, key=lambda v: v.state.number)


def _phones(vault: HubVault, session: Session, states: list[VolunteerState]) -> dict[str, str]:
    """The phones of these volunteers (opened where sealed) by volunteer id."""
    phones = {}
    for state in states:
        if state.sealed:
            fields = vault.open(session, state.sealed)
            phones[state.id] = "" if fields is None else str(fields.get("phone") or "")
        else:
            phones[state.id] = state.phone
    return phones


def _next_number(states: list[VolunteerState], station_id: str) -> str:
    """The next number after the station's highest (same prefix and width), else
    `<STATION>-0001`."""
    best: tuple[int, str, int] | None = None
    for state in states:
        match = _NUMBERED.match(state.number)
        if match and (best is None or int(match.group(2)) > best[0]):
            best = (int(match.group(2)), match.group(1), len(match.group(2)))
    if best is None:
        return f"{station_id.upper()[:26]}-0001"
    value, prefix, width = best
    return f"{prefix}{value + 1:0{width}d}"


def _new_code(
    session: Session, station_id: str, volunteer_id: str, now: datetime, actor: str
) -> tuple[str, datetime]:
    code = f"{secrets.randbelow(10**8):08d}"
    expires_at = now + timedelta(days=SETUP_CODE_DAYS)
    payload = {
        "volunteer_id": volunteer_id,
        "code_hash": hash_secret(code),
        "expires_at": expires_at.isoformat(),
    }
    append_hub_event(session, station_id, "volunteer.setup_code_issued", payload, now, actor=actor)
    return code, expires_at


def add_volunteer(
    database: Database,
    vault: HubVault,
    clock: Clock,
    station_id: str,
    name: str,
    phone: str,
    actor: str,
) -> Issued:
    """Register a new volunteer at the station (number allocated here, phone sealed) and give
    them a setup code; Refused names the field. Both events land together or not at all."""
    name, phone = clean_fields(name, phone)
    with database.write() as session:
        lock_author(session, station_id)  # numbers are counted under the station's lock
        states = station_states(session, station_id)
        if phone in active_phones(vault, session, states):
            raise Refused("vol_dup_phone", "phone")
        return register(session, vault, station_id, states, name, phone, clock.now(), actor)


def station_states(session: Session, station_id: str) -> list[VolunteerState]:
    """Every volunteer of the station, folded, their names opened."""
    folded = [s for s in map(fold_volunteer, _by_volunteer(session, station_id).values()) if s]
    return _named(session, folded)


def active_phones(vault: HubVault, session: Session, states: list[VolunteerState]) -> set[str]:
    """The phones of the station's active volunteers (opened where sealed)."""
    return set(_phones(vault, session, [s for s in states if s.active]).values()) - {""}


def register(
    session: Session,
    vault: HubVault,
    station_id: str,
    states: list[VolunteerState],
    name: str,
    phone: str,
    now: datetime,
    actor: str,
) -> Issued:
    """Write one new volunteer and their setup code in the caller's transaction (which holds
    the station's author lock); `states` gets the new one, so the next number follows it."""
    volunteer_id = new_id()
    number = _next_number(states, station_id)
    # Name and phone sealed under the volunteer's new key: the log never holds them in clear.
    sealed = vault.seal(session, station_id, volunteer_id, {"name": name, "phone": phone}, now)
    registered = {"volunteer_id": volunteer_id, "number": number, "sealed": sealed}
    append_hub_event(session, station_id, "volunteer.registered", registered, now, actor)
    code, expires_at = _new_code(session, station_id, volunteer_id, now, actor)
    states.append(
        VolunteerState(volunteer_id, name, number, "", None, True, now, sealed, None, None, None)
    )
    return Issued(volunteer_id, name, number, code, expires_at)


def clean_fields(name: str, phone: str) -> tuple[str, str]:
    try:
        name = clean_name(name)
    except ValidationError:
        raise Refused("vol_bad_name", "name") from None
    try:
        phone = clean_phone(phone)
    except ValidationError:
        raise Refused("vol_bad_phone", "phone") from None
    if len(phone) != 11:
        raise Refused("vol_bad_phone", "phone")
    return name, phone


def phone_of(database: Database, vault: HubVault, station_id: str, volunteer_id: str) -> str:
    """The volunteer's phone as the hub can open it ("" once erased)."""
    with database.read() as session:
        state = _one(session, station_id, volunteer_id)
        return _phones(vault, session, [state])[state.id]


def edit_volunteer(
    database: Database,
    vault: HubVault,
    clock: Clock,
    station_id: str,
    volunteer_id: str,
    name: str,
    phone: str,
    actor: str,
) -> VolunteerState:
    """A new name or phone: a later `volunteer.registered` (same id and number; the kiosks'
    fold takes the latest), the phone sealed under the volunteer's existing key."""
    name, phone = clean_fields(name, phone)
    now = clock.now()
    with database.write() as session:
        lock_author(session, station_id)
        states = [s for s in map(fold_volunteer, _by_volunteer(session, station_id).values()) if s]
        state = next((s for s in states if s.id == volunteer_id), None)
        if state is None:
            raise Refused("vol_unknown")
        others = [s for s in states if s.active and s.id != volunteer_id]
        if phone in _phones(vault, session, others).values():
            raise Refused("vol_dup_phone", "phone")
        # The new name and phone sealed under the volunteer's existing key, as at the add.
        sealed = vault.reseal(session, volunteer_id, {"name": name, "phone": phone})
        if sealed is None or session.get(HubErasedSubject, volunteer_id) is not None:
            raise Refused("vol_erased")
        registered = {"volunteer_id": volunteer_id, "number": state.number, "sealed": sealed}
        append_hub_event(session, station_id, "volunteer.registered", registered, now, actor)
    return state


def _one(session: Session, station_id: str, volunteer_id: str) -> VolunteerState:
    events = _by_volunteer(session, station_id).get(volunteer_id)
    state = fold_volunteer(events) if events else None
    if state is None:
        raise Refused("vol_unknown")
    return _named(session, [state])[0]


def reset_pin(
    database: Database, clock: Clock, station_id: str, volunteer_id: str, actor: str
) -> Issued:
    """A new setup code: the volunteer's next PIN is chosen with it at a kiosk."""
    now = clock.now()
    with database.write() as session:
        lock_author(session, station_id)
        state = _one(session, station_id, volunteer_id)
        if not state.active:
            raise Refused("vol_already_inactive")
        code, expires_at = _new_code(session, station_id, volunteer_id, now, actor)
    return Issued(volunteer_id, state.name, state.number, code, expires_at)


def set_active(
    database: Database, clock: Clock, station_id: str, volunteer_id: str, active: bool, actor: str
) -> VolunteerState:
    """Deactivate (kiosks refuse their check-in after sync) or reactivate a volunteer."""
    now = clock.now()
    with database.write() as session:
        lock_author(session, station_id)
        state = _one(session, station_id, volunteer_id)
        if state.active == active:
            raise Refused("vol_already_active" if active else "vol_already_inactive")
        kind = "volunteer.reactivated" if active else "volunteer.deactivated"
        append_hub_event(session, station_id, kind, {"volunteer_id": volunteer_id}, now, actor)
        if not active:
            _leader_off(session, station_id, volunteer_id, now, actor)
    return state


def revoke_badge(
    database: Database,
    clock: Clock,
    station_id: str,
    volunteer_id: str,
    reason: str,
    actor: str,
) -> str:
    """Revoke the volunteer's current badge serial (`badge.revoked`, the same event a kiosk's
    admin writes): it fails at every kiosk of the station after their next pull. Returns the
    serial."""
    if reason not in {r.value for r in RevokeReason}:
        raise Refused("vol_bad_reason", "reason")
    now = clock.now()
    with database.write() as session:
        lock_author(session, station_id)
        _one(session, station_id, volunteer_id)
        serial = _serials(session, station_id).get(volunteer_id, "")
        if not serial:
            raise Refused("vol_no_badge")
        payload = {"serial": serial, "volunteer_id": volunteer_id, "reason": reason}
        append_hub_event(session, station_id, "badge.revoked", payload, now, actor)
    return serial


def issue_serial_in(
    session: Session, station_id: str, volunteer_id: str, now: datetime, actor: str
) -> BadgeOut:
    """Append `badge.issued` in the caller's transaction (the station's author lock taken: the
    hub writes into the station's feed like a kiosk of it), valid for the station's badge
    lifetime (the latest `badge.lifetime_set` its kiosks sent). The token is returned once; the
    event holds only its hash."""
    lock_author(session, station_id)
    settings = station_events(session, "badge.lifetime_set", [station_id], _EPOCH, None)
    lifetime = fold_lifetime([to_domain(row) for row in settings])
    badge = new_badge()
    expires_on = expiry_for(now.date(), lifetime)
    payload = {
        "serial": badge.serial,
        "volunteer_id": volunteer_id,
        "secret_hash": badge.secret_hash,
        "expires_on": expires_on.isoformat(),
    }
    append_hub_event(session, station_id, "badge.issued", payload, now, actor=actor)
    return BadgeOut(
        volunteer_id=volunteer_id,
        key_id="serial",
        token=badge.token,
        serial=badge.serial,
        expires_on=expires_on,
    )


def issue_badge_at_centre(
    database: Database, clock: Clock, station_id: str, volunteer_id: str, actor: str
) -> tuple[VolunteerState, BadgeOut]:
    """A new serial badge for an active volunteer (`badge.issued`, the event a kiosk's print
    writes): the previous serial stops working at every kiosk after their next pull."""
    with database.write() as session:
        state = _one(session, station_id, volunteer_id)
        if not state.active:
            raise Refused("vol_badge_inactive")
        return state, issue_serial_in(session, station_id, volunteer_id, clock.now(), actor)


def badge_qr_svg(text: str) -> str:
    """The badge's QR as an SVG path (drawn by the hub: no image library, prints sharp)."""
    import qrcode
    from qrcode.image.svg import SvgPathImage

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image(image_factory=SvgPathImage)
    return str(image.to_string(encoding="unicode"))


def move_volunteer(
    database: Database,
    vault: HubVault,
    clock: Clock,
    station_id: str,
    volunteer_id: str,
    to_station: str,
    actor: str,
) -> Issued:
    """Move a volunteer to another station: deactivated here (their hours, shifts and number
    stay here, under their old id) and registered there as a new volunteer (a new id, a number
    of that station, the phone sealed under a new key of that station) with a setup code.
    Both stations' author locks are taken in a fixed order, so two moves never deadlock."""
    if to_station == station_id:
        raise Refused("vol_move_same", "to")
    now = clock.now()
    with database.write() as session:
        for locked in sorted({station_id, to_station}):
            lock_author(session, locked)
        here = station_states(session, station_id)
        state = next((s for s in here if s.id == volunteer_id), None)
        if state is None:
            raise Refused("vol_unknown")
        if not state.active:
            raise Refused("vol_already_inactive")
        phone = _phones(vault, session, [state])[volunteer_id]
        if not phone or session.get(HubErasedSubject, volunteer_id) is not None:
            raise Refused("vol_erased")
        there = station_states(session, to_station)
        if phone in active_phones(vault, session, there):
            raise Refused("vol_dup_phone", "to")
        moved = {"volunteer_id": volunteer_id, "reason": f"moved to {to_station}"[:200]}
        append_hub_event(session, station_id, "volunteer.deactivated", moved, now, actor)
        _leader_off(session, station_id, volunteer_id, now, actor)
        return register(session, vault, to_station, there, state.name, phone, now, actor)


def set_pin_with_code(
    database: Database, clock: Clock, station_id: str, number: str, code: str, pin: str
) -> VolunteerState:
    """A PIN chosen on the volunteer's phone page with the centre's setup code: the same
    `volunteer.pin_set` (naming the code's hash) a kiosk writes. Refused says why (the keys
    are the phone page's words: vp_setup_*)."""
    pin_hash = hash_secret(pin)  # the slow part, outside the lock
    now = clock.now()
    with database.write() as session:
        lock_author(session, station_id)
        mine = [s for s in station_states(session, station_id) if s.number == number]
        mine.sort(key=lambda s: (s.active, s.registered_at))
        state = mine[-1] if mine else None
        if state is None:
            raise Refused("vp_setup_unknown", "number")
        if not state.active:
            raise Refused("vp_setup_inactive", "number")
        if state.setup_hash is None or state.setup_expires_at is None:
            raise Refused("vp_setup_none", "code")
        if not verify_secret(code, state.setup_hash):
            raise Refused("vp_setup_wrong", "code")
        if state.setup_used_at is not None:
            raise Refused("vp_setup_used", "code")
        if now > state.setup_expires_at:
            raise Refused("vp_setup_expired", "code")
        payload = {
            "volunteer_id": state.id,
            "pin_hash": pin_hash,
            "setup_code_hash": state.setup_hash,
        }
        append_hub_event(session, station_id, "volunteer.pin_set", payload, now, state.id)
    return state


def _leader_off(
    session: Session, station_id: str, volunteer_id: str, now: datetime, actor: str
) -> None:
    """A deactivated (or moved) volunteer's team-leader account stops too, as a kiosk admin's
    deactivation does: the account's latest `admin.account_set`, again with active false."""
    account_id = f"{_LEADER}{volunteer_id}"[:64]
    rows = hub_roster.roster_events(session, station_id).values()
    accounts = [e for events in rows for e in hub_roster.of_kind(events, "admin.account_set")]
    mine = agreed_order([e for e in accounts if e.payload.get("account_id") == account_id])
    if not mine or not mine[-1].payload.get("active", True):
        return
    payload = {**mine[-1].payload, "active": False}
    append_hub_event(session, station_id, "admin.account_set", payload, now, actor)


def make_leader(
    database: Database, clock: Clock, station_id: str, volunteer_id: str, actor: str
) -> None:
    """Name the volunteer team leader (设为队长). No PIN is typed here: the account's
    `pin_hash` is of a random secret nobody holds and `pin_pending` is set; at a kiosk the
    leader's phone + volunteer PIN say who they are and they choose the admin PIN (docs/hub.md,
    "Team leaders made at the centre"). Naming a leader again re-opens the choice (a leader
    who forgot their admin PIN)."""
    now = clock.now()
    with database.write() as session:
        lock_author(session, station_id)
        state = _one(session, station_id, volunteer_id)
        if not state.active:
            raise Refused("vol_already_inactive")
        if not state.pin_hash:
            raise Refused("vol_leader_needs_pin")
        payload = {
            "account_id": f"{_LEADER}{volunteer_id}"[:64],
            "name": state.number,  # never the person's name: that is sealed
            "role": "team_leader",
            "pin_hash": hash_secret(secrets.token_hex(32)),  # nobody's: chosen at a kiosk
            "active": True,
            "pin_pending": True,
        }
        append_hub_event(session, station_id, "admin.account_set", payload, now, actor)


def remove_leader(
    database: Database, clock: Clock, station_id: str, volunteer_id: str, actor: str
) -> None:
    """Switch off the volunteer's team-leader account (their admin PIN stops on every kiosk
    after sync); making one stays at a kiosk, where they choose their own admin PIN."""
    now = clock.now()
    with database.write() as session:
        lock_author(session, station_id)
        _one(session, station_id, volunteer_id)
        if volunteer_id not in _leaders(session, station_id):
            raise Refused("vol_not_leader")
        _leader_off(session, station_id, volunteer_id, now, actor)


# --- pages -------------------------------------------------------------------------------------


def _station(view: CentreView) -> str:
    if view.station:
        return view.station
    if not view.options:
        w = view.words
        raise PageError(403, w["forbidden"], w["forbidden_station"], lang=view.lang)
    return view.options[0][0]


def _when(view: CentreView, moment: datetime) -> str:
    tz = view.request.app.state.tz
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _pin_text(view: CentreView, state: VolunteerState) -> str:
    w = view.words
    if state.setup_hash and state.setup_used_at is None and state.setup_expires_at:
        if state.setup_expires_at < view.now():
            return w["vol_code_expired"] if not state.pin_hash else w["vol_pin_set"]
        return w["vol_code_pending"].format(until=_when(view, state.setup_expires_at))
    return w["vol_pin_set"] if state.pin_hash else w["vol_pin_none"]


def _row(view: CentreView, listed: Listed) -> dict[str, Any]:
    w = view.words
    state = listed.state
    return {
        "id": state.id,
        "number": state.number,
        "name": w["vol_erased"] if listed.erased else state.name,
        "active": state.active,
        "state": w["vol_active"] if state.active else w["vol_inactive"],
        "pin": _pin_text(view, state),
        "badge": listed.badge_serial or "—",
        "leader": listed.leader,
        "leader_pending": listed.leader_pending,
    }


async def _list_page(
    view: CentreView,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    notice: str = "",
) -> Response:
    station = _station(view)
    state = view.request.app.state
    rows = await run_in_threadpool(roster, state.database, station)
    try:
        number = int(view.request.query_params.get("page", "1"))
    except ValueError:
        number = 1
    paging = Paging(number, len(rows))
    shown = rows[paging.offset : paging.offset + paging.size]
    errors = errors or {}
    return view.render(
        "centre_volunteers.html",
        "volunteers",
        status=status,
        this_station=station,
        rows=[_row(view, listed) for listed in shown],
        pager=view.pager(paging),
        errors=errors,
        errors_text={k: view.words[v] for k, v in errors.items()},
        form=form or {},
        notice=notice,
    )


def _issued_page(
    view: CentreView, issued: Issued, notice: str, station: str | None = None
) -> Response:
    until = _when(view, issued.expires_at)
    return view.render(
        "centre_volunteer_code.html",
        "volunteers",
        this_station=station or _station(view),
        issued=issued,
        until=until,
        slip=view.words["vol_slip"].format(number=issued.number, until=until),
        notice=notice,
    )


def _badge_page(
    view: CentreView, station: str, member: VolunteerState, badge: BadgeOut
) -> Response:
    """The new badge, to print once: its QR opens the volunteer's own page with their number
    filled in, and the kiosks' scanners read the token after the `#` (`badge_link`)."""
    base = str(view.request.base_url).rstrip("/")
    link = badge_link(base, station, member.number, badge.token)
    assert badge.expires_on is not None
    return view.render(
        "centre_volunteer_badge.html",
        "volunteers",
        this_station=station,
        member=member,
        serial=badge.serial,
        expires=badge.expires_on.isoformat(),
        qr_svg=badge_qr_svg(link),
        notice=view.words["vol_badge_issued"].format(serial=badge.serial),
    )


def _actor(view: CentreView) -> str:
    return f"web:{view.who.username}"[:64]


async def _checked_form(view: CentreView) -> dict[str, str]:
    form = await read_form(view.request, 4096, view.lang)
    if not csrf_ok(view.who, form.get("csrf")):
        w = view.words
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    return form


@router.get("/volunteers", response_class=HTMLResponse)
async def volunteers_page(view: Centre) -> Response:
    """The station's volunteers (`?station=`, `?page=`) and the add form."""
    return await _list_page(view)


@router.post(
    "/volunteers", response_class=HTMLResponse, openapi_extra=form_body("csrf", "name", "phone")
)
async def add_page(view: Centre) -> Response:
    """Add a volunteer: 422 naming the field, nothing written; else their setup code, once."""
    form = await _checked_form(view)
    state = view.request.app.state
    fields = {"name": form.get("name", ""), "phone": form.get("phone", "").strip()}
    try:
        issued = await run_in_threadpool(
            add_volunteer,
            state.database,
            state.vault,
            state.clock,
            _station(view),
            fields["name"],
            fields["phone"],
            _actor(view),
        )
    except Refused as exc:
        return await _list_page(view, status=422, errors={exc.field: exc.key}, form=fields)
    return _issued_page(view, issued, view.words["vol_added"])


async def _volunteer_page(
    view: CentreView,
    volunteer_id: str,
    *,
    status: int = 200,
    notice: str = "",
    error: str = "",
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
) -> Response:
    station = _station(view)
    state = view.request.app.state
    listed_all = await run_in_threadpool(roster, state.database, station)
    found = [v for v in listed_all if v.state.id == volunteer_id]
    if not found:
        w = view.words
        raise PageError(404, w["vol_unknown"], lang=view.lang)
    listed = found[0]
    if form is None:
        phone = (
            ""
            if listed.erased
            else await run_in_threadpool(
                phone_of, state.database, state.vault, station, volunteer_id
            )
        )
        form = {"name": "" if listed.erased else listed.state.name, "phone": phone}
    errors = errors or {}
    return view.render(
        "centre_volunteer.html",
        "volunteers",
        status=status,
        this_station=station,
        v=_row(view, listed),
        notice=notice,
        error=error,
        errors=errors,
        errors_text={k: view.words[v] for k, v in errors.items()},
        form=form,
        erased=listed.erased,
        reasons=[(k, v[0 if view.lang == "zh" else 1]) for k, v in BADGE_REVOKE_REASONS.items()],
        move_to=[(s, n) for s, n in view.options if s != station],
    )


@router.get("/volunteers/{volunteer_id}", response_class=HTMLResponse)
async def volunteer_page(view: Centre, volunteer_id: str) -> Response:
    """One volunteer and the actions on them."""
    return await _volunteer_page(view, volunteer_id)


@router.post(
    "/volunteers/{volunteer_id}/edit",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf", "name", "phone"),
)
async def edit_page(view: Centre, volunteer_id: str) -> Response:
    """A new name or phone: 422 naming the field, nothing written."""
    form = await _checked_form(view)
    state = view.request.app.state
    fields = {"name": form.get("name", ""), "phone": form.get("phone", "").strip()}
    try:
        await run_in_threadpool(
            edit_volunteer,
            state.database,
            state.vault,
            state.clock,
            _station(view),
            volunteer_id,
            fields["name"],
            fields["phone"],
            _actor(view),
        )
    except Refused as exc:
        if exc.key == "vol_unknown":
            raise PageError(404, view.words["vol_unknown"], lang=view.lang) from None
        if not exc.field:
            return await _volunteer_page(view, volunteer_id, status=422, error=view.words[exc.key])
        errors = {exc.field: exc.key}
        return await _volunteer_page(view, volunteer_id, status=422, errors=errors, form=fields)
    return await _volunteer_page(view, volunteer_id, notice=view.words["vol_was_edited"])


@router.post(
    "/volunteers/{volunteer_id}/{action}",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf"),
)
async def act_page(view: Centre, volunteer_id: str, action: str) -> Response:
    """reset (a new setup code, shown once), deactivate or reactivate."""
    if action not in (
        "reset",
        "deactivate",
        "reactivate",
        "revoke",
        "move",
        "leader_off",
        "leader",
        "badge",
    ):
        raise PageError(404, view.words["vol_unknown"], lang=view.lang)
    form = await _checked_form(view)
    state = view.request.app.state
    station = _station(view)
    try:
        if action == "revoke":
            serial = await run_in_threadpool(
                revoke_badge,
                state.database,
                state.clock,
                station,
                volunteer_id,
                form.get("reason", ""),
                _actor(view),
            )
            done = view.words["vol_was_revoked"].format(serial=serial)
            return await _volunteer_page(view, volunteer_id, notice=done)
        if action == "badge":
            member, badge = await run_in_threadpool(
                issue_badge_at_centre,
                state.database,
                state.clock,
                station,
                volunteer_id,
                _actor(view),
            )
            return _badge_page(view, station, member, badge)
        if action == "leader":
            await run_in_threadpool(
                make_leader, state.database, state.clock, station, volunteer_id, _actor(view)
            )
            return await _volunteer_page(view, volunteer_id, notice=view.words["vol_was_leader"])
        if action == "leader_off":
            await run_in_threadpool(
                remove_leader, state.database, state.clock, station, volunteer_id, _actor(view)
            )
            done = view.words["vol_was_leader_off"]
            return await _volunteer_page(view, volunteer_id, notice=done)
        if action == "move":
            to = form.get("to", "")
            if not view.who.can_see(to) or to not in dict(view.all_stations):
                raise Refused("vol_move_same", "to")
            issued = await run_in_threadpool(
                move_volunteer,
                state.database,
                state.vault,
                state.clock,
                station,
                volunteer_id,
                to,
                _actor(view),
            )
            name = dict(view.all_stations).get(to, to)
            moved = view.words["vol_moved"].format(station=name, number=issued.number)
            return _issued_page(view, issued, moved, station=to)
        if action == "reset":
            issued = await run_in_threadpool(
                reset_pin, state.database, state.clock, station, volunteer_id, _actor(view)
            )
            return _issued_page(view, issued, view.words["vol_was_reset"])
        active = action == "reactivate"
        await run_in_threadpool(
            set_active, state.database, state.clock, station, volunteer_id, active, _actor(view)
        )
    except Refused as exc:
        if exc.key == "vol_unknown":
            raise PageError(404, view.words["vol_unknown"], lang=view.lang) from None
        return await _volunteer_page(view, volunteer_id, status=422, error=view.words[exc.key])
    done = "vol_was_reactivated" if action == "reactivate" else "vol_was_deactivated"
    return await _volunteer_page(view, volunteer_id, notice=view.words[done])
