"""A known month of station activity for the dashboard, report and certificate tests.

The clock is START (Mon 2026-11-02 08:30 in Asia/Shanghai) before and after seeding. Figures
(the uses of charging count as phone_charging, audience "none"):

- today (11-02): water 5 (traveller 4, rider 1), rest 2 (rider), phone_charging 2 → 9
- 11-01: transport 3 (elderly), phone_charging 1 → this month 13
- 10-30: water 5 (none) → the last 7 days 18
- 10-10: water 7 (traveller) → only October
- shifts: 王芳 11-01 10:00–13:07 (187 min, credited 180 by the 15-min rule),
  李强 10-29 09:00–13:00 (240), 李强 10-05 09:00–11:20 (140); 王芳 on duty since 07:30 today
- charging: two open today (one since 03:30, overdue after 4 h), one on 11-01 closed by staff
"""

from __future__ import annotations

from datetime import timedelta

from kiosk.core.clock import FixedClock
from kiosk.shell.context import KioskServices
from tests.conftest import START

WANG = ("王芳", "FZB-0001", "13800000001")
LI = ("李强", "FZB-0002", "13800000002")
PIN = "1234"


def _shift(
    services: KioskServices, clock: FixedClock, phone: str, begin: timedelta, minutes: int
) -> None:
    clock.set(START + begin)
    services.shifts.clock_with_pin(phone, PIN)
    if minutes:
        clock.set(START + begin + timedelta(minutes=minutes))
        services.shifts.clock_with_pin(phone, PIN)


def seed_month(services: KioskServices, clock: FixedClock) -> dict[str, str]:
    """Seed the figures above; returns volunteer ids by number."""
    clock.set(START - timedelta(days=40))
    ids = {
        number: services.roster.register(name, number, phone, PIN).id
        for name, number, phone in (WANG, LI)
    }
    day = timedelta(days=1)
    # START is 08:30 local: local 10:00 on 11-01 is START - 1 day + 1.5 h.
    _shift(services, clock, WANG[2], -day + timedelta(hours=1.5), 187)
    _shift(services, clock, LI[2], -4 * day + timedelta(minutes=30), 240)
    _shift(services, clock, LI[2], -28 * day + timedelta(minutes=30), 140)
    _shift(services, clock, WANG[2], -timedelta(hours=1), 0)

    clock.set(START - 23 * day)
    services.uses.record("water", "traveller", 7)
    clock.set(START - 3 * day)
    services.uses.record("water", None, 5)
    clock.set(START - day)
    services.uses.record("transport", "elderly", 3)
    old = services.charging.start("3")
    clock.set(START - day + timedelta(hours=2))
    services.charging.close(old.session_id, "code_forgotten", "station_admin")
    clock.set(START - timedelta(hours=5))
    services.charging.start("1")
    clock.set(START)
    services.uses.record("water", "traveller", 4)
    services.uses.record("water", "rider", 1)
    services.uses.record("rest", "rider", 2)
    services.charging.start("2")
    return ids
