"""Demo data for `make run` and screenshots: eight volunteers, an admin PIN, a few on duty."""

from __future__ import annotations

from datetime import timedelta

from kiosk.domain.clock import FixedClock
from kiosk.services.context import KioskServices
from kiosk.services.shifts import ShiftService

DEMO_ADMIN_PIN = "246810"
DEMO_VOLUNTEER_PIN = "1234"

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


def seed_demo(services: KioskServices, *, help_desk: bool = False) -> bool:
    """Fill an empty kiosk with demo data; returns False (and does nothing) if it has a roster.

    `help_desk` adds a few help requests and needs/wishes (`make run`); tests that count the
    queue start without them."""
    if services.roster.all():
        return False
    if not services.admin.has_pin():
        services.admin.set_first_pin(DEMO_ADMIN_PIN, DEMO_ADMIN_PIN)
    ids = [
        services.roster.register(name, number, phone, DEMO_VOLUNTEER_PIN).id
        for name, number, phone in DEMO_VOLUNTEERS
    ]
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
    if help_desk:
        seed_help_desk(services, ids)
    return True


def seed_help_desk(services: KioskServices, volunteer_ids: list[str]) -> None:
    """Two open help requests (one accepted, one waiting past the escalation time), one done and
    rated, and two needs/wishes (one answered with a canned answer)."""
    from kiosk.services.requests import RequestService
    from kiosk.services.wishes import WishService, canned_answer

    now = services.clock.now()
    clock = FixedClock(now - timedelta(minutes=40))
    requests = RequestService(
        services.database,
        clock,
        services.shifts.timezone,
        services.requests.accept_within,
        services.badges.public_keys,
    )
    wishes = WishService(services.database, clock, services.shifts.timezone)
    done = requests.order("luggage", train="D3125")
    clock.advance(timedelta(minutes=2))
    requests.accept(done.id, volunteer_ids[0])
    clock.advance(timedelta(minutes=12))
    requests.complete(done.id, volunteer_ids[0], "escorted")
    requests.rate(done.id, "good")
    wish = wishes.submit("wages", "Unpaid for 2 months at a building site")
    clock.advance(timedelta(minutes=10))
    wishes.set_status(wish.id, "answered", "station_admin", canned_answer(2))
    wishes.submit("suggestion", "More chairs near gate 3 please")
    requests.order("wheelchair", phone="13912345678")  # waits past the escalation time
    clock.advance(timedelta(minutes=9))
    accepted = requests.order("directions")
    requests.accept(accepted.id, volunteer_ids[1])
