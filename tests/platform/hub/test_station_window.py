"""A deep page of the training and rota lists sorts only its own stations' lines (#15): the
page at every offset equals that slice of the whole list in the page's order, on SQLite and
PostgreSQL, across many small stations (a page spanning several, a station split across
pages, stations with no line, lines not listed), and past the last line it is empty."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fastapi import FastAPI

from kiosk.features.rota import hub_lines
from kiosk.features.training import hub_records
from kiosk.platform.hub.models import HubRotaLine, HubTrainingRecord, RosterEntry

TODAY = date(2026, 12, 7)
SINCE = datetime(2026, 1, 1, tzinfo=UTC)
STATIONS = [f"st-{i:03d}" for i in range(40)]
SIZES = (1, 7, 23)


def _lines_at(i: int) -> int:
    """0 to 12 lines a station, some none (stations 0, 13, 26, 39)."""
    return (i * 5) % 13


def _seed(app: FastAPI) -> None:
    with app.state.database.write() as session:
        for i, station in enumerate(STATIONS):
            for n in range(_lines_at(i)):
                volunteer = f"v-{i}-{n % 4}"  # several lines a volunteer: the order's ties
                if n % 4 == n:
                    session.add(
                        RosterEntry(
                            station_id=station, volunteer_id=volunteer, number=f"{n:03d}", events=[]
                        )
                    )
                session.add(
                    HubTrainingRecord(
                        station_id=station,
                        training_id=f"t-{i}-{n}",
                        listed=n != 5,  # a voided record is not shown
                        volunteer_id=volunteer,
                        kind="first_aid",
                        trained_on="2026-01-01",
                        trainer="红十字会",
                        certificate_no=f"C-{n % 3}",
                        expires_on=None if n % 3 == 0 else (TODAY + timedelta(days=n)).isoformat(),
                        events=[],
                    )
                )
                session.add(
                    HubRotaLine(
                        station_id=station,
                        rota_id=f"r-{i}-{n}",
                        listed=n != 6,  # a removed line is not shown
                        volunteer_id=volunteer,
                        set_at=SINCE + timedelta(days=n),
                        weekday=None if n % 4 == 0 else n % 7 + 1,
                        starts="09:00",
                        ends="12:00",
                        sort_at=f"{n % 2:02d}:00",
                        events=[],
                    )
                )


def test_every_page_is_its_slice_of_the_whole_list(app: FastAPI) -> None:
    _seed(app)
    with app.state.database.read() as session:
        whole_training = [
            tuple(r) for r in session.execute(hub_records._lines(session, STATIONS, TODAY, False))
        ]
        whole_rota = [tuple(r) for r in session.execute(hub_lines._lines(session, STATIONS, SINCE))]
        training = hub_records.line_counts(session, STATIONS, TODAY, False)
        rota = hub_lines.line_counts(session, STATIONS, SINCE)
        assert sum(n for _, n in training) == len(whole_training)  # the page's total
        assert sum(n for _, n in rota) == len(whole_rota)
        assert len(training) == 36 and len(whole_training) > 200  # the stations with lines
        for size in SIZES:
            for offset in range(len(whole_training) + size):
                page = hub_records.page_rows(
                    session, STATIONS, TODAY, False, training, offset, size
                )
                assert page == whole_training[offset : offset + size], (size, offset)
            for offset in range(len(whole_rota) + size):
                rows = hub_lines.page_rows(session, STATIONS, SINCE, rota, offset, size)
                assert [tuple(r) for r in rows] == whole_rota[offset : offset + size]
        # a scope of a few stations pages over them alone
        few = STATIONS[5:9]
        mine = [r for r in whole_training if r[0] in few]
        for offset in range(len(mine)):
            counts = hub_records.line_counts(session, few, TODAY, False)
            page = hub_records.page_rows(session, few, TODAY, False, counts, offset, 7)
            assert page == mine[offset : offset + 7]
