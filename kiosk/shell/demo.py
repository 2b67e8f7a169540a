"""Demo data for `make run` and screenshots: eight volunteers, an admin PIN, a team leader,
a few on duty."""

from __future__ import annotations

from datetime import timedelta

from kiosk.core.clock import FixedClock
from kiosk.features.admin.domain import FIRST_ACCOUNT_ID, AdminAccount, Role
from kiosk.features.lending.service import LendingService
from kiosk.features.medicine.service import MedicineService
from kiosk.features.shifts.service.shifts import ShiftService
from kiosk.features.volunteers.service.duty import Actor
from kiosk.features.volunteers.service.serials import BadgeService
from kiosk.shell.context import KioskServices

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


def seed_demo(
    services: KioskServices,
    *,
    with_lending: bool = False,
    help_desk: bool = False,
    with_training: bool = False,
) -> bool:
    """Fill an empty kiosk with demo data; returns False (and does nothing) if it has a roster.

    `with_lending` adds stock and a few loans, `help_desk` a few help requests and needs/wishes
    (`make run`, screenshots), `with_training` three volunteers' certificates (one expiring);
    the tests' template kiosk starts with empty shelves and queue.
    """
    if services.roster.all():
        return False
    if not services.admin.has_pin():
        services.admin.set_first_pin(DEMO_ADMIN_PIN, DEMO_ADMIN_PIN)
    ids = [
        services.roster.register(name, number, phone, DEMO_VOLUNTEER_PIN).id
        for name, number, phone in DEMO_VOLUNTEERS
    ]
    first_admin = AdminAccount(FIRST_ACCOUNT_ID, FIRST_ACCOUNT_ID, Role.STATION_ADMIN)
    services.admin.set_team_leader(first_admin, ids[2], DEMO_LEADER_PIN)
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
        token = services.get(BadgeService).issue(volunteer_id).token
        shifts.scan_badge(token)
        earlier.advance(timedelta(minutes=7))
    seed_medicine_box(services, Actor(ids[0], DEMO_VOLUNTEERS[0][0], ids[0]))
    if with_lending:
        seed_lending(services)
    if help_desk:
        seed_help_desk(services, ids)
        seed_first_aid(services, ids)
        seed_lists(services)
    if with_training:
        seed_training(services)
    return True


def seed_lists(services: KioskServices) -> None:
    """The station's three lists as the centre recorded them (what a pull brings)."""
    from kiosk.features.lists.demo import demo_events
    from kiosk.platform.store import eventlog

    events = demo_events(services.settings.station_id, services.clock.now())
    with services.database.write() as session:
        for event in events:
            eventlog.ingest(session, event)


def seed_training(services: KioskServices) -> None:
    """王芳 first-aid/AED trained (valid), 李强's CPR certificate expiring in 20 days, 陈静's
    induction, so the certificates tab and the emergency page show what they look like."""
    from kiosk.features.training.service import TrainingForm, TrainingService

    admin = AdminAccount(FIRST_ACCOUNT_ID, FIRST_ACCOUNT_ID, Role.STATION_ADMIN)
    training = services.get(TrainingService)
    today = training.today()
    for number, kind, trained, certificate, expires in (
        ("FZB-0001", "first_aid", 200, "RC-2026-0118", 530),
        ("FZB-0002", "cpr", 710, "RC-2025-0042", 20),
        ("FZB-0003", "induction", 30, "", None),
    ):
        training.record(
            admin,
            TrainingForm(
                number,
                kind,
                (today - timedelta(days=trained)).isoformat(),
                "市红十字会" if kind != "induction" else "站长",
                certificate,
                "" if expires is None else (today + timedelta(days=expires)).isoformat(),
            ),
        )


def seed_history(services: KioskServices, days: int = 30) -> None:
    """A month of past activity for the dashboard and reports: uses every day and closed
    shifts of the volunteers not on duty. Deterministic, so screenshots do not change."""
    from kiosk.features.uses.service import UseService

    now = services.clock.now()
    past = FixedClock(now)
    uses = UseService(
        services.database,
        past,
        services.shifts.timezone,
        lambda: {item.id for item in services.catalogue},
    )
    shifts = ShiftService(
        services.database,
        past,
        services.settings.shift_rules,
        services.settings.hours_rule,
        services.badges.public_keys,
        services.shifts.timezone,
    )
    plan = (
        ("water", "traveller"),
        ("rest", "rider"),
        ("water", "courier"),
        ("transport", "traveller"),
        ("microwave", "rider"),
        ("rest", "sanitation"),
        ("books", "elderly"),
        ("assistance", "disabled"),
    )
    phones = [phone for _name, _number, phone in DEMO_VOLUNTEERS[3:]]
    for day in range(days, 0, -1):
        base = now - timedelta(days=day)
        for i, (service, audience) in enumerate(plan):
            if (day * 7 + i * 3) % 5 == 0:
                continue
            past.set(base + timedelta(minutes=37 * i))
            uses.record(service, audience, 1 + (day + i) % 4)
        phone = phones[day % len(phones)]
        past.set(base - timedelta(hours=1))
        shifts.clock_with_pin(phone, DEMO_VOLUNTEER_PIN)
        past.set(base + timedelta(hours=2 + day % 3, minutes=(day * 13) % 60))
        shifts.clock_with_pin(phone, DEMO_VOLUNTEER_PIN)


DEMO_STOCK = {"umbrella": 6, "power_bank": 4, "book": 30, "wheelchair": 2}


def seed_lending(services: KioskServices) -> None:
    """Stock on every shelf, and loans: an umbrella overdue since last week, a power bank out
    since this morning, a book lent on a volunteer's word."""
    for item, count in DEMO_STOCK.items():
        services.lending.add_stock(item, count)
    now = services.clock.now()
    earlier = FixedClock(now - timedelta(days=5))  # the loans are back-dated, as the shifts are
    lending = LendingService(
        services.database,
        earlier,
        services.shifts.timezone,
        lambda: services.lending_items,
        services.badges.public_keys,
    )
    lending.borrow_with_phone("umbrella", "13912345678", consent=True)
    earlier.set(now - timedelta(hours=3))
    lending.borrow_with_phone("power_bank", "13698761234", consent=True)
    earlier.set(now - timedelta(minutes=40))
    on_duty_phone = DEMO_VOLUNTEERS[0][2]  # 王芳, on duty since this morning
    approver = lending.approve_by_pin(on_duty_phone, DEMO_VOLUNTEER_PIN)
    lending.borrow_with_approval("book", approver)


# (item, batch, days to expiry, units): one lot expiring within 30 days, two items low.
DEMO_LOTS: list[tuple[str, str, int, int]] = [
    ("plaster", "230815", 400, 60),
    ("plaster", "221130", 25, 8),
    ("iodophor_swab", "240102", 300, 40),
    ("gauze", "231201", 500, 30),
    ("ibuprofen", "2403117", 70, 24),
    ("motion_sickness", "230901", 150, 4),
    ("huoxiang", "240215", 200, 30),
    ("oral_rehydration", "231020", 45, 10),
    ("glucose", "240301", 100, 12),
    ("thermometer_cover", "230601", 800, 100),
    ("mask", "240110", 600, 50),
]


def seed_medicine_box(services: KioskServices, volunteer: Actor) -> None:
    """A stocked box with something to notice, a batch that expired last week, and yesterday's
    daily check (so today's shows as due after the check hour)."""
    now = services.clock.now()
    today = services.medicine.today()
    for item, batch, days, units in DEMO_LOTS:
        services.medicine.restock(volunteer, item, batch, today + timedelta(days=days), units)
    earlier = FixedClock(now - timedelta(days=200))
    past = MedicineService(
        services.database,
        earlier,
        services.shifts.timezone,
        services.medicine.items,
        services.medicine.check_hour,
    )
    past.restock(volunteer, "huoxiang", "230110", today - timedelta(days=6), 6)
    earlier.set(now - timedelta(days=1))
    past.record_check(
        volunteer, True, "green", today + timedelta(days=200), today + timedelta(days=700)
    )


def seed_first_aid(services: KioskServices, volunteer_ids: list[str]) -> None:
    """Yesterday's first-aid record (a grazed knee, two plasters from the box), so the admin's
    first-aid log and the box's stock show what a record looks like."""
    from kiosk.features.incidents.service import IncidentForm

    nurse = Actor(volunteer_ids[0], DEMO_VOLUNTEERS[0][0], volunteer_ids[0])
    services.incidents.record(
        nurse,
        IncidentForm(
            happened_at=services.clock.now() - timedelta(hours=20),
            place="waiting_hall",
            what="fall",
            first_aid=["wound_care"],
            aed_used=False,
            called_120=False,
            outcome="recovered",
            attended=volunteer_ids[:2],
            note="膝盖擦伤",
            items={"plaster": 2},
        ),
    )


def seed_help_desk(services: KioskServices, volunteer_ids: list[str]) -> None:
    """Two open help requests (one accepted, one waiting past the escalation time), one done and
    rated, and two needs/wishes (one answered with a canned answer)."""
    from kiosk.features.requests.service import RequestService
    from kiosk.features.wishes.service import WishService, canned_answer

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
    requests.order(
        "wheelchair", phone="13912345678", consent=True
    )  # waits past the escalation time
    clock.advance(timedelta(minutes=9))
    accepted = requests.order("directions")
    requests.accept(accepted.id, volunteer_ids[1])
