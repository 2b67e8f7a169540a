"""Demo data for `make run` and screenshots: eight volunteers, an admin PIN, a team leader,
a few on duty."""

from __future__ import annotations

from datetime import timedelta

from kiosk.domain.admin import FIRST_ACCOUNT_ID, AdminAccount, Role
from kiosk.domain.clock import FixedClock
from kiosk.services.context import KioskServices
from kiosk.services.shifts import ShiftService

DEMO_ADMIN_PIN = "246810"
DEMO_VOLUNTEER_PIN = "1234"
DEMO_LEADER_PIN = "135790"  # 陈静 (FZB-0003) logs in as team leader

DEMO_VOLUNTEERS: list[tuple[str, str, str]] = [
    ("王芳", "FZB-0001", "13800000001"),
    ("李强", "FZB-0002", "13800000002"),
    ("陈静", "FZB-0003", "13800000003"),
    ("林志远", "FZB-0004", "13800000004"),
    ("张晓燕", "FZB-0005", "13800000005"),
    ("黄建国", "FZB-0006", "13800000006"),
    ("吴丽华", "FZB-0007", "13800000007"),
    ("郑海", "FZB-0008", "13800000008"),
]


def seed_demo(services: KioskServices) -> bool:
    """Fill an empty kiosk with demo data; returns False (and does nothing) if it has a roster."""
    if services.roster.all():
        return False
    if not services.admin.has_pin():
        services.admin.set_first_pin(DEMO_ADMIN_PIN, DEMO_ADMIN_PIN)
    ids = [
        services.roster.register(name, number, phone, DEMO_VOLUNTEER_PIN).id
        for name, number, phone in DEMO_VOLUNTEERS
    ]
    first_admin = AdminAccount(FIRST_ACCOUNT_ID, FIRST_ACCOUNT_ID, Role.STATION_ADMIN)
    services.admin.set_team_leader(first_admin, ids[2], DEMO_VOLUNTEERS[2][0], DEMO_LEADER_PIN)
    # Three volunteers on duty since this morning, so the board is not empty.
    now = services.clock.now()
    earlier = FixedClock(now - timedelta(hours=2, minutes=15))
    shifts = ShiftService(
        services.database,
        earlier,
        services.settings.shift_rules,
        services.settings.hours_rule,
        services.badges.public_keys,
        services.shifts.timezone,
    )
    for volunteer_id in ids[:3]:
        token = services.badges.issue(volunteer_id, now.date())
        shifts.scan_badge(token)
        earlier.advance(timedelta(minutes=7))
    return True
