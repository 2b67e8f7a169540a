"""The stations page's totals are over every station it covers, whatever page is shown (#15): it
reads only the page's stations and their kiosks, and counts the rest in SQL. Driven over real
HTTP on SQLite and PostgreSQL; every figure shown is checked against the stored kiosks."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import func, select

from kiosk.platform.hub.models import Kiosk
from kiosk.platform.hub.opening import OpeningHours, is_silent
from tests.platform.hub.conftest import STATION, Hub
from tests.platform.hub.test_web_centre import OTHER, centre, signed_in  # noqa: F401  (fixture)

STATIONS = [f"st-p{n:02d}" for n in range(43)]  # with STATION and OTHER: 45, three pages


def _stored(hub: Hub, stations: list[str] | None = None) -> tuple[int, int, int]:
    """(kiosks, revoked, online) as a direct count of the stored rows."""
    since = datetime.now(UTC) - timedelta(minutes=5)
    where = [] if stations is None else [Kiosk.station_id.in_(stations)]
    with hub.app.state.database.read() as session:

        def count(*more: object) -> int:
            return int(session.scalar(select(func.count()).select_from(Kiosk).where(*where, *more)))

        revoked = count(Kiosk.revoked.is_(True))
        online = count(Kiosk.revoked.is_(False), Kiosk.last_seen >= since)
        return count(), revoked, online


def _totals(page: httpx.Response) -> str:
    found = re.search(r'<p class="totals" id="stations-totals">([^<]*)</p>', page.text)
    assert found is not None, page.text[:500]
    return found.group(1)


def _province(hub: Hub) -> None:
    """45 stations; 25 kiosks never heard from (silent: their stations are open all day), on
    the first 25 of the new stations; 3 that pushed, 2 of them on the last page; 2 revoked."""
    for station in STATIONS:
        hub.create_station(station)
    for n, station in enumerate(STATIONS[:25]):
        hub.enrol(f"k-quiet-{n:02d}", station_id=station)
    for kiosk_id, station in (
        ("k-west", STATION),
        ("k-far", STATIONS[-1]),
        ("k-south", OTHER),
    ):
        kiosk = hub.enrol(kiosk_id, station_id=station)
        assert kiosk.push(kiosk.write(1, station_id=station)).status_code == 200
    for kiosk_id, station in (("k-gone-1", STATIONS[-2]), ("k-gone-2", STATION)):
        hub.enrol(kiosk_id, station_id=station)
        revoked = hub.client.post(f"/v1/admin/kiosks/{kiosk_id}/revoke", headers=hub.admin)
        assert revoked.status_code in (200, 204)


def test_every_page_shows_the_totals_of_every_station(centre: Hub) -> None:  # noqa: F811
    _province(centre)
    kiosks, revoked, online = _stored(centre)
    assert (kiosks, revoked, online) == (30, 2, 3)
    boss = signed_in(centre, "boss")
    expected = (
        f"共 45 个站点、{kiosks} 台终端：在线 {online} 台，"
        f"离线 {kiosks - revoked - online} 台，已停用 {revoked} 台"
    )
    for number in (1, 2, 3):
        page = boss.get("/centre/", params={"page": number})
        assert page.status_code == 200
        assert _totals(page) == expected  # a total is a total, on every page
        silent = re.search(r'<p class="error" id="silent" role="alert">([^<]*)</p>', page.text)
        assert silent is not None
        # Every silent kiosk counted (revoked ones are not faults), the first 20 named, the
        # rest said: 25, though 7 of them are at stations of page 2.
        assert silent.group(1).startswith("25 台终端超过 15 分钟没有同步：")
        assert silent.group(1).endswith("，另有 5 台")
        assert silent.group(1).count("（") == 20
    # Only the page's stations' kiosks are listed; the last page's are on the last page.
    last = boss.get("/centre/", params={"page": 3})
    assert "k-far" in last.text and "k-gone-1" in last.text and "k-quiet-00" not in last.text

    english = boss.get("/centre/", params={"lang": "en"})
    assert _totals(english) == (
        f"45 stations, {kiosks} kiosks: {online} online, {kiosks - revoked - online} offline, "
        f"{revoked} revoked"
    )


def test_a_station_admin_and_one_station_count_their_own(centre: Hub) -> None:  # noqa: F811
    _province(centre)
    kiosks, revoked, online = _stored(centre, [STATION])
    assert (kiosks, revoked, online) == (2, 1, 1)
    west = signed_in(centre, "west")
    mine = west.get("/centre/")
    assert _totals(mine) == "共 1 个站点、2 台终端：在线 1 台，离线 0 台，已停用 1 台"
    assert 'id="silent"' not in mine.text  # the other stations' silent kiosks are not theirs
    assert "k-west" in mine.text and "k-south" not in mine.text

    boss = signed_in(centre, "boss")
    one = boss.get("/centre/", params={"station": STATIONS[0]})
    assert _totals(one) == "共 1 个站点、1 台终端：在线 0 台，离线 1 台，已停用 0 台"
    silent = re.search(r'id="silent" role="alert">([^<]*)</p>', one.text)
    assert silent is not None and silent.group(1).startswith("1 台终端")
    assert "另有" not in silent.group(1)


def test_a_long_silence_is_judged_as_the_whole_walk_would() -> None:
    """`is_silent` stops walking the days once the limit is passed: same answer as the open
    time of the whole silence, for a kiosk quiet a minute or a year."""
    hours = OpeningHours.stored("07:00", "22:00")
    assert hours is not None
    shanghai = ZoneInfo("Asia/Shanghai")
    now = datetime(2026, 12, 5, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai, open
    limit = timedelta(minutes=15)
    for quiet in (
        timedelta(minutes=1),
        timedelta(minutes=16),
        timedelta(hours=3),
        timedelta(hours=12),
        timedelta(days=400),
    ):
        last_seen = now - quiet
        whole = hours.open_between(last_seen, now, shanghai)
        assert is_silent(last_seen, now, hours, shanghai, limit) == (whole > limit)
