"""The centre's training, activities and rota pages over more lines than a page (#15): each
page shows its slice with its people named (sealed names opened, with their numbers), the pages
together hold every line once and the totals are over all of them, and the CSV names everyone,
its names opened a few people at a time while it streams. Volunteers are added on the centre's
own form (their names sealed, as the hub stores them); the lines are pushed by a kiosk. On
SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from kiosk.features.volunteers import hub as volunteers_hub
from tests.platform.hub.conftest import STATION, Hub, Kiosk
from tests.platform.hub.test_web_centre import OTHER, centre, csrf_of, signed_in  # noqa: F401

NAMES = {STATION: ["王芳", "李强", "赵敏"], OTHER: ["陈静", "周杰"]}
BATCH = 500


@pytest.fixture
def people(centre: Hub) -> dict[str, tuple[str, str, str]]:  # noqa: F811
    """Volunteers added at the centre: id -> (station, name, number)."""
    boss = signed_in(centre, "boss")
    for station, names in NAMES.items():
        url = f"/centre/volunteers?station={station}"
        token = csrf_of(boss.get(url).text)
        for n, name in enumerate(names):
            phone = f"1391234{n:04d}"
            added = boss.post(url, data={"csrf": token, "name": name, "phone": phone})
            assert added.status_code == 200, added.text
    found: dict[str, tuple[str, str, str]] = {}
    row = (
        r'<tr class="volunteer" data-number="([^"]+)">\s*<td>[^<]*</td><td>([^<]+?)</td>'
        r'.*?/centre/volunteers/([^?"]+)\?'
    )
    for station in NAMES:
        listed = boss.get(f"/centre/volunteers?station={station}").text
        for number, name, volunteer in re.findall(row, listed, re.S):
            found[volunteer] = (station, name.strip(), number)
    assert sorted(n for _, n, _ in found.values()) == sorted(
        n for names in NAMES.values() for n in names
    )
    with centre.app.state.database.engine.connect() as connection:
        log = str(connection.exec_driver_sql("SELECT payload FROM events").all())
    assert "王芳" not in log  # sealed, as the hub stores names
    return found


def _of(people: dict[str, tuple[str, str, str]], station: str) -> list[str]:
    return sorted(v for v, (s, _, _) in people.items() if s == station)


def _push(kiosk: Kiosk, events: list[dict[str, Any]]) -> None:
    for i in range(0, len(events), BATCH):
        response = kiosk.push(events[i : i + BATCH])
        assert response.status_code == 200, response.text


def _link(page: str, name: str) -> str | None:
    found = re.search(rf'href="([^"]+)" id="page-{name}"', page)
    return None if found is None else found.group(1).replace("&amp;", "&")


def _walk(client: httpx.Client, path: str, params: dict[str, str], row: str) -> list[list[str]]:
    """Every page's rows by 'next' from the first, each row's cells as text."""
    page = client.get(path, params=params).text
    pages: list[list[str]] = []
    while True:
        pages.append(re.findall(row, page, re.S))
        nxt = _link(page, "next")
        if nxt is None:
            return pages
        page = client.get(nxt).text


def _csv(client: httpx.Client, path: str, params: dict[str, str]) -> list[dict[str, str]]:
    exported = client.get(path, params={**params, "format": "csv"})
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Names opened one person first, then three at a time in a CSV, so these few volunteers
    span many chunks; returns how many people each opening asked for (the real
    `roster_names`, counted)."""
    monkeypatch.setattr(volunteers_hub, "NAMES_FIRST", 1)
    monkeypatch.setattr(volunteers_hub, "NAMES_A_CHUNK", 3)
    asked: list[int] = []
    real = volunteers_hub.roster_names

    def counted(session: Any, stations: list[str], volunteers: set[str]) -> Any:
        asked.append(len(volunteers))
        return real(session, stations, volunteers)

    monkeypatch.setattr(volunteers_hub, "roster_names", counted)
    return asked


def test_training_pages_name_their_people_and_the_csv_everyone(
    centre: Hub,  # noqa: F811
    people: dict[str, tuple[str, str, str]],
    small_chunks: list[int],
) -> None:
    counts = {STATION: 530, OTHER: 40}
    today = datetime.now(UTC).date()
    for station, n in counts.items():
        kiosk = centre.enrol(f"k-tr-{station}", station)
        mine = _of(people, station)
        events = []
        for i in range(n):
            payload = {
                "training_id": f"tr-{station}-{i}",
                "volunteer_id": mine[i % len(mine)],
                "kind": "first_aid",
                "trained_on": "2026-01-10",
                "trainer": "红十字会",
                "certificate_no": f"RC-{station}-{i:04d}",
                "expires_on": (today + timedelta(days=400 + i % 7)).isoformat(),
            }
            events += kiosk.write(1, station_id=station, kind="training.recorded", payload=payload)
        _push(kiosk, events)
    total = sum(counts.values())
    boss = signed_in(centre, "boss")
    row = r'<tr class="line [a-z]+"><td>([^<]*) <small>([^<]*)</small></td>.*?<td>(RC-[^<]+)</td>'
    pages = _walk(boss, "/centre/training", {"show": "all"}, row)
    assert [len(p) for p in pages] == [500, total - 500]
    first = boss.get("/centre/training", params={"show": "all"}).text
    assert f"共 {total} 行" in first and "持有效急救证书 3 人" in first
    by_number = {number: name for _, name, number in people.values()}
    seen = [r for p in pages for r in p]
    assert len({c for _, _, c in seen}) == total  # every record once
    assert all(by_number[number] == name for name, number, _ in seen)  # named, not an id
    expected = sorted(  # by station, expiry, then the volunteer's number
        (s, 400 + i % 7, people[_of(people, s)[i % len(_of(people, s))]][2], f"RC-{s}-{i:04d}")
        for s, n in counts.items()
        for i in range(n)
    )
    assert [c for _, _, c in seen] == [c for _, _, _, c in expected]
    small_chunks.clear()
    rows = _csv(boss, "/centre/training", {"show": "all"})
    assert len(rows) == total and {r["certificate_no"] for r in rows} == {c for _, _, c in seen}
    assert all(by_number[r["number"]] == r["volunteer"] for r in rows)
    # The CSV's first rows wait for one person's name, every later chunk for at most three.
    assert small_chunks[0] == 1 and max(small_chunks) == 3, small_chunks


def test_activities_pages_name_who_signed_in_and_the_csv_everyone(
    centre: Hub,  # noqa: F811
    people: dict[str, tuple[str, str, str]],
    small_chunks: list[int],
) -> None:
    counts = {STATION: 130, OTHER: 15}
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=20)
    signed_total = 0
    for station, n in counts.items():
        kiosk = centre.enrol(f"k-act-{station}", station)
        mine = _of(people, station)
        events = []
        for i in range(n):
            starts = start + timedelta(hours=2 * i)
            created = {
                "activity_id": f"a-{station}-{i:03d}",
                "title": f"活动 {station} {i:03d}",
                "kind": "meeting",
                "place": "会议室",
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(hours=1)).isoformat(),
                "invited": [],
            }
            events += kiosk.write(1, station_id=station, kind="activity.created", payload=created)
            for who in mine[: 1 + i % len(mine)]:
                signed = {"activity_id": created["activity_id"], "volunteer_id": who}
                events += kiosk.write(
                    1,
                    station_id=station,
                    kind="activity.signed_in",
                    payload={**signed, "method": "badge"},
                    occurred_at=starts,
                )
                signed_total += 1
        _push(kiosk, events)
    total = sum(counts.values())
    span = {
        "from": (start - timedelta(days=1)).date().isoformat(),
        "to": datetime.now(UTC).date().isoformat(),
    }
    boss = signed_in(centre, "boss")
    first = boss.get("/centre/activities", params=span).text
    assert f"共 {total} 项活动，签到 {signed_total} 人次" in first
    assert "第 1 / 2 页" in first and f"共 {total} 行" in first
    row = (
        r'<tr class="activity"[^>]*>.*?<td>(活动 [^<]+)<br>'
        r'.*?<td class="num">(\d+)</td>\s*<td>([^<]*)</td></tr>'
    )
    pages = _walk(boss, "/centre/activities", span, row)
    assert [len(p) for p in pages] == [100, total - 100]
    seen = [r for p in pages for r in p]
    assert len({title for title, _, _ in seen}) == total
    names = {name for _, name, _ in people.values()}
    for _, signed, who in seen:
        shown = who.split("、")
        assert len(shown) == int(signed) and set(shown) <= names  # names, never an id
    assert sum(int(signed) for _, signed, _ in seen) == signed_total
    rows = _csv(boss, "/centre/activities", span)
    assert len(rows) == total and {r["title"] for r in rows} == {t for t, _, _ in seen}
    for r in rows:
        assert len(r["who"].split("; ")) == int(r["signed_in"])
        assert set(r["who"].split("; ")) <= names


def test_rota_pages_name_their_people_and_the_csv_everyone(
    centre: Hub,  # noqa: F811
    people: dict[str, tuple[str, str, str]],
    small_chunks: list[int],
) -> None:
    counts = {STATION: 520, OTHER: 30}
    starts = (datetime.now(UTC) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    for station, n in counts.items():
        kiosk = centre.enrol(f"k-rota-{station}", station)
        mine = _of(people, station)
        events = []
        for i in range(n):
            at = starts + timedelta(hours=i)
            shift = {
                "rota_id": f"r-{station}-{i}",
                "volunteer_id": mine[i % len(mine)],
                "starts_at": at.isoformat(),
                "ends_at": (at + timedelta(hours=1)).isoformat(),
            }
            events += kiosk.write(1, station_id=station, kind="rota.shift_set", payload=shift)
        _push(kiosk, events)
    total = sum(counts.values())
    boss = signed_in(centre, "boss")
    first = boss.get("/centre/rota").text
    assert f"共 {total} 条排班" in first and f"共 {total} 行" in first
    row = (
        r'<tr class="rota-line" data-station="([^"]+)">\s*<td>[^<]*</td>'
        r"\s*<td>([^<(]+) \(([^)]+)\)</td>\s*<td>([^<]+)</td>"
    )
    pages = _walk(boss, "/centre/rota", {}, row)
    assert [len(p) for p in pages] == [500, total - 500]
    seen = [r for p in pages for r in p]
    assert len(set(seen)) == total
    by_number = {(s, number): name for s, name, number in people.values()}
    assert all(by_number[(s, number)] == name for s, name, number, _ in seen)
    assert [s for s, _, _, _ in seen] == sorted(s for s, _, _, _ in seen)  # by station
    rows = _csv(boss, "/centre/rota", {})
    assert len(rows) == total
    assert sorted((r["station"], r["volunteer"], r["number"], r["when"]) for r in rows) == sorted(
        seen
    )
