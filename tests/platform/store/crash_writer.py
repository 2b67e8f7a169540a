"""Child process for the crash test: clocks shifts forever, printing each acknowledged commit.

Run as `python crash_writer.py DATA_DIR SEED`; a line `ack <action> <shift_id>` is printed only
after the service call returned, i.e. after its transaction committed.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import KioskError
from kiosk.platform.store.models import EventRow
from kiosk.settings import Settings
from kiosk.shell.context import build_services


def main() -> None:
    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    clock = FixedClock(datetime(2026, 11, 2, tzinfo=UTC))
    services = build_services(Settings(data_dir=data_dir), clock)
    with services.database.read() as session:
        latest = session.scalar(select(func.max(EventRow.occurred_at)))
    if latest is not None:
        clock.set(latest + timedelta(minutes=1))
    volunteers = services.roster.all()
    tokens = [services.badges.issue(v.id, clock.now().date()) for v in volunteers]
    rng = random.Random(seed)
    print("ready", flush=True)
    while True:
        clock.advance(timedelta(minutes=rng.choice([6, 30, 90])))
        try:
            result = services.shifts.scan_badge(rng.choice(tokens))
        except KioskError:
            continue
        print(f"ack {result.action.value} {result.shift_id}", flush=True)


if __name__ == "__main__":
    main()
