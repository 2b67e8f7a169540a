"""Phone + PIN against sealed phones: finding a volunteer by the phone typed on the keypad when
every phone is sealed under its volunteer's own key (docs/privacy.md, "Volunteers").

Builds a temp kiosk database by the real migrations and puts N volunteers on the roster (the
projection rows with sealed phones and their keys, as registrations leave them; default 2000,
more than a station has), then times `volunteer_by_phone` for the phone that is opened last
(the worst case: every sealed phone opened) and, as the peer figure, the same lookup by the
indexed clear column the kiosk used before. Prints one JSON line; figures are medians.
The floor: 150 ms for the worst case, well under the PIN keypad's scrypt check that follows.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.features.volunteers.store import VolunteerRow, volunteer_by_phone
from kiosk.settings import Settings
from kiosk.shell.context import build_services

VOLUNTEERS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
REPEATS = 15
FLOOR_MS = 150.0
NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


def _median_ms(run: object) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-phone-") as tmp:
        services = build_services(Settings(data_dir=Path(tmp)), FixedClock(NOW))
        try:
            database = services.database
            vault = database.vault
            phones = [f"139{i:08d}" for i in range(VOLUNTEERS)]
            with database.write() as session:
                for i, phone in enumerate(phones):
                    vid = new_id()
                    session.add(
                        VolunteerRow(
                            id=vid,
                            name=f"志愿者{i}",
                            number=f"FZB-{i:04d}",
                            phone="",
                            pin_hash=None,
                            active=True,
                            # the first registered is opened last (newest first)
                            registered_at=NOW - timedelta(minutes=VOLUNTEERS - i),
                            sealed=vault.seal(session, vid, {"phone": phone}, NOW),
                        )
                    )
                session.add(
                    VolunteerRow(
                        id=new_id(),
                        name="旧登记",
                        number="FZB-OLD",
                        phone="13800000000",
                        pin_hash=None,
                        active=True,
                        registered_at=NOW,
                    )
                )
            worst = phones[0]

            def sealed_lookup() -> None:
                with database.read() as session:
                    found = volunteer_by_phone(session, worst, vault)
                    assert found is not None and found.number == "FZB-0000"

            def clear_lookup() -> None:
                with database.read() as session:
                    found = volunteer_by_phone(session, "13800000000", vault)
                    assert found is not None and found.number == "FZB-OLD"

            sealed_ms = _median_ms(sealed_lookup)
            clear_ms = _median_ms(clear_lookup)
        finally:
            services.close()
    print(
        json.dumps(
            {
                "volunteers": VOLUNTEERS,
                "sealed_worst_ms": sealed_ms,
                "per_volunteer_us": round(sealed_ms * 1000 / VOLUNTEERS, 1),
                "clear_indexed_ms": clear_ms,
                "floor_ms": FLOOR_MS,
                "ok": sealed_ms <= FLOOR_MS,
            }
        )
    )


if __name__ == "__main__":
    main()
