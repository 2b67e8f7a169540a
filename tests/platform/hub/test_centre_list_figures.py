"""The lists page's figures come from a read model (#15, hub migration h0023): over more
stations than a page holds, every figure the page shows (a station's row, the totals, each
region's) and the figures CSV equal the kiosks' own folds of the stored events, whichever page
is shown; a rebuild equals the live table; the migration goes down and fills it coming up.
Over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

from sqlalchemy import select

from kiosk.features.lists import domain
from kiosk.features.lists.demo import demo_events
from kiosk.features.lists.hub.read import station_lists
from kiosk.platform.hub import read_models
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.models import HubListFigure
from kiosk.platform.hub.web_events import append_hub_event
from tests.platform.hub.conftest import ADMIN_TOKEN, Hub
from tests.platform.hub.test_hub_station_names import migrate
from tests.platform.hub.test_web_centre import centre, signed_in  # noqa: F401  (fixture)

STATIONS = [f"st-l{n:03d}" for n in range(105)]  # with the fixture's two: 107, two pages
COLUMNS = (
    [f"need-{s.value}" for s in domain.NeedState]
    + ["units"]
    + [f"resource-{k.value}" for k in domain.ResourceKind]
    + [f"project-{s.value}" for s in domain.ProjectStatus]
    + ["done-month"]
)


def _row(c: domain.Counts) -> dict[str, int]:
    out = {f"need-{k}": n for k, n in c.needs.items()} | {"units": c.units}
    out |= {f"resource-{k}": n for k, n in c.resources.items()}
    out |= {f"project-{k}": n for k, n in c.projects.items()}
    return out | {"done-month": c.done_this_month}


def _add(rows: list[dict[str, int]]) -> dict[str, int]:
    return {k: sum(r[k] for r in rows) for k in COLUMNS}


def _cells(html: str) -> dict[str, int]:
    return {k: int(n) for k, n in re.findall(r'class="num ([a-z-]+)">(\d+)<', html)}


def _seed(hub: Hub) -> dict[str, str]:
    """Stations in three regions (and some in none), each with a different part of the demo's
    lists, written as the centre writes them; returns each station's region."""
    regions = {}
    for n, station in enumerate(STATIONS):
        hub.create_station(station)
        region = ("东片", "西片", "南片", "")[n % 4]
        if region:
            body = {"region": region}
            response = hub.client.put(
                f"/v1/admin/stations/{station}/region",
                json=body,
                headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
            )
            assert response.status_code == 200, response.text
        regions[station] = region
    now = datetime.now(UTC)
    with hub.app.state.database.write() as session:
        for n, station in enumerate(STATIONS):
            events = demo_events(station, now)
            for e in events[: 1 + n % len(events)]:
                append_hub_event(session, station, e.kind, e.payload, now, "centre:test")
    return regions


def _counts(hub: Hub, stations: list[str]) -> dict[str, domain.Counts]:
    """Each station's figures as the kiosks' folds give them (what the page used to fold)."""
    today = datetime.now(hub.app.state.tz).date()
    found = station_lists(hub.app.state.database, stations)
    return {s: lists.counts(domain.month_of(today)) for s, lists in found.items()}


def _stored(hub: Hub) -> set[tuple[str, str, int]]:
    with hub.app.state.database.read() as session:
        rows = session.execute(
            select(HubListFigure.station_id, HubListFigure.figure, HubListFigure.n)
        )
        return {(s, f, int(n)) for s, f, n in rows}


def test_every_figure_shown_is_the_folds_of_every_station(centre: Hub) -> None:  # noqa: F811
    regions = _seed(centre)
    everyone = sorted([*STATIONS, "st-beijing-west", "st-fuzhou-south"])
    counts = _counts(centre, everyone)
    folded = {s: _row(c) for s, c in counts.items()}
    assert sum(r["project-done"] for r in folded.values()) > 0  # the seed completes projects
    boss = signed_in(centre, "boss")

    pages = [boss.get("/centre/lists"), boss.get("/centre/lists", params={"page": 2})]
    shown: dict[str, dict[str, int]] = {}
    for page in pages:
        assert page.status_code == 200
        assert "共 107 行" in page.text  # the pager says the table goes on
        for station, row in re.findall(
            r'<tr class="station" data-station="([^"]+)">(.*?)</tr>', page.text, re.S
        ):
            shown[station] = _cells(row)
        totals = re.search(r'<tr id="totals">(.*?)</tr>', page.text, re.S)
        assert totals is not None
        # The totals row is every station's, on either page: not the page's sum.
        cells = re.findall(r'<td class="num">(\d+)</td>', totals.group(1))
        assert [int(n) for n in cells] == list(_add(list(folded.values())).values())
    assert len(re.findall(r'<tr class="station"', pages[0].text)) == 100
    assert shown == folded

    for region, row in re.findall(
        r'<tr class="region" data-region="([^"]*)">(.*?)</tr>', pages[0].text, re.S
    ):
        members = [s for s in everyone if regions.get(s, "") == region]
        cells = _cells(row)
        assert cells.pop("stations") == len(members)
        expected = _add([folded[s] for s in members])
        assert cells == {k: n for k, n in expected.items() if not k.startswith("resource-")}

    one_region = boss.get("/centre/lists", params={"region": "西片"})
    west = [s for s in everyone if regions.get(s) == "西片"]
    assert len(re.findall(r'<tr class="station"', one_region.text)) == len(west)

    exported = boss.get("/centre/lists", params={"format": "csv", "list": "summary"})
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + len(everyone)
    for line in rows[1:]:
        expected = folded[line[0]]
        assert [int(n) for n in line[2 : 2 + len(COLUMNS)]] == [expected[k] for k in COLUMNS]
        assert int(line[2 + len(COLUMNS)]) == counts[line[0]].needs_met_this_month
        assert line[-1] == regions.get(line[0], "")

    # A rebuild from the log gives the same rows as those kept with each write.
    live = _stored(centre)
    read_models.rebuild(centre.app.state.database, centre.app.state.settings)
    assert _stored(centre) == live


def test_the_migration_goes_down_and_fills_the_figures_coming_up(
    centre: Hub,  # noqa: F811
    database_url: str,
) -> None:
    _seed(centre)
    live = _stored(centre)
    assert live
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0020", down=True)
        migrate(engine, "h0023")
    finally:
        engine.dispose()
    assert _stored(centre) == live
    boss = signed_in(centre, "boss")
    assert boss.get("/centre/lists").status_code == 200


def test_a_station_admin_sees_its_own_figures(centre: Hub) -> None:  # noqa: F811
    _seed(centre)
    west = signed_in(centre, "west")
    page = west.get("/centre/lists")
    assert page.status_code == 200
    assert re.findall(r'<tr class="station" data-station="([^"]+)"', page.text) == [
        "st-beijing-west"
    ]
    assert 'id="totals"' not in page.text  # one station: its row is its total
