"""Admin accounts, roles, the growing login lockout, management actions and their audit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Conflict, Locked, NotFound, ValidationError
from kiosk.core.events import Event
from kiosk.core.secrets import AttemptState, GrowingLockout
from kiosk.features.admin.domain import Action, AdminAccount, Permission, Role, may
from kiosk.platform.store.eventlog import event_from_row
from kiosk.platform.store.models import EventRow
from kiosk.platform.store.store import rebuild_projections
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices, build_services
from tests.conftest import START

ADMIN_PIN = "246810"
LEADER_PIN = "975310"


def events(services: KioskServices, kind: str | None = None) -> list[Event]:
    with services.database.read() as session:
        query = select(EventRow).order_by(EventRow.pos)
        if kind is not None:
            query = query.where(EventRow.kind == kind)
        return [event_from_row(row) for row in session.scalars(query).all()]


def count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def audits(services: KioskServices) -> list[dict[str, Any]]:
    return [dict(e.payload) for e in events(services, "admin.audited")]


@pytest.fixture
def admin(services: KioskServices) -> AdminAccount:
    services.admin.set_first_pin(ADMIN_PIN, ADMIN_PIN)
    return services.admin.login(ADMIN_PIN)


def test_roles_may() -> None:
    assert all(may(Role.STATION_ADMIN, p) for p in Permission)
    leader = {p for p in Permission if may(Role.TEAM_LEADER, p)}
    assert leader == {
        Permission.REVIEW_LOGS,
        Permission.REVIEW_SHIFTS,
        Permission.HANDLE_REQUESTS,
        Permission.EXPORT,
        Permission.FIRST_AID,
        Permission.DASHBOARD,
    }
    assert not any(may("nobody", p) for p in Permission)


@given(st.lists(st.booleans(), max_size=30))
def test_growing_lockout_never_shrinks_until_a_success(wrongs: list[bool]) -> None:
    policy = GrowingLockout()
    state = AttemptState()
    now = START
    last = timedelta(0)
    for wrong in wrongs:
        if not wrong:
            state, last = AttemptState(), timedelta(0)
            continue
        state = policy.after_failure(state, now)
        delay = state.locked_until - now if state.locked_until else timedelta(0)
        assert delay >= last
        assert delay <= policy.delays[-1]
        last = delay
        now = state.locked_until or now


def test_first_admin_logs_in_as_the_station_admin_and_is_audited(
    services: KioskServices, admin: AdminAccount
) -> None:
    assert admin == AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)
    (login,) = audits(services)
    assert login["action"] == Action.LOGIN and login["account_id"] == "station_admin"


def test_growing_lockout_survives_a_restart(
    services: KioskServices, admin: AdminAccount, clock: FixedClock, kiosk_settings: Settings
) -> None:
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError, match=f"{left} tries left"):
            services.admin.login("000000")
    with pytest.raises(Locked, match="30 s"):
        services.admin.login("000000")
    with pytest.raises(Locked):
        services.admin.login(ADMIN_PIN)  # even the right PIN waits
    failed = [a for a in audits(services) if a["action"] == Action.LOGIN_FAILED]
    assert len(failed) == 5 and failed[-1]["after"]["failures"] == 5
    services.close()
    expected = ["1 min", "2 min", "5 min", "10 min", "15 min", "15 min"]
    for message in expected:
        clock.advance(timedelta(minutes=16))
        restarted = build_services(kiosk_settings, clock)  # a new kiosk process, same database
        with pytest.raises(Locked, match=message):
            restarted.admin.login("000000")
        restarted.close()
    clock.advance(timedelta(minutes=16))
    restarted = build_services(kiosk_settings, clock)
    assert restarted.admin.login(ADMIN_PIN).role == Role.STATION_ADMIN
    with pytest.raises(ValidationError, match="4 tries left"):  # a success starts over
        restarted.admin.login("000000")
    restarted.close()


def test_team_leader_account_logs_in_with_its_role(
    services: KioskServices, admin: AdminAccount
) -> None:
    volunteer = services.roster.register("Li Qiang", "N-2", "13800000002", "1234")
    with pytest.raises(Conflict):
        services.admin.set_team_leader(admin, volunteer.id, ADMIN_PIN)
    with pytest.raises(ValidationError):
        services.admin.set_team_leader(admin, volunteer.id, "123")
    leader = services.admin.set_team_leader(admin, volunteer.id, LEADER_PIN)
    assert services.admin.login(LEADER_PIN) == leader
    assert leader.role == Role.TEAM_LEADER and leader.name == "Li Qiang"
    (account_set,) = events(services, "admin.account_set")
    assert account_set.payload["account_id"] == leader.id
    # The event names the leader by volunteer number: the name stays sealed in the roster.
    assert account_set.payload["name"] == "N-2"
    assert "Li Qiang" not in repr(account_set.payload)
    assert "Li Qiang" not in repr([a for a in audits(services)])
    assert [a.name for a in services.admin.accounts() if a.id == leader.id] == ["Li Qiang"]
    with pytest.raises(Locked):  # a team leader manages no accounts
        services.admin.set_team_leader(leader, volunteer.id, "112233")
    services.management.deactivate(admin, volunteer.id)  # their leader PIN goes with them
    assert [a["action"] for a in audits(services)[-2:]] == [
        "volunteer_deactivated",
        "account_set",
    ]
    with pytest.raises(ValidationError):
        services.admin.login(LEADER_PIN)
    with pytest.raises(NotFound):
        services.admin.remove_account(admin, leader.id)
    with pytest.raises(ValidationError):
        services.admin.remove_account(admin, "station_admin")


def test_management_actions_each_write_their_event_and_one_audit(
    services: KioskServices, admin: AdminAccount, clock: FixedClock
) -> None:
    m = services.management
    before = len(audits(services))
    volunteer = m.add_volunteer(admin, "Chen Jing", "N-9", "13900000009", "4321")
    m.reset_pin(admin, volunteer.id, "8765")
    printed = m.print_badge(admin, volunteer.id)
    assert printed.path.exists() and printed.path.parent == services.management.badge_folder
    m.deactivate(admin, volunteer.id)
    actions = [a["action"] for a in audits(services)[before:]]
    assert actions == ["volunteer_added", "pin_reset", "badge_printed", "volunteer_deactivated"]
    added = audits(services)[before]
    assert "phone" not in added["after"]  # sealed under the volunteer's key: not even masked
    assert not services.roster.get(volunteer.id).active
    assert [e.kind for e in events(services) if e.actor == "station_admin"][-1] == "admin.audited"


def test_bad_input_writes_nothing(services: KioskServices, admin: AdminAccount) -> None:
    m = services.management
    m.add_volunteer(admin, "Chen Jing", "N-9", "13900000009", "4321")
    start = count(services)
    for args in (
        ("", "N-1", "13900000001", "4321"),
        ("Wu", "N-1", "12", "4321"),
        ("Wu", "N-1", "13900000001", "1"),
        ("Wu", "N-9", "13900000001", "4321"),  # number taken
        ("Wu", "N-1", "13900000009", "4321"),  # phone taken
    ):
        with pytest.raises((ValidationError, Conflict)):
            m.add_volunteer(admin, *args)
    assert count(services) == start


def _flagged_shift(services: KioskServices, clock: FixedClock) -> str:
    volunteer = services.roster.register("Wang Fang", "N-1", "13800000001", "1234")
    services.shifts.scan_badge(services.badges.issue(volunteer.id, clock.now().date()))
    clock.advance(timedelta(hours=13))
    assert services.shifts.sweep() == 1
    (flagged,) = services.shifts.flagged()
    return flagged.shift_id


def test_approve_and_amend_flagged_shifts(
    services: KioskServices, admin: AdminAccount, clock: FixedClock
) -> None:
    shift_id = _flagged_shift(services, clock)
    local = services.shifts.local_time(clock.now())
    (hours,) = services.shifts.monthly_hours(local.year, local.month)
    assert hours.credited_minutes == 240  # the sweep's credit
    leader_volunteer = services.roster.register("Li", "N-2", "13800000002", "1234")
    leader = services.admin.set_team_leader(admin, leader_volunteer.id, LEADER_PIN)
    start = count(services)
    with pytest.raises(ValidationError):
        services.management.amend_shift(leader, shift_id, 5000, "forgot_checkout")
    with pytest.raises(ValidationError):
        services.management.amend_shift(leader, shift_id, 100, "because")
    assert count(services) == start
    services.management.amend_shift(leader, shift_id, 7 * 60 + 10, "forgot_checkout")
    assert services.shifts.flagged() == []
    (hours,) = services.shifts.monthly_hours(local.year, local.month)
    assert hours.credited_minutes == 430 and hours.flagged == 0  # amended minutes, not rounded
    (amended,) = events(services, "shift.amended")
    assert amended.actor == leader.id and amended.payload["reason"] == "forgot_checkout"
    last = audits(services)[-1]
    assert last["action"] == "shift_amended" and last["account_id"] == leader.id
    assert last["before"] == {"minutes": 240} and last["after"]["minutes"] == 430
    with pytest.raises(Conflict):  # already reviewed
        services.management.approve_shift(leader, shift_id)


def test_approve_keeps_minutes_and_rebuild_matches(
    services: KioskServices, admin: AdminAccount, clock: FixedClock
) -> None:
    shift_id = _flagged_shift(services, clock)
    services.management.approve_shift(admin, shift_id)
    assert services.shifts.flagged() == []
    assert audits(services)[-1]["after"] == {"minutes": 240, "flagged": False}
    volunteer = services.roster.register("Li", "N-2", "13800000002", "1234")
    services.admin.set_team_leader(admin, volunteer.id, LEADER_PIN)
    before = _tables(services)
    rebuild_projections(services.database)
    assert _tables(services) == before


def _tables(services: KioskServices) -> dict[str, list[tuple[Any, ...]]]:
    with services.database.read() as session:
        return {
            table: [tuple(r) for r in session.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
            for table in ("shifts", "admin_accounts", "admins", "volunteers")
        }


def test_settings_saved_audited_and_applied_after_restart(
    services: KioskServices, admin: AdminAccount, kiosk_settings: Settings, clock: FixedClock
) -> None:
    start = count(services)
    with pytest.raises(ValidationError):
        services.local_settings.save(admin, services.settings, {"idle_timeout_s": 5})
    with pytest.raises(ValidationError):
        services.local_settings.save(admin, services.settings, {"hub_url": "ftp://x"})
    assert count(services) == start
    new = services.local_settings.save(
        admin,
        services.settings,
        {"idle_timeout_s": 120, "language": "en", "station_name_en": "North Exit"},
    )
    assert new.idle_timeout_s == 120
    last = audits(services)[-1]
    assert last["action"] == "settings_changed"
    assert last["before"] == {
        "idle_timeout_s": 60,
        "language": "zh",
        "station_name_en": "Warm Heart Station (demo)",
    }
    services.close()
    again = build_services(kiosk_settings, clock)
    assert again.settings.idle_timeout_s == 120 and again.settings.language == "en"
    assert again.settings.station_name_en == "North Exit"
    again.close()
