"""The centre's pages naming volunteers whose names are sealed (docs/privacy.md, "Volunteers").

Builds a temp hub database (SQLite, by the real migrations) with N volunteers of one station
registered as the hub now stores them (name and phone sealed under each volunteer's own key,
`HubVault.seal`) and, for the peer figure, N registered in clear as before; then times
`roster_names` — what the hours, training, activities, rota and roll-call pages call once per
request — for each, naming the whole roster, and for the 50 volunteers a page of lines shows
(what those pages ask for since #15). Usage: bench_volunteer_names.py [N].
Opening is one key query for the page's volunteers and one unwrap and one
AES-GCM open per volunteer (never per row). Prints one JSON line; figures are medians.
Floor: 150 ms for 2000 sealed names (a page's whole budget is 500 ms, DESIGN §6).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from kiosk.core.ids import new_id
from kiosk.features.volunteers.hub import roster_names
from kiosk.features.volunteers.hub_roster import fold_roster
from kiosk.platform.hub import migrate
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.hub_events import to_domain
from kiosk.platform.hub.models import HubEvent, Station
from kiosk.platform.hub.read_models import ReadContext
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.vault import HubVault

VOLUNTEERS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
REPEATS = 9
PAGE = 50  # the volunteers a page of lines names
FLOOR_MS = 150.0
NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


def _median_ms(run: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def _seed(database: Database, vault: HubVault, station: str, sealed: bool) -> None:
    with database.write() as session:
        session.add(Station(id=station, name=station, created_at=NOW))
        session.flush()
        for n in range(VOLUNTEERS):
            volunteer_id = new_id()
            payload: dict[str, object] = {"volunteer_id": volunteer_id, "number": f"B-{n:05d}"}
            personal = {"name": f"志愿者{n}", "phone": f"138{n:08d}"}
            if sealed:
                payload["sealed"] = vault.seal(session, station, volunteer_id, personal, NOW)
            else:
                payload.update(personal)
            session.add(
                HubEvent(
                    id=new_id(),
                    station_id=station,
                    kiosk_id=f"k-{station}",
                    seq=n + 1,
                    kind="volunteer.registered",
                    occurred_at=NOW,
                    received_at=NOW,
                    payload=payload,
                )
            )
        session.flush()
        # The pages read names from the roster's read model (h0019), folded as a push does.
        rows = session.scalars(select(HubEvent).where(HubEvent.station_id == station)).all()
        fold_roster(
            session.connection(), [to_domain(r) for r in rows], ReadContext.of(HubSettings())
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'hub.db'}", 1)
        migrate.upgrade(engine)
        database = Database(engine)
        vault = HubVault(Path(folder) / "personal_data.key")
        database.vault = vault
        _seed(database, vault, "st-sealed", sealed=True)
        _seed(database, vault, "st-clear", sealed=False)

        def names(station: str) -> Callable[[], object]:
            def run() -> object:
                with database.read() as session:
                    found = roster_names(session, [station])
                    assert len(found) == VOLUNTEERS and "志愿者" in next(iter(found.values())).name
                    return found

            return run

        sealed_ms = _median_ms(names("st-sealed"))
        clear_ms = _median_ms(names("st-clear"))
        with database.read() as session:
            shown = sorted(roster_names(session, ["st-sealed"]))[:PAGE]

        def page_names() -> object:
            # What a page of lines asks for since #15: the names of the people it shows.
            with database.read() as session:
                found = roster_names(session, ["st-sealed"], shown)
                assert len(found) == len(shown)
                return found

        page_ms = _median_ms(page_names)
        engine.dispose()
    print(
        json.dumps(
            {
                "bench": "volunteer_names",
                "volunteers": VOLUNTEERS,
                "roster_names_sealed_ms": sealed_ms,
                "roster_names_clear_ms": clear_ms,
                "per_volunteer_us": round((sealed_ms - clear_ms) * 1000 / VOLUNTEERS, 1),
                "page_volunteers": PAGE,
                "page_names_sealed_ms": page_ms,
                "floor_ms": FLOOR_MS,
                "ok": sealed_ms <= FLOOR_MS,
            }
        )
    )


if __name__ == "__main__":
    main()
